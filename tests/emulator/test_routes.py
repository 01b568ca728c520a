"""Each DIS route's happy and error paths, against the shared emulator."""

import http.client
import time
import urllib.parse

import pytest

from .emulator_testdata import (
    ABNORMAL_TASK_ID,
    DWS_TASK_ID,
    OBS_TASK_ID,
    PROJECT_A,
    PROJECT_B,
    TO_START_TASK_ID,
    TO_STOP_TASK_ID,
    TRANSITION_SECONDS,
)

TIMEOUT = 10


def _get(session, emulator, path, **params):
    return session.get(f"{emulator.url}{path}", params=params, timeout=TIMEOUT)


def _post(session, emulator, path, body):
    return session.post(f"{emulator.url}{path}", json=body, timeout=TIMEOUT)


def _assert_dis_error(response, status, code):
    assert response.status_code == status
    assert response.json()["errorCode"] == code
    assert len(response.headers["X-Request-Id"]) == 32


def _tasks_path(stream, project=PROJECT_A):
    return f"/v2/{project}/streams/{stream}/transfer-tasks"


def _logs(session, emulator, task_id, body):
    return _post(session, emulator, f"/v1/transfertasklog/{task_id}", body)


# ---------------------------------------------------------------- list streams

def test_list_streams_pages_by_start_stream_name(session, emulator):
    seen, start, pages = [], None, 0
    while True:
        params = {"limit": 10} if start is None else {"limit": 10, "start_stream_name": start}
        page = _get(session, emulator, f"/v2/{PROJECT_B}/streams", **params).json()
        assert page["total_number"] == 25
        assert [info["stream_name"] for info in page["stream_info_list"]] == page["stream_names"]
        seen += page["stream_names"]
        pages += 1
        if not page["has_more_streams"]:
            break
        start = page["stream_names"][-1]
    assert pages == 3
    assert seen == sorted(seen) and len(set(seen)) == 25


def test_list_streams_default_limit_is_ten(session, emulator):
    assert len(_get(session, emulator, f"/v2/{PROJECT_B}/streams").json()["stream_names"]) == 10


def test_list_streams_info_has_the_api_keys(session, emulator):
    info = _get(session, emulator, f"/v2/{PROJECT_A}/streams").json()["stream_info_list"][0]
    assert {"stream_name", "create_time", "retention_period", "status", "stream_type", "data_type",
            "partition_count", "tags", "auto_scale_enabled"} <= set(info)


@pytest.mark.parametrize("limit", ["0", "101", "ten"])
def test_list_streams_refuses_out_of_range_limit(session, emulator, limit):
    _assert_dis_error(_get(session, emulator, f"/v2/{PROJECT_B}/streams", limit=limit), 400, "DIS.4200")


def test_unknown_project_is_dis_4117(session, emulator):
    _assert_dis_error(_get(session, emulator, f"/v2/{'c' * 32}/streams"), 400, "DIS.4117")


# ---------------------------------------------------------------- list tasks

def test_list_tasks_has_total_quota_and_seed_task_keys(session, emulator):
    body = _get(session, emulator, _tasks_path("orders")).json()
    assert body["total_number"] == 2 and body["quota"] == 5
    assert set(body["tasks"][0]) == {"task_id", "destination_type", "task_name", "create_time", "state",
                                     "last_transfer_timestamp"}
    assert body["tasks"][0]["task_id"] == OBS_TASK_ID


def test_list_tasks_can_omit_quota_and_task_id(session, emulator):
    body = _get(session, emulator, _tasks_path("sdk-variant")).json()
    assert "quota" not in body
    assert "task_id" not in body["tasks"][0]


def test_list_tasks_of_missing_stream_is_dis_4301_with_name_and_request_id(session, emulator):
    response = _get(session, emulator, _tasks_path("missing"))
    _assert_dis_error(response, 400, "DIS.4301")
    assert response.json()["message"] == f"Stream does not exist. [missing][{response.headers['X-Request-Id']}]"


def test_list_tasks_refuses_invalid_stream_name(session, emulator):
    _assert_dis_error(_get(session, emulator, _tasks_path("x" * 61)), 400, "DIS.4200")


# ---------------------------------------------------------------- show task

def test_show_task_matches_seed_004_shape(session, emulator):
    body = _get(session, emulator, _tasks_path("orders") + "/orders-to-obs").json()
    assert body["partitions"][0] == {"partitionId": "shardId-0000000000", "discard": 0, "state": "RUNNING",
                                     "last_transfer_timestamp": 1606984428612, "last_transfer_offset": 2139}
    assert body["obs_destination_description"]["obs_bucket_path"] == "test-bucket"
    assert (body["stream_name"], body["task_name"], body["destination_type"]) == ("orders", "orders-to-obs", "OBS")


