# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Drift and parity of DIS dump tasks: what was declared (or what another environment runs) against what runs.

Everything here is a pure function over plain data: a desired-state document
as users write it in their inventory, and the result of ``transfer_task_info``
(``details: true``, ``on_error: continue``) as the role registers it. The
clock is never read: staleness uses the ``last_transfer_age_seconds`` the
module computed.

A *check* is one rule applied to one environment, stream or task; a *finding*
is a check that did not pass. Both are dicts of the same shape::

    environment, stream, task, rule, key, expected, actual, severity, passed, message

(``stream`` / ``task`` are None for checks about a whole environment or
stream, ``key`` names the destination setting of ``destination_setting``
checks; parity checks add ``reference``, the environment compared with).
The report builder and the renderers work on that one shape, whether the
checks come from a drift audit or a parity comparison.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import re
from collections.abc import Mapping

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import InvalidInput
from ansible_collections.hwcloud.dis.plugins.module_utils.normalize import SECRET_MASK, snake_case
from ansible_collections.hwcloud.dis.plugins.module_utils.tasks import STREAM_NOT_FOUND
from ansible_collections.hwcloud.dis.plugins.module_utils.timeutil import coerce_int, parse_duration_seconds

ERROR = "error"
WARNING = "warning"
SEVERITIES = (WARNING, ERROR)  # ascending: a threshold of "warning" counts both

# Every rule with its default severity, in the order reports list them. The
# defaults follow one idea: "error" when data may not be flowing where it was
# declared to (or the audit cannot tell), "warning" when it flows but
# something differs from the declaration.
RULES = {
    "query_failed": ERROR,
    "missing_stream": ERROR,
    "missing_task": ERROR,
    "unexpected_task": WARNING,
    "state": ERROR,
    "destination_type": ERROR,
    "destination_setting": WARNING,
    "stale": ERROR,
    "partition_abnormal": ERROR,
    "discards": WARNING,
}
_RULE_ORDER = {rule: index for index, rule in enumerate(RULES)}

DESIRED_STATES = ("RUNNING", "PAUSED", "ABSENT")
DESTINATION_TYPES = ("OBS", "MRS", "DLI", "CLOUDTABLE", "DWS")
# Partition states that mean the partition is not dumping and will not recover alone.
ABNORMAL_PARTITION_STATES = ("ABNORMAL", "ERROR")

_DOCUMENT_KEYS = ("allow_undeclared_tasks", "max_lag", "partitions", "severity", "streams")
_STREAM_KEYS = ("allow_undeclared_tasks", "max_lag", "partitions", "severity", "tasks")
_TASK_KEYS = ("state", "destination_type", "destination", "max_lag", "partitions", "severity")
_PARTITION_KEYS = ("allow_abnormal", "max_discard")

# What a task gets when no level of the document says otherwise.
_BASE_LIMITS = {"max_lag_seconds": None, "allow_abnormal": False, "max_discard": None}


class DesiredStateError(ValueError):
    """The desired-state document breaks its schema; ``problems`` lists every problem found, with its path."""

    def __init__(self, problems):
        self.problems = list(problems)
        if len(self.problems) == 1:
            text = "Invalid desired state: %s" % self.problems[0]
        else:
            text = "Invalid desired state (%d problems): %s" % (len(self.problems), "; ".join(self.problems))
        super().__init__(text)


# ---------------------------------------------------------------- desired state

def _join(path, key):
    return "%s.%s" % (path, key) if path else str(key)


def _suggestion(word, choices):
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return " (did you mean '%s'?)" % close[0] if close else ""


