# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Specification of the normaliser: every shape the vendor pages show, and nothing but facts out.

The ``SEED_*`` fixtures are the example bodies of the seed pages, copied as
they are: they are vendor facts, not test data to tidy.
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, ResponseFormatError
from ansible_collections.hwcloud.dis.plugins.module_utils.normalize import (
    MESSAGE_LIMIT,
    SECRET_MASK,
    LogQueryFailed,
    api_error_fields,
    destination,
    log_entry,
    log_page,
    log_summary,
    mask_secrets,
    partition,
    snake_case,
    stream_names_page,
    stream_summary,
    task_list,
    transfer_task,
    transfer_task_details,
)

# Seeds 000, 001 and 002 (List dump tasks): the same example, with task_id and without quota.
SEED_LIST = json.loads("""
{
  "tasks" : [ {
    "task_id" : "As805BudhcH1lDs6gbn",
    "destination_type" : "OBS",
    "task_name" : "newtask",
    "create_time" : 1606554932552,
    "state" : "RUNNING",
    "last_transfer_timestamp" : 1606984428612
  } ],
  "total_number" : 1
}
""")

# Seed 003 (Query the log of a dump task): the list arrives as one object, errorCode as the integer -1.
SEED_LOGS = json.loads("""
{
"errorCode" : -1,
"totalNum" : 100,
"message" : null,
"isStreamFound" : null,
"streamData" : null,
"streamDataList" : null,
"transferTaskList" : null,
"monitorData" : null,
"transferTaskLogList" : {
"transferTaskId" : "CDaRPdvKUfZrAhzTaYs",
"state" : 0,
"destinationType" : "OBS",
"startTime" : 1756539753280,
"endTime" : 1756540056070,
"transferBytes" : 30718683,
"transferRecordsNum" : 32943,
"transformRecordsNum" : 0,
"streamId" : "hFKqKEhCZgNayyIS8Zv",
"projectId" : "575ae927fc644f22b5c5af5209b7cf51",
"transferFileName" : "CDaRPdvKUfZrAhzTaYs.disMonitorTest.0.1756539753290",
"num" : 0
}
}
""")

# Seed 004 (Dump task details): camelCase partitionId, stream_name in the body, no task_id.
SEED_DETAILS = json.loads("""
{ "partitions":[ { "partitionId":"shardId-0000000000", "discard":0, "state":"RUNNING",
"last_transfer_timestamp":1534163694103, "last_transfer_offset":2139 } ], "destination_type": "OBS",
"stream_name":"feihang", "task_name":"feihang", "state":"RUNNING", "create_time":1534142793097,
"last_transfer_timestamp":1534163694103, "obs_destination_description":{ "agency_name":"a",
"file_prefix":"feihang", "partition_format":"", "obs_bucket_path":"0feihang", "deliver_time_interval":30,
"consumer_strategy":"LATEST", "destination_file_type":"text" } }
""")

NOW = 1606984488612  # one minute after the seed list's last transfer
TASK_KEYS = {
    "stream_name", "task_name", "task_id", "state", "destination_type", "create_time",
    "last_transfer_timestamp", "create_time_iso", "last_transfer_iso", "last_transfer_age_seconds",
}
PARTITION_KEYS = {
    "partition_id", "discard", "state", "last_transfer_timestamp", "last_transfer_offset",
    "last_transfer_iso", "last_transfer_age_seconds",
}
LOG_KEYS = {
    "transfer_task_id", "destination_type", "state", "start_time", "end_time", "transfer_bytes",
    "transfer_records_num", "transform_records_num", "stream_id", "project_id", "transfer_file_name",
    "start_time_iso", "end_time_iso",
}


def seed_task():
    """A fresh copy of the seed list's only task."""
    return copy.deepcopy(SEED_LIST["tasks"][0])


# ---------------------------------------------------------------- transfer_task

def test_transfer_task_turns_seed_list_example_into_facts():
    assert transfer_task(seed_task(), "orders", NOW) == {
        "stream_name": "orders",
        "task_name": "newtask",
        "task_id": "As805BudhcH1lDs6gbn",
        "state": "RUNNING",
        "destination_type": "OBS",
        "create_time": 1606554932552,
        "last_transfer_timestamp": 1606984428612,
        "create_time_iso": "2020-11-28T09:15:32.552Z",
        "last_transfer_iso": "2020-12-03T08:33:48.612Z",
        "last_transfer_age_seconds": 60,
    }


def test_transfer_task_id_is_none_when_absent_as_in_the_sdk_model():
    task = seed_task()
    del task["task_id"]
    assert transfer_task(task, "orders", NOW)["task_id"] is None


