# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AK/SK: every request signed with SDK-HMAC-SHA256 (temporary keys add a security token)."""

from __future__ import annotations

from ansible_collections.hwcloud.dis.plugins.module_utils import signer
from ansible_collections.hwcloud.dis.plugins.module_utils.auth.base import AuthMethod


class AkSkAuth(AuthMethod):
    """Sign each request afresh, so every retry carries a current X-Sdk-Date."""

    name = "AK/SK"
    options = ("access_key", "secret_key", "security_token")
    required = ("access_key", "secret_key")

    def apply(self, method, url, headers, body):
        return signer.sign(method, url, headers, body,
                           access_key=self.params["access_key"],
                           secret_key=self.params["secret_key"],
                           security_token=self.params.get("security_token"))

    def secrets(self):
        return [value for value in (self.params.get("secret_key"), self.params.get("security_token")) if value]