class _Reader:
    """Reads one document, collecting every problem instead of stopping at the first."""

    def __init__(self):
        self.problems = []

    def problem(self, path, text):
        self.problems.append("%s: %s" % (path or "document", text))

    def mapping(self, value, path):
        """A mapping (None reads as empty); anything else is a problem."""
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.problem(path, "must be a mapping, not %s" % _kind(value))
            return {}
        for key in value:
            if not isinstance(key, str):
                self.problem(path, "keys must be strings, not %s (%r)" % (_kind(key), key))
        return value

    def known_keys(self, value, allowed, path):
        for key in value:
            if isinstance(key, str) and key not in allowed:
                self.problem(_join(path, key), "unknown key%s; expected one of: %s"
                             % (_suggestion(key, allowed), ", ".join(allowed)))

    def flag(self, value, path):
        """A boolean, or None when unset."""
        if value is None:
            return None
        try:
            return boolean(value, strict=True)
        except TypeError:
            self.problem(path, "must be true or false, not %r" % (value,))
            return None

    def choice(self, value, choices, path):
        """One of ``choices`` (any case), upper-cased; None when unset."""
        if value is None:
            return None
        text = str(value).strip().upper() if isinstance(value, str) else None
        if text not in choices:
            self.problem(path, "must be one of %s, not %r%s"
                         % (", ".join(choices), value, _suggestion(text or value, choices)))
            return None
        return text

    def limits(self, value, path, inherited):
        """``max_lag`` and ``partitions`` of one level, applied over what the level above resolved."""
        resolved = dict(inherited)
        max_lag = value.get("max_lag")
        if max_lag is False:  # an explicit "not checked here", which None (inherit) cannot say
            resolved["max_lag_seconds"] = None
        elif max_lag is not None:
            try:
                resolved["max_lag_seconds"] = parse_duration_seconds(max_lag, _join(path, "max_lag"))
            except InvalidInput as error:
                self.problem(_join(path, "max_lag"), "%s, not %r" % (error.rule, max_lag))
        partitions = self.mapping(value.get("partitions"), _join(path, "partitions"))
        self.known_keys(partitions, _PARTITION_KEYS, _join(path, "partitions"))
        allow_abnormal = self.flag(partitions.get("allow_abnormal"), _join(path, "partitions.allow_abnormal"))
        if allow_abnormal is not None:
            resolved["allow_abnormal"] = allow_abnormal
        max_discard = partitions.get("max_discard")
        if max_discard is False:
            resolved["max_discard"] = None
        elif max_discard is not None:
            count = None if max_discard is True else coerce_int(max_discard)
            if count is None or count < 0 or (isinstance(max_discard, float) and not max_discard.is_integer()):
                self.problem(_join(path, "partitions.max_discard"),
                             "must be a whole number of records (0 or more) or false, not %r" % (max_discard,))
            else:
                resolved["max_discard"] = count
        return resolved

    def severity(self, value, path, inherited):
        """Rule -> severity overrides of one level, applied over the level above."""
        resolved = dict(inherited)
        overrides = self.mapping(value, path)
        for rule, severity in overrides.items():
            if rule not in RULES:
                self.problem(_join(path, rule), "unknown rule%s; rules are: %s"
                             % (_suggestion(rule, RULES), ", ".join(RULES)))
                continue
            text = severity.strip().lower() if isinstance(severity, str) else None
            if text not in SEVERITIES:
                self.problem(_join(path, rule), "severity must be error or warning, not %r" % (severity,))
                continue
            resolved[rule] = text
        return resolved

    def destination(self, value, path):
        destination = self.mapping(value, path)
        for key in destination:
            if isinstance(key, str) and snake_case(key) != key:
                # transfer_task_info returns snake_case keys only: a camelCase key would never match.
                self.problem(_join(path, key), "destination keys are snake_case, as transfer_task_info "
                             "returns them: write '%s'" % snake_case(key))
        return dict(destination)


def _kind(value):
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return type(value).__name__


