# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Read a dump task's transfer logs page by page, reading no page it does not need.

- One page: the page asked for.
- ``all_pages``: the first page tells the total; the other pages are then
  fetched side by side.
- A time window (``since`` / ``until``): pages are walked in order and the
  walk stops at the first page that reaches past the window (older than
  ``since`` when newest come first, newer than ``until`` when oldest come
  first), since every later page lies further out.
- ``max_entries``: stop once that many entries are in hand.
"""

from __future__ import annotations

import math

from ansible_collections.hwcloud.dis.plugins.module_utils import normalize
from ansible_collections.hwcloud.dis.plugins.module_utils.parallel import run_all

# Enough pages in flight to hide round trips without hammering the service.
PAGE_CONCURRENCY = 8


class LogWindow:
    """Which entries to keep: a start-time window (epoch ms, either end open) and a count limit."""

    def __init__(self, since=None, until=None, max_entries=None):
        self.since = since
        self.until = until
        self.max_entries = max_entries

    @property
    def bounded_in_time(self):
        """True when a time bound is set."""
        return self.since is not None or self.until is not None

    def keeps(self, entry):
        """True when the entry started inside the window (entries without a start time are kept)."""
        start = entry.get("start_time")
        if start is None:
            return True
        if self.since is not None and start < self.since:
            return False
        if self.until is not None and start > self.until:
            return False
        return True

    def passed(self, entry, order):
        """True when ``entry`` lies beyond the window in the reading direction: later pages can hold nothing."""
        start = entry.get("start_time")
        if start is None:
            return False
        if order == "desc":
            return self.since is not None and start < self.since
        return self.until is not None and start > self.until


class LogReading:
    """What a reading produced: kept entries, the API's total and how many pages were read."""

    def __init__(self):
        self.logs = []
        self.total_num = None
        self.pages_read = 0


def read_logs(api, task_id, order="desc", sort_by="createTimeStr", page=1, page_size=10,
              all_pages=False, window=None):
    """Read the pages the question needs and return a LogReading."""
    window = window or LogWindow()
    reading = LogReading()

    def fetch(number):
        raw = api.query_transfer_task_logs(task_id, page=number, page_size=page_size, order=order, sort_by=sort_by)
        return normalize.log_page(raw)

    first = fetch(page)
    reading.pages_read = 1
    reading.total_num = first["total_num"]
    if window.bounded_in_time:
        _walk(fetch, first, page, page_size, order, window, reading)
    else:
        pages = [first]
        if all_pages and len(first["logs"]) >= page_size and reading.total_num:
            last_page = math.ceil(reading.total_num / page_size)
            if window.max_entries is not None:
                last_page = min(last_page, page + math.ceil(window.max_entries / page_size) - 1)
            number = page + 1
            # In batches, stopping at the first short page: a wrong totalNum must not
            # queue thousands of requests for pages that do not exist.
            while number <= last_page:
                batch = range(number, min(number + PAGE_CONCURRENCY, last_page + 1))
                fetched = run_all(fetch, batch, PAGE_CONCURRENCY)
                for outcome in fetched:
                    if outcome.error is not None:
                        raise outcome.error
                    pages.append(outcome.value)
                reading.pages_read += len(fetched)
                if any(len(outcome.value["logs"]) < page_size for outcome in fetched):
                    break
                number += len(batch)
        for fetched in pages:
            reading.logs.extend(fetched["logs"])
    if window.max_entries is not None:
        del reading.logs[window.max_entries:]
    return reading


def _walk(fetch, first, page, page_size, order, window, reading):
    """Pages in order until one reaches past the time window, or the entries run out."""
    current, number = first, page
    while True:
        reading.logs.extend(entry for entry in current["logs"] if window.keeps(entry))
        done = (not current["logs"]
                or any(window.passed(entry, order) for entry in current["logs"])
                or (window.max_entries is not None and len(reading.logs) >= window.max_entries)
                or (reading.total_num is not None and number * page_size >= reading.total_num))
        if done:
            return
        number += 1
        current = fetch(number)
        reading.pages_read += 1
