"""A named corpus of malformed answers, for ``POST /_emulator/respond-with {"malformed": NAME}``.

Each entry is something a real gateway, proxy or confused service has been
seen to send, or a shape a client must survive: HTML error pages, empty
bodies, JSON that is not an object, wrong types in every field, invalid
UTF-8, nesting deeper than parsers go, bodies of many megabytes. The names are
stable: client tests refer to them.
"""

import json
from typing import Callable, Dict

from .errors import ApiResponse

HTML = "text/html"
JSON = "application/json;charset=UTF-8"
HUGE_BYTES = 32 * 1024 * 1024

_GATEWAY_PAGE = ("<!DOCTYPE html><html><head><title>{status} {reason}</title></head><body>"
                 "<h1>{status} {reason}</h1><hr><center>nginx</center></body></html>")

# Every key any DIS or IAM route reads, so that one body reaches every route's parser.
_TOP_LEVEL_KEYS = ("stream_names", "has_more_streams", "stream_info_list", "total_number", "quota", "tasks",
                   "task_name", "task_id", "state", "destination_type", "create_time",
                   "last_transfer_timestamp", "partitions", "obs_destination_description",
                   "dws_destination_descripton", "totalNum", "transferTaskLogList", "errorCode", "message",
                   "token", "projects")
_TASK_KEYS = ("task_name", "task_id", "state", "destination_type", "create_time", "last_transfer_timestamp",
              "partitions", "obs_destination_description")
_PARTITION_KEYS = ("partitionId", "discard", "state", "last_transfer_timestamp", "last_transfer_offset")
_LOG_KEYS = ("startTime", "endTime", "transferBytes", "transferRecordsNum", "state", "transferFileName",
             "transferTaskId")
_WRONG_VALUES = {"strings": "not-what-you-expected", "numbers": -1.5, "booleans": True, "nulls": None,
                 "arrays": [1, "two", None], "objects": {"unexpected": {"nested": [1]}}}


def _page(status: int, reason: str) -> ApiResponse:
    return ApiResponse(status, _GATEWAY_PAGE.format(status=status, reason=reason).encode("utf-8"), HTML)


def _raw(status: int, body: bytes, content_type: str = JSON) -> ApiResponse:
    return ApiResponse(status, body, content_type)


def _json(payload) -> ApiResponse:
    return _raw(200, json.dumps(payload).encode("utf-8"))


def _wrong_everywhere(value) -> ApiResponse:
    """Every field the routes read holds ``value``, at the top level and one level down."""
    payload = {key: value for key in _TOP_LEVEL_KEYS}
    return _json(payload)


def _wrong_leaves(value) -> ApiResponse:
    """Structure intact (objects and arrays where they belong), every leaf field of the wrong type."""
    task = {key: value for key in _TASK_KEYS}
    task["partitions"] = [{key: value for key in _PARTITION_KEYS}]
    task["obs_destination_description"] = {"obs_bucket_path": value, "user_password": value}
    return _json({
        "stream_names": ["malformed"], "has_more_streams": value, "total_number": value, "quota": value,
        "tasks": [task], **{key: task[key] for key in _TASK_KEYS},
        "totalNum": value, "errorCode": -1, "transferTaskLogList": [{key: value for key in _LOG_KEYS}],
        "token": {"expires_at": value, "project": {"id": value}}, "projects": [{"id": value}],
    })


def _deep(depth: int, open_: str, close: str) -> ApiResponse:
    return _raw(200, (open_ * depth + "1" + close * depth).encode("ascii"))


CORPUS: Dict[str, Callable[[], ApiResponse]] = {
    "html-200": lambda: _page(200, "OK"),
    "html-404": lambda: _page(404, "Not Found"),
    "html-500": lambda: _page(500, "Internal Server Error"),
    "html-502": lambda: _page(502, "Bad Gateway"),
    "html-as-json": lambda: _raw(200, _GATEWAY_PAGE.format(status=200, reason="OK").encode("utf-8")),
    "empty-200": lambda: _raw(200, b""),
    "empty-500": lambda: _raw(500, b""),
    "empty-object": lambda: _json({}),
    "json-array": lambda: _json([]),
    "json-array-of-objects": lambda: _json([{"tasks": []}]),
    "json-string": lambda: _json("ok"),
    "json-number": lambda: _json(42),
    "json-null": lambda: _json(None),
    "json-true": lambda: _json(True),
    "truncated-json": lambda: _raw(200, b'{"tasks": [{"task_name": "a", "state": "RUN'),
    "invalid-utf8": lambda: _raw(200, b'{"tasks": [], "message": "\xff\xfe\xfa"}'),
    "utf8-bom": lambda: _raw(200, b'\xef\xbb\xbf{"tasks": []}'),
    "nan-and-infinity": lambda: _raw(200, b'{"total_number": NaN, "quota": Infinity, "tasks": [{"task_name": "a",'
                                          b' "create_time": -Infinity, "last_transfer_timestamp": NaN}]}'),
    "huge-numbers": lambda: _raw(200, b'{"total_number": 1e400, "tasks": [{"task_name": "a", "create_time": '
                                      + b"9" * 40 + b', "last_transfer_timestamp": 1e308}]}'),
    "too-many-digits": lambda: _raw(200, b'{"total_number": ' + b"7" * 5000 + b"}"),
    "deep-arrays": lambda: _deep(100_000, "[", "]"),
    "deep-objects": lambda: _deep(100_000, '{"a":', "}"),
    "huge-string": lambda: _raw(200, b'{"tasks": [], "message": "' + b"x" * HUGE_BYTES + b'"}'),
    "huge-garbage": lambda: _raw(200, b"\x00garbage" * (HUGE_BYTES // 8)),
    "error-in-200": lambda: _json({"errorCode": "DIS.4200", "message": "Invalid request."}),
    "redirect": lambda: ApiResponse(302, b"", HTML, {"Location": "http://127.0.0.1:9/elsewhere"}),
    **{"wrong-types-%s" % name: (lambda value=value: _wrong_everywhere(value)) for name, value in _WRONG_VALUES.items()},
    **{"wrong-leaves-%s" % name: (lambda value=value: _wrong_leaves(value)) for name, value in _WRONG_VALUES.items()},
}


def malformed_response(name: str) -> ApiResponse:
    """The corpus entry ``name``, built afresh; KeyError when there is none."""
    return CORPUS[name]()