def test_transfer_task_drops_unknown_keys():
    task = seed_task()
    task.update({"partitions": [], "obs_destination_description": {"obs_bucket_path": "b"}, "extra": 1})
    assert set(transfer_task(task, "orders", NOW)) == TASK_KEYS


def test_transfer_task_has_every_key_even_for_an_empty_object():
    facts = transfer_task({}, "orders", NOW)
    assert set(facts) == TASK_KEYS
    assert [key for key, value in facts.items() if value is not None] == ["stream_name"]


def test_transfer_task_prefers_callers_stream_name_over_the_body():
    assert transfer_task(SEED_DETAILS, "orders", NOW)["stream_name"] == "orders"


def test_transfer_task_takes_stream_name_from_details_body_when_caller_has_none():
    assert transfer_task(SEED_DETAILS, None, NOW)["stream_name"] == "feihang"


def test_transfer_task_keeps_state_and_destination_type_as_given():
    task = dict(seed_task(), state="running", destination_type="Obs")
    facts = transfer_task(task, "orders", NOW)
    assert (facts["state"], facts["destination_type"]) == ("running", "Obs")


@pytest.mark.parametrize("odd", [1, True, ["RUNNING"], {"value": "RUNNING"}])
def test_transfer_task_state_and_destination_type_are_none_when_not_strings(odd):
    facts = transfer_task(dict(seed_task(), state=odd, destination_type=odd), "orders", NOW)
    assert (facts["state"], facts["destination_type"]) == (None, None)


def test_transfer_task_coerces_string_timestamps_to_int():
    facts = transfer_task(dict(seed_task(), last_transfer_timestamp="1606984428612"), "orders", NOW)
    assert facts["last_transfer_timestamp"] == 1606984428612
    assert facts["last_transfer_iso"] == "2020-12-03T08:33:48.612Z"


def test_transfer_task_timestamp_of_wrong_type_becomes_none_without_losing_the_task():
    facts = transfer_task(dict(seed_task(), last_transfer_timestamp={"ms": 1}), "orders", NOW)
    assert facts["last_transfer_timestamp"] is None
    assert facts["last_transfer_iso"] is None
    assert facts["last_transfer_age_seconds"] is None
    assert facts["task_name"] == "newtask"


def test_transfer_task_never_transferred_has_no_age():
    facts = transfer_task(dict(seed_task(), last_transfer_timestamp=0), "orders", NOW)
    assert facts["last_transfer_age_seconds"] is None


def test_transfer_task_age_is_none_without_now():
    assert transfer_task(seed_task(), "orders", None)["last_transfer_age_seconds"] is None


@pytest.mark.parametrize("body", [[SEED_LIST["tasks"][0]], "newtask", None, 1])
def test_transfer_task_refuses_a_body_that_is_not_an_object(body):
    with pytest.raises(ResponseFormatError) as caught:
        transfer_task(body, "orders", NOW)
    assert "expected an object" in caught.value.detail


# ---------------------------------------------------------------- transfer_task_details

def test_transfer_task_details_turns_seed_details_example_into_facts():
    assert transfer_task_details(SEED_DETAILS, "feihang", NOW) == {
        "stream_name": "feihang",
        "task_name": "feihang",
        "task_id": None,
        "state": "RUNNING",
        "destination_type": "OBS",
        "create_time": 1534142793097,
        "last_transfer_timestamp": 1534163694103,
        "create_time_iso": "2018-08-13T06:46:33.097Z",
        "last_transfer_iso": "2018-08-13T12:34:54.103Z",
        "last_transfer_age_seconds": (NOW - 1534163694103) // 1000,
        "partitions": [{
            "partition_id": "shardId-0000000000",
            "discard": 0,
            "state": "RUNNING",
            "last_transfer_timestamp": 1534163694103,
            "last_transfer_offset": 2139,
            "last_transfer_iso": "2018-08-13T12:34:54.103Z",
            "last_transfer_age_seconds": (NOW - 1534163694103) // 1000,
        }],
        "destination": {
            "agency_name": "a",
            "file_prefix": "feihang",
            "partition_format": "",
            "obs_bucket_path": "0feihang",
            "deliver_time_interval": 30,
            "consumer_strategy": "LATEST",
            "destination_file_type": "text",
        },
    }


@pytest.mark.parametrize("partitions", [None, []])
def test_transfer_task_details_without_partitions_has_an_empty_list(partitions):
    body = dict(SEED_DETAILS, partitions=partitions)
    assert transfer_task_details(body, "feihang", NOW)["partitions"] == []


def test_transfer_task_details_refuses_partitions_that_are_not_an_array():
    with pytest.raises(ResponseFormatError) as caught:
        transfer_task_details(dict(SEED_DETAILS, partitions="shardId-0000000000"), "feihang", NOW)
    assert caught.value.detail == "'partitions' is a string, expected an array"


