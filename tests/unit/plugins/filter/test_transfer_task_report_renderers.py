# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Specification of the Markdown, HTML and JUnit renderings of a report document."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_drift import transfer_task_drift
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_parity import transfer_task_parity
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_report import transfer_task_report
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_report_html import transfer_task_report_html
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_report_junit import transfer_task_report_junit
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_report_markdown import (
    transfer_task_report_markdown,
)

DOCUMENT = {"max_lag": "15m", "partitions": {"max_discard": 0},
            "streams": {"orders": {"tasks": {"orders-to-obs": {"destination": {"obs_bucket_path": "orders-bucket"}}}},
                        "payments": {}}}


@pytest.fixture
def report(build):
    """prod: a stale task with discards and another bucket, a missing stream; staging: as declared."""
    prod = build.result(build.task(age=3600, destination={"obs_bucket_path": "other-bucket"},
                                   partitions=[build.partition(discard=3)]))
    staging = build.result(build.task(), streams=["payments"])
    checks = (transfer_task_drift(prod, DOCUMENT, "prod", include_passed=True)
              + transfer_task_drift(staging, DOCUMENT, "staging", include_passed=True))
    return transfer_task_report(checks, environments=["prod", "staging"], generated_at="2025-11-25T10:00:00Z",
                                transfer_tasks={"prod": prod["transfer_tasks"]})


def finding_messages(report):
    return [finding["message"] for item in report["environments"] for finding in item["findings"]]


def hostile_report(text):
    """A report whose every value from outside is ``text``."""
    finding = {"environment": text, "stream": text, "task": text, "rule": "destination_setting", "key": text,
               "expected": text, "actual": [text], "severity": "error", "passed": False, "message": text}
    return transfer_task_report([finding, dict(finding, passed=True, severity="warning")], title=text,
                                generated_at=text)


@pytest.mark.parametrize("render", [transfer_task_report_markdown, transfer_task_report_html,
                                    transfer_task_report_junit])
def test_each_renderer_refuses_what_is_not_a_report(render):
    with pytest.raises(AnsibleFilterError, match="must be a report document"):
        render([{"rule": "state"}])


# ---------------------------------------------------------------- Markdown

def test_markdown_summary_only_is_an_aligned_table(report):
    assert transfer_task_report_markdown(report, summary_only=True) == (
        "| environment | status | tasks checked | errors | warnings |\n"
        "| :---------- | :----- | ------------: | -----: | -------: |\n"
        "| prod        | drift  |             1 |      2 |        2 |\n"
        "| staging     | ok     |             1 |      0 |        0 |\n")


def test_markdown_has_a_section_per_environment_with_every_finding(report):
    text = transfer_task_report_markdown(report)
    assert "## prod: drift" in text and "## staging: ok" in text
    for message in finding_messages(report):
        assert message in text.replace("\\", "")
    assert "No drift: every check passed." in text


def test_markdown_lists_the_dump_tasks_of_an_environment(report):
    assert "| `orders` | `orders-to-obs` | RUNNING | OBS         | 1h ago" in transfer_task_report_markdown(report)


def test_markdown_escapes_text_that_would_become_markup():
    text = transfer_task_report_markdown(hostile_report("<b>x</b> | *y* [z](u) `c`"))
    outside_code_spans = re.sub(r"(`+) .*? \1", "", text)
    assert "<b>" not in outside_code_spans and "*y*" not in outside_code_spans
    assert "\\<b\\>x\\</b\\> \\| \\*y\\* \\[z\\](u) \\`c\\`" in text


def test_markdown_keeps_values_literal_in_code_spans_even_with_backticks_and_pipes():
    text = transfer_task_report_markdown(hostile_report("a`b|c"))
    assert "``a`b\\|c``" in text


def test_markdown_leaves_underscores_inside_names_alone():
    assert "| prod_eu     |" in transfer_task_report_markdown(hostile_report("prod_eu"), summary_only=True)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_markdown_table_rows_keep_their_columns_whatever_the_text(text):
    table = transfer_task_report_markdown(hostile_report(text), summary_only=True).splitlines()
    # An unescaped "|" (one not preceded by a backslash) separates cells: five columns, six separators.
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in table)


def test_markdown_of_a_parity_report_labels_columns_with_environment_names(build):
    results = {"staging": build.result(build.task()), "prod": build.result(build.task(state="PAUSED"))}
    parity = transfer_task_report(transfer_task_parity(results), reference="staging")
    text = transfer_task_report_markdown(parity)
    assert re.search(r"\| in staging +\| in prod +\|", text)
    assert "## prod: differs" in text