def resolve_desired(document):
    """Validate a desired-state document and resolve what every declared task inherits.

    Returns ``{"allow_undeclared_tasks", "severity", "streams", "stream_names"}``:
    each stream has its resolved ``allow_undeclared_tasks``, ``severity`` and
    ``tasks``; each task its ``state``, ``destination_type`` (or None),
    ``destination`` (a dict of the declared keys), ``max_lag_seconds``,
    ``allow_abnormal``, ``max_discard`` and ``severity``, the nearest level
    that sets a value winning. ``stream_names`` is what ``transfer_task_info``
    must list: the declared streams, or None (every stream) when tasks outside
    them must be found too. Raises DesiredStateError listing every problem.
    """
    reader = _Reader()
    document = reader.mapping(document, "")
    reader.known_keys(document, _DOCUMENT_KEYS, "")
    allow_undeclared = reader.flag(document.get("allow_undeclared_tasks"), "allow_undeclared_tasks") or False
    limits = reader.limits(document, "", _BASE_LIMITS)
    severity = reader.severity(document.get("severity"), "severity", RULES)

    streams = {}
    for stream_name, stream_doc in reader.mapping(document.get("streams"), "streams").items():
        path = _join("streams", stream_name)
        stream_doc = reader.mapping(stream_doc, path)
        reader.known_keys(stream_doc, _STREAM_KEYS, path)
        stream_allow = reader.flag(stream_doc.get("allow_undeclared_tasks"), _join(path, "allow_undeclared_tasks"))
        stream_limits = reader.limits(stream_doc, path, limits)
        stream_severity = reader.severity(stream_doc.get("severity"), _join(path, "severity"), severity)
        tasks = {}
        for task_name, task_doc in reader.mapping(stream_doc.get("tasks"), _join(path, "tasks")).items():
            task_path = _join(_join(path, "tasks"), task_name)
            task_doc = reader.mapping(task_doc, task_path)
            reader.known_keys(task_doc, _TASK_KEYS, task_path)
            task = {
                "state": reader.choice(task_doc.get("state"), DESIRED_STATES, _join(task_path, "state")) or "RUNNING",
                "destination_type": reader.choice(task_doc.get("destination_type"), DESTINATION_TYPES,
                                                  _join(task_path, "destination_type")),
                "destination": reader.destination(task_doc.get("destination"), _join(task_path, "destination")),
                "severity": reader.severity(task_doc.get("severity"), _join(task_path, "severity"), stream_severity),
            }
            task.update(reader.limits(task_doc, task_path, stream_limits))
            tasks[str(task_name)] = task
        streams[str(stream_name)] = {
            "allow_undeclared_tasks": allow_undeclared if stream_allow is None else stream_allow,
            "severity": stream_severity,
            "tasks": tasks,
        }
    if reader.problems:
        raise DesiredStateError(reader.problems)

    # Tasks outside the declared streams can only be found by listing every stream.
    every_stream = not allow_undeclared or not streams
    return {
        "allow_undeclared_tasks": allow_undeclared,
        "severity": severity,
        "streams": streams,
        "stream_names": None if every_stream else sorted(streams),
    }


# ---------------------------------------------------------------- helpers

def format_duration(seconds):
    """A duration as people say it, at most two units: ``15m``, ``1h 30m``, ``5h``, ``2d 3h``."""
    seconds = int(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count or parts:
            parts.append((count, unit))
    parts = parts[:2] or [(0, "s")]
    if len(parts) == 2 and parts[1][0] == 0:
        parts = parts[:1]
    return " ".join("%d%s" % part for part in parts)


def _same(expected, actual):
    """Whether a declared setting matches the actual one.

    Inventory values often arrive as strings (``"300"`` from a template) where
    the API sends numbers, so a number and its decimal text are the same;
    booleans only equal booleans.
    """
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, str) and isinstance(actual, str):
        return expected == actual
    if isinstance(expected, (int, float, str)) and isinstance(actual, (int, float, str)):
        number = _number(expected)
        return number is not None and number == _number(actual)
    return expected == actual


def _number(value):
    if isinstance(value, (int, float)):
        return value
    try:
        return float(value.strip())
    except ValueError:
        return None


def _is_masked(value):
    return isinstance(value, str) and value == SECRET_MASK


def _as_result(result):
    """A module result; a bare ``transfer_tasks`` list is accepted too."""
    if isinstance(result, (list, tuple)):
        return {"transfer_tasks": list(result)}
    return result


def _query_failure(result):
    """The error message when the module run failed as a whole (registered with ``failed_when: false``), else None."""
    if not isinstance(result, Mapping):
        return "no transfer_task_info result (got %s)" % _kind(result)
    if isinstance(result.get("transfer_tasks"), list):
        return None
    error = result.get("error") if isinstance(result.get("error"), Mapping) else {}
    message = result.get("msg") or error.get("message") or "the module returned no transfer_tasks"
    return _with_code(str(message), error.get("code"))


def _with_code(message, code):
    return "%s (%s)" % (message, code) if code and str(code) not in message else message