def test_transfer_task_details_refuses_a_partition_that_is_not_an_object():
    with pytest.raises(ResponseFormatError) as caught:
        transfer_task_details(dict(SEED_DETAILS, partitions=["shardId-0000000000"]), "feihang", NOW)
    assert caught.value.detail == "'partitions[0]' is a string, expected an object"


# ---------------------------------------------------------------- partition

def test_partition_reads_camel_case_partition_id_of_the_details_page():
    facts = partition(SEED_DETAILS["partitions"][0])
    assert facts["partition_id"] == "shardId-0000000000"
    assert facts["state"] == "RUNNING"


def test_partition_reads_sdk_model_with_partition_id_and_status_and_drops_sdk_only_keys():
    sdk_partition = {
        "partition_id": "shardId-0000000001",
        "status": "ACTIVE",
        "hash_range": "[0 : 9223372036854775807]",
        "sequence_number_range": "[0 : 2139]",
        "parent_partitions": None,
    }
    facts = partition(sdk_partition)
    assert set(facts) == PARTITION_KEYS
    assert (facts["partition_id"], facts["state"]) == ("shardId-0000000001", "ACTIVE")


def test_partition_without_now_has_no_age():
    assert partition(SEED_DETAILS["partitions"][0])["last_transfer_age_seconds"] is None


def test_partition_age_counts_from_now():
    now = 1534163694103 + 61500
    assert partition(SEED_DETAILS["partitions"][0], now)["last_transfer_age_seconds"] == 61


def test_partition_coerces_counts_and_drops_odd_ones():
    facts = partition({"partitionId": "p", "discard": "3", "last_transfer_offset": {"offset": 1}})
    assert (facts["discard"], facts["last_transfer_offset"]) == (3, None)


def test_partition_spells_out_a_numeric_id():
    assert partition({"partitionId": 7})["partition_id"] == "7"


def test_partition_id_too_long_to_spell_is_none():
    assert partition({"partitionId": 10 ** 5000})["partition_id"] is None


# ---------------------------------------------------------------- destination

DESCRIPTORS = {
    "OBS": {"obs_bucket_path": "0feihang", "file_prefix": "p", "destination_file_type": "text",
            "partition_format": "yyyy/MM/dd", "record_delimiter": "\n", "processing_schema": None},
    "MRS": {"mrs_cluster_name": "mrs", "mrs_cluster_id": "c1", "mrs_hdfs_path": "/dis",
            "hdfs_prefix_folder": "f", "obs_bucket_path": "b", "retry_duration": 1800},
    "DLI": {"dli_database_name": "db", "dli_table_name": "t", "obs_bucket_path": "b", "retry_duration": 1800},
    "CLOUDTABLE": {"cloudtable_cluster_name": "ct", "cloudtable_cluster_id": "c2", "cloudtable_table_name": "t",
                   "cloudtable_schema": {"row_key": [{"value": "k", "type": "String"}]},
                   "cloudtable_row_key_delimiter": "|", "obs_backup_bucket_path": "b"},
    "DWS": {"dws_cluster_name": "dws", "dws_cluster_id": "c3", "dws_database_name": "db", "dws_schema": "s",
            "dws_table_name": "t", "dws_delimiter": "|", "user_name": "dbadmin", "kms_user_key_name": "k",
            "kms_user_key_id": "kid", "obs_bucket_path": "b"},
}
# Seed 004 and the SDK misspell two of the keys; the correct spellings are accepted as well.
DESCRIPTOR_KEY_SPELLINGS = [
    ("OBS", "obs_destination_description"),
    ("MRS", "mrs_destination_description"),
    ("DLI", "dli_destination_description"),
    ("CLOUDTABLE", "cloudtable_destination_descripton"),
    ("CLOUDTABLE", "cloudtable_destination_description"),
    ("DWS", "dws_destination_descripton"),
    ("DWS", "dws_destination_description"),
    ("OBS", "obs_destination_descripton"),
]


def test_destination_of_seed_details_is_the_obs_descriptor():
    assert destination(SEED_DETAILS) == SEED_DETAILS["obs_destination_description"]


@pytest.mark.parametrize("destination_type, key", DESCRIPTOR_KEY_SPELLINGS)
def test_destination_finds_every_type_under_either_spelling(destination_type, key):
    descriptor = dict(DESCRIPTORS[destination_type], task_name="t", agency_name="dis_admin_agency",
                      deliver_time_interval=30, consumer_strategy="LATEST")
    body = {"task_name": "t", "destination_type": destination_type, key: copy.deepcopy(descriptor)}
    assert destination(body) == descriptor