# ---------------------------------------------------------------- HTML

class _Structure(HTMLParser):
    """Checks that every element opened is closed in order, and records what would load from outside."""

    VOID = {"meta", "br", "hr", "img", "link"}

    def __init__(self):
        super().__init__()
        self.stack, self.problems, self.external = [], [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(tag)


def structure(page):
    parser = _Structure()
    parser.feed(page)
    parser.close()
    return parser


def test_html_is_one_well_formed_page_that_loads_nothing(report):
    page = transfer_task_report_html(report)
    parsed = structure(page)
    assert page.startswith("<!DOCTYPE html>")
    assert (parsed.stack, parsed.problems, parsed.external) == ([], [], [])
    assert "url(" not in page and "@import" not in page


def test_html_has_a_table_per_environment_with_rows_coloured_by_severity(report):
    page = transfer_task_report_html(report)
    assert page.count('<table class="findings">') == 1  # staging has no finding
    assert page.count('<tr class="error">') == 2 and page.count('<tr class="warning">') == 2
    assert "No drift: every check passed." in page


def test_html_shows_every_finding(report):
    page = transfer_task_report_html(report)
    for message in finding_messages(report):
        assert html.escape(message) in page


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_html_escapes_every_value_whatever_the_text(text):
    page = transfer_task_report_html(hostile_report("<i>" + text))
    assert "<i>" not in page
    parsed = structure(page)
    assert (parsed.stack, parsed.problems, parsed.external) == ([], [], [])


def test_html_of_a_not_audited_environment_says_so():
    page = transfer_task_report_html(transfer_task_report([], not_audited=["qa"]))
    assert "Not audited" in page and "not audited</span>" in page


# ---------------------------------------------------------------- JUnit

def test_junit_has_a_suite_per_environment_and_a_case_per_check(report):
    root = ET.fromstring(transfer_task_report_junit(report).encode("utf-8"))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["prod", "staging"]
    assert [len(suite.findall("testcase")) for suite in suites.values()] == [
        item["summary"]["checks"] for item in report["environments"]]
    assert root.get("tests") == str(report["summary"]["checks"])


def test_junit_failures_are_the_findings_at_or_above_the_threshold(report):
    root = ET.fromstring(transfer_task_report_junit(report))
    failures = root.findall(".//failure")
    assert len(failures) == report["summary"]["failing"] == int(root.get("failures"))
    assert sorted(failure.get("message") for failure in failures) == sorted(finding_messages(report))


def test_junit_names_cases_after_the_rule_and_the_task(report):
    root = ET.fromstring(transfer_task_report_junit(report))
    case = root.find(".//testcase[@name='destination_setting[obs_bucket_path]']")
    assert case.get("classname") == "prod.orders.orders-to-obs"
    assert case.find("failure").text == "expected: orders-bucket\nactual: other-bucket\nseverity: warning\n"


def test_junit_findings_below_the_threshold_pass_with_their_message(build):
    checks = transfer_task_drift(build.result(build.task(destination={"obs_bucket_path": "x"})), DOCUMENT, "prod",
                                 include_passed=True)
    root = ET.fromstring(transfer_task_report_junit(transfer_task_report(checks, severity_threshold="error")))
    case = root.find(".//testcase[@name='destination_setting[obs_bucket_path]']")
    assert case.find("failure") is None
    assert case.find("system-out").text.startswith("warning (below the failure threshold error): ")


def test_junit_reports_a_failed_listing_as_an_error(build):
    checks = transfer_task_drift({"msg": "Could not connect."}, DOCUMENT, "prod", include_passed=True)
    root = ET.fromstring(transfer_task_report_junit(transfer_task_report(checks)))
    assert (root.get("errors"), root.get("failures")) == ("1", "0")
    assert root.find(".//error").get("type") == "query_failed"


def test_junit_reports_an_environment_not_audited_as_an_error():
    root = ET.fromstring(transfer_task_report_junit(transfer_task_report([], not_audited=["qa"])))
    assert root.find(".//testsuite[@name='qa']/testcase/error").get("type") == "not_audited"


def test_junit_keeps_the_failure_threshold_as_a_property(report):
    root = ET.fromstring(transfer_task_report_junit(report))
    assert root.find(".//property[@name='severity_threshold']").get("value") == "warning"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_junit_always_parses_whatever_the_text(text):
    root = ET.fromstring(transfer_task_report_junit(hostile_report(text)).encode("utf-8"))
    assert root.find(".//failure") is not None
