# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Specification of the drift comparison: one environment's dump tasks against its desired state."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_drift import FilterModule, transfer_task_drift

FINDING_KEYS = {"environment", "stream", "task", "rule", "key", "expected", "actual", "severity", "passed", "message"}


def declare(**settings):
    """A document declaring orders/orders-to-obs with ``settings``."""
    return {"streams": {"orders": {"tasks": {"orders-to-obs": settings}}}}


def rules(findings):
    return [(finding["stream"], finding["task"], finding["rule"]) for finding in findings]


def only(findings):
    assert len(findings) == 1, findings
    return findings[0]


def test_filter_is_registered_under_its_name():
    assert FilterModule().filters() == {"transfer_task_drift": transfer_task_drift}


def test_an_environment_as_declared_has_no_findings(build):
    document = declare(destination_type="OBS", destination={"obs_bucket_path": "orders-bucket"}, max_lag="15m",
                       partitions={"max_discard": 0})
    assert transfer_task_drift(build.result(build.task()), document, "prod") == []


def test_include_passed_returns_every_check_each_marked_passed(build):
    checks = transfer_task_drift(build.result(build.task()), declare(destination_type="OBS"), "prod",
                                 include_passed=True)
    assert [check["rule"] for check in checks] == [
        "unexpected_task", "missing_stream", "unexpected_task", "missing_task", "state", "destination_type",
        "partition_abnormal"]
    assert all(check["passed"] for check in checks)


def test_every_finding_has_the_same_keys_and_the_environment(build):
    finding = only(transfer_task_drift(build.result(build.task(state="PAUSED")), declare(), "prod"))
    assert set(finding) == FINDING_KEYS
    assert finding["environment"] == "prod"


def test_a_declared_stream_that_is_not_listed_is_missing(build):
    finding = only(transfer_task_drift(build.result(), {"streams": {"payments": {}}}, "dev"))
    assert (finding["stream"], finding["task"], finding["rule"]) == ("payments", None, "missing_stream")
    assert finding["message"] == "stream payments does not exist"
    assert finding["severity"] == "error"


def test_a_declared_stream_reported_as_not_found_is_missing_and_its_tasks_are_not_checked(build):
    info = build.result(errors=[build.stream_error("payments")])
    findings = transfer_task_drift(info, {"streams": {"payments": {"tasks": {"payments-to-obs": {}}}}}, "dev")
    assert rules(findings) == [("payments", None, "missing_stream")]


def test_a_stream_that_could_not_be_listed_is_query_failed_not_missing(build):
    info = build.result(errors=[build.stream_error("orders", code="DIS.5000", message="Internal error", status=500)])
    finding = only(transfer_task_drift(info, declare(), "prod"))
    assert (finding["stream"], finding["rule"], finding["severity"]) == ("orders", "query_failed", "error")
    assert finding["actual"] == "Internal error (DIS.5000)"


def test_a_failing_undeclared_stream_is_query_failed_too(build):
    info = build.result(build.task(), errors=[build.stream_error("clicks", code="DIS.5000", message="Boom")])
    assert rules(transfer_task_drift(info, declare(), "prod")) == [("clicks", None, "query_failed")]


def test_an_undeclared_stream_deleted_meanwhile_is_ignored(build):
    info = build.result(build.task(), errors=[build.stream_error("clicks")])
    assert transfer_task_drift(info, declare(), "prod") == []


def test_a_module_run_that_failed_as_a_whole_is_one_query_failed_finding():
    failed = {"failed": False, "failed_when_result": False, "msg": "Authentication failed: token rejected.",
              "error": {"code": "DIS.4116", "message": "Invalid RBAC"}}
    finding = only(transfer_task_drift(failed, declare(), "prod"))
    assert (finding["stream"], finding["task"], finding["rule"]) == (None, None, "query_failed")
    assert finding["message"] == "could not list the dump tasks: Authentication failed: token rejected. (DIS.4116)"


def test_a_declared_task_that_does_not_exist_is_missing_and_nothing_else(build):
    findings = transfer_task_drift(build.result(streams=["orders"]), declare(max_lag="1m"), "prod")
    finding = only(findings)
    assert (finding["rule"], finding["expected"], finding["actual"]) == ("missing_task", "RUNNING", None)
    assert finding["message"] == "dump task orders/orders-to-obs does not exist"


def test_a_task_declared_absent_that_exists_is_unexpected(build):
    finding = only(transfer_task_drift(build.result(build.task()), declare(state="absent"), "prod"))
    assert (finding["rule"], finding["actual"]) == ("unexpected_task", "RUNNING")
    assert finding["message"] == "dump task orders/orders-to-obs exists but is declared absent"


def test_a_task_declared_absent_that_is_absent_passes(build):
    assert transfer_task_drift(build.result(streams=["orders"]), declare(state="ABSENT"), "prod") == []


def test_an_undeclared_task_in_a_declared_stream_is_unexpected(build):
    info = build.result(build.task(), build.task(name="orders-to-archive"))
    finding = only(transfer_task_drift(info, declare(), "prod"))
    assert (finding["task"], finding["rule"], finding["severity"]) == ("orders-to-archive", "unexpected_task",
                                                                       "warning")


