# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""The malformed-response corpus through the real modules, against the emulator.

Every entry of the emulator's corpus (``tools/dis_emulator/malformed.py``: HTML
error pages, empty bodies, JSON that is not an object, wrong types in every
field, invalid UTF-8, nesting deeper than parsers go, 32 MiB bodies, ...) is
served on every route a module run goes through, and each module's ``main()``
runs in this process as Ansible would run it. Each run must end in
``exit_json`` with well-formed facts, or in ``fail_json`` through the modules'
own failure path (a readable ``msg`` and the ``error`` dict), never in an
unexpected exception.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pathlib
import sys
import threading

import pytest
import requests

from ansible.module_utils.testing import patch_module_args

from ansible_collections.hwcloud.dis.plugins.modules import transfer_task, transfer_task_info, transfer_task_log_info

TOOLS = pathlib.Path(__file__).resolve().parents[4] / "tools"
if not (TOOLS / "dis_emulator").is_dir():
    pytest.skip("the DIS emulator (tools/dis_emulator) is not beside these tests", allow_module_level=True)
sys.path.insert(0, str(TOOLS))
from dis_emulator.malformed import CORPUS  # noqa: E402  pylint: disable=wrong-import-position

PROJECT_ID = "cafe0000000000000000000000000001"
REGION = "cn-north-4"
TOKEN = "hardening-unit-static-token"
USER = {"user_name": "hardening-unit", "password": "Hardening-Unit-Passw0rd", "domain_name": "hardening-domain"}
OBS_TASK_ID = "HardeningObsTask001"
STATE = {
    "credentials": {"tokens": [TOKEN], "users": [USER]},
    "projects": [{"project_id": PROJECT_ID, "region": REGION, "streams": [{
        "stream_name": "orders",
        "transfer_tasks": [
            {"task_name": "orders-to-obs", "task_id": OBS_TASK_ID, "state": "RUNNING", "destination_type": "OBS",
             "create_time": 1606554932552, "last_transfer_timestamp": 1606984428612,
             "obs_destination_description": {"obs_bucket_path": "b", "file_prefix": "p"},
             "logs": [{"startTime": 1700000000000, "endTime": 1700000300000, "transferBytes": 10,
                       "transferRecordsNum": 1, "state": 0}]},
            {"task_name": "orders-paused", "task_id": "HardeningPaused0001", "state": "PAUSED",
             "destination_type": "OBS", "create_time": 1606554932552, "last_transfer_timestamp": 1606984428612,
             "obs_destination_description": {"obs_bucket_path": "b", "file_prefix": "p"}},
        ]}]}],
}