def _facts(result):
    """(tasks by (stream, task), names of the streams that were listed, errors by stream)."""
    tasks = {}
    for task in result.get("transfer_tasks") or []:
        if isinstance(task, Mapping):
            tasks[(str(task.get("stream_name")), str(task.get("task_name")))] = task
    listed = {str(stream.get("stream_name")) for stream in result.get("streams") or [] if isinstance(stream, Mapping)}
    listed.update(stream for stream, _task in tasks)
    errors = {}
    for error in result.get("errors") or []:
        if isinstance(error, Mapping):
            errors[str(error.get("stream_name"))] = error
    return tasks, listed, errors


def _add_query_failure(checks, severity, failure):
    """The query_failed finding of an environment whose tasks could not be listed at all."""
    checks.add("query_failed", severity, False, "could not list the dump tasks: %s" % failure,
               expected="dump tasks listed", actual=failure)


def _add_stream_failure(checks, severity, stream_name, error):
    """The query_failed finding of a stream whose listing failed (an entry of the module's ``errors``)."""
    failure = _with_code(str(error.get("message") or error.get("msg") or "request failed"), error.get("code"))
    checks.add("query_failed", severity, False,
               "could not list the dump tasks of stream %s: %s" % (stream_name, failure),
               stream=stream_name, expected="dump tasks listed", actual=failure)


class _Checks:
    """Collects the checks of one environment."""

    def __init__(self, environment, reference=None):
        self.environment = environment
        self.reference = reference
        self.items = []

    def add(self, rule, severity, passed, message, stream=None, task=None, key=None, expected=None, actual=None):
        check = {
            "environment": self.environment,
            "stream": stream,
            "task": task,
            "rule": rule,
            "key": key,
            "expected": expected,
            "actual": actual,
            "severity": severity[rule],
            "passed": bool(passed),
            "message": message,
        }
        if self.reference is not None:
            check["reference"] = self.reference
        self.items.append(check)

    def sorted(self):
        return sorted(self.items, key=check_sort_key)


def check_sort_key(check):
    """Order of checks in reports: environment, stream, task (whole-stream checks first), rule, key."""
    return (str(check.get("environment") or ""), check.get("stream") is not None, str(check.get("stream") or ""),
            check.get("task") is not None, str(check.get("task") or ""),
            _RULE_ORDER.get(check.get("rule"), len(_RULE_ORDER)), str(check.get("key") or ""))


def findings_of(checks):
    """The checks that did not pass."""
    return [check for check in checks if not check.get("passed")]


# ---------------------------------------------------------------- drift

def check_drift(result, desired, environment=None):
    """Every check of one environment's ``transfer_task_info`` result against its desired-state document.

    ``result`` is the registered module result (or its ``transfer_tasks``
    list). Returns checks, passed and failed, sorted for reports.
    """
    plan = resolve_desired(desired)
    result = _as_result(result)
    checks = _Checks(environment)
    failure = _query_failure(result)
    if failure is not None:
        _add_query_failure(checks, plan["severity"], failure)
        return checks.sorted()

    tasks, listed, errors = _facts(result)
    for stream_name, stream in sorted(plan["streams"].items()):
        error = errors.get(stream_name)
        if error is not None and str(error.get("code")) != STREAM_NOT_FOUND:
            _add_stream_failure(checks, stream["severity"], stream_name, error)
            continue
        exists = error is None and stream_name in listed
        checks.add("missing_stream", stream["severity"], exists,
                   "stream %s %s" % (stream_name, "exists" if exists else "does not exist"),
                   stream=stream_name, expected="exists", actual="exists" if exists else None)
        if not exists:
            continue
        for task_name, want in sorted(stream["tasks"].items()):
            _check_task(checks, stream_name, task_name, want, tasks.get((stream_name, task_name)))
        if not stream["allow_undeclared_tasks"]:
            _check_undeclared(checks, stream["severity"], tasks, stream_name, stream["tasks"])

    # Streams the document does not declare: their failures, and their tasks when those are not allowed.
    for stream_name, error in sorted(errors.items()):
        if stream_name not in plan["streams"] and str(error.get("code")) != STREAM_NOT_FOUND:
            _add_stream_failure(checks, plan["severity"], stream_name, error)
    if not plan["allow_undeclared_tasks"]:
        _check_undeclared(checks, plan["severity"], tasks, None, {}, declared_streams=plan["streams"])
    return checks.sorted()


