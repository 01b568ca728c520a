"""The command line: loopback only, IPv6, option checks, clean exit on SIGTERM."""

import subprocess

import pytest
import requests

from .emulator_process import emulator_command, emulator_environment
from .emulator_testdata import DEMO_STATE_FILE, PROJECT_A, STATE_FILE, STATIC_TOKEN

TIMEOUT = 10


def _run(*arguments):
    return subprocess.run(emulator_command(*arguments), capture_output=True, text=True, check=False,
                          env=emulator_environment(), timeout=30)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_non_loopback_host_is_refused_with_exit_2(host):
    result = _run("--state", str(STATE_FILE), "--host", host)
    assert result.returncode == 2
    assert "non-loopback" in result.stderr and result.stdout == ""


def test_ipv6_loopback_is_served_with_bracketed_url(emulator_factory):
    emulator = emulator_factory("--host", "::1")
    assert emulator.url.startswith("http://[::1]:")
    response = requests.get(f"{emulator.url}/v2/{PROJECT_A}/streams", headers={"X-Auth-Token": STATIC_TOKEN},
                            timeout=TIMEOUT)
    assert response.status_code == 200


def test_sigterm_exits_0(emulator_factory):
    emulator = emulator_factory()
    assert emulator.stop() == 0


def test_demo_state_starts(emulator_factory):
    emulator = emulator_factory(state=DEMO_STATE_FILE)
    assert emulator.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("options, message", [
    (["--fault-kinds", "429,teapot"], "teapot"),
    (["--fault-rate", "1.5"], "--fault-rate"),
    (["--tls-cert", "only-a-cert.pem"], "--tls-key"),
])
def test_bad_options_exit_2(options, message):
    result = _run("--state", str(STATE_FILE), *options)
    assert result.returncode == 2 and message in result.stderr


def test_bad_state_file_exits_2_naming_the_field(tmp_path):
    state = tmp_path / "state.yml"
    state.write_text("projects:\n  - project_id: not-hex\n    region: cn-north-4\n")
    result = _run("--state", str(state))
    assert result.returncode == 2
    assert "projects[0].project_id" in result.stderr


def test_missing_state_file_exits_2(tmp_path):
    result = _run("--state", str(tmp_path / "absent.yml"))
    assert result.returncode == 2 and "cannot read" in result.stderr