def test_destination_finds_descriptor_even_without_destination_type():
    assert destination({"dws_destination_descripton": {"dws_table_name": "t"}}) == {"dws_table_name": "t"}


def test_destination_prefers_the_descriptor_of_the_declared_type():
    body = {"destination_type": "DLI", "obs_destination_description": {"obs_bucket_path": "b"},
            "dli_destination_description": {"dli_table_name": "t"}}
    assert destination(body) == {"dli_table_name": "t"}


def test_destination_snake_cases_camel_case_fields_at_every_depth():
    body = {"obs_destination_description": {"obsBucketPath": "b", "processingSchema": {"timestampName": "ts"}}}
    assert destination(body) == {"obs_bucket_path": "b", "processing_schema": {"timestamp_name": "ts"}}


def test_destination_keeps_unknown_descriptor_fields():
    body = {"obs_destination_description": {"obs_bucket_path": "b", "compression_format": "gzip"}}
    assert destination(body)["compression_format"] == "gzip"


def test_destination_prefers_the_snake_case_spelling_when_both_appear():
    for descriptor in ({"fileP": "x", "file_p": "y"}, {"file_p": "y", "fileP": "x"}):
        assert destination({"obs_destination_description": descriptor}) == {"file_p": "y"}


def test_destination_masks_the_dws_user_password():
    body = {"dws_destination_descripton": dict(DESCRIPTORS["DWS"], user_password="Secr3t!")}
    facts = destination(body)
    assert facts["user_password"] == SECRET_MASK
    assert facts["user_name"] == "dbadmin"
    assert "Secr3t!" not in json.dumps(facts)


def test_destination_masks_camel_case_passwords_after_snake_casing():
    body = {"dws_destination_descripton": {"userPassword": "Secr3t!"}}
    assert destination(body) == {"user_password": SECRET_MASK}


def test_destination_masks_nested_secrets_in_objects_and_arrays():
    body = {"dws_destination_descripton": {
        "options": {"obsSk": "s1", "reject_limit": 10},
        "sinks": [{"accessKey": "a1", "token": "t1", "name": "n"}],
    }}
    assert destination(body) == {
        "options": {"obs_sk": SECRET_MASK, "reject_limit": 10},
        "sinks": [{"access_key": SECRET_MASK, "token": SECRET_MASK, "name": "n"}],
    }


def test_destination_leaves_an_unset_secret_as_none():
    assert destination({"dws_destination_descripton": {"user_password": None}}) == {"user_password": None}


@pytest.mark.parametrize("body", [{"task_name": "t"}, {"obs_destination_description": None}, {}])
def test_destination_is_empty_when_the_body_has_no_descriptor(body):
    assert destination(body) == {}


def test_destination_refuses_a_descriptor_that_is_not_an_object():
    with pytest.raises(ResponseFormatError) as caught:
        destination({"dws_destination_descripton": "user_password=x"})
    assert caught.value.detail == "'dws_destination_descripton' is a string, expected an object"


# ---------------------------------------------------------------- mask_secrets

@pytest.mark.parametrize("key", [
    "password", "user_password", "userPassword", "PASSWORD", "dbpassword", "secret", "client_secret",
    "secret_key", "secretKey", "sk", "obs_sk", "token", "auth_token", "X-Auth-Token", "access_key",
    "AccessKey", "accesskey", "ak", "credential", "credentials", "Credentials", "passwd", "private_key",
])
def test_mask_secrets_masks_secret_named_keys(key):
    assert mask_secrets({key: "value"}) == {key: SECRET_MASK}


@pytest.mark.parametrize("key", [
    "task", "task_name", "peak", "user_name", "kms_user_key_name", "kms_user_key_id", "token_expires_at",
    "tokens_issued", "destination_type",
])
def test_mask_secrets_leaves_other_keys_alone(key):
    assert mask_secrets({key: "value"}) == {key: "value"}


def test_mask_secrets_keeps_key_names_and_masks_at_any_depth():
    raw = {"dws_destination_descripton": {"userPassword": "p", "options": [{"sk": "s"}]}}
    assert mask_secrets(raw) == {"dws_destination_descripton": {"userPassword": SECRET_MASK,
                                                                "options": [{"sk": SECRET_MASK}]}}


def test_mask_secrets_masks_a_whole_object_under_a_secret_key():
    assert mask_secrets({"credentials": {"ak": "a", "sk": "s"}}) == {"credentials": SECRET_MASK}


def test_mask_secrets_leaves_its_input_untouched():
    raw = {"user_password": "p"}
    mask_secrets(raw)
    assert raw == {"user_password": "p"}


@pytest.mark.parametrize("value", [None, 1, "password", ["password"]])
def test_mask_secrets_returns_scalars_and_plain_lists_as_they_are(value):
    assert mask_secrets(value) == value