def _check_undeclared(checks, severity, tasks, stream_name, declared_tasks, declared_streams=None):
    """unexpected_task findings for tasks nobody declared; one passing check when there are none.

    With ``stream_name`` the tasks of that stream are looked at; without it,
    the tasks of every stream the document does not declare.
    """
    if stream_name is not None:
        extra = sorted(key for key in tasks if key[0] == stream_name and key[1] not in declared_tasks)
        scope = "stream %s" % stream_name
    else:
        extra = sorted(key for key in tasks if key[0] not in declared_streams)
        scope = "the streams the desired state does not declare"
    for stream, task in extra:
        checks.add("unexpected_task", severity, False,
                   "dump task %s/%s exists but is not declared" % (stream, task),
                   stream=stream, task=task, expected=None, actual=tasks[(stream, task)].get("state"))
    if not extra:
        checks.add("unexpected_task", severity, True, "no undeclared dump task in %s" % scope,
                   stream=stream_name, expected=None, actual=None)


def _check_task(checks, stream, task, want, fact):
    """The checks of one declared task against its facts (None when the task does not exist)."""
    name = "%s/%s" % (stream, task)
    severity = want["severity"]
    where = {"stream": stream, "task": task}
    if want["state"] == "ABSENT":
        present = fact is not None
        checks.add("unexpected_task", severity, not present,
                   "dump task %s %s" % (name, "exists but is declared absent" if present else "is absent as declared"),
                   expected=None, actual=fact.get("state") if present else None, **where)
        return
    checks.add("missing_task", severity, fact is not None,
               "dump task %s %s" % (name, "exists" if fact is not None else "does not exist"),
               expected=want["state"], actual=fact.get("state") if fact is not None else None, **where)
    if fact is None:
        return

    actual_state = str(fact.get("state") or "").upper() or None
    checks.add("state", severity, actual_state == want["state"],
               "%s is %s%s" % (name, actual_state or "in no reported state",
                               "" if actual_state == want["state"] else ", expected %s" % want["state"]),
               expected=want["state"], actual=actual_state, **where)

    if want["destination_type"] is not None:
        actual_type = str(fact.get("destination_type") or "").upper() or None
        same = actual_type == want["destination_type"]
        checks.add("destination_type", severity, same,
                   "%s dumps to %s%s" % (name, actual_type or "an unreported destination type",
                                         "" if same else ", expected %s" % want["destination_type"]),
                   expected=want["destination_type"], actual=actual_type, **where)

    destination = fact.get("destination") if isinstance(fact.get("destination"), Mapping) else {}
    for key, expected in sorted(want["destination"].items()):
        actual = destination.get(key)
        # Secrets come back masked: comparing them would report drift that is not there.
        if _is_masked(actual) or _is_masked(expected):
            continue
        same = _same(expected, actual)
        checks.add("destination_setting", severity, same,
                   "%s: destination %s is %s%s" % (name, key, display(actual),
                                                   "" if same else ", expected %s" % display(expected)),
                   key=key, expected=expected, actual=actual, **where)

    if want["state"] == "RUNNING" and want["max_lag_seconds"] is not None:
        _check_lag(checks, name, where, severity, want["max_lag_seconds"], coerce_int(fact.get("last_transfer_age_seconds")))

    partitions = fact.get("partitions")
    if not isinstance(partitions, list):
        return  # listed without details: nothing to say about partitions
    partitions = [partition for partition in partitions if isinstance(partition, Mapping)]
    if not want["allow_abnormal"]:
        abnormal = sorted(str(partition.get("partition_id")) for partition in partitions
                          if str(partition.get("state") or "").upper() in ABNORMAL_PARTITION_STATES)
        checks.add("partition_abnormal", severity, not abnormal,
                   "%s has %s" % (name, "no abnormal partition" if not abnormal else "%d abnormal partition%s: %s" % (
                       len(abnormal), "" if len(abnormal) == 1 else "s", ", ".join(abnormal))),
                   expected=[], actual=abnormal, **where)
    if want["max_discard"] is not None:
        discarded = sum(coerce_int(partition.get("discard")) or 0 for partition in partitions)
        over = discarded > want["max_discard"]
        checks.add("discards", severity, not over,
                   "%s discarded %d record%s, %s the %d allowed" % (
                       name, discarded, "" if discarded == 1 else "s", "more than" if over else "within",
                       want["max_discard"]),
                   expected=want["max_discard"], actual=discarded, **where)


