"""The controls hardening tests use: answers set by a test, delayed token expiry, issued tokens file."""

import base64
import json

import pytest
import requests

from dis_emulator.malformed import CORPUS

from .emulator_process import start_emulator
from .emulator_testdata import DOMAIN_NAME, PASSWORD, PROJECT_A, STATIC_TOKEN, USER_NAME

TIMEOUT = 30
HEADERS = {"X-Auth-Token": STATIC_TOKEN}
STREAMS_ROUTE = "GET /v2/{project_id}/streams"
STREAMS = f"/v2/{PROJECT_A}/streams"
TASKS = f"/v2/{PROJECT_A}/streams/orders/transfer-tasks"


def _respond_with(emulator, document):
    return requests.post(f"{emulator.url}/_emulator/respond-with", json=document, timeout=TIMEOUT)


def _get(emulator, path=STREAMS, headers=None):
    # Never follow a redirect: the corpus has one, and it must only be looked at.
    return requests.get(f"{emulator.url}{path}", headers=HEADERS if headers is None else headers, timeout=TIMEOUT,
                        allow_redirects=False)


def _issue_token(emulator):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": USER_NAME, "password": PASSWORD, "domain": {"name": DOMAIN_NAME}}}},
        "scope": {"project": {"id": PROJECT_A}}}}
    return requests.post(f"{emulator.url}/v3/auth/tokens", json=body, timeout=TIMEOUT).headers["X-Subject-Token"]


@pytest.fixture(scope="module")
def own_emulator():
    """An emulator for this file alone: its tests install answers and expire tokens."""
    running = start_emulator()
    yield running
    running.stop()


@pytest.fixture
def fresh(own_emulator):
    """That emulator with no answers installed, counters at zero and no token expiry pending."""
    requests.delete(f"{own_emulator.url}/_emulator/respond-with", timeout=TIMEOUT).raise_for_status()
    requests.post(f"{own_emulator.url}/_emulator/reset", timeout=TIMEOUT).raise_for_status()
    requests.post(f"{own_emulator.url}/_emulator/expire-tokens", timeout=TIMEOUT).raise_for_status()
    return own_emulator


# ---------------------------------------------------------------- respond-with

def test_respond_with_answers_the_route_with_the_given_status_headers_and_body(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "status": 502, "content_type": "text/plain",
                          "headers": {"Retry-After": "7"}, "body": "bad gateway"}).raise_for_status()
    response = _get(fresh)
    assert (response.status_code, response.text) == (502, "bad gateway")
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["Retry-After"] == "7"
    assert len(response.headers["X-Request-Id"]) == 32


def test_respond_with_leaves_other_routes_alone(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "status": 500, "body": ""}).raise_for_status()
    assert _get(fresh, TASKS).status_code == 200


def test_respond_with_any_route_answers_every_api_route_but_not_the_controls(fresh):
    _respond_with(fresh, {"route": "*", "status": 503, "body": "down"}).raise_for_status()
    assert _get(fresh).status_code == 503
    assert _get(fresh, TASKS).status_code == 503
    assert requests.get(f"{fresh.url}/_emulator/stats", timeout=TIMEOUT).status_code == 200


def test_respond_with_answers_before_authentication(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "status": 200, "body": "[]"}).raise_for_status()
    response = _get(fresh, headers={})
    assert (response.status_code, response.json()) == (200, [])
    assert fresh.stats()["auth_failures"] == 0


def test_respond_with_takes_bytes_in_base64(fresh):
    raw = b'{"tasks": "\xff\xfe"}'
    _respond_with(fresh, {"route": STREAMS_ROUTE, "body_base64": base64.b64encode(raw).decode()}).raise_for_status()
    assert _get(fresh).content == raw


def test_respond_with_pads_a_body_with_a_filler(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "body": '{"pad": "', "fill": "ab", "fill_count": 500_000,
                          "tail": '"}'}).raise_for_status()
    response = _get(fresh)
    assert len(response.content) == 9 + 1_000_000 + 2
    assert json.loads(response.content)["pad"] == "ab" * 500_000


def test_respond_with_times_applies_that_many_requests_then_the_route_answers_again(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "status": 500, "body": "", "times": 2}).raise_for_status()
    assert [_get(fresh).status_code for _attempt in range(3)] == [500, 500, 200]


def test_respond_with_an_array_installs_answers_that_apply_in_order(fresh):
    _respond_with(fresh, [{"route": STREAMS_ROUTE, "status": 500, "body": "", "times": 1},
                          {"route": STREAMS_ROUTE, "status": 502, "body": "", "times": 1}]).raise_for_status()
    assert [_get(fresh).status_code for _attempt in range(3)] == [500, 502, 200]


def test_respond_with_comes_before_faults(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "503")
    _respond_with(emulator, {"route": STREAMS_ROUTE, "status": 200, "body": "{}", "times": 1}).raise_for_status()
    assert _get(emulator).status_code == 200
    assert _get(emulator).status_code == 503


def test_answers_given_are_counted_like_any_request(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "status": 418, "body": ""}).raise_for_status()
    _get(fresh)
    assert fresh.stats()["routes"][STREAMS_ROUTE] == {"418": 1}


def test_delete_removes_every_answer_and_get_lists_them(fresh):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "malformed": "html-500"}).raise_for_status()
    listed = requests.get(f"{fresh.url}/_emulator/respond-with", timeout=TIMEOUT).json()
    assert listed["overrides"] == [{"route": STREAMS_ROUTE, "answer": "html-500", "remaining": None}]
    answered = listed["answered"]
    _get(fresh)
    assert requests.get(f"{fresh.url}/_emulator/respond-with", timeout=TIMEOUT).json()["answered"] == answered + 1
    removed = requests.delete(f"{fresh.url}/_emulator/respond-with", timeout=TIMEOUT).json()
    assert removed == {"removed": 1}
    assert _get(fresh).status_code == 200
    assert requests.get(f"{fresh.url}/_emulator/respond-with", timeout=TIMEOUT).json()["overrides"] == []


