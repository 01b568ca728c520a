# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run a module's independent requests side by side, a bounded number at a time.

A fleet audit is round trips, not CPU: forty stream listings and two hundred
task details take a handful of round trips when ``concurrency`` of them are in
flight at once. Each job's outcome is kept apart, so one failure does not hide
the others' results.
"""

from __future__ import annotations

import queue
from concurrent.futures import ThreadPoolExecutor


class Outcome:
    """The result of one job: ``value`` or ``error``."""

    __slots__ = ("key", "value", "error")

    def __init__(self, key, value=None, error=None):
        self.key = key
        self.value = value
        self.error = error


class Pool:
    """A thread pool whose jobs may submit follow-up jobs (a listing, then its details)."""

    def __init__(self, concurrency):
        self.executor = ThreadPoolExecutor(max_workers=max(1, concurrency))
        self.pending = {}
        # Finished jobs queue themselves here: waiting on every pending future at each
        # completion would cost time quadratic in the number of jobs (thousands in a fleet).
        self.finished = queue.SimpleQueue()

    def submit(self, key, function, *args):
        """Start ``function(*args)``; its outcome will carry ``key``."""
        future = self.executor.submit(function, *args)
        self.pending[future] = key
        future.add_done_callback(self.finished.put)

    def outcomes(self, catch=(Exception,)):
        """Yield outcomes as they complete, including those of jobs submitted meanwhile."""
        try:
            while self.pending:
                future = self.finished.get()
                key = self.pending.pop(future)
                try:
                    yield Outcome(key, value=future.result())
                except catch as exc:
                    yield Outcome(key, error=exc)
        finally:
            for future in self.pending:
                future.cancel()
            self.executor.shutdown(wait=True)


def run_all(function, items, concurrency, catch=(Exception,)):
    """``function(item)`` for every item, at most ``concurrency`` at once; outcomes in input order."""
    pool = Pool(concurrency)
    for index, item in enumerate(items):
        pool.submit(index, function, item)
    ordered = sorted(pool.outcomes(catch), key=lambda outcome: outcome.key)
    return ordered
