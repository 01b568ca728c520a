"""Time values: epoch milliseconds, relative ages ("-2m") and IAM timestamps."""

import datetime
import re
import time
from typing import Union

_RELATIVE_TIME = re.compile(r"^(?P<sign>[+-])(?P<amount>\d+(?:\.\d+)?)(?P<unit>ms|s|m|h|d|w)$")
_UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000}


def now_ms() -> int:
    """The current time in epoch milliseconds, the unit DIS uses everywhere."""
    return int(time.time() * 1000)


def resolve_time(value: Union[int, str], reference_ms: int) -> int:
    """Turn a state-file time into epoch ms.

    Accepts epoch ms (int), ``now``, a signed relative age such as ``-30d`` /
    ``-2m`` / ``+1h`` (relative to ``reference_ms``, so demo data stays fresh
    or stale relative to when the emulator started) or an ISO 8601 time.
    Raises ValueError with a readable reason.
    """
    if isinstance(value, bool):
        raise ValueError("must be epoch milliseconds or a relative time like '-2m', not a boolean")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("epoch milliseconds cannot be negative")
        return value
    if not isinstance(value, str):
        raise ValueError(f"must be epoch milliseconds or a relative time like '-2m', got {type(value).__name__}")
    text = value.strip()
    if text == "now":
        return reference_ms
    match = _RELATIVE_TIME.match(text)
    if match:
        offset = int(float(match["amount"]) * _UNIT_MS[match["unit"]])
        return reference_ms - offset if match["sign"] == "-" else reference_ms + offset
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"cannot read time {value!r}: use epoch ms, 'now', a relative time like '-30d' / '-2m' / '+1h', "
            "or ISO 8601") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return int(parsed.timestamp() * 1000)


def iam_timestamp(epoch_seconds: float) -> str:
    """IAM's token time format, e.g. ``2026-11-26T14:00:00.000000Z``."""
    moment = datetime.datetime.fromtimestamp(epoch_seconds, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
