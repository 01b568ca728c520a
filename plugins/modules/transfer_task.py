#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: transfer_task
short_description: Start or pause a DIS dump task, and wait until it gets there
version_added: 0.1.0
description:
  - Starts (O(state=running)) or pauses (O(state=paused)) one DIS dump task through
    C(POST /v2/{project_id}/streams/{stream_name}/transfer-tasks/action).
  - Idempotent. A task already in the desired state is left alone and no action is sent; a task that is
    C(STARTING) counts as on its way to V(running).
  - With O(wait=true), polls the task until it reaches the state, or fails after O(wait_timeout) seconds
    naming the last state seen.
author:
  - hwcloud.dis contributors (@hwcloud-dis)
options:
  stream_name:
    description:
      - Name of the stream the task belongs to.
    type: str
    required: true
  task_name:
    description:
      - Name of the dump task. Give O(task_name), O(task_id), or both.
      - The task's state is read from its stream's listing, found by this name.
    type: str
  task_id:
    description:
      - ID of the dump task (19 letters and digits), which the start and stop action needs.
      - Give it together with O(task_name) when the listing carries no task ids (as some API versions do);
        the module then checks that the two agree when it can.
    type: str
  state:
    description:
      - V(running) starts a task that is not running (C(PAUSED), C(ABNORMAL), C(ERROR)).
      - V(paused) stops a task that is not paused.
    type: str
    choices: [running, paused]
    required: true
  wait:
    description:
      - Wait until the task reports the desired state (C(RUNNING) or C(PAUSED)).
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait with O(wait=true).
    type: int
    default: 300
  wait_interval:
    description:
      - Seconds between two looks at the task while waiting.
    type: float
    default: 3
extends_documentation_fragment:
  - hwcloud.dis.connection
  - ansible.builtin.action_common_attributes
  - hwcloud.dis.attributes
attributes:
  check_mode:
    support: full
    details: Reads the task's state and reports the change it would make, without sending the action.
  diff_mode:
    support: full
    details: Shows the task's state before and after.
seealso:
  - module: hwcloud.dis.transfer_task_info
"""

EXAMPLES = r"""
- name: Resume a paused dump task and wait until it runs
  hwcloud.dis.transfer_task:
    stream_name: orders
    task_name: orders-to-obs
    state: running

- name: Pause a task for maintenance, without waiting
  hwcloud.dis.transfer_task:
    stream_name: orders
    task_id: As805BudhcH1lDs6gbn
    state: paused
    wait: false

- name: Restart an abnormal task (pause, then start)
  hwcloud.dis.transfer_task:
    stream_name: payments
    task_name: payments-to-dws
    state: "{{ item }}"
    wait_timeout: 600
  loop: [paused, running]
