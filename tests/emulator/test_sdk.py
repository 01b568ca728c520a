"""The official SDK (huaweicloudsdkdis + huaweicloudsdkcore) talks to the emulator with AK/SK.

This is what makes the emulator's verifier trustworthy: the SDK's own
signer (signing content-type;host;user-agent;x-project-id;x-sdk-date) is
accepted, and a wrong secret is refused.
"""

import json
import pathlib
import subprocess
import sys

from .emulator_testdata import ACCESS_KEY, PROJECT_A, SECRET_KEY

SCRIPT = pathlib.Path(__file__).parent / "sdk_client.py"


def _run_sdk(emulator, tmp_path, secret_key=SECRET_KEY):
    # HOME is isolated: importing the SDK writes ~/.huaweicloud/application_id.
    result = subprocess.run(
        [sys.executable, str(SCRIPT), emulator.url, ACCESS_KEY, secret_key, PROJECT_A, "orders", "orders-to-obs"],
        capture_output=True, text=True, timeout=60, check=False, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sdk_lists_and_shows_tasks(emulator, tmp_path):
    result = _run_sdk(emulator, tmp_path)
    assert [task["task_name"] for task in result["listed"]["tasks"]] == ["orders-to-obs", "orders-to-dws"]
    assert result["listed"]["quota"] == 5
    shown = result["shown"]
    assert shown["state"] == "RUNNING"
    assert shown["obs_destination_description"]["obs_bucket_path"] == "test-bucket"
    # The SDK's partition model knows partition_id, not the API's partitionId (seed 004),
    # so the partitions survive only as empty objects.
    assert len(shown["partitions"]) == 2
    assert (tmp_path / ".huaweicloud" / "application_id").exists()


def test_sdk_with_wrong_secret_gets_441(emulator, tmp_path):
    result = _run_sdk(emulator, tmp_path, secret_key="wrong-secret-0000000000000000000000000000")
    assert result["error"]["status_code"] == 441
