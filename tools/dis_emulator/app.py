"""The emulator's shared parts, handed to every route: state, tokens, stats, faults."""

import json
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Dict, Optional

from .auth import Caller, ReceivedRequest, TokenStore
from .faults import FaultInjector
from .state import EmulatorState
from .stats import Stats


class Emulator:
    """Everything a route may need, created once per server."""

    def __init__(self, state: EmulatorState, faults: FaultInjector, latency_ms: int = 0,
                 token_ttl_seconds: float = 86_400, verbose: bool = False):
        self.state = state
        self.faults = faults
        self.latency_ms = latency_ms
        self.tokens = TokenStore(token_ttl_seconds)
        self.stats = Stats()
        self.verbose = verbose

    def delay(self):
        """Wait the configured latency before answering an API request."""
        if self.latency_ms > 0:
            time.sleep(self.latency_ms / 1000)


@dataclass
class Call:
    """One routed request: what was received, the path parameters and who sent it."""

    request: ReceivedRequest
    request_id: str
    params: Dict[str, str]
    caller: Optional[Caller] = None

    def query_value(self, name: str) -> Optional[str]:
        """The first decoded value of a query parameter, or None when absent."""
        values = urllib.parse.parse_qs(self.request.raw_query, keep_blank_values=True).get(name)
        return values[0] if values else None

    def json_body(self) -> Any:
        """The body parsed as JSON (None for an empty body); raises ValueError when it is not JSON."""
        if not self.request.body.strip():
            return None
        return json.loads(self.request.body.decode("utf-8"))
