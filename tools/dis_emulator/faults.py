"""Latency and fault injection, reproducible from a seed.

Each API request draws from one seeded ``random.Random`` behind a lock, so
with the same ``--seed`` the same sequence of requests meets the same faults.
"""

import random
import threading
from dataclasses import dataclass
from typing import Optional, Sequence

from .errors import ApiResponse, json_response

FAULT_KINDS = ("429", "throttle", "500", "503", "reset", "truncate")

# Kinds that the handler must act out on the socket instead of answering.
CONNECTION_FAULTS = ("reset", "truncate")

_SERVICE_UNAVAILABLE_HTML = b"<html><body><h1>503 Service Unavailable</h1></body></html>"


@dataclass(frozen=True)
class Fault:
    """One drawn fault; ``variant`` picks between the two forms some kinds take."""

    kind: str
    variant: bool


class FaultInjector:
    """Decides, per API request, whether and how it fails."""

    def __init__(self, rate: float, kinds: Sequence[str], seed: Optional[int]):
        self.rate = rate
        self.kinds = tuple(kinds)
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self) -> Optional[Fault]:
        """The fault for the next request, or None; always consumes the same draws for a decision."""
        if self.rate <= 0 or not self.kinds:
            return None
        with self._lock:
            if self._random.random() >= self.rate:
                return None
            kind = self._random.choice(self.kinds)
            variant = self._random.random() < 0.5
        return Fault(kind, variant)


def fault_response(fault: Fault, request_id: str) -> ApiResponse:
    """The answer an HTTP-level fault gives (not used for reset / truncate)."""
    if fault.kind == "429":
        # The gateway sometimes says when to come back and sometimes does not;
        # clients must cope with both.
        headers = {"Retry-After": "0"} if fault.variant else {}
        return json_response(429, {
            "error_code": "APIGW.0308",
            "error_msg": "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute",
            "request_id": request_id,
        }, headers)
    if fault.kind == "throttle":
        # DIS throttles with HTTP 400 and a code (dis-api.md, "Errors").
        if fault.variant:
            return json_response(400, {"errorCode": "DIS.4303", "message": "Exceeded traffic control limit."})
        return json_response(400, {"errorCode": "DIS.4305", "message": "Too many stream requests."})
    if fault.kind == "500":
        return json_response(500, {"errorCode": "DIS.5000", "message": "System error."})
    if fault.kind == "503":
        # A load balancer's page, not JSON: clients must not assume JSON bodies.
        return ApiResponse(503, _SERVICE_UNAVAILABLE_HTML, content_type="text/html")
    raise ValueError(f"{fault.kind} is acted out on the connection, not answered")


def truncated_body() -> bytes:
    """A plausible JSON body for the truncate fault; only its first half is sent."""
    return json_response(200, {"total_number": 1, "quota": 5, "tasks": [{
        "task_name": "truncated", "state": "RUNNING", "destination_type": "OBS",
        "create_time": 0, "last_transfer_timestamp": 0}]}).body
