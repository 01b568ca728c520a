# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Raw DIS JSON in, stable snake_case facts out.

The vendor pages disagree about shapes (see ``/work/shared/seeds`` and
``dis-api.md``): camelCase next to snake_case, misspelt descriptor keys, a list
that arrives as one object, an error code that is a string or an integer. This
module absorbs every variant so that modules, filters and roles see one shape.

Rules: structure that cannot be read (an array that is an object, a body that
is not an object) raises ``ResponseFormatError``; a leaf of the wrong type is
coerced or becomes None, so that one odd field never loses a whole audit.
Unknown keys never reach the facts, except inside destination descriptors,
whose fields vary by destination type. Secrets are masked. No I/O, no clock:
callers pass ``now_ms``.
"""

from __future__ import annotations

import functools
import re

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import DisError, ResponseFormatError
from ansible_collections.hwcloud.dis.plugins.module_utils.timeutil import (
    age_seconds,
    coerce_int,
    iso_from_epoch_ms,
)

SECRET_MASK = "********"
MESSAGE_LIMIT = 500

# Key names (after snake-casing) whose values are secrets. A key is secret when
# it ends with one of the long names ("user_password" of the DWS descriptor, see
# dis-api.md; "dbpassword"), or when its last word is "ak" or "sk" ("obs_sk"):
# the short ones must be whole words, or "task" and "peak" would be masked.
_SECRET_SUFFIXES = ("password", "passwd", "secret", "secret_key", "secretkey", "token", "access_key",
                    "accesskey", "private_key", "credential", "credentials")
_SECRET_WORDS = ("ak", "sk")

# Destination types and the descriptor keys each may come under. Seed 004
# (Dump task details) and the official SDK spell two of them without the
# second "i" ("descripton"); the correct spelling is accepted too, in case a
# cloud fixes it.
_DESCRIPTOR_KEYS = {
    "OBS": ("obs_destination_description", "obs_destination_descripton"),
    "MRS": ("mrs_destination_description", "mrs_destination_descripton"),
    "DLI": ("dli_destination_description", "dli_destination_descripton"),
    "CLOUDTABLE": ("cloudtable_destination_descripton", "cloudtable_destination_description"),
    "DWS": ("dws_destination_descripton", "dws_destination_description"),
}

# Seed 003 (dump task logs): success is reported with errorCode -1 (an integer,
# although documented as a string); 0 and empty values are read as success too.
_LOG_SUCCESS_CODES = ("-1", "0", "")

_LOG_FIELDS = (
    ("transfer_task_id", "transferTaskId"),
    ("destination_type", "destinationType"),
    ("state", "state"),
    ("start_time", "startTime"),
    ("end_time", "endTime"),
    ("transfer_bytes", "transferBytes"),
    ("transfer_records_num", "transferRecordsNum"),
    ("transform_records_num", "transformRecordsNum"),
    ("stream_id", "streamId"),
    ("project_id", "projectId"),
    ("transfer_file_name", "transferFileName"),
)
_LOG_INT_FIELDS = frozenset(
    ("start_time", "end_time", "transfer_bytes", "transfer_records_num", "transform_records_num")
)

_ACRONYM_BOUNDARY = re.compile(r"([A-Z]+)([A-Z][a-z])")
_WORD_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")
_KEY_SEPARATORS = re.compile(r"[_\-\s.]+")


class LogQueryFailed(DisError):
    """The log endpoint answered HTTP 200 but reported a failure in its body (seed 003)."""

    def __init__(self, code, message, **kwargs):
        super().__init__("query transfer task logs", message, code=code, **kwargs)


# ---------------------------------------------------------------- leaf helpers

def _json_type(value):
    """How a JSON reader would name the type of ``value``, for error details."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _text(value):
    """``value`` if it is a string, else None."""
    return value if isinstance(value, str) else None


def _integer_text(value):
    """An int spelt out; None for a bool or an int too long for Python to spell."""
    if isinstance(value, bool):
        return None
    try:
        return str(value)
    except ValueError:
        return None


