# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Specification of the time helpers: epoch ms from DIS, ISO 8601 and relative ages from users."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import InvalidInput
from ansible_collections.hwcloud.dis.plugins.module_utils.timeutil import (
    DURATION_RULE,
    TIME_BOUND_RULE,
    age_seconds,
    coerce_int,
    epoch_ms,
    iso_from_epoch_ms,
    parse_duration_seconds,
    parse_time_bound,
)

# Seeds 000-002: last_transfer_timestamp of the list example.
SEED_LAST_TRANSFER = 1606984428612
NOW = 1764064800000  # 2025-11-25T10:00:00Z
MAX_MS = 253402300799999  # 9999-12-31T23:59:59.999Z
ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()


# ---------------------------------------------------------------- iso_from_epoch_ms

def test_iso_formats_seed_timestamp_in_utc_with_milliseconds():
    assert iso_from_epoch_ms(SEED_LAST_TRANSFER) == "2020-12-03T08:33:48.612Z"


@pytest.mark.parametrize("ms, iso", [
    (1606554932552, "2020-11-28T09:15:32.552Z"),  # seeds 000-002 create_time
    (1534142793097, "2018-08-13T06:46:33.097Z"),  # seed 004 create_time
    (1534163694103, "2018-08-13T12:34:54.103Z"),  # seed 004 last_transfer_timestamp
    (1756539753280, "2025-08-30T07:42:33.280Z"),  # seed 003 startTime
    (1756540056070, "2025-08-30T07:47:36.070Z"),  # seed 003 endTime
])
def test_iso_formats_every_seed_timestamp(ms, iso):
    assert iso_from_epoch_ms(ms) == iso


def test_iso_keeps_zero_milliseconds():
    assert iso_from_epoch_ms(1606984428000) == "2020-12-03T08:33:48.000Z"


def test_iso_accepts_numeric_string():
    assert iso_from_epoch_ms("1606984428612") == "2020-12-03T08:33:48.612Z"


def test_iso_truncates_float_to_milliseconds():
    assert iso_from_epoch_ms(1606984428612.9) == "2020-12-03T08:33:48.612Z"


@pytest.mark.parametrize("value", [None, "", "soon", [], {}, True, -1, MAX_MS + 1, 10 ** 30, float("nan"),
                                   float("inf")])
def test_iso_is_none_for_missing_negative_or_out_of_range(value):
    assert iso_from_epoch_ms(value) is None


def test_iso_of_epoch_zero_means_never():
    assert iso_from_epoch_ms(0) is None  # "never", consistent with age_seconds


@given(json_scalars)
def test_iso_returns_none_or_iso_string_for_any_scalar(value):
    result = iso_from_epoch_ms(value)
    assert result is None or ISO_SHAPE.fullmatch(result)


@given(st.integers(min_value=1, max_value=MAX_MS))
def test_iso_round_trips_through_parse_time_bound(ms):
    assert parse_time_bound(iso_from_epoch_ms(ms), NOW, "since") == ms


# ---------------------------------------------------------------- epoch_ms / coerce_int

@pytest.mark.parametrize("value, expected", [
    (1606984428612, 1606984428612),
    (1606984428612.0, 1606984428612),
    ("1606984428612", 1606984428612),
    (" 42 ", 42),
    ("42.9", 42),
    ("-5", -5),
])
def test_epoch_ms_coerces_numbers_and_numeric_strings(value, expected):
    assert epoch_ms(value) == expected


@pytest.mark.parametrize("value", [None, True, False, "", "abc", "1e3", "٣", [1], {"a": 1}, float("nan")])
def test_epoch_ms_is_none_for_non_numbers_and_booleans(value):
    assert epoch_ms(value) is None


def test_coerce_int_is_none_for_digit_strings_python_cannot_convert():
    assert coerce_int("9" * 5000) is None


@given(json_scalars)
def test_coerce_int_returns_int_or_none_for_any_scalar(value):
    result = coerce_int(value)
    assert result is None or (isinstance(result, int) and not isinstance(result, bool))


# ---------------------------------------------------------------- age_seconds

def test_age_is_whole_seconds_floored():
    assert age_seconds(NOW - 90999, NOW) == 90


def test_age_of_future_timestamp_is_zero():
    assert age_seconds(NOW + 5000, NOW) == 0


@pytest.mark.parametrize("ms", [None, 0, -1, "never"])
def test_age_is_none_without_a_timestamp(ms):
    assert age_seconds(ms, NOW) is None


