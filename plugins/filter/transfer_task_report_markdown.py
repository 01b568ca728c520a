# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_report_markdown
short_description: Render a DIS drift or parity report as Markdown
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - Renders the document of P(hwcloud.dis.transfer_task_report#filter) as GitHub-flavoured Markdown, for merge
    request comments, wikis and job summaries.
  - A summary table (one row per environment), then per environment its findings and its dump tasks.
  - Columns are padded, so that the text reads as well in a terminal as rendered.
  - Every value from the cloud or the inventory is escaped; values sit in code spans.
options:
  _input:
    description: The report document.
    type: dict
    required: true
  summary_only:
    description: Only the summary table (what the audit playbook prints).
    type: bool
    default: false
seealso:
  - plugin: hwcloud.dis.transfer_task_report
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write the Markdown report
  ansible.builtin.copy:
    content: "{{ drift_report | hwcloud.dis.transfer_task_report_markdown }}"
    dest: reports/audit.md
    mode: "0644"

- name: Print the summary table
  ansible.builtin.debug:
    msg: "{{ (drift_report | hwcloud.dis.transfer_task_report_markdown(summary_only=true)).splitlines() }}"
"""

RETURN = r"""
_value:
  description: The Markdown text, ending with a newline.
  type: str
  sample: |
    | environment | status | tasks checked | errors | warnings |
    | :---------- | :----- | ------------: | -----: | -------: |
    | prod        | drift  |             9 |      6 |        2 |
"""

import re
from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import display, plural, status_label

# Characters with a meaning in (GitHub-flavoured) Markdown inline text or tables.
_SPECIAL = re.compile(r"([\\`*\[\]<>|~&!#])")
# "_" only emphasises at a word's edge: escaping it inside names would only add noise.
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_LONGEST_BACKTICKS = re.compile(r"`+")


def text(value):
    """Plain Markdown text of a value, escaped, on one line."""
    escaped = _SPECIAL.sub(r"\\\1", display(value))
    return _EDGE_UNDERSCORE.sub(r"\\_", escaped)


def code(value):
    """A value in a code span (literal text), safe inside a table cell; None is an em dash."""
    if value is None:
        return "\u2014"
    content = display(value)
    runs = [len(run) for run in _LONGEST_BACKTICKS.findall(content)]
    fence = "`" * (max(runs) + 1 if runs else 1)
    if content.startswith("`") or content.endswith("`"):
        content = " %s " % content
    # GitHub splits table cells on "|" even inside code spans, unless it is escaped.
    return "%s%s%s" % (fence, content.replace("|", "\\|"), fence)


def table(headers, rows, numeric=()):
    """A Markdown table with padded columns; columns named in ``numeric`` align right."""
    widths = [max([len(header)] + [len(row[index]) for row in rows]) for index, header in enumerate(headers)]
    widths = [max(width, 3) for width in widths]

    def line(cells):
        padded = [cell.rjust(width) if header in numeric else cell.ljust(width)
                  for cell, width, header in zip(cells, widths, headers)]
        return "| %s |" % " | ".join(padded)

    rule = ["-" * (width - 1) + ":" if header in numeric else ":" + "-" * (width - 1)
            for width, header in zip(widths, headers)]
    return [line(headers), line(rule)] + [line(row) for row in rows]


def summary_table(report):
    """The summary table lines: one row per environment."""
    rows = [[text(section["environment"]), text(status_label(report, section)),
             str(section["summary"]["tasks_checked"]), str(section["summary"]["errors"]),
             str(section["summary"]["warnings"])]
            for section in report.get("environments") or []]
    return table(["environment", "status", "tasks checked", "errors", "warnings"], rows,
                 numeric=("tasks checked", "errors", "warnings"))


def render_markdown(report, summary_only=False):
    """The Markdown report (see DOCUMENTATION)."""
    if summary_only:
        return "\n".join(summary_table(report)) + "\n"
    reference = report.get("reference")
    totals = report.get("summary") or {}
    lines = ["# %s" % text(report.get("title") or "DIS dump task report"), ""]
    facts = []
    if report.get("generated_at"):
        facts.append("Generated %s" % text(report["generated_at"]))
    if reference:
        facts.append("reference environment %s" % code(reference))
    facts.append("failure threshold: %s" % text(report.get("severity_threshold")))
    lines += ["%s." % ", ".join(facts), ""]
    lines += ["%s, %s checked: %s, %s, %s passed." % (
        plural(totals.get("environments", 0), "environment"), plural(totals.get("tasks_checked", 0), "task"),
        plural(totals.get("errors", 0), "error"), plural(totals.get("warnings", 0), "warning"),
        plural(totals.get("passed", 0), "check")), ""]
    lines += summary_table(report)

    expected_label, actual_label = "expected", "actual"
    for section in report.get("environments") or []:
        name = section["environment"]
        if reference:
            expected_label, actual_label = "in %s" % reference, "in %s" % name
        lines += ["", "## %s: %s" % (text(name), text(status_label(report, section))), ""]
        summary = section["summary"]
        if section["status"] == "not_audited":
            lines.append("Not audited: the play failed for this environment before its dump tasks were compared; "
                         "see the play's output.")
            continue
        lines.append("%s checked, %s: %s passed, %s, %s." % (
            plural(summary["tasks_checked"], "task"), plural(summary["checks"], "check"), summary["passed"],
            plural(summary["errors"], "error"), plural(summary["warnings"], "warning")))
        lines.append("")
        if section["findings"]:
            rows = [[check.get("severity") or "", code(check.get("stream")), code(check.get("task")),
                     text(check.get("rule")) + (" " + code(check["key"]) if check.get("key") else ""),
                     code(check.get("expected")), code(check.get("actual")), text(check.get("message"))]
                    for check in section["findings"]]
            lines += table(["severity", "stream", "task", "rule", expected_label, actual_label, "message"], rows)
        else:
            lines.append("No drift: every check passed." if not reference else "No difference: every check passed.")
        if section.get("transfer_tasks"):
            lines += ["", "### Dump tasks", ""]
            rows = [[code(task.get("stream_name")), code(task.get("task_name")), text(task.get("state")),
                     text(task.get("destination_type")),
                     text("%s ago" % task["last_transfer_age"] if task.get("last_transfer_age") else None),
                     "%d/%d" % (task.get("abnormal_partitions") or 0, task.get("partitions") or 0),
                     str(task.get("discards") or 0)]
                    for task in section["transfer_tasks"]]
            lines += table(["stream", "task", "state", "destination", "last transfer", "abnormal partitions",
                            "discards"], rows, numeric=("abnormal partitions", "discards"))
    return "\n".join(lines) + "\n"


def transfer_task_report_markdown(report, summary_only=False):
    """Markdown of a report document."""
    if not isinstance(report, Mapping) or "environments" not in report:
        raise AnsibleFilterError("transfer_task_report_markdown: the input must be a report document "
                                 "from hwcloud.dis.transfer_task_report")
    return render_markdown(report, summary_only=summary_only)


class FilterModule:
    """hwcloud.dis.transfer_task_report_markdown"""

    def filters(self):
        return {"transfer_task_report_markdown": transfer_task_report_markdown}