def _check_lag(checks, name, where, severity, max_lag, age):
    limit = format_duration(max_lag)
    if age is None:
        checks.add("stale", severity, False, "%s has no recorded transfer, expected one within %s" % (name, limit),
                   expected=limit, actual=None, **where)
        return
    fresh = age <= max_lag
    checks.add("stale", severity, fresh, "%s last dumped data %s ago, %s the %s allowed" % (
        name, format_duration(age), "within" if fresh else "more than", limit),
        expected=limit, actual=format_duration(age), **where)


# ---------------------------------------------------------------- parity

def check_parity(results, environments=None, ignore_keys=(), ignore_tasks=(), severity=None):
    """Every check of two or more environments against the first one (the reference).

    ``results`` maps environment names to ``transfer_task_info`` results.
    ``environments`` gives the order (default: the mapping's); the first is
    the reference. ``ignore_keys`` are shell-style patterns of destination
    keys allowed to differ (``*_bucket_path``), ``ignore_tasks`` patterns of
    ``stream/task`` names left out, ``severity`` overrides per rule.
    """
    if not isinstance(results, Mapping):
        raise ValueError("parity needs a mapping of environment names to transfer_task_info results, not %s"
                         % _kind(results))
    names = [str(name) for name in (environments if environments is not None else results)]
    if len(names) < 2:
        raise ValueError("parity needs at least two environments, got %d" % len(names))
    unknown = [name for name in names if name not in results]
    if unknown:
        raise ValueError("no transfer_task_info result for environment %s" % ", ".join(unknown))
    rules = dict(RULES)
    rules.update(_severity_overrides(severity))
    ignore_keys = [str(pattern) for pattern in ignore_keys or ()]
    ignore_tasks = [str(pattern) for pattern in ignore_tasks or ()]

    results = {name: _as_result(results[name]) for name in names}
    reference = names[0]
    all_checks = []
    reference_failure = _query_failure(results[reference])
    if reference_failure is not None:
        checks = _Checks(reference, reference)
        _add_query_failure(checks, rules, reference_failure)
        return checks.sorted()
    reference_tasks, _listed, reference_errors = _facts(results[reference])
    for name in names[1:]:
        all_checks.extend(_compare(results[name], name, reference, reference_tasks, reference_errors, rules,
                                   ignore_keys, ignore_tasks))
    return sorted(all_checks, key=check_sort_key)


def _severity_overrides(severity):
    """Validated rule -> severity overrides given to a filter as an option."""
    reader = _Reader()
    overrides = reader.severity(severity, "severity", {})
    if reader.problems:
        raise ValueError("; ".join(reader.problems))
    return overrides


def _ignored(patterns, name):
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def _compare(result, environment, reference, reference_tasks, reference_errors, severity, ignore_keys, ignore_tasks):
    """The parity checks of one environment against the reference's tasks."""
    checks = _Checks(environment, reference)
    failure = _query_failure(result)
    if failure is not None:
        _add_query_failure(checks, severity, failure)
        return checks.items
    tasks, _listed, errors = _facts(result)
    # A stream that could not be listed on either side cannot be compared.
    unknown_streams = set()
    for stream, error in sorted(errors.items()):
        if str(error.get("code")) == STREAM_NOT_FOUND:
            continue
        unknown_streams.add(stream)
        _add_stream_failure(checks, severity, stream, error)
    unknown_streams.update(stream for stream, error in reference_errors.items()
                           if str(error.get("code")) != STREAM_NOT_FOUND)

    for key in sorted(set(reference_tasks) | set(tasks)):
        stream, task = key
        if stream in unknown_streams or _ignored(ignore_tasks, "%s/%s" % key):
            continue
        _compare_task(checks, severity, key, reference_tasks.get(key), tasks.get(key), environment, reference,
                      ignore_keys)
    return checks.items


