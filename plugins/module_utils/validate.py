# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Input rules of the DIS API, checked before any request is made.

Names and ids end up in URL paths; refusing anything outside the API's own
rules means a hostile value (``../``, ``%2F``, ``?``, a newline) never reaches
the network, and the user learns which option broke which rule.
"""

from __future__ import annotations

import re

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import InvalidInput

# Seeds 000-002: stream_name "Maximum: 60"; the console allows letters, digits, '-' and '_'.
_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}")
# Seed 003: "The value contains 19 characters, including letters and digits."
_TASK_ID = re.compile(r"[A-Za-z0-9]{19}")
# Project ids are 32 hex characters on Huawei Cloud; other stacks vary, so only
# keep what cannot escape a path segment.
_PROJECT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

NAME_RULE = "must be 1 to 60 characters of letters, digits, '-' and '_'"
TASK_ID_RULE = "must be exactly 19 letters and digits"
PROJECT_ID_RULE = "must be 1 to 64 characters of letters, digits, '-' and '_'"


def _check(pattern, value, option, rule):
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        raise InvalidInput(option, rule, value)
    return value


def stream_name(value, option="stream_name"):
    """Return ``value`` if it is a valid stream name, else raise InvalidInput."""
    return _check(_NAME, value, option, NAME_RULE)


def task_name(value, option="task_name"):
    """Return ``value`` if it is a valid dump task name, else raise InvalidInput."""
    return _check(_NAME, value, option, NAME_RULE)


def task_id(value, option="task_id"):
    """Return ``value`` if it is a valid dump task id, else raise InvalidInput."""
    return _check(_TASK_ID, value, option, TASK_ID_RULE)


def project_id(value, option="project_id"):
    """Return ``value`` if it can be a project id, else raise InvalidInput."""
    return _check(_PROJECT_ID, value, option, PROJECT_ID_RULE)
