"""Request counters served at /_emulator/stats for tests and benchmarks."""

import threading
from collections import defaultdict
from typing import Dict


class Stats:
    """Thread-safe counts by route template and status, faults by kind, and auth events."""

    def __init__(self):
        self._lock = threading.Lock()
        self._clear()

    def _clear(self):
        self._total = 0
        self._routes: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self._faults: Dict[str, int] = defaultdict(int)
        self._tokens_issued = 0
        self._auth_failures = 0

    def record_request(self, route_label: str, status: str):
        """Count one API request under its route template (not the concrete path)."""
        with self._lock:
            self._total += 1
            self._routes[route_label][status] += 1

    def record_fault(self, kind: str):
        """Count one injected fault."""
        with self._lock:
            self._faults[kind] += 1

    def record_token_issued(self):
        """Count one IAM token handed out."""
        with self._lock:
            self._tokens_issued += 1

    def record_auth_failure(self):
        """Count one request refused for its credentials."""
        with self._lock:
            self._auth_failures += 1

    def reset(self):
        """Zero every counter."""
        with self._lock:
            self._clear()

    def snapshot(self) -> dict:
        """A JSON-ready copy of the counters."""
        with self._lock:
            return {
                "total": self._total,
                "routes": {label: dict(statuses) for label, statuses in sorted(self._routes.items())},
                "faults": dict(sorted(self._faults.items())),
                "tokens_issued": self._tokens_issued,
                "auth_failures": self._auth_failures,
            }
