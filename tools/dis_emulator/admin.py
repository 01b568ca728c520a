"""The emulator's own control routes under /_emulator: no auth, no faults, no latency."""

from .app import Call, Emulator
from .errors import ApiResponse, json_response
from .malformed import CORPUS
from .overrides import OverrideError, parse_overrides


def show_stats(app: Emulator, call: Call) -> ApiResponse:
    """GET /_emulator/stats: request counts by route template and status, faults, auth events."""
    return json_response(200, app.stats.snapshot())


def reset_stats(app: Emulator, call: Call) -> ApiResponse:
    """POST /_emulator/reset: zero the counters (the state is left as it is)."""
    app.stats.reset()
    return json_response(200, {})


def expire_tokens(app: Emulator, call: Call) -> ApiResponse:
    """POST /_emulator/expire-tokens: every issued token expires now, or after ``after_requests`` API requests.

    The delayed form lets a test expire a token in the middle of a module run
    at a point that does not depend on timing.
    """
    try:
        body = call.json_body() or {}
    except ValueError:
        return _control_error("the body is not valid JSON")
    after = body.get("after_requests", 0) if isinstance(body, dict) else None
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        return _control_error("after_requests must be zero or a positive integer")
    app.expire_tokens_after(after)
    return json_response(200, {"after_requests": after})


def respond_with(app: Emulator, call: Call) -> ApiResponse:
    """POST /_emulator/respond-with: answer a route's next requests with the given status, headers and body.

    The body is one override or an array of them, installed in order: for one
    route, the first installed answers first (each for ``times`` requests).
    """
    from .server import ROUTES  # the routing table imports this module

    labels = {route.label for route in ROUTES if not route.control}
    try:
        overrides = parse_overrides(call.json_body(), labels)
    except (OverrideError, ValueError) as error:
        return _control_error(str(error))
    for override in overrides:
        app.overrides.add(override)
    return json_response(200, {"installed": [{"route": override.route, "answer": override.label}
                                             for override in overrides]})


def show_overrides(app: Emulator, call: Call) -> ApiResponse:
    """GET /_emulator/respond-with: the installed answers, how many requests they answered, the corpus names."""
    return json_response(200, {"overrides": app.overrides.snapshot(), "answered": app.overrides.answered,
                               "corpus": sorted(CORPUS)})


def respond_normally(app: Emulator, call: Call) -> ApiResponse:
    """DELETE /_emulator/respond-with: remove every installed answer."""
    return json_response(200, {"removed": app.overrides.clear()})


def _control_error(message: str) -> ApiResponse:
    return json_response(400, {"errorCode": "EMULATOR.400", "message": message})