def _identifier(value):
    """A name or id as a string: integers are spelt out, anything else is None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return _integer_text(value)
    return None


def _first(raw, *keys):
    """The first value under ``keys`` that is not None."""
    for key in keys:
        value = raw.get(key)
        if value is not None:
            return value
    return None


def _object(raw, what):
    """``raw`` if it is a JSON object, else ResponseFormatError."""
    if not isinstance(raw, dict):
        raise ResponseFormatError(what, "the body is %s, expected an object" % _json_type(raw))
    return raw


def _objects(items, key, what):
    """``items`` (the value under ``key``) as a list of objects, [] when null, else ResponseFormatError."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise ResponseFormatError(what, "'%s' is %s, expected an array" % (key, _json_type(items)))
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ResponseFormatError(
                what, "'%s[%d]' is %s, expected an object" % (key, index, _json_type(item)))
    return list(items)


# ---------------------------------------------------------------- key handling

@functools.lru_cache(maxsize=1024)
def snake_case(name):
    """Convert a camelCase or PascalCase key to snake_case (``HTTPCode`` -> ``http_code``)."""
    name = str(name)
    name = _ACRONYM_BOUNDARY.sub(r"\1_\2", name)
    return _WORD_BOUNDARY.sub(r"\1_\2", name).lower()


@functools.lru_cache(maxsize=1024)
def _is_secret(key):
    """Whether a key (any case, ``_`` or ``-`` separated) names a secret."""
    words = _KEY_SEPARATORS.split(snake_case(key))
    return words[-1] in _SECRET_WORDS or "_".join(words).endswith(_SECRET_SUFFIXES)


def _clean(value, rename):
    """Rename keys of nested objects with ``rename`` and mask secret values."""
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            new_key = rename(key)
            # Two spellings of one key (partitionId, partition_id): the
            # already-snake one wins, whatever the order.
            if new_key in cleaned and str(key) != new_key:
                continue
            if item is not None and _is_secret(new_key):
                cleaned[new_key] = SECRET_MASK
            else:
                cleaned[new_key] = _clean(item, rename)
        return cleaned
    if isinstance(value, (list, tuple)):
        return [_clean(item, rename) for item in value]
    return value


def mask_secrets(obj):
    """Return a copy of ``obj`` with every secret-named key's value (at any depth) replaced by SECRET_MASK."""
    return _clean(obj, lambda key: key if isinstance(key, str) else str(key))


# ---------------------------------------------------------------- transfer tasks

def task_list(raw_list_response):
    """The raw task objects of a list-tasks response (``tasks``; [] when null or when only a total is given)."""
    body = _object(raw_list_response, "dump task list")
    if "tasks" not in body and "total_number" not in body:
        # An answer that says nothing about tasks (``{}``, an error body under HTTP 200) must not
        # read as "this stream has no tasks": an audit would then report every task missing.
        raise ResponseFormatError("dump task list", "the answer has neither 'tasks' nor 'total_number'")
    return _objects(body.get("tasks"), "tasks", "dump task list")


def stream_summary(raw_list_response, stream_name):
    """``stream_name``, ``total_number`` and ``quota`` of a list-tasks response."""
    body = _object(raw_list_response, "dump task list")
    total = coerce_int(body.get("total_number"))
    if total is None:
        total = len(task_list(body))
    return {
        "stream_name": stream_name,
        "total_number": total,
        # Seeds 000-002: the tables document quota, the examples omit it.
        "quota": coerce_int(body.get("quota")),
    }


def transfer_task(raw, stream_name, now_ms):
    """Facts of one task from the list's ``tasks`` or a details body."""
    task = _object(raw, "dump task")
    create_time = coerce_int(task.get("create_time"))
    last_transfer = coerce_int(task.get("last_transfer_timestamp"))
    return {
        # Seed 004: the details body names its stream; the caller's name wins.
        "stream_name": stream_name if stream_name is not None else _identifier(task.get("stream_name")),
        "task_name": _identifier(task.get("task_name")),
        # Seeds 000-002 show task_id in the example; the SDK model has none.
        "task_id": _identifier(task.get("task_id")),
        "state": _text(task.get("state")),
        "destination_type": _text(task.get("destination_type")),
        "create_time": create_time,
        "last_transfer_timestamp": last_transfer,
        "create_time_iso": iso_from_epoch_ms(create_time),
        "last_transfer_iso": iso_from_epoch_ms(last_transfer),
        "last_transfer_age_seconds": age_seconds(last_transfer, now_ms),
    }