@pytest.mark.parametrize("document, complaint", [
    ({"route": "GET /nowhere"}, "route must be"),
    ({"route": STREAMS_ROUTE, "status": 99}, "status must be"),
    ({"route": STREAMS_ROUTE, "status": "500"}, "status must be"),
    ({"route": STREAMS_ROUTE, "colour": "red"}, "unknown key 'colour'"),
    ({"route": STREAMS_ROUTE, "body": "a", "body_base64": "YQ=="}, "not both"),
    ({"route": STREAMS_ROUTE, "body_base64": "not base64!"}, "not valid base64"),
    ({"route": STREAMS_ROUTE, "headers": {"X-A": "one\r\nX-B: two"}}, "one-line"),
    ({"route": STREAMS_ROUTE, "fill": "x", "fill_count": 10 ** 12}, "would exceed"),
    ({"route": STREAMS_ROUTE, "times": 0}, "times must be"),
    ({"route": STREAMS_ROUTE, "status": 204, "body": "x"}, "carries no body"),
    ({"route": STREAMS_ROUTE, "malformed": "no-such-entry"}, "malformed must be one of"),
    ({"route": STREAMS_ROUTE, "malformed": "html-200", "status": 500}, "drop 'status'"),
    ([], "holds no override"),
    ([{"route": STREAMS_ROUTE}, {"route": "GET /nowhere"}], "[1]: route must be"),
    ("a string", "must be a JSON object"),
])
def test_respond_with_refuses_a_bad_request_and_says_why(fresh, document, complaint):
    response = _respond_with(fresh, document)
    assert response.status_code == 400
    assert complaint in response.json()["message"]
    assert requests.get(f"{fresh.url}/_emulator/respond-with", timeout=TIMEOUT).json()["overrides"] == []


# ---------------------------------------------------------------- the malformed corpus

EXPECTED_STATUS = {"html-404": 404, "html-500": 500, "html-502": 502, "empty-500": 500, "redirect": 302}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_corpus_entry_is_served_as_built(fresh, name):
    _respond_with(fresh, {"route": STREAMS_ROUTE, "malformed": name, "times": 1}).raise_for_status()
    response = _get(fresh)
    assert response.status_code == EXPECTED_STATUS.get(name, 200)
    expected = CORPUS[name]()
    assert response.content == expected.body
    assert response.headers["Content-Type"] == expected.content_type


def test_the_corpus_names_are_listed_for_client_tests(fresh):
    listed = requests.get(f"{fresh.url}/_emulator/respond-with", timeout=TIMEOUT).json()
    assert listed["corpus"] == sorted(CORPUS)


def test_corpus_holds_what_clients_must_survive():
    for kind in ("html-200", "empty-200", "json-array", "json-null", "invalid-utf8", "deep-arrays",
                 "huge-string", "wrong-types-strings", "wrong-leaves-objects"):
        assert kind in CORPUS
    assert len(CORPUS["huge-string"]().body) > 32 * 1024 * 1024
    with pytest.raises(UnicodeDecodeError):
        CORPUS["invalid-utf8"]().body.decode("utf-8")


def test_redirect_of_the_corpus_points_at_loopback_only():
    assert CORPUS["redirect"]().headers["Location"].startswith("http://127.0.0.1:")


# ---------------------------------------------------------------- token expiry

def test_expire_tokens_after_requests_expires_them_once_that_many_api_requests_were_answered(fresh):
    token = _issue_token(fresh)
    response = requests.post(f"{fresh.url}/_emulator/expire-tokens", json={"after_requests": 3}, timeout=TIMEOUT)
    assert response.json() == {"after_requests": 3}
    statuses = [_get(fresh, headers={"X-Auth-Token": token}).status_code for _attempt in range(4)]
    assert statuses == [200, 200, 200, 441]


def test_tokens_issued_after_a_delayed_expiry_fired_stay_valid(fresh):
    requests.post(f"{fresh.url}/_emulator/expire-tokens", json={"after_requests": 1}, timeout=TIMEOUT)
    old = _issue_token(fresh)  # the token request itself is the one API request
    new = _issue_token(fresh)
    assert _get(fresh, headers={"X-Auth-Token": old}).status_code == 441
    assert _get(fresh, headers={"X-Auth-Token": new}).status_code == 200


def test_expire_tokens_without_a_body_still_expires_at_once(fresh):
    token = _issue_token(fresh)
    requests.post(f"{fresh.url}/_emulator/expire-tokens", timeout=TIMEOUT).raise_for_status()
    assert _get(fresh, headers={"X-Auth-Token": token}).status_code == 441


@pytest.mark.parametrize("body", [{"after_requests": -1}, {"after_requests": "3"}, {"after_requests": True}])
def test_expire_tokens_refuses_a_bad_count(fresh, body):
    response = requests.post(f"{fresh.url}/_emulator/expire-tokens", json=body, timeout=TIMEOUT)
    assert response.status_code == 400


# ---------------------------------------------------------------- issued tokens file

def test_issued_tokens_file_lists_every_token_handed_out(emulator_factory, tmp_path):
    listing = tmp_path / "tokens.txt"
    emulator = emulator_factory("--issued-tokens-file", str(listing))
    tokens = [_issue_token(emulator) for _attempt in range(2)]
    assert listing.read_text(encoding="utf-8").splitlines() == tokens
