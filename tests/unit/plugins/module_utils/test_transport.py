# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Retries, errors and re-authentication, against a real HTTP server on loopback."""

from __future__ import annotations

import random

import pytest

from ansible_collections.hwcloud.dis.plugins.module_utils import transport
from ansible_collections.hwcloud.dis.plugins.module_utils.config import ConnectionConfig
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, ResponseFormatError


def make_transport(url, retries=3, timeout=5.0):
    config = ConnectionConfig.from_params({"endpoint": url, "timeout": timeout, "retries": retries,
                                           "validate_certs": True})
    sleeps = []
    client = transport.Transport(config, sleep=sleeps.append, rng=random.Random(1))
    return client, sleeps


DIS_NOT_FOUND = (400, {"X-Request-Id": "req-1"}, {"errorCode": "DIS.4301", "message": "Stream does not exist."})


def test_success_returns_json_status_and_request_id(scripted_server):
    scripted_server.script((200, {"X-Request-Id": "abc"}, {"tasks": []}))
    client = make_transport(scripted_server.url)[0]
    response = client.request("list", "GET", scripted_server.url + "/v2/p/streams")
    assert (response.status, response.data, response.request_id) == (200, {"tasks": []}, "abc")


def test_dis_error_body_becomes_code_message_and_request_id(scripted_server):
    scripted_server.script(DIS_NOT_FOUND)
    client, sleeps = make_transport(scripted_server.url)
    with pytest.raises(DisError) as caught:
        client.request("list dump tasks of stream s", "GET", scripted_server.url + "/v2/p/streams/s/transfer-tasks")
    error = caught.value
    assert (error.status, error.code, error.message, error.request_id) == (
        400, "DIS.4301", "Stream does not exist.", "req-1")
    assert error.operation == "list dump tasks of stream s"
    assert sleeps == [] and len(scripted_server.received) == 1


def test_gateway_error_shape_is_read(scripted_server):
    scripted_server.script((403, {}, {"error_code": "APIGW.0302", "error_msg": "forbidden"}))
    client = make_transport(scripted_server.url)[0]
    with pytest.raises(DisError) as caught:
        client.request("op", "GET", scripted_server.url + "/x")
    assert (caught.value.code, caught.value.message) == ("APIGW.0302", "forbidden")


@pytest.mark.parametrize("reply", [
    (429, {}, {"error_code": "APIGW.0308", "error_msg": "throttled"}),
    (400, {}, {"errorCode": "DIS.4303", "message": "Exceeded traffic control limit."}),
    (400, {}, {"errorCode": "DIS.4305", "message": "Too many stream requests."}),
    (500, {}, {"errorCode": "DIS.5000", "message": "System error."}),
    (502, {}, b""),
    (503, {"Content-Type": "text/html"}, b"<html><body>503</body></html>"),
    (504, {}, b""),
    "reset",
], ids=["429", "DIS.4303", "DIS.4305", "500", "502", "503-html", "504", "reset"])
def test_transient_failures_are_retried_until_success(scripted_server, reply):
    scripted_server.script(reply, (200, {}, {"ok": True}))
    client, sleeps = make_transport(scripted_server.url)
    assert client.request("op", "GET", scripted_server.url + "/x").data == {"ok": True}
    assert len(sleeps) == 1


def test_other_client_errors_are_not_retried(scripted_server):
    scripted_server.script((400, {}, {"errorCode": "DIS.4200", "message": "Invalid request."}))
    client, sleeps = make_transport(scripted_server.url)
    with pytest.raises(DisError):
        client.request("op", "GET", scripted_server.url + "/x")
    assert sleeps == []


def test_persistent_failure_reports_status_and_attempts(scripted_server):
    scripted_server.script(*[(503, {"Content-Type": "text/html"}, b"<html>down</html>")] * 4)
    client, sleeps = make_transport(scripted_server.url, retries=3)
    with pytest.raises(DisError) as caught:
        client.request("list streams", "GET", scripted_server.url + "/x")
    assert caught.value.attempts == 4 and len(sleeps) == 3
    assert "HTTP 503" in str(caught.value) and "after 4 attempts" in str(caught.value)
    assert caught.value.code is None