# ---------------------------------------------------------------- stream_summary / task_list

def test_stream_summary_of_seed_list_has_no_quota():
    assert stream_summary(SEED_LIST, "orders") == {"stream_name": "orders", "total_number": 1, "quota": None}


def test_stream_summary_reads_quota_when_present():
    assert stream_summary(dict(SEED_LIST, quota=5), "orders")["quota"] == 5


def test_stream_summary_counts_tasks_when_total_number_is_absent():
    body = {"tasks": [seed_task(), dict(seed_task(), task_name="other")]}
    assert stream_summary(body, "orders")["total_number"] == 2


def test_stream_summary_coerces_numeric_strings():
    facts = stream_summary({"total_number": "3", "quota": "5", "tasks": []}, "orders")
    assert (facts["total_number"], facts["quota"]) == (3, 5)


def test_stream_summary_refuses_a_body_that_is_not_an_object():
    with pytest.raises(ResponseFormatError):
        stream_summary([seed_task()], "orders")


def test_task_list_returns_seed_tasks_untouched():
    assert task_list(SEED_LIST) == SEED_LIST["tasks"]


@pytest.mark.parametrize("body", [{"tasks": None}, {"tasks": []}, {"total_number": 0}])
def test_task_list_is_empty_when_tasks_are_null_or_only_a_total_is_given(body):
    assert task_list(body) == []


@pytest.mark.parametrize("body", [{}, {"errorCode": "DIS.4301", "message": "Stream does not exist."}])
def test_task_list_refuses_an_answer_that_says_nothing_about_tasks(body):
    with pytest.raises(ResponseFormatError, match="neither 'tasks' nor 'total_number'"):
        task_list(body)


def test_task_list_refuses_tasks_that_are_an_object():
    with pytest.raises(ResponseFormatError) as caught:
        task_list({"tasks": seed_task()})
    assert caught.value.detail == "'tasks' is an object, expected an array"
    assert caught.value.operation == "read dump task list"


def test_task_list_refuses_a_task_that_is_not_an_object():
    with pytest.raises(ResponseFormatError) as caught:
        task_list({"tasks": [seed_task(), "newtask"]})
    assert caught.value.detail == "'tasks[1]' is a string, expected an object"


@pytest.mark.parametrize("body, described", [([], "an array"), ("<html>", "a string"), (None, "null")])
def test_task_list_refuses_a_body_that_is_not_an_object(body, described):
    with pytest.raises(ResponseFormatError) as caught:
        task_list(body)
    assert caught.value.detail == "the body is %s, expected an object" % described


# ---------------------------------------------------------------- stream_names_page

def test_stream_names_page_reads_stream_names():
    body = {"total_number": 2, "stream_names": ["a", "b"], "has_more_streams": True}
    assert stream_names_page(body) == (["a", "b"], True)


def test_stream_names_page_falls_back_to_stream_info_list():
    body = {"total_number": 1, "stream_info_list": [{"stream_name": "orders", "status": "RUNNING",
                                                     "partition_count": 1}], "has_more_streams": False}
    assert stream_names_page(body) == (["orders"], False)


def test_stream_names_page_without_has_more_streams_has_no_more():
    assert stream_names_page({"stream_names": ["a"]}) == (["a"], False)


def test_stream_names_page_reads_string_has_more_streams():
    assert stream_names_page({"stream_names": ["a"], "has_more_streams": "true"})[1] is True


def test_stream_names_page_of_an_empty_project_is_empty():
    assert stream_names_page({"total_number": 0, "stream_names": [], "has_more_streams": False}) == ([], False)


def test_stream_names_page_refuses_stream_names_that_are_not_an_array():
    with pytest.raises(ResponseFormatError):
        stream_names_page({"stream_names": "a,b"})


@pytest.mark.parametrize("body", [{"stream_names": ["a", None]}, {"stream_info_list": [{"status": "RUNNING"}]},
                                  {"stream_info_list": ["a"]}])
def test_stream_names_page_refuses_a_stream_without_a_name(body):
    with pytest.raises(ResponseFormatError):
        stream_names_page(body)


# ---------------------------------------------------------------- log_entry / log_page

SEED_LOG_FACTS = {
    "transfer_task_id": "CDaRPdvKUfZrAhzTaYs",
    "destination_type": "OBS",
    "state": 0,
    "start_time": 1756539753280,
    "end_time": 1756540056070,
    "transfer_bytes": 30718683,
    "transfer_records_num": 32943,
    "transform_records_num": 0,
    "stream_id": "hFKqKEhCZgNayyIS8Zv",
    "project_id": "575ae927fc644f22b5c5af5209b7cf51",
    "transfer_file_name": "CDaRPdvKUfZrAhzTaYs.disMonitorTest.0.1756539753290",
    "start_time_iso": "2025-08-30T07:42:33.280Z",
    "end_time_iso": "2025-08-30T07:47:36.070Z",
}