"""

RETURN = r"""
transfer_task:
  description:
    - The task after the change (after waiting, with O(wait=true)); same keys as RV(hwcloud.dis.transfer_task_info#module:transfer_tasks).
  returned: success
  type: dict
  sample:
    stream_name: orders
    task_name: orders-to-obs
    task_id: As805BudhcH1lDs6gbn
    state: RUNNING
    destination_type: OBS
    create_time: 1606554932552
    last_transfer_timestamp: 1606984428612
    create_time_iso: "2020-11-28T09:15:32.552Z"
    last_transfer_iso: "2020-12-03T08:33:48.612Z"
    last_transfer_age_seconds: 12
previous_state:
  description: The task's state before the module ran.
  returned: success
  type: str
  sample: PAUSED
action:
  description: The action sent (C(start) or C(stop)); null when none was needed.
  returned: success
  type: str
  sample: start
waited_seconds:
  description: How long the module waited for the task to reach the state.
  returned: success
  type: float
  sample: 3.2
error:
  description: What failed, when the module fails.
  returned: failure
  type: dict
  sample:
    operation: start dump tasks of stream orders
    status: 400
    code: DIS.4354
    message: Transfer task does not exist.
    request_id: 0d7b2c1a9f3e4b5c8a6d7e8f9a0b1c2d
    url: https://dis.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/streams/orders/transfer-tasks/action
"""

import time

from ansible_collections.hwcloud.dis.plugins.module_utils import tasks, validate
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, InvalidInput
from ansible_collections.hwcloud.dis.plugins.module_utils.module import DisModule

ARGUMENT_SPEC = {
    "stream_name": {"type": "str", "required": True},
    "task_name": {"type": "str"},
    "task_id": {"type": "str"},
    "state": {"type": "str", "choices": ["running", "paused"], "required": True},
    "wait": {"type": "bool", "default": True},
    "wait_timeout": {"type": "int", "default": 300},
    "wait_interval": {"type": "float", "default": 3},
}

# What each desired state means in the API's words, and the action that gets there.
TARGETS = {
    "running": {"reached": "RUNNING", "on_the_way": ("STARTING",), "action": "start"},
    "paused": {"reached": "PAUSED", "on_the_way": (), "action": "stop"},
}


def current_task(api, params):
    """The task's facts from its stream's listing, by name (preferred) or id, with the id filled in.

    The listing is where the state comes from; the id is what the action needs.
    Listings without task ids exist (the SDK's model has none), so a name and
    an id may be given together: the name finds the task, the id acts on it.
    """
    now_ms = int(time.time() * 1000)
    if params["task_name"] is None:
        try:
            return tasks.find_task(api, params["stream_name"], now_ms, task_id=params["task_id"])
        except DisError as exc:
            if exc.code == tasks.TASK_NOT_FOUND and exc.unlisted_ids:
                # The task may be one of those listed without an id: only its name can find it.
                raise DisError(exc.operation, "no listed task has that id, but %d listed task(s) carry no id; "
                                              "give task_name as well" % exc.unlisted_ids,
                               code=exc.code) from None
            raise
    task = tasks.find_task(api, params["stream_name"], now_ms, task_name=params["task_name"])
    if params["task_id"] is not None:
        if task["task_id"] not in (None, params["task_id"]):
            raise InvalidInput("task_id", "does not match task %s, whose id is %s" % (task["task_name"], task["task_id"]))
        task["task_id"] = params["task_id"]
    return task


def wait_for(api, params, target, started):
    """Poll the task until it reports the target state; DisError on timeout."""
    while True:
        task = current_task(api, params)
        if task["state"] == target["reached"]:
            return task, time.monotonic() - started
        if time.monotonic() - started + params["wait_interval"] > params["wait_timeout"]:
            raise DisError("wait for dump task %s to be %s" % (task["task_name"], target["reached"]),
                           "still %s after %d seconds (wait_timeout)" % (task["state"], params["wait_timeout"]))
        time.sleep(params["wait_interval"])


def set_task_state(dis):
    """Read the task, act if it is not in the desired state, then wait if asked."""
    params = dis.params
    validate.stream_name(params["stream_name"])
    if params["task_id"] is not None:
        validate.task_id(params["task_id"])
    if params["task_name"] is not None:
        validate.task_name(params["task_name"])
    if params["wait_timeout"] < 0 or params["wait_interval"] <= 0:
        raise InvalidInput("wait_timeout", "must be zero or more, with a positive wait_interval")
    target = TARGETS[params["state"]]
    api = dis.client(pool_size=1)
    task = current_task(api, params)
    previous = task["state"]
    if previous == "DELETE":
        raise DisError("%s dump task %s" % (target["action"], task["task_name"]), "the task is being deleted")
    needs_action = previous != target["reached"] and previous not in target["on_the_way"]
    expected = target["reached"] if needs_action else previous
    result = {"changed": needs_action, "previous_state": previous,
              "action": target["action"] if needs_action else None, "waited_seconds": 0.0,
              "diff": {"before": {"state": previous}, "after": {"state": expected}}}
    if dis.module.check_mode:
        result["transfer_task"] = dict(task, state=expected)
        return result
    started = time.monotonic()
    if needs_action:
        if task["task_id"] is None:
            raise DisError("%s dump task %s" % (target["action"], task["task_name"]),
                           "the task listing carries no task_id; give task_id as well")
        api.transfer_task_action(params["stream_name"], target["action"], [task["task_id"]])
    if params["wait"] and (needs_action or previous in target["on_the_way"]):
        task, result["waited_seconds"] = wait_for(api, params, target, started)
    elif needs_action:
        # Not waiting: report the state the task is in now, not the one before the action.
        task = current_task(api, params)
    result["transfer_task"] = task
    return result


def main():
    dis = DisModule(ARGUMENT_SPEC, required_one_of=[("task_name", "task_id")])
    dis.run(set_task_state)


if __name__ == "__main__":
    main()
