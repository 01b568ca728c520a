# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_diff_views
short_description: Expected and actual views of drift checks, for a diff
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - Turns the checks of P(hwcloud.dis.transfer_task_drift#filter) (with C(include_passed=true)) into two nested
    views, C(expected) and C(actual), shaped environment, stream, task, then what was checked.
  - Where a check passed both views hold the same value, so that a diff of the two shows the findings and nothing
    else. The P(hwcloud.dis.transfer_task_audit#role) role uses them for C(--diff).
options:
  _input:
    description: The checks.
    type: list
    elements: dict
    required: true
seealso:
  - plugin: hwcloud.dis.transfer_task_drift
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write what was expected
  ansible.builtin.copy:
    content: "{{ (drift_checks | hwcloud.dis.transfer_task_diff_views).expected | to_nice_yaml(sort_keys=false) }}"
    dest: reports/expected.yml
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The two views.
  type: dict
  contains:
    expected:
      description: What the desired state says, for every check.
      type: dict
      sample:
        prod:
          iot-metrics:
            metrics-to-cloudtable: {exists: true, state: RUNNING, last_transfer: within 15m}
    actual:
      description: What the environment has where a check failed, the expected value where it passed.
      type: dict
      sample:
        prod:
          iot-metrics:
            metrics-to-cloudtable: {exists: true, state: RUNNING, last_transfer: 5h ago}
"""

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import diff_views


def transfer_task_diff_views(checks):
    """``{"expected": ..., "actual": ...}`` views of ``checks``."""
    return diff_views(checks)


class FilterModule:
    """hwcloud.dis.transfer_task_diff_views"""

    def filters(self):
        return {"transfer_task_diff_views": transfer_task_diff_views}
