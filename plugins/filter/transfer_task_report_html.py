# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_report_html
short_description: Render a DIS drift or parity report as a self-contained HTML page
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - >-
    Renders the document of P(hwcloud.dis.transfer_task_report#filter) as one HTML page that needs nothing else:
    inline CSS, no script, no external font or image. Open it from disk, attach it to a CI job, mail it.
  - Summary cards and a table of environments, then one table of findings per environment, rows coloured by
    severity, and folded sections with the checks that passed and the environment's dump tasks.
  - Every value from the cloud or the inventory is HTML-escaped.
options:
  _input:
    description: The report document.
    type: dict
    required: true
seealso:
  - plugin: hwcloud.dis.transfer_task_report
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write the HTML report
  ansible.builtin.copy:
    content: "{{ drift_report | hwcloud.dis.transfer_task_report_html }}"
    dest: reports/audit.html
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The HTML page.
  type: str
  sample: "<!DOCTYPE html>\n<html lang=\"en\">..."
"""

from collections.abc import Mapping
from html import escape

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import display, plural, status_label

STYLE = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--soft:#f6f8fa;--err:#b42318;--err-bg:#fef3f2;
--warn:#93370d;--warn-bar:#f79009;--warn-bg:#fffaeb;--ok:#067647;--ok-bg:#ecfdf3;--info:#475467;--info-bg:#eef1f5}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:24px 32px 40px;color:var(--fg);background:#fff;
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:17px;margin:32px 0 2px;padding-top:12px;border-top:1px solid var(--line)}
h3{font-size:13px;margin:0}
.meta{color:var(--muted);margin:0 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:22px;font-variant-numeric:tabular-nums}
.card span{color:var(--muted);font-size:12px}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}.card.ok b{color:var(--ok)}
table{border-collapse:collapse;width:100%;margin:6px 0;font-size:13px}
table.summary{width:auto;min-width:60%}
th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);font-weight:600;white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.msg{min-width:18em}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);
padding:1px 4px;border-radius:4px;overflow-wrap:break-word}
td.name code{white-space:nowrap}
tr.error td{background:var(--err-bg)}tr.error td:first-child{box-shadow:inset 3px 0 var(--err)}
tr.warning td{background:var(--warn-bg)}tr.warning td:first-child{box-shadow:inset 3px 0 var(--warn-bar)}
.badge{display:inline-block;font-size:11px;font-weight:600;line-height:16px;padding:1px 8px;border-radius:9px;
text-transform:uppercase;letter-spacing:.03em;vertical-align:2px;white-space:nowrap}
.badge.ok,.badge.passed{color:var(--ok);background:var(--ok-bg)}
.badge.error{color:var(--err);background:var(--err-bg)}
.badge.warning{color:var(--warn);background:var(--warn-bg)}
.badge.incomplete,.badge.not_audited{color:var(--info);background:var(--info-bg)}
.none{color:var(--muted)}
p.clean{color:var(--ok);margin:8px 0}
details{margin:8px 0}
summary{cursor:pointer;color:var(--muted)}
a{color:inherit}
footer{margin-top:36px;color:var(--muted);font-size:12px}
@media print{body{padding:0}details>summary{list-style:none}tr{break-inside:avoid}}
"""


def _value(value):
    """A value as escaped HTML: code for values, a muted dash for none."""
    if value is None:
        return '<span class="none">\u2014</span>'
    return "<code>%s</code>" % escape(display(value))


def _text(value):
    return escape(display(value))


def _tone(summary):
    """The colour of an environment: its worst finding."""
    if summary.get("errors"):
        return "error"
    if summary.get("warnings"):
        return "warning"
    return "ok"


def _badge(report, section):
    status = section.get("status")
    tone = status if status in ("incomplete", "not_audited") else _tone(section["summary"])
    return '<span class="badge %s">%s</span>' % (tone, escape(status_label(report, section)))


def _cards(report):
    totals = report.get("summary") or {}
    cards = [("", totals.get("environments", 0), "environments"),
             ("", totals.get("tasks_checked", 0), "tasks checked"),
             ("error" if totals.get("errors") else "ok", totals.get("errors", 0), "errors"),
             ("warning" if totals.get("warnings") else "ok", totals.get("warnings", 0), "warnings"),
             ("", totals.get("passed", 0), "checks passed")]
    return '<div class="cards">%s</div>' % "".join(
        '<div class="card %s"><b>%d</b><span>%s</span></div>' % (tone, count, label) for tone, count, label in cards)


def _summary_table(report):
    rows = []
    for index, section in enumerate(report.get("environments") or []):
        summary = section["summary"]
        rows.append('<tr><td><a href="#env-%d">%s</a></td><td>%s</td>%s</tr>' % (
            index, _text(section["environment"]), _badge(report, section),
            "".join('<td class="num">%d</td>' % summary[field]
                    for field in ("tasks_checked", "checks", "passed", "errors", "warnings"))))
    return ('<table class="summary"><thead><tr><th>environment</th><th>status</th><th class="num">tasks checked</th>'
            '<th class="num">checks</th><th class="num">passed</th><th class="num">errors</th>'
            '<th class="num">warnings</th></tr></thead><tbody>%s</tbody></table>' % "".join(rows))


def _rule(check):
    rule = _text(check.get("rule"))
    return "%s %s" % (rule, _value(check["key"])) if check.get("key") is not None else rule


def _findings_table(findings, expected_label, actual_label):
    rows = "".join(
        '<tr class="%s"><td><span class="badge %s">%s</span></td><td class="name">%s</td><td class="name">%s</td><td>%s</td>'
        '<td>%s</td>'
        '<td>%s</td><td class="msg">%s</td></tr>' % (
            escape(str(check.get("severity"))), escape(str(check.get("severity"))), _text(check.get("severity")),
            _value(check.get("stream")), _value(check.get("task")), _rule(check), _value(check.get("expected")),
            _value(check.get("actual")), _text(check.get("message")))
        for check in findings)
    return ('<table class="findings"><thead><tr><th>severity</th><th>stream</th><th>task</th><th>rule</th>'
            '<th>%s</th><th>%s</th><th>message</th></tr></thead><tbody>%s</tbody></table>'
            % (escape(expected_label), escape(actual_label), rows))


def _passed_details(passed):
    if not passed:
        return ""
    rows = "".join('<tr><td class="name">%s</td><td class="name">%s</td><td>%s</td><td class="msg">%s</td></tr>' % (
        _value(check.get("stream")), _value(check.get("task")), _rule(check), _text(check.get("message")))
        for check in passed)
    return ('<details><summary>%s passed</summary><table><thead><tr><th>stream</th><th>task</th><th>rule</th>'
            '<th>what was verified</th></tr></thead><tbody>%s</tbody></table></details>'
            % (plural(len(passed), "check"), rows))


def _tasks_details(tasks):
    if not tasks:
        return ""
    rows = "".join(
        '<tr><td class="name">%s</td><td class="name">%s</td><td>%s</td><td>%s</td><td>%s</td><td class="num">%d/%d</td>'
        '<td class="num">%d</td>'
        '</tr>' % (_value(task.get("stream_name")), _value(task.get("task_name")), _text(task.get("state")),
                   _text(task.get("destination_type")),
                   _text("%s ago" % task["last_transfer_age"] if task.get("last_transfer_age") else None),
                   task.get("abnormal_partitions") or 0, task.get("partitions") or 0, task.get("discards") or 0)
        for task in tasks)
    return ('<details><summary>%s</summary><table><thead><tr><th>stream</th><th>task</th><th>state</th>'
            '<th>destination</th><th>last transfer</th><th class="num">abnormal partitions</th>'
            '<th class="num">discards</th></tr></thead><tbody>%s</tbody></table></details>'
            % (plural(len(tasks), "dump task"), rows))


def _section(index, report, section):
    reference = report.get("reference")
    name = section["environment"]
    summary = section["summary"]
    parts = ['<section id="env-%d"><h2>%s %s</h2>' % (index, _text(name), _badge(report, section))]
    if section.get("status") == "not_audited":
        parts.append('<p class="meta">Not audited: the play failed for this environment before its dump tasks were '
                     'compared; see the play\'s output.</p></section>')
        return "".join(parts)
    compared = " &middot; compared with <code>%s</code>" % escape(str(reference)) if reference else ""
    parts.append('<p class="meta">%s checked &middot; %s &middot; %d passed%s</p>' % (
        plural(summary["tasks_checked"], "task"), plural(summary["checks"], "check"), summary["passed"], compared))
    if section["findings"]:
        labels = ("in %s" % reference, "in %s" % name) if reference else ("expected", "actual")
        parts.append(_findings_table(section["findings"], *labels))
    else:
        clean = "No difference: every check passed." if reference else "No drift: every check passed."
        parts.append('<p class="clean">%s</p>' % clean)
    parts.append(_passed_details(section.get("passed") or []))
    parts.append(_tasks_details(section.get("transfer_tasks") or []))
    parts.append("</section>")
    return "".join(parts)


def render_html(report):
    """The HTML page of a report document (see DOCUMENTATION)."""
    title = report.get("title") or "DIS dump task report"
    meta = []
    if report.get("generated_at"):
        meta.append("Generated %s" % _text(report["generated_at"]))
    if report.get("reference"):
        meta.append("reference environment <code>%s</code>" % escape(str(report["reference"])))
    meta.append("failure threshold: %s" % _text(report.get("severity_threshold")))
    sections = "\n".join(_section(index, report, section)
                         for index, section in enumerate(report.get("environments") or []))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        "<title>%s</title>" % _text(title),
        "<style>%s</style></head>" % STYLE.strip(),
        "<body>",
        "<header><h1>%s</h1><p class=\"meta\">%s</p></header>" % (_text(title), " &middot; ".join(meta)),
        _cards(report),
        _summary_table(report),
        sections,
        "<footer>Made by the hwcloud.dis Ansible collection.</footer>",
        "</body></html>",
        "",
    ])


def transfer_task_report_html(report):
    """HTML page of a report document."""
    if not isinstance(report, Mapping) or "environments" not in report:
        raise AnsibleFilterError("transfer_task_report_html: the input must be a report document "
                                 "from hwcloud.dis.transfer_task_report")
    return render_html(report)


class FilterModule:
    """hwcloud.dis.transfer_task_report_html"""

    def filters(self):
        return {"transfer_task_report_html": transfer_task_report_html}