def test_backoff_grows_and_honours_retry_after(scripted_server):
    scripted_server.script((429, {"Retry-After": "7"}, {}), (429, {}, {}), (200, {}, {}))
    client, sleeps = make_transport(scripted_server.url)
    client.request("op", "GET", scripted_server.url + "/x")
    assert sleeps[0] >= 7
    assert 0 < sleeps[1] <= transport.BACKOFF_CAP


def test_backoff_is_capped():
    rng = random.Random(2)
    assert all(transport.backoff_seconds(attempt, rng) <= transport.BACKOFF_CAP for attempt in range(30))


def test_retry_after_accepts_seconds_and_http_dates():
    assert transport.retry_after_seconds("3") == 3
    assert transport.retry_after_seconds("Wed, 25 Nov 2026 10:00:10 GMT", now=1795600800.0) == 10
    assert transport.retry_after_seconds("soon") is None
    assert transport.retry_after_seconds("99999") == transport.RETRY_AFTER_CAP


def test_a_body_cut_short_is_retried(scripted_server):
    scripted_server.script((200, {"X-Claimed-Length": "100"}, b'{"tas'), (200, {}, {"tasks": []}))
    client, sleeps = make_transport(scripted_server.url)
    assert client.request("op", "GET", scripted_server.url + "/x").data == {"tasks": []}


def test_a_success_that_is_not_json_fails_clearly_after_retries(scripted_server):
    scripted_server.script(*[(200, {"Content-Type": "text/html"}, b"<html>login</html>")] * 2)
    client = make_transport(scripted_server.url, retries=1)[0]
    with pytest.raises(ResponseFormatError, match="not valid JSON"):
        client.request("op", "GET", scripted_server.url + "/x")


def test_connection_refused_is_retried_then_reported():
    client, sleeps = make_transport("http://127.0.0.1:9", retries=2)
    with pytest.raises(DisError) as caught:
        client.request("list streams", "GET", "http://127.0.0.1:9/x")
    assert caught.value.status is None and caught.value.attempts == 3 and len(sleeps) == 2
    assert "connection failed" in str(caught.value)


class RefreshableAuth:
    """An auth method whose first credential is stale."""

    generation = 0

    def __init__(self):
        self.token = "old"
        self.refreshes = 0

    def apply(self, method, url, headers, body):
        sent = dict(headers)
        sent["X-Auth-Token"] = self.token
        return sent

    def refresh(self, client):
        self.refreshes += 1
        self.generation += 1
        self.token = "new"
        return True


@pytest.mark.parametrize("status", [401, 441])
def test_refused_token_is_renewed_once(scripted_server, status):
    scripted_server.script((status, {}, {"errorCode": "DIS.4114", "message": "invalid token"}), (200, {}, {}))
    client, sleeps = make_transport(scripted_server.url)
    auth = RefreshableAuth()
    client.request("op", "GET", scripted_server.url + "/x", auth=auth)
    assert auth.refreshes == 1 and sleeps == []
    assert [r["headers"]["X-Auth-Token"] for r in scripted_server.received] == ["old", "new"]


def test_a_token_refused_twice_fails(scripted_server):
    refusal = (441, {}, {"errorCode": "DIS.4114", "message": "invalid token"})
    scripted_server.script(refusal, refusal)
    client = make_transport(scripted_server.url)[0]
    auth = RefreshableAuth()
    with pytest.raises(DisError) as caught:
        client.request("op", "GET", scripted_server.url + "/x", auth=auth)
    assert auth.refreshes == 1 and caught.value.status == 441


def test_build_url_encodes_path_parts_and_sorts_query():
    url = transport.build_url("https://h", ["v2", "p", "streams", "a/b"], [("start_stream_name", "x y"), ("limit", 10)])
    assert url == "https://h/v2/p/streams/a%2Fb?limit=10&start_stream_name=x%20y"


def test_build_url_drops_unset_query_values():
    assert transport.build_url("https://h", ["v2"], [("limit", 5), ("start_stream_name", None)]) == "https://h/v2?limit=5"


def test_redact_url_drops_user_info():
    assert transport.redact_url("https://user:pw@h:8443/x?y=1") == "https://h:8443/x?y=1"