def _compare_task(checks, severity, key, theirs, ours, environment, reference, ignore_keys):
    stream, task = key
    name = "%s/%s" % key
    where = {"stream": stream, "task": task}
    if ours is None:
        checks.add("missing_task", severity, False, "dump task %s exists in %s but not in %s" % (name, reference, environment),
                   expected=theirs.get("state"), actual=None, **where)
        return
    if theirs is None:
        checks.add("unexpected_task", severity, False,
                   "dump task %s exists in %s but not in %s" % (name, environment, reference),
                   expected=None, actual=ours.get("state"), **where)
        return
    checks.add("missing_task", severity, True, "dump task %s exists in both" % name,
               expected=theirs.get("state"), actual=ours.get("state"), **where)
    for rule in ("state", "destination_type"):
        expected, actual = theirs.get(rule), ours.get(rule)
        same = str(expected or "").upper() == str(actual or "").upper()
        label = "state" if rule == "state" else "destination type"
        checks.add(rule, severity, same, "%s: %s is %s in %s%s" % (
            name, label, display(actual), environment,
            "" if same else " and %s in %s" % (display(expected), reference)),
            expected=expected, actual=actual, **where)
    their_destination = theirs.get("destination") if isinstance(theirs.get("destination"), Mapping) else {}
    our_destination = ours.get("destination") if isinstance(ours.get("destination"), Mapping) else {}
    for setting in sorted(set(their_destination) | set(our_destination)):
        expected, actual = their_destination.get(setting), our_destination.get(setting)
        if _ignored(ignore_keys, str(setting)) or _is_masked(expected) or _is_masked(actual):
            continue
        same = _same(expected, actual)
        checks.add("destination_setting", severity, same, "%s: destination %s is %s in %s%s" % (
            name, setting, display(actual), environment,
            "" if same else " and %s in %s" % (display(expected), reference)),
            key=str(setting), expected=expected, actual=actual, **where)


# ---------------------------------------------------------------- reports

# Everything str.splitlines() breaks on: a report line must stay one line.
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def display(value):
    """A value as one line of text for reports: None is an em dash, lists are comma-separated."""
    if value is None:
        return "\u2014"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(display(item) for item in value) if value else "none"
    if isinstance(value, Mapping):
        return json.dumps(value, sort_keys=True, default=str)
    return _LINE_BREAKS.sub(" ", str(value))


STATUS_LABELS = {"ok": "ok", "drift": "drift", "incomplete": "incomplete", "not_audited": "not audited"}


def status_label(report, section):
    """How an environment's status reads: a parity report says "differs" rather than "drift"."""
    status = section.get("status")
    if status == "drift" and report.get("reference"):
        return "differs"
    return STATUS_LABELS.get(status, str(status))


def plural(count, word):
    """``1 error``, ``2 errors``."""
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


def severity_rank(severity):
    """0 for warning, 1 for error; what thresholds compare."""
    try:
        return SEVERITIES.index(str(severity).lower())
    except ValueError:
        raise ValueError("severity must be error or warning, not %r" % (severity,)) from None


def failing(check, threshold):
    """Whether a check is a finding at or above the severity threshold."""
    return not check.get("passed") and severity_rank(check.get("severity")) >= severity_rank(threshold)


def task_row(fact):
    """What reports show of one dump task: its state, destination type, freshness and partition health."""
    partitions = [partition for partition in fact.get("partitions") or [] if isinstance(partition, Mapping)]
    age = coerce_int(fact.get("last_transfer_age_seconds"))
    return {
        "stream_name": fact.get("stream_name"),
        "task_name": fact.get("task_name"),
        "state": fact.get("state"),
        "destination_type": fact.get("destination_type"),
        "last_transfer_iso": fact.get("last_transfer_iso"),
        "last_transfer_age": format_duration(age) if age is not None else None,
        "partitions": len(partitions),
        "abnormal_partitions": sum(1 for partition in partitions
                                   if str(partition.get("state") or "").upper() in ABNORMAL_PARTITION_STATES),
        "discards": sum(coerce_int(partition.get("discard")) or 0 for partition in partitions),
    }