def test_show_task_sends_dws_descriptor_under_the_misspelt_key(session, emulator):
    body = _get(session, emulator, _tasks_path("orders") + "/orders-to-dws").json()
    assert body["dws_destination_descripton"]["user_password"] == "not-a-real-password"
    assert "dws_destination_description" not in body


def test_show_task_can_use_snake_case_partition_ids(session, emulator):
    body = _get(session, emulator, _tasks_path("sdk-variant") + "/no-id").json()
    assert "partition_id" in body["partitions"][0] and "partitionId" not in body["partitions"][0]
    assert "cloudtable_destination_descripton" in body


def test_default_partitions_of_abnormal_task_show_the_problem(session, emulator):
    partitions = _get(session, emulator, _tasks_path("actions") + "/abnormal").json()["partitions"]
    assert partitions[0]["state"] == "ABNORMAL" and partitions[0]["discard"] > 0


def test_show_missing_task_is_dis_4354(session, emulator):
    _assert_dis_error(_get(session, emulator, _tasks_path("orders") + "/nope"), 400, "DIS.4354")


def test_show_task_of_missing_stream_is_dis_4301(session, emulator):
    _assert_dis_error(_get(session, emulator, _tasks_path("missing") + "/orders-to-obs"), 400, "DIS.4301")


# ---------------------------------------------------------------- task actions

def _task_state(session, emulator, name):
    return _get(session, emulator, _tasks_path("actions") + f"/{name}").json()["state"]


def test_start_goes_starting_then_running(session, emulator):
    response = _post(session, emulator, _tasks_path("actions") + "/action",
                     {"action": "start", "tasks": [{"id": TO_START_TASK_ID}]})
    assert response.status_code == 200 and response.json() == {}
    assert _task_state(session, emulator, "to-start") == "STARTING"
    time.sleep(TRANSITION_SECONDS + 0.2)
    assert _task_state(session, emulator, "to-start") == "RUNNING"


def test_stop_pauses(session, emulator):
    _post(session, emulator, _tasks_path("actions") + "/action", {"action": "stop", "tasks": [{"id": TO_STOP_TASK_ID}]})
    assert _task_state(session, emulator, "to-stop") == "PAUSED"


def test_action_with_unknown_task_is_dis_4354_and_changes_nothing(session, emulator):
    before = _task_state(session, emulator, "abnormal")
    response = _post(session, emulator, _tasks_path("actions") + "/action",
                     {"action": "stop", "tasks": [{"id": ABNORMAL_TASK_ID}, {"id": OBS_TASK_ID}]})
    _assert_dis_error(response, 400, "DIS.4354")
    assert _task_state(session, emulator, "abnormal") == before


@pytest.mark.parametrize("body", [{"action": "restart", "tasks": [{"id": TO_STOP_TASK_ID}]},
                                  {"action": "start", "tasks": []}, ["start"]])
def test_bad_action_request_is_dis_4200(session, emulator, body):
    _assert_dis_error(_post(session, emulator, _tasks_path("actions") + "/action", body), 400, "DIS.4200")


# ---------------------------------------------------------------- logs

def test_logs_desc_is_newest_first_in_seed_003_envelope(session, emulator):
    body = _logs(session, emulator, OBS_TASK_ID, {"order": "desc", "sortBy": "createTimeStr",
                                                  "pageInfo": {"pageIndex": 1, "pageTotal": 10}}).json()
    assert body["errorCode"] == -1 and body["totalNum"] == 3 and body["message"] is None
    starts = [entry["startTime"] for entry in body["transferTaskLogList"]]
    assert starts == sorted(starts, reverse=True)
    assert {"isStreamFound", "streamData", "streamDataList", "transferTaskList", "monitorData"} <= set(body)


def test_log_entries_carry_every_seed_key(session, emulator):
    entry = _logs(session, emulator, OBS_TASK_ID, {"order": "asc"}).json()["transferTaskLogList"][0]
    assert entry["transferTaskId"] == OBS_TASK_ID and entry["projectId"] == PROJECT_A
    assert set(entry) == {"transferTaskId", "state", "destinationType", "startTime", "endTime", "transferBytes",
                          "transferRecordsNum", "transformRecordsNum", "streamId", "projectId",
                          "transferFileName", "num"}


def test_logs_asc_is_oldest_first(session, emulator):
    body = _logs(session, emulator, DWS_TASK_ID, {"order": "asc", "pageInfo": {"pageIndex": 1, "pageTotal": 25}})
    starts = [entry["startTime"] for entry in body.json()["transferTaskLogList"]]
    assert len(starts) == 25 and starts == sorted(starts)


