# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
name: transfer_task_report_junit
short_description: Render a DIS drift or parity report as JUnit XML
version_added: 0.1.0
author:
  - hwcloud.dis contributors
description:
  - Renders the document of P(hwcloud.dis.transfer_task_report#filter) as JUnit XML, so that CI dashboards
    (GitLab, Jenkins, GitHub test reporters) show what was checked and what drifted.
  - One C(testsuite) per environment; one C(testcase) per check, passed ones included, named after the rule
    (C(destination_setting[obs_bucket_path]) for settings) with the class name C(environment.stream.task).
  - A finding at or above the report's C(severity_threshold) is a C(failure); C(query_failed) is an C(error)
    (the check could not run); a finding below the threshold passes, its message in C(system-out).
  - Characters that XML 1.0 cannot carry are replaced by U+FFFD.
options:
  _input:
    description: The report document (made with C(include_passed=true) checks, for the passing test cases).
    type: dict
    required: true
seealso:
  - plugin: hwcloud.dis.transfer_task_report
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write the JUnit report for the CI job
  ansible.builtin.copy:
    content: "{{ drift_report | hwcloud.dis.transfer_task_report_junit }}"
    dest: reports/audit.xml
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The XML document, with its declaration, ending with a newline.
  type: str
  sample: |
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="DIS dump task audit" tests="2" failures="1" errors="0" skipped="0">
      <testsuite name="prod" tests="2" failures="1" errors="0" skipped="0" timestamp="2025-11-25T10:00:00Z">
        <testcase classname="prod.orders.orders-to-obs" name="state" />
        <testcase classname="prod.orders.orders-to-obs" name="destination_setting[deliver_time_interval]">
          <failure type="destination_setting" message="orders/orders-to-obs: destination ...">...</failure>
        </testcase>
      </testsuite>
    </testsuites>
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.module_utils.drift import check_sort_key, display, failing

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(value):
    return _NOT_XML.sub("\ufffd", str(value))


def _case_name(check):
    rule = str(check.get("rule"))
    return "%s[%s]" % (rule, check["key"]) if check.get("key") is not None else rule


def _class_name(check):
    parts = [check.get("environment"), check.get("stream"), check.get("task")]
    return ".".join(str(part) for part in parts if part is not None)


def _details(check, reference):
    expected_label = "in %s" % reference if reference else "expected"
    actual_label = "in %s" % check.get("environment") if reference else "actual"
    return "%s: %s\n%s: %s\nseverity: %s\n" % (expected_label, display(check.get("expected")), actual_label,
                                               display(check.get("actual")), check.get("severity"))


def _testcase(suite, check, threshold, reference, counts):
    case = ET.SubElement(suite, "testcase", classname=_xml(_class_name(check)), name=_xml(_case_name(check)),
                         time="0")
    if check.get("passed"):
        return
    message = _xml(check.get("message") or "")
    if check.get("rule") == "query_failed":
        element = ET.SubElement(case, "error", type="query_failed", message=message)
        counts["errors"] += 1
    elif failing(check, threshold):
        element = ET.SubElement(case, "failure", type=_xml(check.get("rule")), message=message)
        counts["failures"] += 1
    else:
        element = ET.SubElement(case, "system-out")
        element.text = _xml("%s (below the failure threshold %s): %s\n"
                            % (check.get("severity"), threshold, check.get("message")))
        return
    element.text = _xml(_details(check, reference))


def render_junit(report):
    """The JUnit XML of a report document (see DOCUMENTATION)."""
    threshold = report.get("severity_threshold") or "warning"
    reference = report.get("reference")
    root = ET.Element("testsuites", name=_xml(report.get("title") or "DIS dump task report"))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for section in report.get("environments") or []:
        suite = ET.SubElement(root, "testsuite", name=_xml(section["environment"]))
        if report.get("generated_at"):
            suite.set("timestamp", _xml(report["generated_at"]))
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="severity_threshold", value=_xml(threshold))
        if reference:
            ET.SubElement(properties, "property", name="reference", value=_xml(reference))
        counts = {"failures": 0, "errors": 0}
        checks = sorted(list(section.get("findings") or []) + list(section.get("passed") or []), key=check_sort_key)
        if section.get("status") == "not_audited":
            case = ET.SubElement(suite, "testcase", classname=_xml(section["environment"]), name="audit", time="0")
            ET.SubElement(case, "error", type="not_audited",
                          message="the play failed for this environment before its dump tasks were compared")
            counts["errors"] += 1
            tests = 1
        else:
            for check in checks:
                if isinstance(check, Mapping):
                    _testcase(suite, check, threshold, reference, counts)
            tests = len(checks)
        suite.set("tests", str(tests))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", str(counts["errors"]))
        suite.set("skipped", "0")
        suite.set("time", "0")
        totals["tests"] += tests
        totals["failures"] += counts["failures"]
        totals["errors"] += counts["errors"]
    for field in ("tests", "failures", "errors"):
        root.set(field, str(totals[field]))
    root.set("skipped", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n%s\n' % ET.tostring(root, encoding="unicode")


def transfer_task_report_junit(report):
    """JUnit XML of a report document."""
    if not isinstance(report, Mapping) or "environments" not in report:
        raise AnsibleFilterError("transfer_task_report_junit: the input must be a report document "
                                 "from hwcloud.dis.transfer_task_report")
    return render_junit(report)


class FilterModule:
    """hwcloud.dis.transfer_task_report_junit"""

    def filters(self):
        return {"transfer_task_report_junit": transfer_task_report_junit}
