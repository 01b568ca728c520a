# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The interface every authentication method implements.

A method is chosen by the options the user set (``registry.select``), then
``validate()`` checks it is complete, ``authenticate(transport)`` obtains what
it needs once, and ``apply()`` adds headers to each request. The transport
calls ``refresh(transport)`` once when the service refuses the credential.
"""

from __future__ import annotations


class AuthMethod:
    """Base class: subclasses set ``name``, ``options`` and ``required``."""

    name = ""
    options = ()
    required = ()
    # Bumped by each successful refresh, so concurrent refusals refresh only once.
    generation = 0

    def __init__(self, params, config, warn=None):
        self.params = params
        self.config = config
        self.warn = warn or (lambda message: None)

    def seen(self):
        """The options of this method that the user set."""
        return [option for option in self.options if self.params.get(option)]

    def missing(self):
        """The required options of this method that the user did not set."""
        return [option for option in self.required if not self.params.get(option)]

    def validate(self):
        """Raise ConfigError when the method cannot work with these options."""

    def authenticate(self, transport):
        """Obtain the credential (a token from IAM, for example); default: nothing to do."""

    def apply(self, method, url, headers, body):
        """Return the headers to send for this request."""
        raise NotImplementedError

    def refresh(self, transport):
        """Try to get a fresh credential after a refusal; True if one was obtained."""
        return False

    @property
    def project_id(self):
        """A project id learned while authenticating (token scope), if any."""
        return None

    def secrets(self):
        """Secret values held by this method, for output scrubbing."""
        return []
