# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Specification of the desired-state document: what it accepts, what it refuses and how, what tasks inherit."""

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hwcloud.dis.plugins.filter.transfer_task_desired import FilterModule, transfer_task_desired
from ansible_collections.hwcloud.dis.plugins.module_utils.drift import RULES, DesiredStateError, resolve_desired


def one_task(**settings):
    return {"streams": {"orders": {"tasks": {"orders-to-obs": settings}}}}


def resolved_task(document):
    return resolve_desired(document)["streams"]["orders"]["tasks"]["orders-to-obs"]


def problems_of(document):
    with pytest.raises(DesiredStateError) as caught:
        resolve_desired(document)
    return caught.value.problems


def test_filter_is_registered_under_its_name():
    assert FilterModule().filters() == {"transfer_task_desired": transfer_task_desired}


def test_a_declared_task_defaults_to_running_with_nothing_else_checked():
    assert resolved_task(one_task()) == {
        "state": "RUNNING", "destination_type": None, "destination": {}, "max_lag_seconds": None,
        "allow_abnormal": False, "max_discard": None, "severity": dict(RULES)}


def test_states_and_destination_types_are_read_in_any_case():
    task = resolved_task(one_task(state="paused", destination_type="obs"))
    assert (task["state"], task["destination_type"]) == ("PAUSED", "OBS")


def test_a_task_may_be_declared_absent():
    assert resolved_task(one_task(state="ABSENT"))["state"] == "ABSENT"


def test_the_nearest_level_wins_for_max_lag():
    document = {"max_lag": "1h", "streams": {
        "orders": {"max_lag": "30m", "tasks": {"orders-to-obs": {"max_lag": 60}, "orders-to-dws": {}}},
        "clicks": {"tasks": {"clicks-to-obs": {}}}}}
    streams = resolve_desired(document)["streams"]
    assert streams["orders"]["tasks"]["orders-to-obs"]["max_lag_seconds"] == 60
    assert streams["orders"]["tasks"]["orders-to-dws"]["max_lag_seconds"] == 1800
    assert streams["clicks"]["tasks"]["clicks-to-obs"]["max_lag_seconds"] == 3600


def test_max_lag_false_turns_an_inherited_limit_off():
    document = {"max_lag": "15m", "streams": {"orders": {"tasks": {"orders-to-obs": {"max_lag": False}}}}}
    assert resolved_task(document)["max_lag_seconds"] is None


def test_partition_rules_merge_key_by_key():
    document = {"partitions": {"allow_abnormal": True, "max_discard": 10},
                "streams": {"orders": {"tasks": {"orders-to-obs": {"partitions": {"max_discard": 100}}}}}}
    task = resolved_task(document)
    assert (task["allow_abnormal"], task["max_discard"]) == (True, 100)


def test_max_discard_false_turns_an_inherited_limit_off():
    document = {"partitions": {"max_discard": 0},
                "streams": {"orders": {"tasks": {"orders-to-obs": {"partitions": {"max_discard": False}}}}}}
    assert resolved_task(document)["max_discard"] is None


def test_severity_overrides_merge_rule_by_rule_down_to_the_task():
    document = {"severity": {"stale": "warning"}, "streams": {"orders": {
        "severity": {"state": "Warning"},
        "tasks": {"orders-to-obs": {"severity": {"discards": "error"}}}}}}
    severity = resolved_task(document)["severity"]
    assert (severity["stale"], severity["state"], severity["discards"]) == ("warning", "warning", "error")
    assert severity["missing_task"] == "error"


def test_streams_and_tasks_declared_with_null_are_empty_declarations():
    plan = resolve_desired({"streams": {"orders": None, "clicks": {"tasks": {"clicks-to-obs": None}}}})
    assert plan["streams"]["orders"]["tasks"] == {}
    assert plan["streams"]["clicks"]["tasks"]["clicks-to-obs"]["state"] == "RUNNING"


def test_every_stream_is_listed_when_undeclared_tasks_must_be_found():
    assert resolve_desired({"streams": {"orders": {}}})["stream_names"] is None


def test_only_declared_streams_are_listed_when_undeclared_tasks_are_allowed():
    document = {"allow_undeclared_tasks": True, "streams": {"orders": {}, "clicks": {}}}
    assert resolve_desired(document)["stream_names"] == ["clicks", "orders"]


