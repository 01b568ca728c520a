# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Specification of the report document and of the expected / actual views behind --diff."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_diff_views import transfer_task_diff_views
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_drift import transfer_task_drift
from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_report import transfer_task_report
from ansible_collections.hwcloud.dis.plugins.module_utils.drift import format_duration

DOCUMENT = {"max_lag": "15m",
            "streams": {"orders": {"tasks": {"orders-to-obs": {"destination_type": "OBS"}, "orders-to-dws": {}}}}}


@pytest.fixture
def checks(build):
    """prod: one stale task (error) and one undeclared task (warning); staging: as declared."""
    prod = build.result(build.task(age=3600), build.task(name="orders-to-dws"), build.task(name="orders-extra"))
    staging = build.result(build.task(), build.task(name="orders-to-dws"))
    return (transfer_task_drift(prod, DOCUMENT, "prod", include_passed=True)
            + transfer_task_drift(staging, DOCUMENT, "staging", include_passed=True))


def section(report, name):
    return next(item for item in report["environments"] if item["environment"] == name)


def test_environments_follow_the_given_order_then_those_only_in_the_checks(checks):
    report = transfer_task_report(checks, environments=["staging"])
    assert [item["environment"] for item in report["environments"]] == ["staging", "prod"]


def test_each_environment_counts_its_tasks_checks_and_findings(checks):
    prod = section(transfer_task_report(checks), "prod")["summary"]
    assert prod == {"tasks_checked": 3, "checks": 12, "passed": 10, "errors": 1, "warnings": 1, "failing": 2}


def test_the_totals_add_up_the_environments(checks):
    report = transfer_task_report(checks)
    assert report["summary"] == {"environments": 2, "tasks_checked": 5, "checks": 24, "passed": 22, "errors": 1,
                                 "warnings": 1, "failing": 2}


def test_failing_counts_only_findings_at_or_above_the_threshold(checks):
    assert transfer_task_report(checks, severity_threshold="error")["summary"]["failing"] == 1


def test_an_unknown_threshold_is_refused(checks):
    with pytest.raises(AnsibleFilterError, match="severity must be error or warning"):
        transfer_task_report(checks, severity_threshold="info")


def test_findings_and_passed_checks_are_kept_apart(checks):
    prod = section(transfer_task_report(checks), "prod")
    assert [finding["rule"] for finding in prod["findings"]] == ["unexpected_task", "stale"]
    assert all(check["passed"] for check in prod["passed"])


def test_the_status_says_ok_drift_incomplete_or_not_audited(checks):
    failed = transfer_task_drift({"msg": "Could not connect."}, DOCUMENT, "dr", include_passed=True)
    report = transfer_task_report(checks + failed, not_audited=["qa"])
    assert {item["environment"]: item["status"] for item in report["environments"]} == {
        "prod": "drift", "staging": "ok", "dr": "incomplete", "qa": "not_audited"}


def test_the_dump_tasks_of_each_environment_are_summarised(build, checks):
    partitions = [build.partition(state="ABNORMAL", discard=7), build.partition("shardId-0000000001", discard=5)]
    report = transfer_task_report(checks, transfer_tasks={"prod": [build.task(age=3725, partitions=partitions)]})
    assert section(report, "prod")["transfer_tasks"] == [{
        "stream_name": "orders", "task_name": "orders-to-obs", "state": "RUNNING", "destination_type": "OBS",
        "last_transfer_iso": "2020-12-03T08:33:48.612Z", "last_transfer_age": "1h 2m", "partitions": 2,
        "abnormal_partitions": 1, "discards": 12}]


def test_the_title_and_time_are_kept_and_parity_reports_name_their_reference(checks):
    audit = transfer_task_report(checks, generated_at="2025-11-25T10:00:00Z")
    parity = transfer_task_report(checks, reference="staging")
    assert (audit["title"], audit["generated_at"], audit["reference"]) == (
        "DIS dump task audit", "2025-11-25T10:00:00Z", None)
    assert (parity["title"], parity["reference"]) == ("DIS dump task parity", "staging")


@pytest.mark.parametrize("seconds, text", [
    (0, "0s"), (45, "45s"), (60, "1m"), (900, "15m"), (2824, "47m 4s"), (5400, "1h 30m"), (18004, "5h"),
    (172804, "2d"), (183600, "2d 3h")])
def test_durations_read_as_people_say_them(seconds, text):
    assert format_duration(seconds) == text


def test_the_views_are_equal_where_every_check_passed(checks):
    staging = [check for check in checks if check["environment"] == "staging"]
    views = transfer_task_diff_views(staging)
    assert views["expected"] == views["actual"]
    assert views["expected"]["staging"]["orders"]["orders-to-obs"] == {
        "exists": True, "state": "RUNNING", "destination_type": "OBS", "last_transfer": "within 15m",
        "abnormal_partitions": []}


def test_the_views_differ_exactly_where_checks_failed(checks):
    views = transfer_task_diff_views(checks)
    expected, actual = views["expected"]["prod"]["orders"], views["actual"]["prod"]["orders"]
    assert (expected["orders-to-obs"]["last_transfer"], actual["orders-to-obs"]["last_transfer"]) == (
        "within 15m", "1h ago")
    assert (expected["orders-extra"], actual["orders-extra"]) == ({"exists": False}, {"exists": True})
    assert expected["orders-to-dws"] == actual["orders-to-dws"]


def test_the_views_nest_destination_settings(build):
    info = build.result(build.task(destination={"obs_bucket_path": "b", "deliver_time_interval": 60}))
    document = {"streams": {"orders": {"tasks": {"orders-to-obs": {
        "destination": {"obs_bucket_path": "b", "deliver_time_interval": 300}}}}}}
    views = transfer_task_diff_views(transfer_task_drift(info, document, "prod", include_passed=True))
    assert views["expected"]["prod"]["orders"]["orders-to-obs"]["destination"] == {
        "deliver_time_interval": 300, "obs_bucket_path": "b"}
    assert views["actual"]["prod"]["orders"]["orders-to-obs"]["destination"] == {
        "deliver_time_interval": 60, "obs_bucket_path": "b"}