def seed_log():
    """A fresh copy of seed 003's only log entry."""
    return copy.deepcopy(SEED_LOGS["transferTaskLogList"])


def test_log_entry_turns_seed_example_into_facts_and_drops_num():
    assert log_entry(seed_log()) == SEED_LOG_FACTS


def test_log_entry_accepts_snake_case_keys():
    assert log_entry(SEED_LOG_FACTS) == SEED_LOG_FACTS


def test_log_entry_keeps_a_string_state():
    assert log_entry(dict(seed_log(), state="SUCCESS"))["state"] == "SUCCESS"


@pytest.mark.parametrize("odd", [True, [0], {"code": 0}, 0.5])
def test_log_entry_state_of_another_type_is_none(odd):
    assert log_entry(dict(seed_log(), state=odd))["state"] is None


def test_log_entry_of_an_empty_object_has_every_key():
    facts = log_entry({})
    assert set(facts) == LOG_KEYS
    assert set(facts.values()) == {None}


def test_log_page_reads_seed_example_with_the_list_as_one_object():
    assert log_page(SEED_LOGS) == {"total_num": 100, "logs": [SEED_LOG_FACTS]}


def test_log_page_reads_the_documented_array():
    body = dict(SEED_LOGS, transferTaskLogList=[seed_log(), dict(seed_log(), state=1)])
    page = log_page(body)
    assert [entry["state"] for entry in page["logs"]] == [0, 1]


@pytest.mark.parametrize("body", [dict(SEED_LOGS, transferTaskLogList=None), {"errorCode": -1, "totalNum": 0}])
def test_log_page_without_a_list_has_no_logs(body):
    assert log_page(body)["logs"] == []


@pytest.mark.parametrize("code", [-1, "-1", 0, "0", "", None, -1.0, " -1 "])
def test_log_page_reads_success_codes(code):
    assert log_page(dict(SEED_LOGS, errorCode=code))["logs"] == [SEED_LOG_FACTS]


def test_log_page_reads_a_body_without_error_code():
    body = {key: value for key, value in SEED_LOGS.items() if key != "errorCode"}
    assert log_page(body)["total_num"] == 100


def test_log_page_raises_log_query_failed_for_a_dis_error_code():
    body = {"errorCode": "DIS.4354", "message": "Transfer task does not exist.", "totalNum": None,
            "transferTaskLogList": None}
    with pytest.raises(LogQueryFailed) as caught:
        log_page(body)
    failure = caught.value
    assert isinstance(failure, DisError)
    assert (failure.operation, failure.code, failure.message) == (
        "query transfer task logs", "DIS.4354", "Transfer task does not exist.")
    assert str(failure) == "Failed to query transfer task logs: DIS.4354 Transfer task does not exist."


def test_log_page_failure_reports_like_any_dis_error():
    with pytest.raises(LogQueryFailed) as caught:
        log_page({"errorCode": "DIS.4354", "message": "Transfer task does not exist."})
    assert caught.value.to_result() == {
        "operation": "query transfer task logs", "status": None, "code": "DIS.4354",
        "message": "Transfer task does not exist.", "request_id": None, "url": None,
    }


def test_log_page_raises_for_a_failure_code_without_message():
    with pytest.raises(LogQueryFailed) as caught:
        log_page({"errorCode": 4354})
    assert (caught.value.code, caught.value.message) == ("4354", None)


def test_log_page_raises_for_a_message_without_a_list_even_under_a_success_code():
    with pytest.raises(LogQueryFailed) as caught:
        log_page({"errorCode": -1, "message": "Stream not found", "transferTaskLogList": None})
    assert (caught.value.code, caught.value.message) == (None, "Stream not found")


def test_log_page_ignores_a_message_beside_a_list():
    assert log_page(dict(SEED_LOGS, message="ok"))["logs"] == [SEED_LOG_FACTS]


@pytest.mark.parametrize("entries, detail", [
    ("CDaRPdvKUfZrAhzTaYs", "'transferTaskLogList' is a string, expected an array"),
    ([seed_log(), 7], "'transferTaskLogList[1]' is a number, expected an object"),
])
def test_log_page_refuses_a_list_it_cannot_read(entries, detail):
    with pytest.raises(ResponseFormatError) as caught:
        log_page(dict(SEED_LOGS, transferTaskLogList=entries))
    assert caught.value.detail == detail


def test_log_page_total_num_of_wrong_type_is_none():
    assert log_page(dict(SEED_LOGS, totalNum="many"))["total_num"] is None


