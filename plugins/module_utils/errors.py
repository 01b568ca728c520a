# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The exceptions every layer raises; modules turn them into ``fail_json``.

Three kinds, because a user acts differently on each:

- ``InvalidInput``: an option breaks a rule; nothing was sent.
- ``ConfigError``: the connection or credentials cannot be worked out.
- ``DisError``: a request failed or the service answered something unusable.
"""

from __future__ import annotations


class HwcloudDisError(Exception):
    """Base class of every error this collection raises on purpose."""


class InvalidInput(HwcloudDisError):
    """An option value breaks an API rule; raised before any request is made."""

    def __init__(self, option, rule, value=None):
        self.option = option
        self.rule = rule
        self.value = value
        super().__init__("Invalid value for option '%s': %s." % (option, rule))


class ConfigError(HwcloudDisError):
    """Connection options or credentials are missing, ambiguous or unusable."""


class DisError(HwcloudDisError):
    """A request to DIS or IAM failed.

    Carries what a user needs to act or to open a support ticket: the
    operation, HTTP status, DIS error code and message, request id and the URL
    (never with credentials in it).
    """

    def __init__(self, operation, message, status=None, code=None, request_id=None,
                 url=None, attempts=None, reason=None):
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.url = url
        self.attempts = attempts
        self.reason = reason
        super().__init__(self.sentence())

    def after(self, attempts):
        """This error, noting how many attempts were made (the message says so)."""
        self.attempts = attempts
        self.args = (self.sentence(),)
        return self

    def sentence(self):
        """One readable sentence naming the operation and what went wrong."""
        parts = ["Failed to %s" % self.operation]
        if self.status is not None:
            parts.append(": HTTP %s" % self.status)
        else:
            parts.append(":")
        if self.code and self.code != str(self.status):
            # IAM's error code is the HTTP status itself: say it once.
            parts.append(" %s" % self.code)
        if self.message:
            parts.append(" %s" % self.message)
        elif self.reason and self.status is not None:
            # An HTML or empty body carries no DIS message: the HTTP reason is all there is.
            parts.append(" %s" % self.reason)
        text = "".join(parts).rstrip(":")
        extras = []
        if self.attempts and self.attempts > 1:
            extras.append("after %d attempts" % self.attempts)
        if self.request_id:
            extras.append("request id %s" % self.request_id)
        if extras:
            text += " (%s)" % ", ".join(extras)
        return text.rstrip(".") + "."

    def to_result(self):
        result = {
            "operation": self.operation,
            "status": self.status,
            "code": self.code,
            "message": self.message,
            "request_id": self.request_id,
            "url": self.url,
        }
        if self.attempts is not None:
            result["attempts"] = self.attempts
        return result


class ResponseFormatError(DisError):
    """The service answered, but not with the shape the API documents.

    The normaliser raises it for structure it cannot read (a list that is not a
    list, a body that is not a JSON object); leaf values of the wrong type are
    coerced or dropped instead, so that one odd field does not lose an audit.
    """

    def __init__(self, what, detail, operation=None, **kwargs):
        self.what = what
        self.detail = detail
        super().__init__(operation or "read %s" % what,
                         "unexpected response: %s" % detail, **kwargs)


def error_result(exc):
    """The ``error`` dict of the failure output, for any exception of ours."""
    if isinstance(exc, DisError):
        return exc.to_result()
    result = {"operation": None, "status": None, "code": None, "message": str(exc),
              "request_id": None, "url": None}
    if isinstance(exc, InvalidInput):
        result["option"] = exc.option
    return result
