"""Answers set by a test in place of a route's own: malformed bodies on demand.

``POST /_emulator/respond-with`` installs one; the next requests to its route
(or to any API route, ``"*"``) get exactly that status, headers and bytes,
whatever their credentials: a broken gateway or a confused service answers
before anything checks who is calling. ``DELETE /_emulator/respond-with``
removes them all. The body may be given as text or base64 (for bytes that are
not UTF-8) and padded with a repeated filler, so that a test can ask for a
body of many megabytes without sending one.
"""

import base64
import binascii
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

from .errors import ApiResponse
from .malformed import CORPUS, malformed_response

ANY_ROUTE = "*"
# Big enough for "huge body" tests, small enough that a typo cannot eat the machine's memory.
MAX_BODY_BYTES = 256 * 1024 * 1024
_OVERRIDE_KEYS = {"route", "status", "content_type", "headers", "body", "body_base64", "fill", "fill_count",
                  "tail", "times", "malformed"}
# With "malformed", the corpus entry gives status, content type and body.
_RESPONSE_KEYS = {"status", "content_type", "body", "body_base64", "fill", "fill_count", "tail"}


class OverrideError(ValueError):
    """The respond-with request is not usable; the message says why."""


@dataclass
class Override:
    """One installed answer (built when served: corpus entries can be large) and how many
    more times it applies (None: until removed)."""

    route: str
    build: Callable[[], ApiResponse]
    label: str
    remaining: Optional[int]


class ResponseOverrides:
    """The installed answers, thread-safe; the first one installed for a route wins."""

    def __init__(self):
        self._lock = threading.Lock()
        self._overrides: List[Override] = []
        self.answered = 0

    def add(self, override: Override):
        """Install an answer."""
        with self._lock:
            self._overrides.append(override)

    def clear(self) -> int:
        """Remove every answer; return how many there were."""
        with self._lock:
            count = len(self._overrides)
            self._overrides = []
        return count

    def take(self, route_label: str) -> Optional[ApiResponse]:
        """The answer for a request to ``route_label``, counting it against ``times``; None when none applies."""
        with self._lock:
            for override in self._overrides:
                if override.route not in (route_label, ANY_ROUTE):
                    continue
                if override.remaining is not None:
                    override.remaining -= 1
                    if override.remaining <= 0:
                        self._overrides.remove(override)
                self.answered += 1
                build = override.build
                break
            else:
                return None
        return build()

    def snapshot(self) -> List[Dict[str, Any]]:
        """What is installed: route, what answers and how many more times."""
        with self._lock:
            return [{"route": item.route, "answer": item.label, "remaining": item.remaining}
                    for item in self._overrides]


def parse_override(document: Any, route_labels) -> Override:
    """Build an Override from the JSON a test posted; OverrideError names the bad field."""
    if not isinstance(document, dict):
        raise OverrideError("the body must be a JSON object")
    unknown = sorted(set(document) - _OVERRIDE_KEYS)
    if unknown:
        raise OverrideError(f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(_OVERRIDE_KEYS))}")
    route = document.get("route")
    if route != ANY_ROUTE and route not in route_labels:
        raise OverrideError(f"route must be '*' or one of: {', '.join(sorted(route_labels))}")
    times = document.get("times")
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise OverrideError("times must be a positive integer (absent: until removed)")
    if "malformed" in document:
        name, headers = _corpus_entry(document)
        return Override(route, lambda: _with_headers(malformed_response(name), headers), name, times)
    status = document.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 200 <= status <= 599:
        raise OverrideError("status must be an integer from 200 to 599")
    headers = _headers(document)
    content_type = document.get("content_type", "application/json;charset=UTF-8")
    if not isinstance(content_type, str):
        raise OverrideError("content_type must be a string")
    body = _body(document)
    if status in (204, 304) and body:
        raise OverrideError(f"HTTP {status} carries no body")
    response = ApiResponse(status, body, content_type, headers)
    return Override(route, lambda: response, "HTTP %d, %d bytes" % (status, len(body)), times)


def parse_overrides(document: Any, route_labels) -> List[Override]:
    """One override (a JSON object) or several in order (an array of them)."""
    documents = document if isinstance(document, list) else [document]
    if not documents:
        raise OverrideError("the array holds no override")
    overrides = []
    for index, item in enumerate(documents):
        try:
            overrides.append(parse_override(item, route_labels))
        except OverrideError as error:
            raise OverrideError(f"[{index}]: {error}" if isinstance(document, list) else str(error)) from None
    return overrides


def _corpus_entry(document: dict) -> Tuple[str, Dict[str, str]]:
    """The corpus name and the extra headers of a ``malformed`` override, checked."""
    clash = sorted(_RESPONSE_KEYS & set(document))
    if clash:
        raise OverrideError(f"malformed gives the whole answer: drop {clash[0]!r}")
    name = document["malformed"]
    if name not in CORPUS:
        raise OverrideError(f"malformed must be one of: {', '.join(sorted(CORPUS))}")
    return name, _headers(document)


def _with_headers(response: ApiResponse, headers: Dict[str, str]) -> ApiResponse:
    response.headers.update(headers)
    return response


def _headers(document: dict) -> Dict[str, str]:
    headers = document.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(key, str) and isinstance(value, str)
                                                and "\n" not in key + value and "\r" not in key + value
                                                for key, value in headers.items()):
        raise OverrideError("headers must map names to one-line strings")
    return dict(headers)


def _body(document: dict) -> bytes:
    if "body" in document and "body_base64" in document:
        raise OverrideError("give body or body_base64, not both")
    if "body_base64" in document:
        try:
            head = base64.b64decode(_text(document, "body_base64"), validate=True)
        except binascii.Error:
            raise OverrideError("body_base64 is not valid base64") from None
    else:
        head = _text(document, "body").encode("utf-8")
    fill = _text(document, "fill").encode("utf-8")
    fill_count = document.get("fill_count", 0)
    if not isinstance(fill_count, int) or isinstance(fill_count, bool) or fill_count < 0:
        raise OverrideError("fill_count must be zero or a positive integer")
    tail = _text(document, "tail").encode("utf-8")
    if len(head) + len(fill) * fill_count + len(tail) > MAX_BODY_BYTES:
        raise OverrideError(f"the body would exceed {MAX_BODY_BYTES} bytes")
    return head + fill * fill_count + tail


def _text(document: dict, key: str) -> str:
    value = document.get(key, "")
    if not isinstance(value, str):
        raise OverrideError(f"{key} must be a string")
    return value