# ---------------------------------------------------------------- log_summary

def test_log_summary_totals_entries_ignoring_missing_values():
    logs = [
        SEED_LOG_FACTS,
        dict(SEED_LOG_FACTS, state=1, start_time=1756539000000, end_time=1756541000000, transfer_bytes=None,
             transfer_records_num=7),
        dict(SEED_LOG_FACTS, state=None, start_time=None, end_time=None),
    ]
    assert log_summary(logs) == {
        "count": 3,
        "transfer_bytes": 30718683 * 2,
        "transfer_records_num": 32943 * 2 + 7,
        "first_start_time": 1756539000000,
        "last_end_time": 1756541000000,
        "first_start_time_iso": "2025-08-30T07:30:00.000Z",
        "last_end_time_iso": "2025-08-30T08:03:20.000Z",
        "by_state": {"0": 1, "1": 1, "unknown": 1},
    }


def test_log_summary_of_no_logs_is_zero_and_none():
    assert log_summary([]) == {
        "count": 0, "transfer_bytes": 0, "transfer_records_num": 0, "first_start_time": None,
        "last_end_time": None, "first_start_time_iso": None, "last_end_time_iso": None, "by_state": {},
    }


def test_log_summary_of_a_log_page():
    assert log_summary(log_page(SEED_LOGS)["logs"])["by_state"] == {"0": 1}


# ---------------------------------------------------------------- snake_case

@pytest.mark.parametrize("name, expected", [
    ("partitionId", "partition_id"),
    ("transferTaskLogList", "transfer_task_log_list"),
    ("HTTPCode", "http_code"),
    ("errorCode", "error_code"),
    ("totalNum", "total_num"),
    ("transferTaskID", "transfer_task_id"),
    ("obs_bucket_path", "obs_bucket_path"),
    ("cloudtable_destination_descripton", "cloudtable_destination_descripton"),
    ("Code", "code"),
    ("shardId2", "shard_id2"),
    ("", ""),
])
def test_snake_case_converts_camel_and_keeps_snake(name, expected):
    assert snake_case(name) == expected


@given(st.text())
def test_snake_case_is_idempotent(name):
    once = snake_case(name)
    assert snake_case(once) == once


# ---------------------------------------------------------------- api_error_fields

@pytest.mark.parametrize("body, expected", [
    # dis-api.md "Errors": a DIS error body.
    ({"errorCode": "DIS.4301", "message": "Stream does not exist. [test][6332998f]"},
     ("DIS.4301", "Stream does not exist. [test][6332998f]")),
    ({"errorCode": 4301, "message": "Stream does not exist."}, ("4301", "Stream does not exist.")),
    ({"errorCode": None, "message": "System error."}, (None, "System error.")),
    ({"error_code": "APIGW.0308", "error_msg": "The request is throttled."},
     ("APIGW.0308", "The request is throttled.")),
    ({"errorCode": "DIS.4303", "errorMsg": "Exceeded traffic control limit."},
     ("DIS.4303", "Exceeded traffic control limit.")),
    ({"code": "DIS.5000", "message": "System error."}, ("DIS.5000", "System error.")),
    ({"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}},
     ("401", "The username or password is wrong.")),
    ({"error": {"code": 401, "title": "Unauthorized"}}, ("401", "Unauthorized")),
    ({"errorCode": "", "message": "", "error_code": "APIGW.0301", "error_msg": "Incorrect IAM credentials."},
     ("APIGW.0301", "Incorrect IAM credentials.")),
])
def test_api_error_fields_reads_every_error_shape(body, expected):
    assert api_error_fields(body) == expected


@pytest.mark.parametrize("body", [
    "<html><body>502 Bad Gateway</body></html>", None, [], {}, {"tasks": []}, 400,
    {"error": "Bad Gateway"}, {"errorCode": {"nested": 1}, "message": ["a"]},
])
def test_api_error_fields_is_none_for_anything_else(body):
    assert api_error_fields(body) == (None, None)


def test_api_error_fields_truncates_long_messages():
    code, message = api_error_fields({"errorCode": "DIS.5000", "message": "x" * 5000})
    assert code == "DIS.5000"
    assert message == "x" * MESSAGE_LIMIT


# ---------------------------------------------------------------- properties over arbitrary JSON

KNOWN_KEYS = [
    "tasks", "total_number", "quota", "task_id", "task_name", "state", "destination_type", "create_time",
    "last_transfer_timestamp", "stream_name", "partitions", "partitionId", "partition_id", "status", "discard",
    "last_transfer_offset", "obs_destination_description", "mrs_destination_description",
    "dli_destination_description", "cloudtable_destination_descripton", "cloudtable_destination_description",
    "dws_destination_descripton", "dws_destination_description", "user_password", "stream_names",
    "stream_info_list", "has_more_streams", "errorCode", "error_code", "code", "message", "error_msg",
    "errorMsg", "error", "title", "totalNum", "transferTaskLogList", "transferTaskId", "startTime", "endTime",
    "transferBytes", "transferRecordsNum", "start_time", "end_time", "transfer_bytes",
]
json_keys = st.sampled_from(KNOWN_KEYS) | st.text(max_size=12)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(json_keys, children, max_size=6),
    max_leaves=20,
)
# Arbitrary JSON, plus objects made of the API's own keys so that the deep paths get exercised too.
json_bodies = json_values | st.dictionaries(st.sampled_from(KNOWN_KEYS), json_values, max_size=8)


