"""The emulator's shared parts, handed to every route: state, tokens, stats, faults."""

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Dict, Optional

from .auth import Caller, ReceivedRequest, TokenStore
from .faults import FaultInjector
from .overrides import ResponseOverrides
from .state import EmulatorState
from .stats import Stats


class Emulator:
    """Everything a route may need, created once per server."""

    def __init__(self, state: EmulatorState, faults: FaultInjector, latency_ms: int = 0,
                 token_ttl_seconds: float = 86_400, verbose: bool = False,
                 issued_tokens_file: Optional[str] = None):
        self.state = state
        self.faults = faults
        self.latency_ms = latency_ms
        self.tokens = TokenStore(token_ttl_seconds)
        self.stats = Stats()
        self.verbose = verbose
        self.overrides = ResponseOverrides()
        # Secret-leak tests search every output for the tokens handed out; only they read this file.
        self.issued_tokens_file = issued_tokens_file
        self._tokens_file_lock = threading.Lock()
        self._expiry_lock = threading.Lock()
        self._requests_until_expiry: Optional[int] = None

    def delay(self):
        """Wait the configured latency before answering an API request."""
        if self.latency_ms > 0:
            time.sleep(self.latency_ms / 1000)

    def record_issued_token(self, token: str):
        """Append a token handed out to --issued-tokens-file, when one was given."""
        if self.issued_tokens_file:
            with self._tokens_file_lock, open(self.issued_tokens_file, "a", encoding="utf-8") as handle:
                handle.write(token + "\n")

    def expire_tokens_after(self, requests: int):
        """Expire every issued token once ``requests`` more API requests have been answered (0: now)."""
        with self._expiry_lock:
            self._requests_until_expiry = requests if requests > 0 else None
        if requests <= 0:
            self.tokens.expire_all()

    def api_request_answered(self):
        """Count one answered API request towards a pending token expiry."""
        with self._expiry_lock:
            if self._requests_until_expiry is None:
                return
            self._requests_until_expiry -= 1
            if self._requests_until_expiry > 0:
                return
            self._requests_until_expiry = None
        self.tokens.expire_all()


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