def partition(raw, now_ms=None):
    """Facts of one partition of a details body; SDK-only range fields are dropped."""
    part = _object(raw, "dump task partition")
    last_transfer = coerce_int(part.get("last_transfer_timestamp"))
    return {
        # Seed 004 (Dump task details) shows camelCase partitionId; the SDK
        # model says partition_id.
        "partition_id": _identifier(_first(part, "partitionId", "partition_id")),
        "discard": coerce_int(part.get("discard")),
        # Seed 004 says state; the SDK model says status.
        "state": _text(_first(part, "state", "status")),
        "last_transfer_timestamp": last_transfer,
        "last_transfer_offset": coerce_int(part.get("last_transfer_offset")),
        "last_transfer_iso": iso_from_epoch_ms(last_transfer),
        "last_transfer_age_seconds": age_seconds(last_transfer, now_ms),
    }


def destination(raw_details):
    """The destination descriptor of a details body, snake_cased and with secrets masked ({} when none)."""
    body = _object(raw_details, "dump task details")
    declared = _text(body.get("destination_type"))
    order = list(_DESCRIPTOR_KEYS)
    if declared is not None and declared.upper() in _DESCRIPTOR_KEYS:
        # The descriptor of the declared type first, should a body carry two.
        order.remove(declared.upper())
        order.insert(0, declared.upper())
    for destination_type in order:
        for key in _DESCRIPTOR_KEYS[destination_type]:
            descriptor = body.get(key)
            if descriptor is None:
                continue
            if not isinstance(descriptor, dict):
                raise ResponseFormatError(
                    "dump task details", "'%s' is %s, expected an object" % (key, _json_type(descriptor)))
            return _clean(descriptor, snake_case)
    return {}


def transfer_task_details(raw, stream_name, now_ms):
    """``transfer_task`` facts plus ``partitions`` and ``destination`` from a details body."""
    facts = transfer_task(raw, stream_name, now_ms)
    partitions = _objects(raw.get("partitions"), "partitions", "dump task details")
    facts["partitions"] = [partition(item, now_ms) for item in partitions]
    facts["destination"] = destination(raw)
    return facts


# ---------------------------------------------------------------- streams

def stream_names_page(raw):
    """``(names, has_more)`` from one page of ``GET /v2/{project_id}/streams``."""
    body = _object(raw, "stream list")
    names = body.get("stream_names")
    if names is not None and not isinstance(names, list):
        raise ResponseFormatError("stream list", "'stream_names' is %s, expected an array" % _json_type(names))
    if names:
        found = [_identifier(name) for name in names]
        source = "stream_names"
    else:
        # Some answers carry only stream_info_list (dis-api.md, list streams).
        infos = _objects(body.get("stream_info_list"), "stream_info_list", "stream list")
        found = [_identifier(info.get("stream_name")) for info in infos]
        source = "stream_info_list"
    if None in found:
        # A stream without a usable name cannot be queried; skipping it would
        # make an audit look complete when it is not.
        raise ResponseFormatError("stream list", "'%s' holds an entry without a stream name" % source)
    has_more = body.get("has_more_streams")
    if isinstance(has_more, str):
        has_more = has_more.strip().lower() == "true"
    return found, has_more is True


# ---------------------------------------------------------------- transfer logs

def _code_text(value):
    """An error code as text: strings stripped, integral numbers spelt out, anything else None."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return _integer_text(value)
    return None


def _message_text(value):
    """A message as text, cut at MESSAGE_LIMIT characters; None when empty or not text."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value[:MESSAGE_LIMIT]


