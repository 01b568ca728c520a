# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Specification of the parity comparison: environments against the first one, the reference."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_parity import FilterModule, transfer_task_parity


def summary(findings):
    return [(finding["environment"], finding["stream"], finding["task"], finding["rule"], finding["key"])
            for finding in findings]


def test_filter_is_registered_under_its_name():
    assert FilterModule().filters() == {"transfer_task_parity": transfer_task_parity}


def test_identical_environments_have_no_findings(build):
    same = build.result(build.task(), build.task(stream="clicks", name="clicks-to-obs"))
    assert transfer_task_parity({"staging": same, "prod": same}) == []


def test_every_check_names_the_reference(build):
    checks = transfer_task_parity({"staging": build.result(build.task()), "prod": build.result(build.task())},
                                  include_passed=True)
    assert {check["reference"] for check in checks} == {"staging"}
    assert {check["environment"] for check in checks} == {"prod"}
    assert all(check["passed"] for check in checks)


def test_a_task_only_in_the_reference_is_missing(build):
    results = {"staging": build.result(build.task(), build.task(name="orders-to-dws", destination_type="DWS")),
               "prod": build.result(build.task())}
    finding, = transfer_task_parity(results)
    assert (finding["task"], finding["rule"], finding["expected"], finding["actual"]) == (
        "orders-to-dws", "missing_task", "RUNNING", None)
    assert finding["message"] == "dump task orders/orders-to-dws exists in staging but not in prod"


def test_a_task_only_in_the_environment_is_unexpected(build):
    results = {"staging": build.result(build.task()),
               "prod": build.result(build.task(), build.task(name="orders-archive"))}
    finding, = transfer_task_parity(results)
    assert (finding["task"], finding["rule"], finding["severity"]) == ("orders-archive", "unexpected_task", "warning")
    assert finding["message"] == "dump task orders/orders-archive exists in prod but not in staging"


def test_another_state_is_a_difference(build):
    results = {"staging": build.result(build.task()), "prod": build.result(build.task(state="ABNORMAL"))}
    finding, = transfer_task_parity(results)
    assert (finding["rule"], finding["expected"], finding["actual"]) == ("state", "RUNNING", "ABNORMAL")
    assert finding["message"] == "orders/orders-to-obs: state is ABNORMAL in prod and RUNNING in staging"


def test_another_destination_type_is_a_difference(build):
    results = {"staging": build.result(build.task()), "prod": build.result(build.task(destination_type="DLI"))}
    assert summary(transfer_task_parity(results)) == [("prod", "orders", "orders-to-obs", "destination_type", None)]


def test_each_differing_setting_is_one_difference_including_keys_on_one_side_only(build):
    results = {"staging": build.result(build.task(destination={"a": 1, "b": 2, "c": 3})),
               "prod": build.result(build.task(destination={"a": 1, "b": 20, "d": 4}))}
    findings = transfer_task_parity(results)
    assert [(finding["key"], finding["expected"], finding["actual"]) for finding in findings] == [
        ("b", 2, 20), ("c", 3, None), ("d", None, 4)]


def test_settings_allowed_to_differ_are_not_compared(build):
    results = {"staging": build.result(build.task(destination={"obs_bucket_path": "s", "mrs_cluster_id": "1"})),
               "prod": build.result(build.task(destination={"obs_bucket_path": "p", "mrs_cluster_id": "2"}))}
    assert transfer_task_parity(results, ignore_keys=["obs_bucket_path", "*_cluster_id"]) == []


def test_tasks_left_out_by_pattern_are_not_compared(build):
    results = {"staging": build.result(build.task()),
               "prod": build.result(build.task(), build.task(name="orders-to-obs-archive"))}
    assert transfer_task_parity(results, ignore_tasks=["orders/*-archive"]) == []


def test_masked_secrets_are_never_compared(build):
    results = {"staging": build.result(build.task(destination={"user_password": "********"})),
               "prod": build.result(build.task(destination={"user_password": None}))}
    assert "user_password" not in [check["key"] for check in transfer_task_parity(results, include_passed=True)]


def test_several_environments_are_each_compared_with_the_first(build):
    results = {"staging": build.result(build.task()), "prod": build.result(build.task(state="PAUSED")),
               "dr": build.result(build.task(destination_type="DLI"))}
    assert summary(transfer_task_parity(results)) == [("dr", "orders", "orders-to-obs", "destination_type", None),
                                                      ("prod", "orders", "orders-to-obs", "state", None)]


def test_the_environments_option_chooses_and_orders_the_comparison(build):
    results = {"staging": build.result(build.task()), "prod": build.result(build.task(state="PAUSED")),
               "dev": build.result(build.task(state="PAUSED"))}
    findings = transfer_task_parity(results, environments=["prod", "dev"])
    assert findings == []


def test_a_reference_that_could_not_be_listed_is_the_only_finding(build):
    results = {"staging": {"failed": False, "msg": "Could not reach DIS."}, "prod": build.result(build.task())}
    finding, = transfer_task_parity(results)
    assert (finding["environment"], finding["rule"]) == ("staging", "query_failed")


def test_an_environment_that_could_not_be_listed_is_query_failed(build):
    results = {"staging": build.result(build.task()), "prod": {"msg": "Authentication failed."}}
    assert summary(transfer_task_parity(results)) == [("prod", None, None, "query_failed", None)]


def test_a_stream_that_failed_on_either_side_is_not_compared(build):
    results = {"staging": build.result(build.task(), build.task(stream="clicks", name="clicks-to-obs")),
               "prod": build.result(build.task(state="PAUSED"), errors=[
                   build.stream_error("clicks", code="DIS.5000", message="Internal error")])}
    assert summary(transfer_task_parity(results)) == [("prod", "clicks", None, "query_failed", None),
                                                      ("prod", "orders", "orders-to-obs", "state", None)]


def test_severity_overrides_apply(build):
    results = {"staging": build.result(build.task(destination={"a": 1})),
               "prod": build.result(build.task(destination={"a": 2}))}
    finding, = transfer_task_parity(results, severity={"destination_setting": "error"})
    assert finding["severity"] == "error"


@pytest.mark.parametrize("results, environments, message", [
    ({"staging": {}}, None, "at least two environments"),
    ({"staging": {}, "prod": {}}, ["staging", "qa"], "no transfer_task_info result for environment qa"),
    (["staging", "prod"], None, "needs a mapping"),
])
def test_what_cannot_be_compared_fails_clearly(results, environments, message):
    with pytest.raises(AnsibleFilterError, match=message):
        transfer_task_parity(results, environments=environments)


def test_an_invalid_severity_fails_clearly(build):
    with pytest.raises(AnsibleFilterError, match="severity.state: severity must be error or warning"):
        transfer_task_parity({"a": build.result(), "b": build.result()}, severity={"state": "fatal"})
