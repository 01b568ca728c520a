#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: transfer_task_log_info
short_description: Read a DIS dump task's transfer logs, with a summary
version_added: 0.1.0
description:
  - Reads the transfer logs of one DIS dump task (C(POST /v1/transfertasklog/{task_id})), one page, every page,
    or the pages that cover a time window, and sums them up.
  - Reads no page it does not need. With O(all_pages=true), the pages after the first are fetched in parallel
    once the first tells the total. With a time window, pages are read in order and reading stops at the first
    page that reaches past the window.
author:
  - hwcloud.dis contributors (@hwcloud-dis)
options:
  task_id:
    description:
      - ID of the dump task (19 letters and digits).
      - Give either O(task_id), or O(stream_name) and O(task_name).
    type: str
  stream_name:
    description:
      - Name of the stream of the task, to look the task ID up by O(task_name) (one extra request).
    type: str
  task_name:
    description:
      - Name of the dump task, to look its ID up in O(stream_name).
    type: str
  order:
    description:
      - Order of the entries by O(sort_by); V(desc) reads the newest first.
    type: str
    choices: [desc, asc]
    default: desc
  sort_by:
    description:
      - Sort key passed to the API.
    type: str
    default: createTimeStr
  page:
    description:
      - Page to read (1-based); with O(all_pages) or a time window, the first page to read.
    type: int
    default: 1
  page_size:
    description:
      - Entries per page (1 to 100).
    type: int
    default: 10
  all_pages:
    description:
      - Read every page from O(page) on.
    type: bool
    default: false
  max_entries:
    description:
      - Return at most this many entries, and read no page beyond them.
    type: int
  since:
    description:
      - Keep only entries that started at or after this time.
      - An ISO 8601 time (V(2026-11-25T08:00:00Z)) or an age before now (V(90m), V(2h), V(7d), V(1h30m)).
      - Pages are read until the window is covered; with O(order=desc) reading stops at the first page that
        holds older entries.
    type: str
  until:
    description:
      - Keep only entries that started at or before this time; same formats as O(since).
      - With O(order=asc), reading stops at the first page that holds newer entries.
    type: str
  query:
    description:
      - A JMESPath expression applied to RV(logs); its result is returned as RV(query_result).
    type: str
extends_documentation_fragment:
  - hwcloud.dis.connection
  - ansible.builtin.action_common_attributes
  - hwcloud.dis.attributes
  - hwcloud.dis.attributes.info_module
notes:
  - The log endpoint is documented on Huawei Cloud; other clouds on the same stack may not offer it.
  - Entries are placed in the window by their start time.
seealso:
  - module: hwcloud.dis.transfer_task_info
"""

EXAMPLES = r"""
- name: Logs of the last two hours, newest first
  hwcloud.dis.transfer_task_log_info:
    stream_name: orders
    task_name: orders-to-obs
    since: 2h
  register: recent

- name: Failed transfers of a task, by ID, over every page
  hwcloud.dis.transfer_task_log_info:
    task_id: As805BudhcH1lDs6gbn
    all_pages: true
    page_size: 100
    query: "[?state != `0`]"
  register: failed

- name: Bytes moved yesterday
  hwcloud.dis.transfer_task_log_info:
    task_id: As805BudhcH1lDs6gbn
    since: "2026-11-24T00:00:00Z"
    until: "2026-11-24T23:59:59Z"
    page_size: 100
  register: yesterday

- name: Show the total
  ansible.builtin.debug:
    msg: "{{ yesterday.summary.transfer_bytes | human_readable }} in {{ yesterday.summary.count }} files"