def facts_or_format_error(function, *args):
    """Call ``function``; a ResponseFormatError is an answer, any other exception fails the test."""
    try:
        result = function(*args)
    except ResponseFormatError as error:
        assert error.detail
        return None
    json.dumps(result)  # facts are plain JSON data
    return result


@settings(max_examples=200)
@given(json_bodies)
def test_transfer_task_returns_facts_or_raises_format_error_for_any_json(body):
    facts = facts_or_format_error(transfer_task, body, "orders", NOW)
    assert facts is None or set(facts) == TASK_KEYS


@settings(max_examples=200)
@given(json_bodies)
def test_transfer_task_details_returns_facts_or_raises_format_error_for_any_json(body):
    facts = facts_or_format_error(transfer_task_details, body, "orders", NOW)
    assert facts is None or set(facts) == TASK_KEYS | {"partitions", "destination"}


@settings(max_examples=200)
@given(json_bodies)
def test_partition_returns_facts_or_raises_format_error_for_any_json(body):
    facts = facts_or_format_error(partition, body, NOW)
    assert facts is None or set(facts) == PARTITION_KEYS


@settings(max_examples=200)
@given(json_bodies)
def test_destination_returns_a_descriptor_or_raises_format_error_for_any_json(body):
    facts = facts_or_format_error(destination, body)
    assert facts is None or isinstance(facts, dict)


@settings(max_examples=200)
@given(json_bodies)
def test_stream_summary_returns_facts_or_raises_format_error_for_any_json(body):
    facts = facts_or_format_error(stream_summary, body, "orders")
    assert facts is None or isinstance(facts["total_number"], int)


@settings(max_examples=200)
@given(json_bodies)
def test_task_list_returns_objects_or_raises_format_error_for_any_json(body):
    tasks = facts_or_format_error(task_list, body)
    assert tasks is None or all(isinstance(task, dict) for task in tasks)


@settings(max_examples=200)
@given(json_bodies)
def test_stream_names_page_returns_names_or_raises_format_error_for_any_json(body):
    page = facts_or_format_error(stream_names_page, body)
    if page is not None:
        names, has_more = page
        assert all(isinstance(name, str) for name in names) and isinstance(has_more, bool)


@settings(max_examples=200)
@given(json_bodies)
def test_log_entry_returns_facts_or_raises_format_error_for_any_json(body):
    facts = facts_or_format_error(log_entry, body)
    assert facts is None or set(facts) == LOG_KEYS


@settings(max_examples=200)
@given(json_bodies | st.fixed_dictionaries(
    {"errorCode": st.sampled_from([-1, "-1", 0, None, "DIS.4354"]), "transferTaskLogList": json_values},
    optional={"message": st.none() | st.text(max_size=10), "totalNum": json_scalars}))
def test_log_page_returns_logs_or_raises_a_dis_error_for_any_json(body):
    try:
        page = facts_or_format_error(log_page, body)
    except LogQueryFailed as failure:
        assert failure.code or failure.message
        return
    if page is not None:
        assert all(set(entry) == LOG_KEYS for entry in page["logs"])
        log_summary(page["logs"])


@settings(max_examples=200)
@given(json_bodies)
def test_log_summary_never_fails_on_any_json(value):
    json.dumps(log_summary(value))


@settings(max_examples=200)
@given(json_bodies)
def test_api_error_fields_returns_text_or_none_for_any_json(body):
    code, message = api_error_fields(body)
    assert code is None or isinstance(code, str)
    assert message is None or (isinstance(message, str) and len(message) <= MESSAGE_LIMIT)


@settings(max_examples=200)
@given(json_bodies)
def test_mask_secrets_never_fails_and_leaves_no_secret_value(body):
    masked = mask_secrets(body)
    json.dumps(masked)
    if isinstance(body, dict) and isinstance(body.get("user_password"), str):
        assert masked["user_password"] == SECRET_MASK
