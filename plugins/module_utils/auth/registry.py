# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Pick the one authentication method the options describe."""

from __future__ import annotations

from ansible_collections.hwcloud.dis.plugins.module_utils.auth.aksk import AkSkAuth
from ansible_collections.hwcloud.dis.plugins.module_utils.auth.password import PasswordAuth
from ansible_collections.hwcloud.dis.plugins.module_utils.auth.token import TokenAuth
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError

AUTH_METHODS = (TokenAuth, AkSkAuth, PasswordAuth)


def _describe(method):
    return "%s (%s)" % (method.name, ", ".join(method.required))


def select(params, config, warn=None):
    """Return the configured method, validated; ConfigError says what was seen and what is missing."""
    candidates = [method(params, config, warn) for method in AUTH_METHODS]
    started = [candidate for candidate in candidates if candidate.seen()]
    complete = [candidate for candidate in started if not candidate.missing()]
    if len(complete) > 1:
        raise ConfigError("Several authentication methods are configured: %s. Set the options of exactly one "
                          "(environment variables count too)." % " and ".join(_describe(c) for c in complete))
    if not complete:
        if not started:
            raise ConfigError("No credentials found. Set one of: %s (or their environment variables)."
                              % "; ".join(_describe(method) for method in AUTH_METHODS))
        details = "; ".join("%s: saw %s, missing %s" % (c.name, ", ".join(c.seen()), ", ".join(c.missing()))
                            for c in started)
        raise ConfigError("Incomplete credentials. %s." % details)
    chosen = complete[0]
    if params.get("security_token") and chosen.name != AkSkAuth.name:
        raise ConfigError("Option 'security_token' only works with 'access_key' and 'secret_key'.")
    chosen.validate()
    return chosen
