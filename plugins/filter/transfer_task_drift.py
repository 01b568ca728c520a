# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_drift
short_description: Compare the DIS dump tasks of one environment with its desired state
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - Compares the result of M(hwcloud.dis.transfer_task_info) (run with O(hwcloud.dis.transfer_task_info#module:details=true)
    and O(hwcloud.dis.transfer_task_info#module:on_error=continue)) with a desired-state document, and returns the
    findings, one per rule that failed.
  - "Rules: C(query_failed) (the tasks could not be listed), C(missing_stream), C(missing_task), C(unexpected_task)
    (a task that is not declared, or declared C(state: ABSENT)), C(state), C(destination_type), C(destination_setting)
    (one finding per differing key), C(stale) (last transfer older than C(max_lag)), C(partition_abnormal) and
    C(discards) (more discarded records than C(partitions.max_discard))."
  - Destination values that the module masks (C(********)) are never compared.
  - A task declared V(PAUSED) is not checked for staleness.
  - The document format, every rule and its default severity are described in C(docs/desired-state.md) of the
    collection. An invalid document fails with every problem and its path.
positional: _input, desired, environment
options:
  _input:
    description:
      - The registered result of M(hwcloud.dis.transfer_task_info).
      - >-
        A result whose module run failed as a whole (registered with C(failed_when: false)) gives one C(query_failed)
        finding. A bare C(transfer_tasks) list is accepted too.
    type: raw
    required: true
  desired:
    description: The desired-state document of the environment.
    type: dict
    required: true
  environment:
    description: The environment's name, copied into every finding (usually C(inventory_hostname)).
    type: str
  include_passed:
    description:
      - Also return the checks that passed, so that reports can show what was checked (JUnit test cases that pass).
      - Every item has C(passed); only the items with C(passed=false) are findings.
    type: bool
    default: false
seealso:
  - plugin: hwcloud.dis.transfer_task_desired
    plugin_type: filter
  - plugin: hwcloud.dis.transfer_task_report
    plugin_type: filter
  - plugin: hwcloud.dis.transfer_task_parity
    plugin_type: filter
"""

EXAMPLES = r"""
- name: List the tasks with what the comparison needs
  hwcloud.dis.transfer_task_info:
    details: true
    on_error: continue
  register: dis_tasks

- name: Compare them with the desired state
  ansible.builtin.set_fact:
    drift_findings: "{{ dis_tasks | hwcloud.dis.transfer_task_drift(dis_desired, environment=inventory_hostname) }}"
  vars:
    dis_desired:
      max_lag: 15m
      streams:
        orders:
          tasks:
            orders-to-obs:
              destination_type: OBS
              destination: {obs_bucket_path: prod-orders, deliver_time_interval: 300}

- name: Fail on errors, let warnings pass
  ansible.builtin.assert:
    that: drift_findings | selectattr('severity', 'eq', 'error') | length == 0
    fail_msg: "{{ drift_findings | map(attribute='message') | list }}"
"""

RETURN = r"""
_value:
  description:
    - The findings, sorted by stream, task (findings about a whole stream first), rule and key.
    - With O(include_passed=true), every check, passed or not.
  type: list
  elements: dict
  contains:
    environment:
      description: The environment, from O(environment).
      type: str
      sample: prod
    stream:
      description: The stream; V(null) for a finding about the whole environment (C(query_failed)).
      type: str
      sample: orders
    task:
      description: The dump task; V(null) for a finding about a whole stream or environment.
      type: str
      sample: orders-to-obs
    rule:
      description: The rule that was checked.
      type: str
      choices: [query_failed, missing_stream, missing_task, unexpected_task, state, destination_type,
                destination_setting, stale, partition_abnormal, discards]
      sample: destination_setting
    key:
      description: The destination setting, for C(destination_setting); else V(null).
      type: str
      sample: deliver_time_interval
    expected:
      description: What the desired state says (a limit for C(stale) and C(discards)).
      type: raw
      sample: 300
    actual:
      description: What the environment has; V(null) when absent.
      type: raw
      sample: 60
    severity:
      description: V(error) or V(warning), from the rule's default or the document's C(severity) overrides.
      type: str
      sample: warning
    passed:
      description: Whether the check passed; always V(false) for findings.
      type: bool
      sample: false
    message:
      description: One line saying what is wrong (or, for a passed check, what was verified).
      type: str
      sample: "orders/orders-to-obs: destination deliver_time_interval is 60, expected 300"
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import DesiredStateError, check_drift, findings_of


def transfer_task_drift(result, desired, environment=None, include_passed=False):
    """Findings (or with ``include_passed`` every check) of one environment against its desired state."""
    try:
        checks = check_drift(result, desired, environment)
    except DesiredStateError as error:
        raise AnsibleFilterError("%s%s" % ("%s: " % environment if environment else "", error)) from None
    return checks if include_passed else findings_of(checks)


class FilterModule:
    """hwcloud.dis.transfer_task_drift"""

    def filters(self):
        return {"transfer_task_drift": transfer_task_drift}
