# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Time helpers: epoch milliseconds as DIS sends them, ISO 8601 as users read them.

Every DIS time is epoch milliseconds (seeds 000-004). Users write time bounds
and durations the way they think of them (``2h``, ``2026-11-25T10:00:00Z``),
so parsing accepts both and turns anything else into ``InvalidInput``. Nothing
here reads the clock: callers pass ``now_ms`` so that results are
reproducible.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import InvalidInput

TIME_BOUND_RULE = "must be an ISO 8601 time or a relative age such as 90m, 2h or 7d"
DURATION_RULE = "must be a duration such as 90s, 15m, 2h or 7d, or a whole number of seconds"

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ONE_MS = timedelta(milliseconds=1)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# ASCII digits only: ``\d`` would also accept other scripts' digits.
_INTEGER_TEXT = re.compile(r"\s*([+-]?[0-9]+)(?:\.[0-9]*)?\s*", re.ASCII)
_DURATION_TEXT = re.compile(r"(?:[0-9]+[smhdw])+", re.ASCII)
_DURATION_PART = re.compile(r"([0-9]+)([smhdw])", re.ASCII)


def coerce_int(value):
    """Return ``value`` as an int when it is a number or a numeric string, else None.

    DIS documents its counts and times as Long, but values have to survive a
    service that sends them as floats or strings. Fractions are truncated;
    booleans are not numbers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, str):
        match = _INTEGER_TEXT.fullmatch(value)
        if match is None:
            return None
        try:
            return int(match.group(1))
        except ValueError:  # more digits than Python converts
            return None
    return None


def epoch_ms(value):
    """Coerce an API timestamp (int, float or digit string) to int epoch ms, else None."""
    return coerce_int(value)


def iso_from_epoch_ms(ms):
    """Format epoch ms as ISO 8601 UTC with milliseconds (``2020-12-03T08:33:48.612Z``), else None."""
    ms = coerce_int(ms)
    # DIS sends 0 for "never" (a task that has not transferred yet): no time, as age_seconds says.
    if ms is None or ms <= 0:
        return None
    try:
        moment = _EPOCH + timedelta(milliseconds=ms)
    except OverflowError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def age_seconds(ms, now_ms):
    """Whole seconds from the timestamp to now (floored, at least 0); None without a timestamp."""
    ms = coerce_int(ms)
    now_ms = coerce_int(now_ms)
    if ms is None or ms <= 0 or now_ms is None:
        return None
    return max(0, (now_ms - ms) // 1000)


def _whole_number(text):
    """The int an ASCII digit string spells, else None."""
    if not (text.isascii() and text.isdigit()):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than Python converts
        return None


def _duration_ms(text):
    """Milliseconds in ``1h30m``-style text (already stripped and lower-cased), else None."""
    if _DURATION_TEXT.fullmatch(text) is None:
        return None
    total = 0
    for count, unit in _DURATION_PART.findall(text):
        count = _whole_number(count)
        if count is None:
            return None
        total += count * _UNIT_SECONDS[unit] * 1000
    return total


def _iso_to_epoch_ms(text):
    """Epoch ms of an ISO 8601 date or time (naive means UTC), else None."""
    # Python 3.11 reads the upper-case designators only ("T", "Z"); ISO 8601
    # allows lower case too.
    try:
        moment = datetime.fromisoformat(text.upper())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return (moment - _EPOCH) // _ONE_MS
    except OverflowError:
        return None


def parse_time_bound(value, now_ms, option):
    """Return the epoch ms a user's time bound means: ISO 8601, a relative age before now, epoch ms or ``now``."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value) or value < 0:
            raise InvalidInput(option, TIME_BOUND_RULE, value)
        return int(value)
    if not isinstance(value, str):
        raise InvalidInput(option, TIME_BOUND_RULE, value)
    text = value.strip().lower()
    if text == "now":
        return now_ms
    moment = _whole_number(text)
    if moment is not None:
        return moment
    # "2h" and "-2h" both mean two hours ago: a bound is never in the future.
    before = _duration_ms(text[1:] if text.startswith("-") else text)
    if before is not None:
        return now_ms - before
    moment = _iso_to_epoch_ms(text)
    if moment is None:
        raise InvalidInput(option, TIME_BOUND_RULE, value)
    return moment


def parse_duration_seconds(value, option):
    """Return a duration (``15m``, ``1h30m``, or whole seconds) in seconds; InvalidInput otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise InvalidInput(option, DURATION_RULE, value)
        return value
    if not isinstance(value, str):
        raise InvalidInput(option, DURATION_RULE, value)
    text = value.strip().lower()
    seconds = _whole_number(text)
    if seconds is not None:
        return seconds
    duration = _duration_ms(text)
    if duration is None:
        raise InvalidInput(option, DURATION_RULE, value)
    return duration // 1000
