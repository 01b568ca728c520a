# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""IAM password auth: obtain a project-scoped token, cache it, send it as X-Auth-Token."""

from __future__ import annotations

from datetime import datetime, timezone

from ansible_collections.hwcloud.dis.plugins.module_utils.auth.base import AuthMethod
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError, DisError
from ansible_collections.hwcloud.dis.plugins.module_utils.token_cache import TokenCache, cache_key

TOKEN_PATH = "/v3/auth/tokens"
# IAM tokens live 24 h (dis-api.md); assume that when IAM does not say.
DEFAULT_TOKEN_LIFETIME = 24 * 3600


def parse_expires_at(value, now):
    """Epoch seconds from IAM's ``expires_at`` (``2026-11-26T14:00:00.000000Z``)."""
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return moment.timestamp()
    return now + DEFAULT_TOKEN_LIFETIME


class PasswordAuth(AuthMethod):
    """User name, password and account (domain) name exchanged for a token."""

    name = "password"
    options = ("user_name", "password", "domain_name")
    required = ("user_name", "password", "domain_name")

    def __init__(self, params, config, warn=None, cache=None):
        super().__init__(params, config, warn)
        self.cache = cache or TokenCache(warn=self.warn)
        self.token = None
        self._project_id = None

    def validate(self):
        if not self.config.iam_endpoint:
            raise ConfigError("Password authentication needs the IAM endpoint: set 'region' or 'iam_endpoint'.")
        if not (self.config.project_id or self.config.region):
            raise ConfigError("Password authentication needs a project to scope the token: "
                              "set 'project_id' or 'region'.")

    def _scope(self):
        # A project named after the region is the region's default project on Huawei Cloud.
        if self.config.project_id:
            return {"project": {"id": self.config.project_id}}
        return {"project": {"name": self.config.region}}

    def _key(self):
        scope = self._scope()["project"]
        return cache_key(self.config.iam_endpoint, self.params["domain_name"], self.params["user_name"],
                         sorted(scope.items()))

    def authenticate(self, transport):
        entry = self.cache.get(self._key())
        if entry:
            self.token = entry["token"]
            self._project_id = entry.get("project_id")
            return
        self._request_token(transport)

    def _request_token(self, transport):
        body = {"auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {
                    "name": self.params["user_name"],
                    "password": self.params["password"],
                    "domain": {"name": self.params["domain_name"]},
                }},
            },
            "scope": self._scope(),
        }}
        url = self.config.iam_endpoint + TOKEN_PATH
        response = transport.request("obtain an IAM token", "POST", url, json_body=body)
        token = response.headers.get("X-Subject-Token")
        if not token:
            raise DisError("obtain an IAM token", "IAM answered without an X-Subject-Token header",
                           status=response.status, request_id=response.request_id, url=url)
        details = response.data.get("token") if isinstance(response.data, dict) else None
        details = details if isinstance(details, dict) else {}
        project = details.get("project") if isinstance(details.get("project"), dict) else {}
        self.token = token
        self._project_id = project.get("id") if isinstance(project.get("id"), str) else None
        expires_at = parse_expires_at(details.get("expires_at"), transport.clock())
        self.cache.put(self._key(), token, expires_at, self._project_id)

    def apply(self, method, url, headers, body):
        sent = dict(headers)
        sent["X-Auth-Token"] = self.token
        return sent

    def refresh(self, transport):
        self.cache.drop(self._key())
        self._request_token(transport)
        self.generation += 1
        return True

    @property
    def project_id(self):
        return self._project_id

    def secrets(self):
        return [value for value in (self.params.get("password"), self.token) if value]