"""

RETURN = r"""
logs:
  description: The log entries, in the order asked for.
  returned: success
  type: list
  elements: dict
  contains:
    transfer_task_id:
      description: ID of the dump task.
      type: str
      sample: CDaRPdvKUfZrAhzTaYs
    destination_type:
      description: Destination type.
      type: str
      sample: OBS
    state:
      description: State of the transfer as the API gives it (V(0) in the vendor's example).
      type: raw
      sample: 0
    start_time:
      description: When the transfer started, epoch milliseconds.
      type: int
      sample: 1756539753280
    end_time:
      description: When the transfer ended, epoch milliseconds.
      type: int
      sample: 1756540056070
    start_time_iso:
      description: RV(logs[].start_time) in ISO 8601, UTC.
      type: str
      sample: "2025-08-30T07:42:33.280Z"
    end_time_iso:
      description: RV(logs[].end_time) in ISO 8601, UTC.
      type: str
      sample: "2025-08-30T07:47:36.070Z"
    transfer_bytes:
      description: Bytes transferred.
      type: int
      sample: 30718683
    transfer_records_num:
      description: Records transferred.
      type: int
      sample: 32943
    transform_records_num:
      description: Records transformed.
      type: int
      sample: 0
    stream_id:
      description: ID of the stream.
      type: str
      sample: hFKqKEhCZgNayyIS8Zv
    project_id:
      description: Project ID.
      type: str
      sample: 575ae927fc644f22b5c5af5209b7cf51
    transfer_file_name:
      description: Name of the file written (task ID, stream name and creation time).
      type: str
      sample: CDaRPdvKUfZrAhzTaYs.disMonitorTest.0.1756539753290
total_num:
  description: Total number of log entries of the task, as the API reports it.
  returned: success
  type: int
  sample: 100
pages_read:
  description: How many pages were requested.
  returned: success
  type: int
  sample: 1
summary:
  description: Totals over RV(logs).
  returned: success
  type: dict
  contains:
    count:
      description: Number of entries returned.
      type: int
      sample: 10
    transfer_bytes:
      description: Sum of RV(logs[].transfer_bytes).
      type: int
      sample: 307186830
    transfer_records_num:
      description: Sum of RV(logs[].transfer_records_num).
      type: int
      sample: 329430
    first_start_time:
      description: Earliest start time, epoch milliseconds; null without entries.
      type: int
      sample: 1756536753280
    last_end_time:
      description: Latest end time, epoch milliseconds; null without entries.
      type: int
      sample: 1756540056070
    first_start_time_iso:
      description: RV(summary.first_start_time) in ISO 8601, UTC.
      type: str
      sample: "2025-08-30T06:52:33.280Z"
    last_end_time_iso:
      description: RV(summary.last_end_time) in ISO 8601, UTC.
      type: str
      sample: "2025-08-30T07:47:36.070Z"
    by_state:
      description: Number of entries by state.
      type: dict
      sample: {"0": 9, "1": 1}
query_result:
  description: The result of O(query) applied to RV(logs).
  returned: when O(query) is set
  type: raw
  sample: []
error:
  description: What failed, when the module fails.
  returned: failure
  type: dict
  sample:
    operation: query transfer logs of dump task As805BudhcH1lDs6gbn
    status: 200
    code: DIS.4354
    message: Transfer task does not exist.
    request_id: 0d7b2c1a9f3e4b5c8a6d7e8f9a0b1c2d
    url: https://dis.cn-north-4.myhuaweicloud.com/v1/transfertasklog/As805BudhcH1lDs6gbn
"""

from ansible_collections.hwcloud.dis.plugins.module_utils import logs, normalize, tasks, timeutil, validate
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, InvalidInput
from ansible_collections.hwcloud.dis.plugins.module_utils.module import DisModule, apply_query, compile_query

ARGUMENT_SPEC = {
    "task_id": {"type": "str"},
    "stream_name": {"type": "str"},
    "task_name": {"type": "str"},
    "order": {"type": "str", "choices": ["desc", "asc"], "default": "desc"},
    "sort_by": {"type": "str", "default": "createTimeStr"},
    "page": {"type": "int", "default": 1},
    "page_size": {"type": "int", "default": 10},
    "all_pages": {"type": "bool", "default": False},
    "max_entries": {"type": "int"},
    "since": {"type": "str"},
    "until": {"type": "str"},
    "query": {"type": "str"},
}


def log_window(params, now_ms):
    """The time window and count limit, checked."""
    since = timeutil.parse_time_bound(params["since"], now_ms, "since") if params["since"] else None
    until = timeutil.parse_time_bound(params["until"], now_ms, "until") if params["until"] else None
    if since is not None and until is not None and since > until:
        raise InvalidInput("since", "must be earlier than until")
    if params["max_entries"] is not None and params["max_entries"] < 1:
        raise InvalidInput("max_entries", "must be at least 1")
    return logs.LogWindow(since, until, params["max_entries"])


def read_task_logs(dis):
    """Check every option, find the task id if needed, then read the logs."""
    params = dis.params
    if params["task_id"] is not None:
        validate.task_id(params["task_id"])
    else:
        validate.stream_name(params["stream_name"])
        validate.task_name(params["task_name"])
    if params["page"] < 1:
        raise InvalidInput("page", "must be at least 1")
    if not 1 <= params["page_size"] <= 100:
        raise InvalidInput("page_size", "must be between 1 and 100")
    window = log_window(params, dis.now_ms)
    query = compile_query(params["query"]) if params["query"] else None

    api = dis.client(pool_size=logs.PAGE_CONCURRENCY)
    task_id = params["task_id"]
    if task_id is None:
        task_id = tasks.find_task(api, params["stream_name"], dis.now_ms, task_name=params["task_name"])["task_id"]
        if task_id is None:
            raise DisError("find the id of dump task %s" % params["task_name"],
                           "the task listing carries no task_id; give task_id instead")
    reading = logs.read_logs(api, task_id, order=params["order"], sort_by=params["sort_by"], page=params["page"],
                             page_size=params["page_size"], all_pages=params["all_pages"], window=window)
    result = {"logs": reading.logs, "total_num": reading.total_num, "pages_read": reading.pages_read,
              "summary": normalize.log_summary(reading.logs)}
    if query is not None:
        result["query_result"] = apply_query(query, reading.logs)
    return result


def main():
    dis = DisModule(ARGUMENT_SPEC,
                    required_one_of=[("task_id", "task_name")],
                    mutually_exclusive=[("task_id", "task_name"), ("task_id", "stream_name")],
                    required_together=[("stream_name", "task_name")])
    dis.run(read_task_logs)


if __name__ == "__main__":
    main()
