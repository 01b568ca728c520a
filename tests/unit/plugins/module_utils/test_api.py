# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""The endpoint layer: URLs, headers, and bodies that are failures under HTTP 200."""

from __future__ import annotations

import json
import random

import pytest

from ansible_collections.hwcloud.dis.plugins.module_utils import api, transport
from ansible_collections.hwcloud.dis.plugins.module_utils.config import ConnectionConfig
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, InvalidInput, ResponseFormatError

PROJECT = "0123456789abcdef0123456789abcdef"


def dis_api(url):
    config = ConnectionConfig.from_params({"endpoint": url, "timeout": 5, "retries": 0, "validate_certs": True})
    return api.DisApi(transport.Transport(config, sleep=lambda s: None, rng=random.Random(1)), None, url, PROJECT)


def test_list_tasks_asks_the_documented_path_with_the_project_header(scripted_server):
    scripted_server.script((200, {}, {"total_number": 0, "tasks": []}))
    dis_api(scripted_server.url).list_transfer_tasks("orders")
    sent = scripted_server.received[0]
    assert sent["path"] == "/v2/%s/streams/orders/transfer-tasks" % PROJECT
    assert sent["headers"]["X-Project-Id"] == PROJECT and sent["headers"]["Content-Type"] == "application/json"


def test_log_query_sends_page_info_as_an_object(scripted_server):
    scripted_server.script((200, {}, {"errorCode": -1, "totalNum": 0, "transferTaskLogList": []}))
    dis_api(scripted_server.url).query_transfer_task_logs("As805BudhcH1lDs6gbn", page=3, page_size=50, order="asc")
    body = json.loads(scripted_server.received[0]["body"])
    assert body == {"order": "asc", "sortBy": "createTimeStr", "pageInfo": {"pageIndex": 3, "pageTotal": 50}}


def test_a_log_failure_under_http_200_carries_status_and_request_id(scripted_server):
    scripted_server.script((200, {"X-Request-Id": "r-1"}, {"errorCode": "DIS.4354", "message": "Transfer task does not exist."}))
    with pytest.raises(DisError) as caught:
        dis_api(scripted_server.url).query_transfer_task_logs("As805BudhcH1lDs6gbn")
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (200, "DIS.4354", "r-1")


def test_an_error_body_under_http_200_is_a_failure_on_every_endpoint(scripted_server):
    scripted_server.script((200, {}, {"errorCode": "DIS.4301", "message": "Stream does not exist."}))
    with pytest.raises(DisError) as caught:
        dis_api(scripted_server.url).list_transfer_tasks("orders")
    assert caught.value.code == "DIS.4301" and caught.value.status == 200


def test_a_body_that_is_not_an_object_is_named_in_json_terms(scripted_server):
    scripted_server.script((200, {}, [1, 2]))
    with pytest.raises(ResponseFormatError, match="got an array"):
        dis_api(scripted_server.url).list_transfer_tasks("orders")


def test_hostile_path_parts_are_refused_before_any_request(scripted_server):
    client = dis_api(scripted_server.url)
    for call in (lambda: client.list_transfer_tasks("../x"), lambda: client.show_transfer_task("s", "a/b"),
                 lambda: client.query_transfer_task_logs("%2F" * 7)):
        with pytest.raises(InvalidInput):
            call()
    assert scripted_server.received == []
