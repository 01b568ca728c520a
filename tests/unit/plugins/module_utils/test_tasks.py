# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Collecting tasks across streams: filters, request counts, failures, order."""

from __future__ import annotations

import threading

import pytest

from ansible_collections.hwcloud.dis.plugins.module_utils import tasks
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError

NOW = 1606984488612


def task(name, state="RUNNING", destination_type="OBS", task_id=None):
    return {"task_name": name, "state": state, "destination_type": destination_type,
            "task_id": task_id or (name.replace("-", "") + "0" * 19)[:19],
            "create_time": 1606554932552, "last_transfer_timestamp": 1606984428612}


class FakeApi:
    """An in-memory DIS: records calls; unit tests only (integration tests use the emulator)."""

    def __init__(self, streams, fail=None, pages=None):
        self.streams = streams
        self.fail = fail or {}
        self.pages = pages
        self.calls = []
        self.lock = threading.Lock()

    def _record(self, *call):
        with self.lock:
            self.calls.append(call)
        if call in self.fail:
            raise self.fail[call]

    def list_streams_page(self, start_stream_name=None, limit=100):
        self._record("streams", start_stream_name)
        return self.pages[start_stream_name]

    def list_transfer_tasks(self, stream_name):
        self._record("list", stream_name)
        return {"total_number": len(self.streams[stream_name]), "quota": 5, "tasks": self.streams[stream_name]}

    def show_transfer_task(self, stream_name, task_name):
        self._record("show", stream_name, task_name)
        found = [t for t in self.streams[stream_name] if t["task_name"] == task_name][0]
        details = {key: value for key, value in found.items() if key != "task_id"}
        details.update({"stream_name": stream_name, "partitions": [{"partitionId": "shardId-0000000000",
                                                                    "discard": 0, "state": "RUNNING"}],
                        "obs_destination_description": {"obs_bucket_path": "b", "file_prefix": "p"}})
        return details


def not_found(code, what):
    return DisError(what, "does not exist", status=400, code=code, request_id="r")


STREAMS = {"orders": [task("to-obs"), task("to-dws", "ABNORMAL", "DWS")], "clicks": [task("c-obs", "PAUSED")]}


def test_filter_matches_state_and_type_case_insensitively():
    matches = tasks.task_filter({"state": ["running", "PAUSED"], "destination_type": "obs"})
    assert matches({"state": "RUNNING", "destination_type": "OBS", "task_name": "a"})
    assert not matches({"state": "ABNORMAL", "destination_type": "OBS", "task_name": "a"})
    assert not matches({"state": "RUNNING", "destination_type": "DWS", "task_name": "a"})


def test_filter_task_name_is_a_shell_pattern():
    matches = tasks.task_filter({"task_name": "orders-*"})
    assert matches({"task_name": "orders-to-obs"}) and not matches({"task_name": "clicks-to-obs"})


def test_no_filters_match_everything():
    assert tasks.task_filter(None)({"state": None, "destination_type": None, "task_name": None})


def test_one_list_request_per_stream_and_sorted_output():
    api = FakeApi(STREAMS)
    result = tasks.collect(api, ["orders", "clicks"], NOW)
    assert sorted(api.calls) == [("list", "clicks"), ("list", "orders")]
    assert [(t["stream_name"], t["task_name"]) for t in result.transfer_tasks] == [
        ("clicks", "c-obs"), ("orders", "to-dws"), ("orders", "to-obs")]
    assert [s["stream_name"] for s in result.streams] == ["clicks", "orders"]


def test_details_are_fetched_only_for_tasks_that_pass_the_filters():
    api = FakeApi(STREAMS)
    result = tasks.collect(api, ["orders", "clicks"], NOW, details=True, filters={"state": "ABNORMAL"})
    assert [call for call in api.calls if call[0] == "show"] == [("show", "orders", "to-dws")]
    only = result.transfer_tasks[0]
    assert only["partitions"][0]["partition_id"] == "shardId-0000000000"
    assert only["destination"] == {"obs_bucket_path": "b", "file_prefix": "p"}
    assert only["task_id"] == STREAMS["orders"][1]["task_id"]


