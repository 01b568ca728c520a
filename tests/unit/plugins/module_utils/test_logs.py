# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Log paging: which pages get read for which question."""

from __future__ import annotations

import threading

from ansible_collections.hwcloud.dis.plugins.module_utils import logs

TASK_ID = "As805BudhcH1lDs6gbn"
MINUTE = 60000


class FakeLogApi:
    """Serves ``count`` entries five minutes apart, newest at ``newest``; records pages read."""

    def __init__(self, count, newest=10_000 * MINUTE):
        self.entries = [{"transferTaskId": TASK_ID, "state": 0, "startTime": newest - i * 5 * MINUTE,
                         "endTime": newest - i * 5 * MINUTE + 1000, "transferBytes": 100,
                         "transferRecordsNum": 10} for i in range(count)]
        self.pages = []
        self.lock = threading.Lock()

    def query_transfer_task_logs(self, task_id, page=1, page_size=10, order="desc", sort_by="createTimeStr"):
        with self.lock:
            self.pages.append(page)
        ordered = self.entries if order == "desc" else list(reversed(self.entries))
        chunk = ordered[(page - 1) * page_size:page * page_size]
        return {"errorCode": -1, "totalNum": len(self.entries), "message": None, "transferTaskLogList": chunk}


def test_one_page_by_default():
    api = FakeLogApi(95)
    reading = logs.read_logs(api, TASK_ID)
    assert api.pages == [1] and len(reading.logs) == 10 and reading.total_num == 95


def test_all_pages_reads_every_page_once():
    api = FakeLogApi(95)
    reading = logs.read_logs(api, TASK_ID, all_pages=True)
    assert sorted(api.pages) == list(range(1, 11)) and len(reading.logs) == 95
    starts = [entry["start_time"] for entry in reading.logs]
    assert starts == sorted(starts, reverse=True)


def test_max_entries_bounds_the_pages_read():
    api = FakeLogApi(95)
    reading = logs.read_logs(api, TASK_ID, all_pages=True, window=logs.LogWindow(max_entries=25))
    assert sorted(api.pages) == [1, 2, 3] and len(reading.logs) == 25


def test_since_with_newest_first_stops_at_the_first_older_page():
    api = FakeLogApi(1000)
    newest = api.entries[0]["startTime"]
    window = logs.LogWindow(since=newest - 60 * MINUTE)  # 13 entries: 0, 5, ... 60 minutes back
    reading = logs.read_logs(api, TASK_ID, window=window)
    assert api.pages == [1, 2] and len(reading.logs) == 13


def test_until_with_oldest_first_stops_at_the_first_newer_page():
    api = FakeLogApi(100)
    oldest = api.entries[-1]["startTime"]
    window = logs.LogWindow(until=oldest + 30 * MINUTE)
    reading = logs.read_logs(api, TASK_ID, order="asc", window=window)
    assert api.pages == [1] and len(reading.logs) == 7


def test_a_window_in_the_middle_skips_newer_entries_and_stops_after_older_ones():
    api = FakeLogApi(100)
    newest = api.entries[0]["startTime"]
    window = logs.LogWindow(since=newest - 100 * MINUTE, until=newest - 60 * MINUTE)
    reading = logs.read_logs(api, TASK_ID, window=window)
    assert len(reading.logs) == 9 and api.pages == [1, 2, 3]


def test_a_window_stops_when_entries_run_out():
    api = FakeLogApi(15)
    reading = logs.read_logs(api, TASK_ID, window=logs.LogWindow(since=0))
    assert api.pages == [1, 2] and len(reading.logs) == 15


def test_an_empty_log_reads_one_page():
    api = FakeLogApi(0)
    reading = logs.read_logs(api, TASK_ID, all_pages=True)
    assert api.pages == [1] and reading.logs == [] and reading.total_num == 0


class LyingTotalApi(FakeLogApi):
    """Claims ten million entries but holds 25."""

    def query_transfer_task_logs(self, task_id, page=1, page_size=10, order="desc", sort_by="createTimeStr"):
        answer = super().query_transfer_task_logs(task_id, page, page_size, order, sort_by)
        answer["totalNum"] = 10_000_000
        return answer


def test_a_wrong_total_does_not_flood_the_service_with_page_requests():
    api = LyingTotalApi(25)
    reading = logs.read_logs(api, TASK_ID, all_pages=True)
    assert len(reading.logs) == 25
    assert len(api.pages) <= 1 + logs.PAGE_CONCURRENCY
