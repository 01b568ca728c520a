# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Endpoints and settings resolved from module parameters."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.dis.plugins.module_utils.config import (
    CONNECTION_ARGUMENT_SPEC, ConnectionConfig, connection_argument_spec)
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError


def params(**values):
    base = {name: option.get("default") for name, option in CONNECTION_ARGUMENT_SPEC.items()}
    base.update(values)
    return base


def test_default_endpoints_come_from_region_and_cloud():
    config = ConnectionConfig.from_params(params(region="cn-north-4"))
    assert config.endpoint == "https://dis.cn-north-4.myhuaweicloud.com"
    assert config.iam_endpoint == "https://iam.cn-north-4.myhuaweicloud.com"


def test_another_cloud_sets_its_domain_suffix():
    config = ConnectionConfig.from_params(params(region="eu-de", cloud="otc.t-systems.com"))
    assert config.endpoint == "https://dis.eu-de.otc.t-systems.com"


def test_explicit_endpoints_win_and_lose_their_trailing_slash():
    config = ConnectionConfig.from_params(params(region="cn-north-4", endpoint="http://127.0.0.1:8443/",
                                                 iam_endpoint="http://[::1]:9000"))
    assert config.endpoint == "http://127.0.0.1:8443"
    assert config.iam_endpoint == "http://[::1]:9000"


def test_endpoint_without_region_leaves_iam_unset():
    config = ConnectionConfig.from_params(params(endpoint="http://127.0.0.1:1", project_id="p"))
    assert config.iam_endpoint is None


def test_no_region_and_no_endpoint_is_a_clear_error():
    with pytest.raises(ConfigError, match="region"):
        ConnectionConfig.from_params(params())


@pytest.mark.parametrize("url", ["ftp://x", "127.0.0.1:8443", "http://", "http://u:p@host", "http://h/?a=1"])
def test_malformed_endpoints_are_refused(url):
    with pytest.raises(ConfigError, match="'endpoint'"):
        ConnectionConfig.from_params(params(endpoint=url))


def test_retries_and_timeout_are_bounded():
    with pytest.raises(ConfigError, match="retries"):
        ConnectionConfig.from_params(params(region="r", retries=-1))
    with pytest.raises(ConfigError, match="timeout"):
        ConnectionConfig.from_params(params(region="r", timeout=-5))


def test_secret_options_are_no_log():
    for name in ("secret_key", "auth_token", "password", "security_token"):
        assert CONNECTION_ARGUMENT_SPEC[name]["no_log"] is True


def test_environment_fallbacks_follow_the_design():
    fallbacks = {name: option["fallback"][1] for name, option in CONNECTION_ARGUMENT_SPEC.items()
                 if "fallback" in option}
    assert fallbacks["region"] == ["HW_REGION_NAME", "CLOUD_SDK_REGION"]
    assert fallbacks["access_key"] == ["HW_ACCESS_KEY", "CLOUD_SDK_AK"]
    assert fallbacks["secret_key"] == ["HW_SECRET_KEY", "CLOUD_SDK_SK"]
    assert fallbacks["endpoint"] == ["HW_DIS_ENDPOINT"]


def test_module_options_are_merged_without_changing_the_shared_spec():
    spec = connection_argument_spec(stream_name={"type": "str"})
    spec["region"]["type"] = "int"
    assert "stream_name" in spec and CONNECTION_ARGUMENT_SPEC["region"]["type"] == "str"


@pytest.mark.parametrize("region", ["x@evil.example#", "cn-north-4.evil.example", "CN NORTH", "a/b", "-x"])
def test_a_region_that_could_change_the_host_is_refused(region):
    with pytest.raises(ConfigError, match="'region'"):
        ConnectionConfig.from_params(params(region=region))


@pytest.mark.parametrize("cloud", ["evil.example/x", "a@b", "x y"])
def test_a_cloud_that_is_not_a_domain_is_refused(cloud):
    with pytest.raises(ConfigError, match="'cloud'"):
        ConnectionConfig.from_params(params(region="cn-north-4", cloud=cloud))


def test_the_proxy_url_is_no_log_since_it_may_carry_a_password():
    assert CONNECTION_ARGUMENT_SPEC["proxy"]["no_log"] is True