def test_age_is_none_without_now():
    assert age_seconds(SEED_LAST_TRANSFER, None) is None


@given(st.integers(min_value=1, max_value=MAX_MS), st.integers(min_value=0, max_value=MAX_MS))
def test_age_is_never_negative(ms, now_ms):
    assert age_seconds(ms, now_ms) >= 0


# ---------------------------------------------------------------- parse_time_bound

@pytest.mark.parametrize("value, expected", [
    ("2026-11-25T10:00:00Z", 1795600800000),
    ("2026-11-25T10:00:00.250Z", 1795600800250),
    ("2026-11-25T10:00:00.123456Z", 1795600800123),
    ("2026-11-25T12:00:00+02:00", 1795600800000),
    ("2026-11-25T05:30:00-04:30", 1795600800000),
    ("2026-11-25t10:00:00z", 1795600800000),
    ("2026-11-25", 1795564800000),
])
def test_time_bound_reads_iso_8601(value, expected):
    assert parse_time_bound(value, NOW, "since") == expected


def test_time_bound_reads_naive_iso_as_utc():
    assert parse_time_bound("2026-11-25T10:00:00", NOW, "since") == 1795600800000


@pytest.mark.parametrize("value, seconds", [
    ("90s", 90), ("90m", 5400), ("2h", 7200), ("7d", 604800), ("1w", 604800), ("1h30m", 5400),
    ("2H", 7200), ("-2h", 7200), (" 15m ", 900), ("0m", 0),
])
def test_time_bound_reads_relative_age_as_before_now(value, seconds):
    assert parse_time_bound(value, NOW, "since") == NOW - seconds * 1000


@pytest.mark.parametrize("value", ["now", "NOW", " Now "])
def test_time_bound_now_is_now(value):
    assert parse_time_bound(value, NOW, "until") == NOW


@pytest.mark.parametrize("value", [SEED_LAST_TRANSFER, "1606984428612", float(SEED_LAST_TRANSFER)])
def test_time_bound_reads_integer_epoch_ms(value):
    assert parse_time_bound(value, NOW, "since") == SEED_LAST_TRANSFER


@pytest.mark.parametrize("value", [
    "", "yesterday", "2h ago", "+2h", "2x", "h", "90ms", "1.5h", "2026-13-01", "2026-11-25T25:00:00Z",
    None, True, [], {}, -1, float("nan"), "٣h",
])
def test_time_bound_refuses_anything_else_naming_the_option(value):
    with pytest.raises(InvalidInput) as caught:
        parse_time_bound(value, NOW, "since")
    assert caught.value.option == "since"
    assert caught.value.rule == TIME_BOUND_RULE
    assert str(caught.value) == (
        "Invalid value for option 'since': must be an ISO 8601 time or a relative age such as 90m, 2h or 7d.")


@given(st.integers(min_value=0, max_value=10 ** 6), st.sampled_from("smhdw"))
def test_time_bound_relative_age_subtracts_from_now(count, unit):
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[unit]
    assert parse_time_bound("%d%s" % (count, unit), NOW, "since") == NOW - count * seconds * 1000


@given(json_scalars | st.lists(st.integers()))
def test_time_bound_returns_int_or_raises_invalid_input(value):
    try:
        result = parse_time_bound(value, NOW, "since")
    except InvalidInput:
        return
    assert isinstance(result, int) and not isinstance(result, bool)


# ---------------------------------------------------------------- parse_duration_seconds

@pytest.mark.parametrize("value, seconds", [
    ("15m", 900), ("2h", 7200), ("90s", 90), ("1h30m", 5400), ("1D", 86400), ("1w", 604800),
    (900, 900), ("900", 900), (0, 0),
])
def test_duration_reads_units_and_plain_seconds(value, seconds):
    assert parse_duration_seconds(value, "max_lag") == seconds


@pytest.mark.parametrize("value", ["", "-2h", "soon", "15 minutes", "1.5h", -1, True, None, 1.5, [], "now"])
def test_duration_refuses_anything_else_naming_the_option(value):
    with pytest.raises(InvalidInput) as caught:
        parse_duration_seconds(value, "max_lag")
    assert caught.value.option == "max_lag"
    assert caught.value.rule == DURATION_RULE


@given(json_scalars)
def test_duration_returns_non_negative_int_or_raises_invalid_input(value):
    try:
        result = parse_duration_seconds(value, "max_lag")
    except InvalidInput:
        return
    assert isinstance(result, int) and result >= 0
