# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A ready IAM token, sent as ``X-Auth-Token`` (seeds 000-004: "User token")."""

from __future__ import annotations

from ansible_collections.hwcloud.dis.plugins.module_utils.auth.base import AuthMethod
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError

# Seed 003: "The value can contain 1 to 32,768 characters."
MAX_TOKEN_LENGTH = 32768


class TokenAuth(AuthMethod):
    """Use a token the caller obtained elsewhere; it cannot be renewed here."""

    name = "token"
    options = ("auth_token",)
    required = ("auth_token",)

    def validate(self):
        token = self.params["auth_token"]
        if len(token) > MAX_TOKEN_LENGTH or any(ch in token for ch in "\r\n"):
            raise ConfigError("Option 'auth_token' must be 1 to 32768 characters on one line.")

    def apply(self, method, url, headers, body):
        sent = dict(headers)
        sent["X-Auth-Token"] = self.params["auth_token"]
        return sent

    def secrets(self):
        return [self.params["auth_token"]]