def test_page_info_as_seed_003_array_means_page_then_size(session, emulator):
    as_array = _logs(session, emulator, DWS_TASK_ID, {"pageInfo": [{"pageIndex": 2}, {"pageIndex": 10}]}).json()
    as_object = _logs(session, emulator, DWS_TASK_ID, {"pageInfo": {"pageIndex": 2, "pageTotal": 10}}).json()
    single = _logs(session, emulator, DWS_TASK_ID, {"pageInfo": [{"pageIndex": 2, "pageTotal": 10}]}).json()
    assert as_array["transferTaskLogList"] == as_object["transferTaskLogList"] == single["transferTaskLogList"]
    assert len(as_array["transferTaskLogList"]) == 10


def test_pages_do_not_overlap(session, emulator):
    def page(index):
        body = _logs(session, emulator, DWS_TASK_ID, {"pageInfo": {"pageIndex": index, "pageTotal": 10}}).json()
        return [entry["startTime"] for entry in body["transferTaskLogList"]]
    first, second, third = page(1), page(2), page(3)
    assert len(first) == len(second) == 10 and len(third) == 5
    assert min(first) > max(second) > max(third)


def test_page_of_one_entry_is_a_bare_object_like_seed_003(session, emulator):
    body = _logs(session, emulator, OBS_TASK_ID, {"pageInfo": {"pageIndex": 1, "pageTotal": 1}}).json()
    assert isinstance(body["transferTaskLogList"], dict)
    assert body["transferTaskLogList"]["transferBytes"] == 3000


def test_page_past_the_end_is_an_empty_list(session, emulator):
    body = _logs(session, emulator, OBS_TASK_ID, {"pageInfo": {"pageIndex": 9, "pageTotal": 10}}).json()
    assert body["transferTaskLogList"] == [] and body["totalNum"] == 3


def test_logs_of_unknown_task_fail_in_a_200_body(session, emulator):
    response = _logs(session, emulator, "Unknown000000000000", {})
    assert response.status_code == 200
    body = response.json()
    assert (body["errorCode"], body["totalNum"], body["transferTaskLogList"]) == ("DIS.4354", 0, None)
    assert body["message"] == "Transfer task does not exist."


@pytest.mark.parametrize("task_id", ["short", "With-Dash-0000000000", "x" * 20])
def test_logs_refuse_task_id_that_is_not_19_alphanumerics(session, emulator, task_id):
    _assert_dis_error(_logs(session, emulator, task_id, {}), 400, "DIS.4200")


@pytest.mark.parametrize("body", [{"order": "sideways"}, {"pageInfo": {"pageIndex": 0}},
                                  {"pageInfo": {"pageIndex": 1, "pageTotal": 1000}}, {"pageInfo": "1"}])
def test_bad_log_request_is_dis_4200(session, emulator, body):
    _assert_dis_error(_logs(session, emulator, OBS_TASK_ID, body), 400, "DIS.4200")


def test_logs_respect_x_project_id(session, emulator):
    response = session.post(f"{emulator.url}/v1/transfertasklog/{OBS_TASK_ID}", json={},
                            headers={"X-Project-Id": PROJECT_B}, timeout=TIMEOUT)
    assert response.json()["errorCode"] == "DIS.4354"


# ---------------------------------------------------------------- gateway and HTTP

def test_unknown_route_is_the_gateway_404(session, emulator):
    response = _get(session, emulator, "/v2/nowhere")
    assert response.status_code == 404
    assert response.json()["error_code"] == "APIGW.0101"
    assert len(response.headers["X-Request-Id"]) == 32


def test_connection_is_kept_alive_between_requests(emulator):
    parsed = urllib.parse.urlsplit(emulator.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=TIMEOUT)
    try:
        for _attempt in range(3):
            connection.request("GET", f"/v2/{PROJECT_A}/streams", headers={"X-Auth-Token": "static-test-token"})
            response = connection.getresponse()
            assert response.status == 200 and int(response.getheader("Content-Length")) == len(response.read())
        first_socket = connection.sock
        connection.request("GET", "/_emulator/stats")
        connection.getresponse().read()
        assert connection.sock is first_socket
    finally:
        connection.close()


def test_stats_count_by_route_template(session, emulator):
    _get(session, emulator, _tasks_path("orders"))
    routes = emulator.stats()["routes"]
    assert routes["GET /v2/{project_id}/streams/{stream_name}/transfer-tasks"]["200"] >= 1
    assert not any("orders" in label for label in routes)
