"""The emulator's own control routes under /_emulator: no auth, no faults, no latency."""

from .app import Call, Emulator
from .errors import ApiResponse, json_response


def show_stats(app: Emulator, call: Call) -> ApiResponse:
    """GET /_emulator/stats: request counts by route template and status, faults, auth events."""
    return json_response(200, app.stats.snapshot())


def reset_stats(app: Emulator, call: Call) -> ApiResponse:
    """POST /_emulator/reset: zero the counters (the state is left as it is)."""
    app.stats.reset()
    return json_response(200, {})


def expire_tokens(app: Emulator, call: Call) -> ApiResponse:
    """POST /_emulator/expire-tokens: every issued token expires now, to test re-authentication."""
    app.tokens.expire_all()
    return json_response(200, {})