def test_a_stream_may_allow_undeclared_tasks(build):
    document = {"streams": {"orders": {"allow_undeclared_tasks": True, "tasks": {"orders-to-obs": {}}}}}
    info = build.result(build.task(), build.task(name="orders-to-archive"))
    assert transfer_task_drift(info, document, "prod") == []


def test_tasks_of_undeclared_streams_are_unexpected_by_default(build):
    info = build.result(build.task(), build.task(stream="clicks", name="clicks-to-obs"))
    assert rules(transfer_task_drift(info, declare(), "prod")) == [("clicks", "clicks-to-obs", "unexpected_task")]


def test_the_document_may_allow_tasks_outside_the_declared_streams(build):
    document = dict(declare(), allow_undeclared_tasks=True)
    info = build.result(build.task(), build.task(stream="clicks", name="clicks-to-obs"))
    assert transfer_task_drift(info, document, "prod") == []


def test_a_task_in_another_state_is_state_drift(build):
    finding = only(transfer_task_drift(build.result(build.task(state="ABNORMAL", partitions=[])), declare(), "prod"))
    assert (finding["rule"], finding["expected"], finding["actual"]) == ("state", "RUNNING", "ABNORMAL")
    assert finding["message"] == "orders/orders-to-obs is ABNORMAL, expected RUNNING"


def test_a_task_declared_paused_that_is_paused_is_fine(build):
    info = build.result(build.task(state="PAUSED", age=86400 * 30))
    assert transfer_task_drift(info, declare(state="paused", max_lag="15m"), "dev") == []


def test_a_task_declared_paused_is_never_checked_for_staleness(build):
    checks = transfer_task_drift(build.result(build.task(state="PAUSED", age=None)), declare(state="PAUSED",
                                 max_lag="1m"), "dev", include_passed=True)
    assert "stale" not in [check["rule"] for check in checks]


def test_another_destination_type_is_drift(build):
    finding = only(transfer_task_drift(build.result(build.task(destination_type="DLI")),
                                       declare(destination_type="DWS"), "dev"))
    assert (finding["rule"], finding["expected"], finding["actual"]) == ("destination_type", "DWS", "DLI")
    assert finding["message"] == "orders/orders-to-obs dumps to DLI, expected DWS"


def test_each_differing_destination_setting_is_one_finding(build):
    destination = {"obs_bucket_path": "other-bucket", "deliver_time_interval": 60, "file_prefix": "orders"}
    document = declare(destination={"obs_bucket_path": "orders-bucket", "deliver_time_interval": 300,
                                    "file_prefix": "orders"})
    findings = transfer_task_drift(build.result(build.task(destination=destination)), document, "prod")
    assert [(finding["rule"], finding["key"], finding["expected"], finding["actual"]) for finding in findings] == [
        ("destination_setting", "deliver_time_interval", 300, 60),
        ("destination_setting", "obs_bucket_path", "orders-bucket", "other-bucket")]
    assert findings[0]["message"] == "orders/orders-to-obs: destination deliver_time_interval is 60, expected 300"


def test_a_declared_setting_the_destination_lacks_is_drift(build):
    finding = only(transfer_task_drift(build.result(build.task()), declare(destination={"file_prefix": "x"}), "prod"))
    assert (finding["key"], finding["actual"]) == ("file_prefix", None)


def test_a_number_and_its_text_are_the_same_setting(build):
    info = build.result(build.task(destination={"deliver_time_interval": 300, "retry_duration": "1800"}))
    document = declare(destination={"deliver_time_interval": "300", "retry_duration": 1800})
    assert transfer_task_drift(info, document, "prod") == []


def test_a_boolean_is_not_the_same_as_its_text(build):
    info = build.result(build.task(destination={"compress": True}))
    assert only(transfer_task_drift(info, declare(destination={"compress": "true"}), "prod"))["key"] == "compress"


def test_a_masked_secret_is_never_compared(build):
    info = build.result(build.task(destination={"user_name": "loader", "user_password": "********"}))
    checks = transfer_task_drift(info, declare(destination={"user_password": "Secret-1", "user_name": "loader"}),
                                 "prod", include_passed=True)
    assert [check["key"] for check in checks if check["rule"] == "destination_setting"] == ["user_name"]


def test_a_desired_value_equal_to_the_mask_is_never_compared(build):
    info = build.result(build.task(destination={"user_password": None}))
    assert transfer_task_drift(info, declare(destination={"user_password": "********"}), "prod") == []


def test_a_task_whose_last_transfer_is_older_than_max_lag_is_stale(build):
    finding = only(transfer_task_drift(build.result(build.task(age=5 * 3600 + 4)), declare(max_lag="15m"), "prod"))
    assert (finding["rule"], finding["expected"], finding["actual"]) == ("stale", "15m", "5h")
    assert finding["message"] == "orders/orders-to-obs last dumped data 5h ago, more than the 15m allowed"


