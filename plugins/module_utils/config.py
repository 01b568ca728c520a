# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Connection settings: the shared argument spec and the resolved configuration.

The argument spec is the one place where option names, types, defaults and
environment fallbacks live; ``plugins/doc_fragments/connection.py`` documents
the same options. ``ConnectionConfig.from_params`` turns module parameters
(fallbacks already applied by Ansible) into endpoints and settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError

DEFAULT_CLOUD = "myhuaweicloud.com"
DEFAULT_TIMEOUT = 30
DEFAULT_RETRIES = 5


def _env(*names):
    return {"fallback": (env_fallback, list(names))}


CONNECTION_ARGUMENT_SPEC = {
    "region": {"type": "str", **_env("HW_REGION_NAME", "CLOUD_SDK_REGION")},
    "project_id": {"type": "str", **_env("HW_PROJECT_ID", "CLOUD_SDK_PROJECT_ID")},
    "cloud": {"type": "str", "default": DEFAULT_CLOUD, **_env("HW_CLOUD")},
    "endpoint": {"type": "str", **_env("HW_DIS_ENDPOINT")},
    "iam_endpoint": {"type": "str", **_env("HW_IAM_ENDPOINT")},
    "access_key": {"type": "str", "no_log": False, **_env("HW_ACCESS_KEY", "CLOUD_SDK_AK")},
    "secret_key": {"type": "str", "no_log": True, **_env("HW_SECRET_KEY", "CLOUD_SDK_SK")},
    "security_token": {"type": "str", "no_log": True, **_env("HW_SECURITY_TOKEN")},
    "auth_token": {"type": "str", "no_log": True, **_env("HW_AUTH_TOKEN")},
    "user_name": {"type": "str", **_env("HW_USER_NAME")},
    "password": {"type": "str", "no_log": True, **_env("HW_PASSWORD")},
    "domain_name": {"type": "str", **_env("HW_DOMAIN_NAME")},
    "validate_certs": {"type": "bool", "default": True},
    "ca_bundle": {"type": "path", **_env("HW_CA_BUNDLE")},
    "timeout": {"type": "float", "default": DEFAULT_TIMEOUT},
    "retries": {"type": "int", "default": DEFAULT_RETRIES},
    # A proxy URL may carry a password.
    "proxy": {"type": "str", "no_log": True},
}


def connection_argument_spec(**module_options):
    """The connection options merged with a module's own options."""
    spec = {name: dict(option) for name, option in CONNECTION_ARGUMENT_SPEC.items()}
    spec.update(module_options)
    return spec


# Region names and cloud domains go into host names: nothing that could change the host.
_REGION = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_CLOUD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*", re.ASCII)


def base_url(value, option):
    """Check an endpoint override and return it without a trailing slash."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("Option '%s' must be an http:// or https:// URL with a host, got %r." % (option, value))
    if parts.username or parts.password:
        raise ConfigError("Option '%s' must not carry credentials in the URL." % option)
    if parts.query or parts.fragment:
        raise ConfigError("Option '%s' must be a base URL without query or fragment." % option)
    return value.rstrip("/")


@dataclass(frozen=True)
class ConnectionConfig:
    """Where to connect and how; credentials stay in the params for auth.py."""

    region: str | None
    project_id: str | None
    endpoint: str
    iam_endpoint: str | None
    validate_certs: bool
    ca_bundle: str | None
    timeout: float
    retries: int
    proxy: str | None

    @classmethod
    def from_params(cls, params):
        """Resolve endpoints from region and cloud unless they are given."""
        region = params.get("region") or None
        cloud = (params.get("cloud") or DEFAULT_CLOUD).strip(".")
        if region is not None and not _REGION.fullmatch(region):
            raise ConfigError("Option 'region' must be a region name such as cn-north-4 "
                              "(lower-case letters, digits and '-'), got %r." % region)
        if not _CLOUD.fullmatch(cloud):
            raise ConfigError("Option 'cloud' must be a domain such as myhuaweicloud.com, got %r." % cloud)
        endpoint = params.get("endpoint")
        iam_endpoint = params.get("iam_endpoint")
        if endpoint:
            endpoint = base_url(endpoint, "endpoint")
        elif region:
            endpoint = "https://dis.%s.%s" % (region, cloud)
        else:
            raise ConfigError("Set 'region' (or HW_REGION_NAME) to build the DIS endpoint, or give 'endpoint'.")
        if iam_endpoint:
            iam_endpoint = base_url(iam_endpoint, "iam_endpoint")
        elif region:
            iam_endpoint = "https://iam.%s.%s" % (region, cloud)
        timeout = params.get("timeout") or DEFAULT_TIMEOUT
        if timeout <= 0:
            raise ConfigError("Option 'timeout' must be a positive number of seconds.")
        retries = params.get("retries")
        retries = DEFAULT_RETRIES if retries is None else retries
        if retries < 0 or retries > 20:
            raise ConfigError("Option 'retries' must be between 0 and 20.")
        return cls(
            region=region,
            project_id=params.get("project_id") or None,
            endpoint=endpoint,
            iam_endpoint=iam_endpoint,
            validate_certs=params.get("validate_certs", True),
            ca_bundle=params.get("ca_bundle") or None,
            timeout=float(timeout),
            retries=retries,
            proxy=params.get("proxy") or None,
        )
