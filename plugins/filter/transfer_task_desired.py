# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_desired
short_description: Check a desired-state document of DIS dump tasks and resolve what each task inherits
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - >-
    Validates a desired-state document (the input of the P(hwcloud.dis.transfer_task_audit#role) role, described in
    C(docs/desired-state.md)) and fails with every problem found, each with its path in the document, for example
    C(streams.orders.tasks.orders-to-obs.stat: unknown key (did you mean 'state'?)).
  - Returns the document resolved, every setting inherited from the document and stream levels applied to each task,
    and the streams that M(hwcloud.dis.transfer_task_info) must list to check it.
options:
  _input:
    description: The desired-state document.
    type: dict
    required: true
seealso:
  - plugin: hwcloud.dis.transfer_task_drift
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Stop early, before any request, when the desired state has a typo
  ansible.builtin.set_fact:
    desired_plan: "{{ dis_desired | hwcloud.dis.transfer_task_desired }}"

- name: List only what the desired state needs
  hwcloud.dis.transfer_task_info:
    stream_names: "{{ desired_plan.stream_names if desired_plan.stream_names is not none else omit }}"
    details: true
    on_error: continue
  register: dis_tasks
"""

RETURN = r"""
_value:
  description: The resolved desired state.
  type: dict
  contains:
    allow_undeclared_tasks:
      description: Whether tasks in streams the document does not declare are allowed.
      type: bool
    stream_names:
      description:
        - The streams to list with M(hwcloud.dis.transfer_task_info), sorted.
        - V(null) when every stream of the project must be listed, because tasks outside the declared streams must
          be found (the document does not allow undeclared tasks) or no stream is declared.
      type: list
      elements: str
      sample: [clickstream, orders]
    severity:
      description: Severity of each rule at the document level.
      type: dict
      sample: {missing_task: error, unexpected_task: warning}
    streams:
      description:
        - Each declared stream with its resolved C(allow_undeclared_tasks) and C(severity), and C(tasks).
        - Each task has C(state) (V(RUNNING), V(PAUSED) or V(ABSENT)), C(destination_type) (or V(null)),
          C(destination) (the declared settings), C(max_lag_seconds) (or V(null), not checked), C(allow_abnormal),
          C(max_discard) (or V(null), not checked) and C(severity).
      type: dict
      sample:
        orders:
          allow_undeclared_tasks: false
          severity: {missing_task: error}
          tasks:
            orders-to-obs:
              state: RUNNING
              destination_type: OBS
              destination: {obs_bucket_path: demo-prod-orders}
              max_lag_seconds: 900
              allow_abnormal: false
              max_discard: 0
              severity: {missing_task: error}
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import DesiredStateError, resolve_desired


def transfer_task_desired(document):
    """Validate a desired-state document and return it resolved (see DOCUMENTATION)."""
    try:
        return resolve_desired(document)
    except DesiredStateError as error:
        raise AnsibleFilterError(str(error)) from None


class FilterModule:
    """hwcloud.dis.transfer_task_desired"""

    def filters(self):
        return {"transfer_task_desired": transfer_task_desired}
