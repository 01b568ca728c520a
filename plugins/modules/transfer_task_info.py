#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: transfer_task_info
short_description: List DIS dump tasks, with their partitions and destinations
version_added: 0.1.0
description:
  - Lists the dump tasks (transfer tasks) of one DIS stream, of several, or of every stream of a project.
  - With O(details=true), or for one task with O(task_name), also returns each task's partitions and
    destination configuration.
  - Requests are the fewest the question needs and run in parallel (O(concurrency)); each request is
    retried on its own after transient failures.
author:
  - hwcloud.dis contributors (@hwcloud-dis)
options:
  stream_name:
    description:
      - Name of the stream whose dump tasks to list.
      - Mutually exclusive with O(stream_names). When neither is set, every stream of the project is listed.
    type: str
  stream_names:
    description:
      - Names of several streams whose dump tasks to list.
      - Mutually exclusive with O(stream_name).
    type: list
    elements: str
  task_name:
    description:
      - Name of one dump task to describe, with its partitions and destination.
      - Needs exactly one stream (O(stream_name), or O(stream_names) with one name).
    type: str
  details:
    description:
      - Also fetch the details (partitions and destination) of every listed task that passes O(filters).
    type: bool
    default: false
  filters:
    description:
      - Keep only the tasks that match every filter given. Applied before details are fetched, so that
        nothing is fetched for the tasks left out.
    type: dict
    suboptions:
      state:
        description:
          - Task states to keep, for example V(RUNNING) or V([ABNORMAL, ERROR]). Case does not matter.
        type: list
        elements: str
      destination_type:
        description:
          - Destination types to keep (V(OBS), V(MRS), V(DLI), V(CLOUDTABLE), V(DWS)). Case does not matter.
        type: list
        elements: str
      task_name:
        description:
          - Shell-style pattern the task name must match, for example V(orders-*).
        type: str
  query:
    description:
      - A JMESPath expression applied to RV(transfer_tasks); its result is returned as RV(query_result).
    type: str
  concurrency:
    description:
      - How many requests of this module run may be in flight at once (1 to 64).
    type: int
    default: 16
  include_raw:
    description:
      - Add each task's API payload (the details when they were fetched, else the list item) as C(raw).
      - Secrets in destination descriptors are masked there too.
    type: bool
    default: false
  on_error:
    description:
      - What to do when the request for one stream fails.
      - V(fail) fails the task. V(continue) reports the stream in RV(errors) and still returns the others.
      - A stream that was deleted after the project's streams were enumerated (only when neither
        O(stream_name) nor O(stream_names) is set) is left out with a warning, whatever this option says;
        so is a task deleted between its listing and its details.
    type: str
    choices: [fail, continue]
    default: fail
extends_documentation_fragment:
  - hwcloud.dis.connection
  - ansible.builtin.action_common_attributes
  - hwcloud.dis.attributes
  - hwcloud.dis.attributes.info_module
seealso:
  - name: Querying dump tasks (DIS API)
    description: The list endpoint this module wraps.
    link: https://support.huaweicloud.com/intl/en-us/api-dis/ListTransferTasks.html
"""

EXAMPLES = r"""
- name: Audit every dump task of a project, with details
  hwcloud.dis.transfer_task_info:
    region: cn-north-4
    details: true
  register: audit

- name: List the dump tasks of one stream (AK/SK from HW_ACCESS_KEY / HW_SECRET_KEY)
  hwcloud.dis.transfer_task_info:
    region: cn-north-4
    stream_name: orders
  register: orders

- name: Describe one task, with partitions and destination
  hwcloud.dis.transfer_task_info:
    stream_name: orders
    task_name: orders-to-obs
  register: task

- name: Names of tasks that are not running, across all streams
  hwcloud.dis.transfer_task_info:
    query: "[?state != 'RUNNING'].{stream: stream_name, task: task_name, state: state}"
  register: not_running

