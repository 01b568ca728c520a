# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Collect dump tasks across streams with the fewest requests, side by side.

One list request per stream; the stream list is paged only when no stream is
named; details only for tasks that pass the filters. Listings and details run
in one pool, so the details of the first stream are fetched while later
streams are still being listed.
"""

from __future__ import annotations

import fnmatch

from ansible_collections.hwcloud.dis.plugins.module_utils import normalize
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, HwcloudDisError, ResponseFormatError, error_result
from ansible_collections.hwcloud.dis.plugins.module_utils.parallel import Pool

# dis-api.md, Errors: "not found" is HTTP 400 with these codes.
STREAM_NOT_FOUND = "DIS.4301"
TASK_NOT_FOUND = "DIS.4354"


def _upper_set(values):
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    return {str(value).upper() for value in values}


def task_filter(filters):
    """A predicate over task facts for ``filters`` (state, destination_type, task_name glob)."""
    filters = filters or {}
    states = _upper_set(filters.get("state"))
    destination_types = _upper_set(filters.get("destination_type"))
    name_pattern = filters.get("task_name")

    def matches(task):
        if states is not None and str(task.get("state")).upper() not in states:
            return False
        if destination_types is not None and str(task.get("destination_type")).upper() not in destination_types:
            return False
        if name_pattern is not None and not fnmatch.fnmatchcase(task.get("task_name") or "", name_pattern):
            return False
        return True

    return matches


def iter_stream_names(api):
    """Every stream name of the project, following ``has_more_streams`` page by page."""
    start = None
    seen = set()
    while True:
        page = api.list_streams_page(start_stream_name=start)
        names, has_more = normalize.stream_names_page(page)
        fresh = [name for name in names if name not in seen]
        seen.update(fresh)
        yield from fresh
        # A page that brings nothing new would loop forever: stop instead.
        if not has_more or not fresh:
            return
        start = names[-1]


def find_task(api, stream_name, now_ms, task_name=None, task_id=None):
    """The facts of one task, by name or id, from its stream's listing (which carries the task id).

    When nothing matches, the DisError says how many listed tasks carry no id
    (``unlisted_ids``): a task looked up by id may hide among them.
    """
    listing = api.list_transfer_tasks(stream_name)
    unlisted_ids = 0
    for raw in normalize.task_list(listing):
        fact = normalize.transfer_task(raw, stream_name, now_ms)
        unlisted_ids += fact["task_id"] is None
        if (task_name is not None and fact["task_name"] == task_name) or \
                (task_id is not None and fact["task_id"] == task_id):
            return fact
    error = DisError("find dump task %s of stream %s" % (task_name or task_id, stream_name),
                     "the stream has no dump task with that %s" % ("name" if task_name is not None else "id"),
                     code=TASK_NOT_FOUND)
    error.unlisted_ids = unlisted_ids
    raise error


class TaskCollection:
    """The outcome of a collection run: tasks, stream summaries, errors and warnings."""

    def __init__(self):
        self.transfer_tasks = []
        self.streams = []
        self.errors = []
        self.warnings = []


def collect(api, stream_names, now_ms, details=False, task_name=None, filters=None,
            concurrency=10, include_raw=False, on_error="fail", enumerated=False):
    """List (and describe) the tasks of ``stream_names``; return a TaskCollection.

    ``stream_names`` may be an iterator (paged enumeration): listings start
    while later pages are still being read. ``enumerated`` says the names came
    from the stream list rather than from the user, so a stream deleted since
    is dropped with a warning instead of failing the run.
    """
    matches = task_filter(filters)
    collection = TaskCollection()
    pool = Pool(concurrency)
    listings = {}

    def list_stream(name):
        # Normalised in the worker, so a malformed listing is that stream's failure like any other.
        raw = api.list_transfer_tasks(name)
        listed = []
        for raw_task in normalize.task_list(raw):
            fact = normalize.transfer_task(raw_task, name, now_ms)
            if fact["task_name"] is None:
                # Without a name a task can be neither described nor compared: say so, do not guess.
                raise ResponseFormatError("the dump task list", "a task without a task_name",
                                          operation="list dump tasks of stream %s" % name)
            listed.append((fact, raw_task))
        return normalize.stream_summary(raw, name), listed

    def show_task(stream, name):
        return api.show_transfer_task(stream, name)

    def start_listing(name):
        pool.submit(("list", name), list_stream, name)
        if task_name is not None:
            # One task's details: ask for them beside the listing, one round trip for both.
            pool.submit(("show", name, task_name), show_task, name, task_name)

    try:
        for name in stream_names:
            start_listing(name)
    except HwcloudDisError:
        pool.executor.shutdown(wait=True, cancel_futures=True)
        raise
    shown = {}
    for outcome in pool.outcomes(catch=(HwcloudDisError,)):
        kind, stream = outcome.key[0], outcome.key[1]
        if outcome.error is not None:
            _record_failure(collection, outcome, on_error, enumerated)
            continue
        if kind == "list":
            summary, listed = outcome.value
            listings[stream] = summary
            collection.streams.append(summary)
            for fact, raw in listed:
                if task_name is not None and fact["task_name"] != task_name:
                    continue
                if task_name is None and not matches(fact):
                    continue
                shown.setdefault((stream, fact["task_name"]), {})["list"] = (fact, raw)
                if details and task_name is None:
                    pool.submit(("details", stream, fact["task_name"]), show_task, stream, fact["task_name"])
        else:
            shown.setdefault((stream, outcome.key[2]), {})["show"] = outcome.value

    for (stream, name), parts in sorted(shown.items()):
        if stream not in listings:
            continue  # its listing failed and was recorded
        listed = parts.get("list")
        raw_details = parts.get("show")
        if (details or task_name is not None) and raw_details is None:
            continue  # vanished between listing and details (warned) or failed (recorded)
        if raw_details is not None:
            fact = normalize.transfer_task_details(raw_details, stream, now_ms)
            if listed is not None and fact.get("task_id") is None:
                # The details body has no task_id (seed 004); the listing has it.
                fact["task_id"] = listed[0].get("task_id")
            raw = raw_details
        else:
            fact, raw = listed
        if include_raw:
            fact["raw"] = normalize.mask_secrets(raw)
        collection.transfer_tasks.append(fact)
    collection.transfer_tasks.sort(key=lambda task: (task["stream_name"] or "", task["task_name"] or ""))
    collection.streams.sort(key=lambda summary: summary["stream_name"] or "")
    return collection


def _record_failure(collection, outcome, on_error, enumerated):
    """Decide what one failed request means for the run: a warning, an entry in errors, or a failure."""
    error = outcome.error
    kind, stream = outcome.key[0], outcome.key[1]
    code = getattr(error, "code", None)
    if kind == "list" and enumerated and code == STREAM_NOT_FOUND:
        collection.warnings.append("Stream %s was deleted after the streams were enumerated; it is left out."
                                   % stream)
        return
    if kind == "details" and code == TASK_NOT_FOUND:
        collection.warnings.append("Dump task %s of stream %s was deleted between listing and details; "
                                   "it is left out." % (outcome.key[2], stream))
        return
    if on_error == "continue":
        entry = {"stream_name": stream}
        if kind != "list":
            entry["task_name"] = outcome.key[2]
        entry.update(error_result(error))
        collection.errors.append(entry)
        return
    raise error