def test_one_task_by_name_lists_and_shows_that_task_only():
    api = FakeApi(STREAMS)
    result = tasks.collect(api, ["orders"], NOW, task_name="to-obs")
    assert sorted(api.calls) == [("list", "orders"), ("show", "orders", "to-obs")]
    assert [t["task_name"] for t in result.transfer_tasks] == ["to-obs"]
    assert "partitions" in result.transfer_tasks[0]


def test_a_missing_named_task_fails_with_the_dis_error():
    api = FakeApi(STREAMS, fail={("show", "orders", "nope"): not_found("DIS.4354", "show")})
    with pytest.raises(DisError) as caught:
        tasks.collect(api, ["orders"], NOW, task_name="nope")
    assert caught.value.code == "DIS.4354"


def test_a_failing_stream_fails_the_run_by_default():
    api = FakeApi(STREAMS, fail={("list", "clicks"): not_found("DIS.4301", "list")})
    with pytest.raises(DisError):
        tasks.collect(api, ["orders", "clicks"], NOW)


def test_on_error_continue_reports_the_stream_and_keeps_the_others():
    api = FakeApi(STREAMS, fail={("list", "clicks"): not_found("DIS.4301", "list")})
    result = tasks.collect(api, ["orders", "clicks"], NOW, on_error="continue")
    assert [t["stream_name"] for t in result.transfer_tasks] == ["orders", "orders"]
    assert result.errors == [{"stream_name": "clicks", "operation": "list", "status": 400, "code": "DIS.4301",
                              "message": "does not exist", "request_id": "r", "url": None}]


def test_a_stream_deleted_after_enumeration_is_left_out_with_a_warning():
    api = FakeApi(STREAMS, fail={("list", "clicks"): not_found("DIS.4301", "list")})
    result = tasks.collect(api, ["orders", "clicks"], NOW, enumerated=True)
    assert result.errors == [] and len(result.transfer_tasks) == 2
    assert "clicks" in result.warnings[0]


def test_a_task_deleted_between_listing_and_details_is_left_out_with_a_warning():
    api = FakeApi(STREAMS, fail={("show", "orders", "to-obs"): not_found("DIS.4354", "show")})
    result = tasks.collect(api, ["orders"], NOW, details=True)
    assert [t["task_name"] for t in result.transfer_tasks] == ["to-dws"]
    assert "to-obs" in result.warnings[0]


def test_include_raw_adds_the_payload_with_secrets_masked():
    streams = {"s": [dict(task("t"), user_password="hunter2")]}
    result = tasks.collect(FakeApi(streams), ["s"], NOW, include_raw=True)
    assert result.transfer_tasks[0]["raw"]["user_password"] == "********"
    assert result.transfer_tasks[0]["raw"]["task_name"] == "t"


def test_stream_enumeration_follows_pages():
    pages = {None: {"stream_names": ["a", "b"], "has_more_streams": True},
             "b": {"stream_names": ["c"], "has_more_streams": False}}
    api = FakeApi({}, pages=pages)
    assert list(tasks.iter_stream_names(api)) == ["a", "b", "c"]


def test_stream_enumeration_stops_on_a_page_with_nothing_new():
    pages = {None: {"stream_names": ["a"], "has_more_streams": True},
             "a": {"stream_names": ["a"], "has_more_streams": True}}
    assert list(tasks.iter_stream_names(FakeApi({}, pages=pages))) == ["a"]


def test_find_task_returns_facts_with_the_id():
    found = tasks.find_task(FakeApi(STREAMS), "orders", NOW, task_name="to-dws")
    assert found["task_id"] == STREAMS["orders"][1]["task_id"]


def test_find_task_by_id_returns_its_name():
    found = tasks.find_task(FakeApi(STREAMS), "orders", NOW, task_id=STREAMS["orders"][1]["task_id"])
    assert found["task_name"] == "to-dws"


def test_find_task_reports_a_missing_task():
    with pytest.raises(DisError) as caught:
        tasks.find_task(FakeApi(STREAMS), "orders", NOW, task_name="nope")
    assert caught.value.code == "DIS.4354"
