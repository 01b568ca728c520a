# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Choosing an auth method, and what each one sends."""

from __future__ import annotations

import json
import os
import random
import stat

import pytest

from ansible_collections.hwcloud.dis.plugins.module_utils import signer, transport
from ansible_collections.hwcloud.dis.plugins.module_utils.auth import registry
from ansible_collections.hwcloud.dis.plugins.module_utils.auth.password import PasswordAuth, parse_expires_at
from ansible_collections.hwcloud.dis.plugins.module_utils.config import CONNECTION_ARGUMENT_SPEC, ConnectionConfig
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError, DisError
from ansible_collections.hwcloud.dis.plugins.module_utils.token_cache import TokenCache

PROJECT = "0123456789abcdef0123456789abcdef"


def params(**values):
    base = {name: option.get("default") for name, option in CONNECTION_ARGUMENT_SPEC.items()}
    base.update(values)
    return base


def config_for(values):
    return ConnectionConfig.from_params(values)


def select(**values):
    values = params(region="cn-north-4", **values)
    return registry.select(values, config_for(values))


def test_token_alone_selects_token_auth():
    assert select(auth_token="t").name == "token"


def test_access_and_secret_key_select_aksk():
    assert select(access_key="AK", secret_key="SK").name == "AK/SK"


def test_user_password_and_domain_select_password_auth():
    assert select(user_name="u", password="p", domain_name="d").name == "password"


def test_no_credentials_lists_every_method():
    with pytest.raises(ConfigError) as caught:
        select()
    message = str(caught.value)
    assert "No credentials" in message and "auth_token" in message and "access_key" in message
    assert "user_name" in message


def test_incomplete_credentials_say_what_was_seen_and_what_is_missing():
    with pytest.raises(ConfigError) as caught:
        select(access_key="AK")
    assert "saw access_key" in str(caught.value) and "missing secret_key" in str(caught.value)


def test_two_complete_methods_are_refused():
    with pytest.raises(ConfigError, match="Several authentication methods"):
        select(auth_token="t", access_key="AK", secret_key="SK")


def test_security_token_needs_aksk():
    with pytest.raises(ConfigError, match="security_token"):
        select(auth_token="t", security_token="st")


def test_secret_values_never_appear_in_selection_errors():
    with pytest.raises(ConfigError) as caught:
        select(secret_key="very-secret-value", password="pw-secret")
    assert "very-secret-value" not in str(caught.value) and "pw-secret" not in str(caught.value)


def test_token_auth_sends_x_auth_token():
    auth = select(auth_token="tok")
    assert auth.apply("GET", "https://h/x", {}, b"")["X-Auth-Token"] == "tok"


def test_token_with_a_newline_is_refused():
    with pytest.raises(ConfigError, match="auth_token"):
        select(auth_token="tok\nX-Evil: 1")


def test_aksk_signs_with_a_fresh_date_and_the_security_token():
    auth = select(access_key="AK", secret_key="SK", security_token="temp")
    sent = auth.apply("GET", "https://dis.example/v2/p/streams", {"Content-Type": "application/json"}, b"")
    assert sent["Authorization"].startswith("SDK-HMAC-SHA256 Access=AK, SignedHeaders=")
    assert "x-security-token" in sent["Authorization"] and sent["X-Security-Token"] == "temp"
    assert len(sent[signer.DATE_HEADER]) == 16
    assert "SK" not in json.dumps({k: v for k, v in sent.items() if k != "Authorization"})


def test_aksk_reports_its_secrets_for_scrubbing():
    auth = select(access_key="AK", secret_key="SK-value", security_token="temp")
    assert set(auth.secrets()) == {"SK-value", "temp"}


def test_password_auth_needs_a_project_scope():
    values = params(endpoint="http://127.0.0.1:1", iam_endpoint="http://127.0.0.1:1",
                    user_name="u", password="p", domain_name="d")
    with pytest.raises(ConfigError, match="project"):
        registry.select(values, config_for(values))


def _iam_reply(token="tok-1", project=PROJECT, expires="2099-01-01T00:00:00.000000Z"):
    return (201, {"X-Subject-Token": token, "X-Request-Id": "iam-1"},
            {"token": {"expires_at": expires, "project": {"id": project, "name": "cn-north-4"}}})


def _password_auth(server, tmp_path, user="u", project_id=None, warnings=None):
    values = params(region="cn-north-4", endpoint=server.url, iam_endpoint=server.url,
                    user_name=user, password="pw-secret", domain_name="d", project_id=project_id)
    config = config_for(values)
    warnings = [] if warnings is None else warnings
    auth = PasswordAuth(values, config, warn=warnings.append, cache=TokenCache(str(tmp_path / "tokens"),
                                                                               warn=warnings.append))
    client = transport.Transport(config, sleep=lambda s: None, rng=random.Random(1))
    return auth, client


