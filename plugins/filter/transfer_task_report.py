# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_report
short_description: Assemble drift or parity checks into a report document
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - Groups the checks of P(hwcloud.dis.transfer_task_drift#filter) or P(hwcloud.dis.transfer_task_parity#filter)
    (best with C(include_passed=true)) by environment, with counts per environment and in total.
  - The result is the JSON report as it is (write it with P(ansible.builtin.to_nice_json#filter)) and the input of
    P(hwcloud.dis.transfer_task_report_markdown#filter), P(hwcloud.dis.transfer_task_report_html#filter) and
    P(hwcloud.dis.transfer_task_report_junit#filter).
options:
  _input:
    description: The checks (or only the findings) of one or more environments.
    type: list
    elements: dict
    required: true
  environments:
    description: The environments in the order the report shows them; environments found only in the checks follow.
    type: list
    elements: str
  transfer_tasks:
    description:
      - The C(transfer_tasks) that M(hwcloud.dis.transfer_task_info) returned, per environment name; each
        environment's section then lists its tasks with state, destination type, last transfer and partition health.
    type: dict
  not_audited:
    description: Environments that could not be checked at all (their section says so and has no checks).
    type: list
    elements: str
  title:
    description: The report's title.
    type: str
    default: C(DIS dump task audit), or C(DIS dump task parity) with O(reference)
  generated_at:
    description: When the report was made, shown as it is; for example C(now(utc=true, fmt='%Y-%m-%dT%H:%M:%SZ')).
    type: str
  severity_threshold:
    description: Findings of this severity or above count as C(failing) (and as failures in JUnit).
    type: str
    choices: [warning, error]
    default: warning
  reference:
    description: For parity reports, the reference environment; renderers then label columns with environment names.
    type: str
seealso:
  - plugin: hwcloud.dis.transfer_task_drift
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Build the report of this environment
  ansible.builtin.set_fact:
    drift_report: >-
      {{ drift_checks | hwcloud.dis.transfer_task_report(
           environments=[inventory_hostname],
           transfer_tasks={inventory_hostname: dis_tasks.transfer_tasks},
           generated_at=now(utc=true, fmt='%Y-%m-%dT%H:%M:%SZ')) }}

- name: Write it as JSON
  ansible.builtin.copy:
    content: "{{ drift_report | to_nice_json }}\n"
    dest: reports/drift.json
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The report document.
  type: dict
  contains:
    title:
      description: The title.
      type: str
      sample: DIS dump task audit
    generated_at:
      description: O(generated_at).
      type: str
      sample: "2025-11-25T10:00:00Z"
    reference:
      description: O(reference); V(null) for audits.
      type: str
    severity_threshold:
      description: O(severity_threshold).
      type: str
      sample: warning
    summary:
      description: >-
        Totals: C(environments), C(tasks_checked), C(checks), C(passed), C(errors) and C(warnings) (findings of each
        severity), C(failing) (findings at or above the threshold).
      type: dict
      sample: {environments: 3, tasks_checked: 17, checks: 120, passed: 108, errors: 9, warnings: 3, failing: 12}
    environments:
      description: >-
        One section per environment: C(environment), C(status) (V(ok), V(drift), V(incomplete) when something could
        not be listed, V(not_audited)), C(summary) (the counts above for this environment), C(findings), C(passed)
        (the checks that passed) and C(transfer_tasks) (C(stream_name), C(task_name), C(state),
        C(destination_type), C(last_transfer_iso), C(last_transfer_age), C(partitions), C(abnormal_partitions),
        C(discards)).
      type: list
      elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import build_report


def transfer_task_report(checks, environments=None, transfer_tasks=None, not_audited=None, title=None,
                         generated_at=None, severity_threshold="warning", reference=None):
    """The report document of ``checks`` (see DOCUMENTATION)."""
    try:
        return build_report(checks, environments=environments, transfer_tasks=transfer_tasks, title=title,
                            generated_at=generated_at, severity_threshold=severity_threshold, reference=reference,
                            not_audited=not_audited)
    except ValueError as error:
        raise AnsibleFilterError("transfer_task_report: %s" % error) from None


class FilterModule:
    """hwcloud.dis.transfer_task_report"""

    def filters(self):
        return {"transfer_task_report": transfer_task_report}