def log_entry(raw):
    """Facts of one transfer log entry (seed 003's camelCase keys, snake_case accepted too)."""
    entry = _object(raw, "transfer task log entry")
    facts = {}
    for name, api_name in _LOG_FIELDS:
        value = _first(entry, api_name, name)
        if name in _LOG_INT_FIELDS:
            value = coerce_int(value)
        elif name == "state":
            # Seed 003 shows an integer state (0); keep whatever scalar is given.
            value = value if isinstance(value, (int, str)) and not isinstance(value, bool) else None
        elif name == "transfer_task_id":
            value = _identifier(value)
        else:
            value = _text(value)
        facts[name] = value
    facts["start_time_iso"] = iso_from_epoch_ms(facts["start_time"])
    facts["end_time_iso"] = iso_from_epoch_ms(facts["end_time"])
    return facts


def log_failure(raw):
    """The failure a log query body reports despite HTTP 200, as ``(code, message)``; None on success."""
    body = _object(raw, "transfer task logs")
    raw_code = body.get("errorCode")
    code = _code_text(raw_code)
    message = _message_text(body.get("message"))
    # Seed 003: errorCode is documented as a string but the success example says -1.
    if raw_code is not None and code not in _LOG_SUCCESS_CODES:
        return (code if code is not None else str(raw_code)[:MESSAGE_LIMIT], message)
    if message is not None and body.get("transferTaskLogList") is None:
        # A message and no list is a refusal even under a success code; the
        # success code itself would only mislead in the report.
        return (None, message)
    return None


def log_page(raw):
    """``{"total_num", "logs"}`` from a log query; LogQueryFailed when the body reports a failure."""
    failure = log_failure(raw)
    if failure is not None:
        raise LogQueryFailed(*failure)
    entries = raw.get("transferTaskLogList")
    if isinstance(entries, dict):
        # Seed 003's example returns the documented array as a single object.
        entries = [entries]
    logs = [log_entry(item) for item in _objects(entries, "transferTaskLogList", "transfer task logs")]
    return {"total_num": coerce_int(raw.get("totalNum")), "logs": logs}


def log_summary(logs):
    """Totals over normalised log entries: count, bytes, records, time span and counts by state."""
    entries = [entry for entry in logs if isinstance(entry, dict)] if isinstance(logs, (list, tuple)) else []
    starts = [value for value in (coerce_int(entry.get("start_time")) for entry in entries) if value is not None]
    ends = [value for value in (coerce_int(entry.get("end_time")) for entry in entries) if value is not None]
    by_state = {}
    for entry in entries:
        state = entry.get("state")
        key = "unknown" if state is None else str(state)
        by_state[key] = by_state.get(key, 0) + 1
    first_start = min(starts) if starts else None
    last_end = max(ends) if ends else None
    return {
        "count": len(entries),
        "transfer_bytes": sum(filter(None, (coerce_int(entry.get("transfer_bytes")) for entry in entries))),
        "transfer_records_num": sum(
            filter(None, (coerce_int(entry.get("transfer_records_num")) for entry in entries))),
        "first_start_time": first_start,
        "last_end_time": last_end,
        "first_start_time_iso": iso_from_epoch_ms(first_start),
        "last_end_time_iso": iso_from_epoch_ms(last_end),
        "by_state": by_state,
    }


# ---------------------------------------------------------------- error bodies

def _first_usable(body, keys, convert):
    """The first value under ``keys`` that ``convert`` turns into something other than None."""
    for key in keys:
        value = convert(body.get(key))
        if value is not None:
            return value
    return None


def _flat_error_fields(body):
    # DIS: errorCode/message (seed pages' Error Codes appendix); API gateway:
    # error_code/error_msg; the SDK also knows errorCode/errorMsg and
    # code/message. IAM's "title" is a last resort for the message.
    code = _first_usable(body, ("errorCode", "error_code", "code"), lambda value: _code_text(value) or None)
    message = _first_usable(body, ("message", "error_msg", "errorMsg", "title"), _message_text)
    return code, message


def api_error_fields(body):
    """``(code, message)`` from any error body shape DIS, the API gateway or IAM send; (None, None) otherwise."""
    if not isinstance(body, dict):
        return None, None
    nested = body.get("error")
    if isinstance(nested, dict):
        # IAM: {"error": {"code": ..., "message": ..., "title": ...}}
        code, message = _flat_error_fields(nested)
        if code is not None or message is not None:
            return code, message
    return _flat_error_fields(body)