def test_every_stream_is_listed_when_no_stream_is_declared():
    assert resolve_desired({"allow_undeclared_tasks": True})["stream_names"] is None


def test_a_stream_inherits_allow_undeclared_tasks_unless_it_sets_its_own():
    plan = resolve_desired({"allow_undeclared_tasks": True,
                            "streams": {"orders": {}, "clicks": {"allow_undeclared_tasks": False}}})
    assert plan["streams"]["orders"]["allow_undeclared_tasks"] is True
    assert plan["streams"]["clicks"]["allow_undeclared_tasks"] is False


def test_an_unknown_key_is_refused_with_its_path_and_a_suggestion():
    assert problems_of(one_task(stat="RUNNING")) == [
        "streams.orders.tasks.orders-to-obs.stat: unknown key (did you mean 'state'?); expected one of: "
        "state, destination_type, destination, max_lag, partitions, severity"]


def test_unknown_keys_are_refused_at_every_level():
    problems = problems_of({"max_lags": "1m", "streams": {"orders": {"task": {}, "tasks": {
        "orders-to-obs": {"partitions": {"max_discards": 1}}}}}})
    assert [problem.split(":")[0] for problem in problems] == [
        "max_lags", "streams.orders.task", "streams.orders.tasks.orders-to-obs.partitions.max_discards"]


def test_every_problem_is_reported_at_once():
    problems = problems_of(one_task(state="RUNING", destination_type="OSB", max_lag="soon"))
    assert len(problems) == 3


def test_a_misspelt_state_is_refused_with_a_suggestion():
    assert problems_of(one_task(state="RUNING")) == [
        "streams.orders.tasks.orders-to-obs.state: must be one of RUNNING, PAUSED, ABSENT, not 'RUNING' "
        "(did you mean 'RUNNING'?)"]


def test_an_unknown_destination_type_is_refused():
    assert "destination_type: must be one of OBS, MRS, DLI, CLOUDTABLE, DWS" in problems_of(
        one_task(destination_type="S3"))[0]


def test_camel_case_destination_keys_are_refused_with_the_snake_case_spelling():
    assert problems_of(one_task(destination={"obsBucketPath": "b"})) == [
        "streams.orders.tasks.orders-to-obs.destination.obsBucketPath: destination keys are snake_case, as "
        "transfer_task_info returns them: write 'obs_bucket_path'"]


@pytest.mark.parametrize("max_lag", ["soon", "-5m", -1, True, [15]])
def test_a_max_lag_that_is_not_a_duration_is_refused(max_lag):
    assert problems_of({"max_lag": max_lag})[0].startswith("max_lag: must be a duration")


@pytest.mark.parametrize("max_discard", [-1, True, "many", 1.5, [1]])
def test_a_max_discard_that_is_not_a_count_is_refused(max_discard):
    assert problems_of({"partitions": {"max_discard": max_discard}})[0].startswith(
        "partitions.max_discard: must be a whole number of records")


def test_a_max_discard_written_as_text_is_a_count():
    assert resolve_desired(one_task(partitions={"max_discard": "25"}))["streams"]["orders"]["tasks"][
        "orders-to-obs"]["max_discard"] == 25


def test_a_severity_for_an_unknown_rule_is_refused_with_a_suggestion():
    assert problems_of({"severity": {"stal": "error"}})[0].startswith(
        "severity.stal: unknown rule (did you mean 'stale'?)")


def test_a_severity_that_is_neither_error_nor_warning_is_refused():
    assert problems_of({"severity": {"stale": "critical"}}) == [
        "severity.stale: severity must be error or warning, not 'critical'"]


def test_a_flag_that_is_not_boolean_is_refused():
    assert problems_of({"allow_undeclared_tasks": "perhaps"}) == [
        "allow_undeclared_tasks: must be true or false, not 'perhaps'"]


def test_streams_must_be_a_mapping_by_name():
    assert problems_of({"streams": [{"name": "orders"}]}) == ["streams: must be a mapping, not a list"]


def test_the_document_must_be_a_mapping():
    assert problems_of(["orders"]) == ["document: must be a mapping, not a list"]


def test_the_filter_fails_with_every_problem_in_one_message():
    with pytest.raises(AnsibleFilterError, match=r"Invalid desired state \(2 problems\): .*stat.*max_lag"):
        transfer_task_desired(one_task(stat="RUNNING", max_lag="soon"))