def test_password_auth_asks_iam_for_a_project_scoped_token(scripted_server, tmp_path):
    scripted_server.script(_iam_reply())
    auth, client = _password_auth(scripted_server, tmp_path)
    auth.authenticate(client)
    sent = json.loads(scripted_server.received[0]["body"])
    assert scripted_server.received[0]["path"] == "/v3/auth/tokens"
    assert sent["auth"]["identity"]["methods"] == ["password"]
    expected_user = {"name": "u", "password": "pw-secret", "domain": {"name": "d"}}
    assert sent["auth"]["identity"]["password"]["user"] == expected_user
    assert sent["auth"]["scope"] == {"project": {"name": "cn-north-4"}}
    assert auth.apply("GET", "u", {}, b"")["X-Auth-Token"] == "tok-1"
    assert auth.project_id == PROJECT


def test_password_auth_scopes_by_project_id_when_given(scripted_server, tmp_path):
    scripted_server.script(_iam_reply())
    auth, client = _password_auth(scripted_server, tmp_path, project_id=PROJECT)
    auth.authenticate(client)
    assert json.loads(scripted_server.received[0]["body"])["auth"]["scope"] == {"project": {"id": PROJECT}}


def test_cached_token_is_reused_by_the_next_run(scripted_server, tmp_path):
    scripted_server.script(_iam_reply())
    first, client = _password_auth(scripted_server, tmp_path)
    first.authenticate(client)
    second, client = _password_auth(scripted_server, tmp_path)
    second.authenticate(client)
    assert len(scripted_server.received) == 1
    assert second.token == "tok-1" and second.project_id == PROJECT


def test_cache_file_is_private_and_holds_no_password(scripted_server, tmp_path):
    scripted_server.script(_iam_reply())
    auth, client = _password_auth(scripted_server, tmp_path)
    auth.authenticate(client)
    folder = tmp_path / "tokens"
    files = list(folder.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    content = files[0].read_text()
    assert "pw-secret" not in content and "tok-1" in content
    assert "u" not in files[0].name.replace(".json", "").strip("0123456789abcdef")


def test_different_users_do_not_share_a_token(scripted_server, tmp_path):
    scripted_server.script(_iam_reply("tok-a"), _iam_reply("tok-b"))
    first, client = _password_auth(scripted_server, tmp_path, user="alice")
    first.authenticate(client)
    second, client = _password_auth(scripted_server, tmp_path, user="bob")
    second.authenticate(client)
    assert (first.token, second.token) == ("tok-a", "tok-b")


def test_an_expiring_token_is_not_reused(scripted_server, tmp_path):
    scripted_server.script(_iam_reply("old", expires="2000-01-01T00:00:00Z"), _iam_reply("new"))
    first, client = _password_auth(scripted_server, tmp_path)
    first.authenticate(client)
    second, client = _password_auth(scripted_server, tmp_path)
    second.authenticate(client)
    assert second.token == "new"


def test_loose_cache_permissions_are_ignored_with_a_warning(scripted_server, tmp_path):
    scripted_server.script(_iam_reply("tok-1"), _iam_reply("tok-2"))
    first, client = _password_auth(scripted_server, tmp_path)
    first.authenticate(client)
    for entry in (tmp_path / "tokens").iterdir():
        entry.chmod(0o644)
    warnings = []
    second, client = _password_auth(scripted_server, tmp_path, warnings=warnings)
    second.authenticate(client)
    assert second.token == "tok-2"
    assert any("not readable by others" in warning for warning in warnings)


def test_refresh_drops_the_cached_token_and_asks_again(scripted_server, tmp_path):
    scripted_server.script(_iam_reply("tok-1"), _iam_reply("tok-2"))
    auth, client = _password_auth(scripted_server, tmp_path)
    auth.authenticate(client)
    assert auth.refresh(client) is True
    assert auth.token == "tok-2" and auth.generation == 1


def test_wrong_password_reports_iam_error_without_the_password(scripted_server, tmp_path):
    scripted_server.script((401, {"X-Request-Id": "r"}, {"error": {"code": 401, "message": "The username or "
                                                                   "password is wrong.", "title": "Unauthorized"}}))
    auth, client = _password_auth(scripted_server, tmp_path)
    with pytest.raises(DisError) as caught:
        auth.authenticate(client)
    assert caught.value.status == 401 and "password is wrong" in caught.value.message
    assert "pw-secret" not in str(caught.value)


def test_iam_answer_without_subject_token_is_an_error(scripted_server, tmp_path):
    scripted_server.script((201, {}, {"token": {}}))
    auth, client = _password_auth(scripted_server, tmp_path)
    with pytest.raises(DisError, match="X-Subject-Token"):
        auth.authenticate(client)


def test_expires_at_is_parsed_or_defaults_to_a_day():
    assert parse_expires_at("2026-11-26T14:00:00.000000Z", 0) == 1795701600.0
    assert parse_expires_at("garbage", 100) == 100 + 24 * 3600
