# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""One test per defect the hardening work found, so that none comes back (docs/reliability.md)."""

from __future__ import annotations

import contextlib
import io
import json
import random

import pytest

from ansible.module_utils.testing import patch_module_args

from ansible_collections.hwcloud.dis.plugins.module_utils import tasks, transport
from ansible_collections.hwcloud.dis.plugins.module_utils.api import DisApi
from ansible_collections.hwcloud.dis.plugins.module_utils.config import ConnectionConfig
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError, DisError, InvalidInput
from ansible_collections.hwcloud.dis.plugins.module_utils.module import DisModule, compile_query

PROJECT_ID = "0123456789abcdef0123456789abcdef"


def make_transport(url, retries=2, **options):
    config = ConnectionConfig.from_params(dict({"endpoint": url, "retries": retries, "timeout": 5,
                                                "validate_certs": True}, **options))
    sleeps = []
    return transport.Transport(config, sleep=sleeps.append, rng=random.Random(1)), sleeps


def run_dis_module(options, work):
    """Run ``DisModule.run(work)`` as a module would; return (exit code, printed result)."""
    printed = io.StringIO()
    with patch_module_args(options), contextlib.redirect_stdout(printed):
        with pytest.raises(SystemExit) as exited:
            DisModule({}).run(work)
    return exited.value.code, json.loads(printed.getvalue())


# ---------------------------------------------------------------- transport.py

@pytest.mark.parametrize("body", [b"[" * 100000 + b"]" * 100000, b'{"a":' * 50000 + b"1" + b"}" * 50000])
def test_json_nested_deeper_than_the_parser_goes_is_an_unusable_answer_not_a_crash(scripted_server, body):
    # Was: RecursionError out of json.loads, "Unexpected error (RecursionError)" with a traceback.
    scripted_server.script(*[(200, {}, body)] * 2)
    client = make_transport(scripted_server.url, retries=1)[0]
    with pytest.raises(DisError, match="not valid JSON"):
        client.request("list streams", "GET", scripted_server.url + "/x")


def test_a_retry_after_of_non_ascii_digits_is_ignored_not_a_crash(scripted_server):
    # Was: "²".isdigit() is True, float("²") raised ValueError out of the transport.
    scripted_server.script((429, {"Retry-After": "\u00b2"}, {}), (200, {}, {"ok": True}))
    client, sleeps = make_transport(scripted_server.url)
    assert client.request("op", "GET", scripted_server.url + "/x").data == {"ok": True}
    assert len(sleeps) == 1 and sleeps[0] <= transport.BACKOFF_BASE


def test_validate_certs_false_disables_verification_even_with_a_ca_bundle(tmp_path):
    # Was: the CA bundle was still used for verification while the warning said verification was off.
    bundle = tmp_path / "ca.pem"
    bundle.write_text("unused")
    warnings = []
    config = ConnectionConfig.from_params({"endpoint": "https://127.0.0.1:1", "validate_certs": False,
                                           "ca_bundle": str(bundle)})
    client = transport.Transport(config, warn=warnings.append)
    assert client.verify is False
    assert any("validate_certs: false" in warning for warning in warnings)


def test_a_ca_bundle_that_does_not_exist_is_a_configuration_error_before_any_request(tmp_path):
    # Was: requests raised a bare OSError at the first request: "Unexpected error (OSError)".
    config = ConnectionConfig.from_params({"endpoint": "https://127.0.0.1:1",
                                           "ca_bundle": str(tmp_path / "missing.pem")})
    with pytest.raises(ConfigError, match="ca_bundle.*does not exist"):
        transport.Transport(config)


# ---------------------------------------------------------------- module.py

def test_a_hostile_project_id_is_refused_before_password_auth_asks_iam(scripted_server, tmp_path, monkeypatch):
    # Was: the IAM token request (with the project id in its scope) went out first.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    options = {"endpoint": scripted_server.url, "iam_endpoint": scripted_server.url, "project_id": "../../admin",
               "user_name": "someone", "password": "Some-Passw0rd", "domain_name": "some-domain"}
    code, result = run_dis_module(options, lambda dis: {"streams": dis.client()})
    assert code == 1 and result["error"]["option"] == "project_id"
    assert scripted_server.received == []


class RenewedTokenAuth:
    """Stands for password auth after a re-authentication during the run: a token nobody saw at start."""

    def __init__(self, token):
        self.token = token

    def secrets(self):
        return [self.token]


@pytest.mark.parametrize("outcome", ["failure", "success"])
def test_a_token_obtained_mid_run_is_scrubbed_from_the_output(outcome):
    # Was: only the secrets known right after the first authentication were given to no_log.
    renewed = "MIIrenewed-token-never-shown"

    def work(dis):
        dis._auth = RenewedTokenAuth(renewed)  # pylint: disable=protected-access
        if outcome == "failure":
            raise DisError("list streams", "the gateway echoed %s" % renewed)
        return {"echo": renewed}

    code, result = run_dis_module({"endpoint": "http://127.0.0.1:1", "auth_token": "static-token"}, work)
    assert code == (1 if outcome == "failure" else 0)
    assert renewed not in json.dumps(result)


def test_a_query_nested_too_deeply_is_invalid_input_not_a_crash():
    # Was: RecursionError out of jmespath: "Unexpected error (RecursionError)".
    with pytest.raises(InvalidInput, match="nested too deeply") as refused:
        compile_query("(" * 5000 + "a" + ")" * 5000)
    assert refused.value.option == "query"


# ---------------------------------------------------------------- tasks.py

def test_a_listing_with_a_nameless_task_beside_a_named_one_is_not_a_crash(scripted_server):
    scripted_server.script((200, {}, {"tasks": [{}, {"task_name": "t1"}]}))
    client = make_transport(scripted_server.url, retries=0)[0]
    api = DisApi(client, None, scripted_server.url, PROJECT_ID)
    with pytest.raises(DisError, match="a task without a task_name"):
        tasks.collect(api, ["s1"], 0)
