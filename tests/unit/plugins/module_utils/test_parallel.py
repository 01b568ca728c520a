# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""The bounded pool that runs a module's independent requests."""

from __future__ import annotations

import threading

from ansible_collections.hwcloud.dis.plugins.module_utils import parallel


def test_outcomes_keep_input_order_and_separate_errors():
    def work(item):
        if item == 2:
            raise ValueError("two")
        return item * 10

    outcomes = parallel.run_all(work, [1, 2, 3], concurrency=3)
    assert [o.value for o in outcomes] == [10, None, 30]
    assert isinstance(outcomes[1].error, ValueError)


def test_never_more_than_concurrency_jobs_at_once():
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}
    release = threading.Event()

    def work(item):
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        release.wait(0.05)
        with lock:
            state["now"] -= 1
        return item

    parallel.run_all(work, range(20), concurrency=4)
    assert state["peak"] <= 4


def test_jobs_may_submit_follow_up_jobs():
    pool = parallel.Pool(2)
    pool.submit("first", lambda: "listing")
    seen = []
    for outcome in pool.outcomes():
        seen.append(outcome.key)
        if outcome.key == "first":
            pool.submit("second", lambda: "details")
    assert seen == ["first", "second"]