- name: Only OBS tasks of two streams; keep going if one stream fails
  hwcloud.dis.transfer_task_info:
    stream_names: [orders, payments]
    filters:
      destination_type: OBS
    on_error: continue
  register: obs_tasks

- name: Set the connection once for a block of tasks
  module_defaults:
    group/hwcloud.dis.dis:
      region: cn-north-4
      user_name: "{{ dis_user }}"
      password: "{{ dis_password }}"
      domain_name: "{{ dis_account }}"
  block:
    - name: Stale tasks (no transfer for over 15 minutes)
      hwcloud.dis.transfer_task_info:
        query: "[?last_transfer_age_seconds > `900`]"
      register: stale
"""

RETURN = r"""
transfer_tasks:
  description: The dump tasks, sorted by stream name, then task name.
  returned: success
  type: list
  elements: dict
  contains:
    stream_name:
      description: Name of the stream the task belongs to.
      type: str
      sample: orders
    task_name:
      description: Name of the dump task.
      type: str
      sample: orders-to-obs
    task_id:
      description: ID of the dump task (19 letters and digits); null when the API does not return it.
      type: str
      sample: As805BudhcH1lDs6gbn
    state:
      description: Task state (ERROR, STARTING, PAUSED, RUNNING, DELETE, ABNORMAL).
      type: str
      sample: RUNNING
    destination_type:
      description: Where the task dumps to (OBS, MRS, DLI, CLOUDTABLE, DWS).
      type: str
      sample: OBS
    create_time:
      description: When the task was created, epoch milliseconds as the API gives.
      type: int
      sample: 1606554932552
    last_transfer_timestamp:
      description: When the task last dumped data, epoch milliseconds as the API gives.
      type: int
      sample: 1606984428612
    create_time_iso:
      description: RV(transfer_tasks[].create_time) in ISO 8601, UTC.
      type: str
      sample: "2020-11-28T09:15:32.552Z"
    last_transfer_iso:
      description: RV(transfer_tasks[].last_transfer_timestamp) in ISO 8601, UTC.
      type: str
      sample: "2020-12-03T08:33:48.612Z"
    last_transfer_age_seconds:
      description: Whole seconds since the last transfer, when the module ran; null without a timestamp.
      type: int
      sample: 42
    partitions:
      description: The task's partitions.
      returned: with O(details=true) or O(task_name)
      type: list
      elements: dict
      contains:
        partition_id:
          description: Partition ID.
          type: str
          sample: shardId-0000000000
        discard:
          description: Number of dirty records discarded in the partition.
          type: int
          sample: 0
        state:
          description: State of the partition's dump.
          type: str
          sample: RUNNING
        last_transfer_timestamp:
          description: When the partition last dumped data, epoch milliseconds.
          type: int
          sample: 1534163694103
        last_transfer_offset:
          description: Offset of the partition's last dump.
          type: int
          sample: 2139
        last_transfer_iso:
          description: RV(transfer_tasks[].partitions[].last_transfer_timestamp) in ISO 8601, UTC.
          type: str
          sample: "2018-08-13T12:34:54.103Z"
    destination:
      description:
        - The destination configuration with snake_case keys, whatever the destination type (the API's
          misspelt C(cloudtable_destination_descripton) and C(dws_destination_descripton) are read too).
        - Secrets such as C(user_password) are replaced by C(********). Empty when the API sent none.
      returned: with O(details=true) or O(task_name)
      type: dict
      sample:
        obs_bucket_path: dis-orders
        file_prefix: orders
        partition_format: yyyy/MM/dd
        deliver_time_interval: 30
        consumer_strategy: LATEST
        destination_file_type: text
        agency_name: dis_admin_agency
    raw:
      description: The task's API payload, with secrets masked.
      returned: with O(include_raw=true)
      type: dict
      sample: {"task_name": "orders-to-obs", "state": "RUNNING"}