def test_a_task_exactly_at_max_lag_is_not_stale(build):
    assert transfer_task_drift(build.result(build.task(age=900)), declare(max_lag=900), "prod") == []


def test_a_task_that_never_transferred_is_stale(build):
    finding = only(transfer_task_drift(build.result(build.task(age=None)), declare(max_lag="15m"), "prod"))
    assert (finding["rule"], finding["actual"]) == ("stale", None)
    assert finding["message"] == "orders/orders-to-obs has no recorded transfer, expected one within 15m"


def test_without_max_lag_staleness_is_not_checked(build):
    checks = transfer_task_drift(build.result(build.task(age=10 ** 9)), declare(), "prod", include_passed=True)
    assert "stale" not in [check["rule"] for check in checks]


def test_an_abnormal_partition_is_a_finding_naming_it(build):
    partitions = [build.partition("shardId-0000000000"), build.partition("shardId-0000000001", state="ABNORMAL"),
                  build.partition("shardId-0000000002", state="error")]
    finding = only(transfer_task_drift(build.result(build.task(partitions=partitions)), declare(), "prod"))
    assert (finding["rule"], finding["expected"], finding["actual"]) == (
        "partition_abnormal", [], ["shardId-0000000001", "shardId-0000000002"])
    assert finding["message"] == ("orders/orders-to-obs has 2 abnormal partitions: shardId-0000000001, "
                                  "shardId-0000000002")


def test_abnormal_partitions_may_be_allowed(build):
    info = build.result(build.task(partitions=[build.partition(state="ABNORMAL")]))
    assert transfer_task_drift(info, declare(partitions={"allow_abnormal": True}), "prod") == []


def test_discards_over_the_limit_count_every_partition(build):
    partitions = [build.partition(discard=1287), build.partition("shardId-0000000001", discard=12)]
    finding = only(transfer_task_drift(build.result(build.task(partitions=partitions)),
                                       declare(partitions={"max_discard": 100}), "prod"))
    assert (finding["rule"], finding["expected"], finding["actual"], finding["severity"]) == (
        "discards", 100, 1299, "warning")
    assert finding["message"] == "orders/orders-to-obs discarded 1299 records, more than the 100 allowed"


def test_discards_at_the_limit_pass(build):
    info = build.result(build.task(partitions=[build.partition(discard=100)]))
    assert transfer_task_drift(info, declare(partitions={"max_discard": 100}), "prod") == []


def test_a_task_listed_without_details_skips_the_partition_checks(build):
    checks = transfer_task_drift(build.result(build.task(details=False)), declare(partitions={"max_discard": 0}),
                                 "prod", include_passed=True)
    assert not {"partition_abnormal", "discards"} & {check["rule"] for check in checks}


def test_each_rule_has_its_default_severity(build):
    info = build.result(build.task(state="PAUSED", destination_type="DLI", age=3600,
                                   partitions=[build.partition(state="ABNORMAL", discard=5)]),
                        build.task(name="orders-extra"), streams=["orders"])
    document = declare(destination_type="OBS", destination={"file_prefix": "x"}, max_lag="1m",
                       partitions={"max_discard": 0})
    document["streams"]["orders"]["tasks"]["orders-missing"] = {}
    severities = {finding["rule"]: finding["severity"] for finding in transfer_task_drift(info, document, "prod")}
    assert severities == {"state": "error", "destination_type": "error", "destination_setting": "warning",
                          "stale": "error", "partition_abnormal": "error", "discards": "warning",
                          "missing_task": "error", "unexpected_task": "warning"}


def test_severity_overrides_apply_to_the_findings(build):
    document = {"severity": {"state": "warning"},
                "streams": {"orders": {"tasks": {"orders-to-obs": {"severity": {"unexpected_task": "error"}}}}}}
    finding = only(transfer_task_drift(build.result(build.task(state="PAUSED")), document, "dev"))
    assert (finding["rule"], finding["severity"]) == ("state", "warning")


def test_findings_are_sorted_by_stream_task_and_rule(build):
    info = build.result(build.task(stream="b", name="t2", state="PAUSED", destination_type="DLI"),
                        build.task(stream="a", name="t1", state="PAUSED"), streams=["c"])
    document = {"streams": {"b": {"tasks": {"t2": {"destination_type": "OBS"}}}, "a": {"tasks": {"t1": {}}},
                            "c": {"tasks": {"t3": {}}}}}
    assert rules(transfer_task_drift(info, document, "prod")) == [
        ("a", "t1", "state"), ("b", "t2", "state"), ("b", "t2", "destination_type"), ("c", "t3", "missing_task")]


def test_a_bare_list_of_tasks_is_accepted(build):
    assert transfer_task_drift([build.task()], declare(), "prod") == []


def test_an_invalid_document_fails_naming_the_environment(build):
    with pytest.raises(AnsibleFilterError, match=r"^prod: Invalid desired state: streams\.orders\.tasks\."):
        transfer_task_drift(build.result(build.task()), declare(stat="RUNNING"), "prod")
