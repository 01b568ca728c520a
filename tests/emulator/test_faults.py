"""Fault injection and latency: each kind, reproducibility from a seed, and stats."""

import http.client
import urllib.parse

import pytest
import requests

from .emulator_testdata import PROJECT_A, STATIC_TOKEN

TIMEOUT = 10
HEADERS = {"X-Auth-Token": STATIC_TOKEN}
STREAMS = f"/v2/{PROJECT_A}/streams"


def _raw_request(emulator, path=STREAMS):
    """One request on a fresh raw connection: (status, headers, body) or the exception it raised."""
    parsed = urllib.parse.urlsplit(emulator.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=TIMEOUT)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def _outcomes(emulator, count):
    """What ``count`` sequential requests got: status, code and whether Retry-After was sent."""
    outcomes = []
    with requests.Session() as session:
        for _request in range(count):
            response = session.get(f"{emulator.url}{STREAMS}", headers=HEADERS, timeout=TIMEOUT)
            code = response.json().get("errorCode") or response.json().get("error_code")
            outcomes.append((response.status_code, code, "Retry-After" in response.headers))
    return outcomes


def test_503_fault_answers_html_on_every_api_request(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "503")
    for path in (STREAMS, f"{STREAMS}/orders/transfer-tasks"):
        status, headers, body = _raw_request(emulator, path)
        assert status == 503
        assert headers["Content-Type"].startswith("text/html")
        assert body == b"<html><body><h1>503 Service Unavailable</h1></body></html>"
        assert len(headers["X-Request-Id"]) == 32


def test_faults_spare_the_control_routes(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "503")
    _raw_request(emulator)
    stats = emulator.stats()
    assert stats["faults"] == {"503": 1}
    assert stats["routes"]["GET /v2/{project_id}/streams"] == {"503": 1}


def test_reset_fault_closes_without_a_response(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "reset")
    with pytest.raises((ConnectionError, http.client.RemoteDisconnected)):
        _raw_request(emulator)
    assert emulator.stats()["faults"] == {"reset": 1}


def test_truncate_fault_sends_a_short_body(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "truncate")
    with pytest.raises(http.client.IncompleteRead):
        _raw_request(emulator)


def test_429_fault_uses_the_gateway_body_with_and_without_retry_after(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "429", "--seed", "1")
    outcomes = _outcomes(emulator, 12)
    assert {outcome[0] for outcome in outcomes} == {429}
    assert {outcome[1] for outcome in outcomes} == {"APIGW.0308"}
    assert {outcome[2] for outcome in outcomes} == {True, False}


def test_throttle_fault_is_http_400_with_both_dis_codes(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "throttle", "--seed", "2")
    outcomes = _outcomes(emulator, 12)
    assert {outcome[0] for outcome in outcomes} == {400}
    assert {outcome[1] for outcome in outcomes} == {"DIS.4303", "DIS.4305"}


def test_500_fault_is_dis_5000(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "500")
    assert _outcomes(emulator, 1) == [(500, "DIS.5000", False)]


def test_same_seed_gives_the_same_fault_sequence(emulator_factory):
    options = ("--fault-rate", "0.5", "--fault-kinds", "429,throttle,500", "--seed", "42")
    first = _outcomes(emulator_factory(*options), 20)
    second = _outcomes(emulator_factory(*options), 20)
    assert first == second
    assert {outcome[0] for outcome in first} > {200}


def test_other_seed_gives_another_sequence(emulator_factory):
    options = ("--fault-rate", "0.5", "--fault-kinds", "429,throttle,500")
    assert _outcomes(emulator_factory(*options, "--seed", "1"), 20) != _outcomes(
        emulator_factory(*options, "--seed", "2"), 20)


def test_stats_count_faults_and_reset_zeroes_them(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "500")
    _outcomes(emulator, 3)
    assert emulator.stats()["faults"] == {"500": 3}
    requests.post(f"{emulator.url}/_emulator/reset", timeout=TIMEOUT).raise_for_status()
    assert emulator.stats() == {"total": 0, "routes": {}, "faults": {}, "tokens_issued": 0, "auth_failures": 0}


def test_faults_come_before_authentication(emulator_factory):
    emulator = emulator_factory("--fault-rate", "1", "--fault-kinds", "500")
    response = requests.get(f"{emulator.url}{STREAMS}", timeout=TIMEOUT)
    assert response.status_code == 500


def test_latency_option_still_answers(emulator_factory):
    emulator = emulator_factory("--latency-ms", "30")
    assert _outcomes(emulator, 2) == [(200, None, False)] * 2