ACTION_ROUTE = "POST /v2/{project_id}/streams/{stream_name}/transfer-tasks/action"
# route label -> (module, options): a run that reaches that route, all earlier requests answered normally.
TOKEN_AUTH = {"auth_token": TOKEN, "project_id": PROJECT_ID}
SCENARIOS = {
    "POST /v3/auth/tokens": (transfer_task_info, dict(USER, project_id=PROJECT_ID, stream_name="orders")),
    "GET /v3/projects": (transfer_task_info, {"auth_token": TOKEN, "region": REGION, "stream_name": "orders"}),
    "GET /v2/{project_id}/streams": (transfer_task_info, dict(TOKEN_AUTH)),
    "GET /v2/{project_id}/streams/{stream_name}/transfer-tasks": (
        transfer_task_info, dict(TOKEN_AUTH, stream_name="orders")),
    "GET /v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}": (
        transfer_task_info, dict(TOKEN_AUTH, stream_name="orders", details=True, include_raw=True)),
    "POST /v1/transfertasklog/{task_id}": (transfer_task_log_info, dict(TOKEN_AUTH, task_id=OBS_TASK_ID)),
    ACTION_ROUTE: (
        transfer_task, dict(TOKEN_AUTH, stream_name="orders", task_name="orders-paused", state="running",
                            wait=False)),
}
# What each module returns when it succeeds.
RESULT_KEYS = {
    transfer_task_info: {"transfer_tasks", "streams"},
    transfer_task_log_info: {"logs", "total_num", "summary"},
    transfer_task: {"previous_state", "transfer_task"},
}


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    """The emulator on loopback with STATE, served by a thread of this process.

    A thread, not a subprocess: ansible-test runs each unit test in a forked
    child that exits without fixture teardown, which would leave one emulator
    process behind per test; a thread ends with its process.
    """
    import yaml
    from dis_emulator.__main__ import build_server, parse_arguments

    state_file = tmp_path_factory.mktemp("state") / "state.yml"
    state_file.write_text(yaml.safe_dump(STATE), encoding="utf-8")
    server = build_server(parse_arguments(["--state", str(state_file), "--port", "0"]))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """No HW_* variable of the caller, an empty token cache and no warnings left from an earlier run."""
    from ansible.module_utils.common import warnings

    for name in list(os.environ):
        if name.startswith(("HW_", "CLOUD_SDK_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    warnings._global_warnings.clear()  # pylint: disable=protected-access


def run_module(module, options):
    """Run ``module.main()`` with these options; return (exit code, result dict)."""
    printed = io.StringIO()
    with patch_module_args(options), contextlib.redirect_stdout(printed):
        with pytest.raises(SystemExit) as exited:
            module.main()
    return exited.value.code, json.loads(printed.getvalue())


def pause_the_task_to_start(url):
    """Put orders-paused back to PAUSED, so that the next transfer_task run has to act."""
    response = requests.post("%s/v2/%s/streams/orders/transfer-tasks/action" % (url, PROJECT_ID),
                             json={"action": "stop", "tasks": [{"id": "HardeningPaused0001"}]},
                             headers={"X-Auth-Token": TOKEN}, timeout=30)
    response.raise_for_status()


def respond_with(url, route, name):
    """Install one corpus entry on one route (removing earlier answers); return the emulator's answered count."""
    requests.delete(url + "/_emulator/respond-with", timeout=30).raise_for_status()
    if route == ACTION_ROUTE:
        pause_the_task_to_start(url)
    requests.post(url + "/_emulator/respond-with", json={"route": route, "malformed": name},
                  timeout=30).raise_for_status()
    return requests.get(url + "/_emulator/respond-with", timeout=30).json()["answered"]


def assert_clean_outcome(module, code, result):
    """exit_json with the module's facts, or fail_json through our failure path with a readable msg."""
    if code == 0:
        assert not result.get("failed")
        assert RESULT_KEYS[module] <= set(result)
        return
    assert code == 1 and result["failed"] is True
    message = result["msg"]
    assert isinstance(message, str) and 10 < len(message) < 2000
    assert not message.startswith("Unexpected error"), message
    assert "Traceback" not in message
    assert {"operation", "status", "code", "message", "request_id", "url"} <= set(result["error"])


@pytest.mark.parametrize("route", sorted(SCENARIOS))
def test_every_scenario_succeeds_without_a_malformed_answer(emulator, isolated, route):
    module, options = SCENARIOS[route]
    requests.delete(emulator + "/_emulator/respond-with", timeout=30).raise_for_status()
    if route == ACTION_ROUTE:
        pause_the_task_to_start(emulator)
    code, result = run_module(module, dict(options, endpoint=emulator, iam_endpoint=emulator, retries=0))
    assert code == 0, result["msg"]


# The 32 MiB entries cost seconds each: two routes (a listing and the details) are enough for them.
HUGE_ON = ("GET /v2/{project_id}/streams", "GET /v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}")
MATRIX = [(route, name) for route in sorted(SCENARIOS) for name in sorted(CORPUS)
          if not name.startswith("huge-") or route in HUGE_ON]


@pytest.mark.parametrize("route, name", MATRIX)
def test_a_malformed_answer_ends_in_facts_or_a_readable_failure(emulator, isolated, route, name):
    module, options = SCENARIOS[route]
    answered = respond_with(emulator, route, name)
    code, result = run_module(module, dict(options, endpoint=emulator, iam_endpoint=emulator, retries=0))
    assert_clean_outcome(module, code, result)
    served = requests.get(emulator + "/_emulator/respond-with", timeout=30).json()["answered"]
    assert served > answered, "the run never reached the route answering %s" % name


@pytest.mark.parametrize("name", ["html-200", "empty-200", "json-array", "json-null", "invalid-utf8",
                                  "deep-arrays", "truncated-json"])
def test_an_unusable_listing_fails_naming_the_operation_and_status(emulator, isolated, name):
    respond_with(emulator, "GET /v2/{project_id}/streams/{stream_name}/transfer-tasks", name)
    code, result = run_module(transfer_task_info, dict(TOKEN_AUTH, endpoint=emulator, stream_name="orders",
                                                       retries=0))
    assert code == 1
    assert result["msg"].startswith("Failed to list dump tasks of stream orders")
    assert result["error"]["status"] == 200 or "dump task list" in result["msg"]