streams:
  description: One entry per stream listed.
  returned: success
  type: list
  elements: dict
  contains:
    stream_name:
      description: Stream name.
      type: str
      sample: orders
    total_number:
      description: Number of dump tasks the stream has.
      type: int
      sample: 2
    quota:
      description: How many dump tasks the stream may have; null when the API does not say.
      type: int
      sample: 5
query_result:
  description: The result of O(query) applied to RV(transfer_tasks).
  returned: when O(query) is set
  type: raw
  sample: [{"stream": "orders", "task": "orders-to-dws", "state": "ABNORMAL"}]
errors:
  description: The streams whose requests failed, with O(on_error=continue).
  returned: when O(on_error=continue)
  type: list
  elements: dict
  sample:
    - stream_name: clicks
      operation: list dump tasks of stream clicks
      status: 400
      code: DIS.4301
      message: Stream does not exist.
      request_id: 0d7b2c1a9f3e4b5c8a6d7e8f9a0b1c2d
      url: https://dis.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/streams/clicks/transfer-tasks
error:
  description: What failed, when the module fails.
  returned: failure
  type: dict
  sample:
    operation: list dump tasks of stream orders
    status: 400
    code: DIS.4301
    message: Stream does not exist.
    request_id: 0d7b2c1a9f3e4b5c8a6d7e8f9a0b1c2d
    url: https://dis.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/streams/orders/transfer-tasks
"""

from ansible_collections.hwcloud.dis.plugins.module_utils import tasks, validate
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import InvalidInput
from ansible_collections.hwcloud.dis.plugins.module_utils.module import DisModule, apply_query, compile_query

ARGUMENT_SPEC = {
    "stream_name": {"type": "str"},
    "stream_names": {"type": "list", "elements": "str"},
    "task_name": {"type": "str"},
    "details": {"type": "bool", "default": False},
    "filters": {"type": "dict", "options": {
        "state": {"type": "list", "elements": "str"},
        "destination_type": {"type": "list", "elements": "str"},
        "task_name": {"type": "str"},
    }},
    "query": {"type": "str"},
    "concurrency": {"type": "int", "default": 16},
    "include_raw": {"type": "bool", "default": False},
    "on_error": {"type": "str", "choices": ["fail", "continue"], "default": "fail"},
}


def requested_streams(params):
    """The validated stream names the user asked for, or None for every stream."""
    if params["stream_name"] is not None:
        return [validate.stream_name(params["stream_name"])]
    if params["stream_names"] is not None:
        names = [validate.stream_name(name, "stream_names") for name in params["stream_names"]]
        if not names:
            raise InvalidInput("stream_names", "must name at least one stream")
        return sorted(set(names))
    return None


def list_transfer_tasks(dis):
    """Check every option, then list (and describe) the tasks."""
    params = dis.params
    streams = requested_streams(params)
    task_name = params["task_name"]
    if task_name is not None:
        validate.task_name(task_name)
        if streams is None or len(streams) != 1:
            raise InvalidInput("task_name", "needs exactly one stream in stream_name or stream_names")
    if not 1 <= params["concurrency"] <= 64:
        raise InvalidInput("concurrency", "must be between 1 and 64")
    query = compile_query(params["query"]) if params["query"] else None

    api = dis.client(pool_size=params["concurrency"])
    collection = tasks.collect(
        api, streams if streams is not None else tasks.iter_stream_names(api), dis.now_ms,
        details=params["details"], task_name=task_name, filters=params["filters"],
        concurrency=params["concurrency"], include_raw=params["include_raw"],
        on_error=params["on_error"], enumerated=streams is None)
    for warning in collection.warnings:
        dis.warn(warning)
    result = {"transfer_tasks": collection.transfer_tasks, "streams": collection.streams}
    if params["on_error"] == "continue":
        result["errors"] = collection.errors
    if query is not None:
        result["query_result"] = apply_query(query, collection.transfer_tasks)
    return result


def main():
    dis = DisModule(ARGUMENT_SPEC, mutually_exclusive=[("stream_name", "stream_names")])
    dis.run(list_transfer_tasks)


if __name__ == "__main__":
    main()
