# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_parity
short_description: Compare the DIS dump tasks of two or more environments with each other
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - Compares the M(hwcloud.dis.transfer_task_info) results of several environments (run with
    O(hwcloud.dis.transfer_task_info#module:details=true)) with the first one, the reference.
  - Finds tasks missing from an environment (C(missing_task)) or only in it (C(unexpected_task)), different
    C(state), C(destination_type) and destination settings (C(destination_setting), one finding per key), except the
    keys allowed to differ. Streams that could not be listed give C(query_failed) and are not compared.
  - Destination values that the module masks (C(********)) are never compared.
  - Findings have the shape of P(hwcloud.dis.transfer_task_drift#filter)'s, with C(expected) the reference's value,
    C(actual) the environment's, and C(reference) the reference's name; the same report filters render them.
options:
  _input:
    description: A mapping of environment names to their registered M(hwcloud.dis.transfer_task_info) results.
    type: dict
    required: true
  environments:
    description:
      - The environments to compare, the reference first.
      - Defaults to the keys of O(_input) in their order.
    type: list
    elements: str
  ignore_keys:
    description:
      - Destination settings allowed to differ, as shell-style patterns, for example V(obs_bucket_path) or
        V(*_cluster_id).
    type: list
    elements: str
    default: []
  ignore_tasks:
    description: Tasks left out of the comparison, as shell-style patterns of C(stream/task), for example V(orders/*-archive).
    type: list
    elements: str
    default: []
  severity:
    description: Severity per rule, overriding the defaults (the rules are those of P(hwcloud.dis.transfer_task_drift#filter)).
    type: dict
    default: {}
  include_passed:
    description: Also return the checks that passed, each with C(passed=true).
    type: bool
    default: false
seealso:
  - plugin: hwcloud.dis.transfer_task_drift
    plugin_type: filter
  - plugin: hwcloud.dis.transfer_task_report
    plugin_type: filter
"""

EXAMPLES = r"""
# staging and prod registered transfer_task_info (details: true) as dis_tasks in an earlier play.
- name: Compare prod with staging, bucket names and cluster ids may differ
  ansible.builtin.set_fact:
    parity_findings: >-
      {{ dict(envs | zip(envs | map('extract', hostvars, 'dis_tasks')))
         | hwcloud.dis.transfer_task_parity(ignore_keys=['*_bucket_path', '*_cluster_id']) }}
  vars:
    envs: [staging, prod]
"""

RETURN = r"""
_value:
  description:
    - The findings of every environment but the reference, sorted by environment, stream, task, rule and key.
    - With O(include_passed=true), every check, passed or not.
  type: list
  elements: dict
  contains:
    environment:
      description: The environment compared with the reference.
      type: str
      sample: prod
    reference:
      description: The reference environment.
      type: str
      sample: staging
    stream:
      description: The stream; V(null) for a finding about a whole environment.
      type: str
      sample: orders
    task:
      description: The dump task; V(null) for a finding about a whole stream or environment.
      type: str
      sample: orders-to-obs
    rule:
      description: The rule that was checked.
      type: str
      choices: [query_failed, missing_task, unexpected_task, state, destination_type, destination_setting]
      sample: destination_setting
    key:
      description: The destination setting, for C(destination_setting); else V(null).
      type: str
      sample: deliver_time_interval
    expected:
      description: The reference's value; V(null) when absent there.
      type: raw
      sample: 300
    actual:
      description: The environment's value; V(null) when absent there.
      type: raw
      sample: 60
    severity:
      description: V(error) or V(warning).
      type: str
      sample: warning
    passed:
      description: Whether the check passed; always V(false) for findings.
      type: bool
      sample: false
    message:
      description: One line saying what differs.
      type: str
      sample: "orders/orders-to-obs: destination deliver_time_interval is 60 in prod and 300 in staging"
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import check_parity, findings_of


def transfer_task_parity(results, environments=None, ignore_keys=None, ignore_tasks=None, severity=None,
                         include_passed=False):
    """Findings (or with ``include_passed`` every check) of each environment against the reference."""
    try:
        checks = check_parity(results, environments, ignore_keys or (), ignore_tasks or (), severity)
    except ValueError as error:
        raise AnsibleFilterError("transfer_task_parity: %s" % error) from None
    return checks if include_passed else findings_of(checks)


class FilterModule:
    """hwcloud.dis.transfer_task_parity"""

    def filters(self):
        return {"transfer_task_parity": transfer_task_parity}