def _summary(checks, threshold):
    findings = findings_of(checks)
    return {
        "tasks_checked": len({(check["stream"], check["task"]) for check in checks if check.get("task") is not None}),
        "checks": len(checks),
        "passed": len(checks) - len(findings),
        "errors": sum(1 for check in findings if check.get("severity") == ERROR),
        "warnings": sum(1 for check in findings if check.get("severity") == WARNING),
        "failing": sum(1 for check in findings if failing(check, threshold)),
    }


def build_report(checks, environments=None, transfer_tasks=None, title=None, generated_at=None,
                 severity_threshold=WARNING, reference=None, not_audited=None):
    """The report document that every format renders, from the checks of one or more environments.

    ``environments`` fixes their order (others follow as they appear in the
    checks); ``transfer_tasks`` maps environment names to their facts, shown
    as an inventory of tasks; ``not_audited`` names environments that could
    not be checked at all; ``reference`` marks a parity report.
    """
    severity_rank(severity_threshold)
    checks = [check for check in checks or [] if isinstance(check, Mapping)]
    order = [str(name) for name in environments or []]
    for check in checks:
        if str(check.get("environment")) not in order:
            order.append(str(check.get("environment")))
    not_audited = [str(name) for name in not_audited or []]
    transfer_tasks = transfer_tasks or {}

    sections = []
    for name in order:
        own = sorted((check for check in checks if str(check.get("environment")) == name), key=check_sort_key)
        summary = _summary(own, severity_threshold)
        findings = findings_of(own)
        if any(check.get("rule") == "query_failed" for check in findings):
            status = "incomplete"
        else:
            status = "drift" if findings else "ok"
        sections.append({
            "environment": name,
            "status": status,
            "summary": summary,
            "findings": findings,
            "passed": [check for check in own if check.get("passed")],
            "transfer_tasks": [task_row(fact) for fact in transfer_tasks.get(name) or [] if isinstance(fact, Mapping)],
        })
    for name in not_audited:
        sections.append({"environment": name, "status": "not_audited", "summary": _summary([], severity_threshold),
                         "findings": [], "passed": [], "transfer_tasks": []})

    totals = {"environments": len(sections)}
    for field in ("tasks_checked", "checks", "passed", "errors", "warnings", "failing"):
        totals[field] = sum(section["summary"][field] for section in sections)
    return {
        "title": title or ("DIS dump task parity" if reference else "DIS dump task audit"),
        "generated_at": generated_at,
        "reference": reference,
        "severity_threshold": severity_threshold,
        "summary": totals,
        "environments": sections,
    }


def diff_views(checks):
    """Two nested views of the same checks, ``expected`` and ``actual``, equal wherever a check passed.

    Shaped environment -> stream -> task -> what was checked, so that a
    unified diff of the two (``--diff``) shows exactly the findings.
    """
    expected_view, actual_view = {}, {}
    for check in sorted((check for check in checks or [] if isinstance(check, Mapping)), key=check_sort_key):
        path = [str(check.get("environment"))]
        if check.get("stream") is not None:
            path.append(str(check["stream"]))
        if check.get("task") is not None:
            path.append(str(check["task"]))
        label, expected, actual = _view_entry(check)
        if check.get("key") is not None:
            path.append(label)
            label = str(check["key"])
        for view, value in ((expected_view, expected), (actual_view, expected if check.get("passed") else actual)):
            node = view
            for part in path:
                node = node.setdefault(part, {})
            node[label] = value
    return {"expected": expected_view, "actual": actual_view}


def _view_entry(check):
    """(label, expected, actual) of one check as the diff views show it."""
    rule, expected, actual = check.get("rule"), check.get("expected"), check.get("actual")
    if rule in ("missing_stream", "missing_task"):
        return "exists", True, actual is not None
    if rule == "unexpected_task":
        if check.get("task") is None:
            return "undeclared_tasks", "none", "none"
        return "exists", False, True
    if rule == "destination_setting":
        return "destination", expected, actual
    if rule == "stale":
        return "last_transfer", "within %s" % expected, "%s ago" % actual if actual else "never"
    if rule == "partition_abnormal":
        return "abnormal_partitions", list(expected or []), list(actual or [])
    if rule == "discards":
        return "discards", "at most %s" % expected, actual
    if rule == "query_failed":
        return "listing", expected, actual
    return rule, expected, actual
