"""HTTP/1.1 keep-alive server, the routing table and the request handler.

Every request goes: read body -> route -> (API routes only) latency and
fault -> authentication -> route function -> response with Content-Length
and X-Request-Id. The handler is the only place that touches the socket.
"""

import json
import socket
import socketserver
import ssl
import struct
import sys
import time
import traceback
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, Optional, Tuple

from . import admin, api, iam
from .app import Call, Emulator
from .auth import ReceivedRequest, authenticate
from .errors import ApiError, ApiResponse, gateway_error, iam_error, json_response
from .faults import CONNECTION_FAULTS, Fault, fault_response, truncated_body

TLS_HANDSHAKE_TIMEOUT = 10
_MAX_BODY_BYTES = 10 * 1024 * 1024
# http.server knows no reason phrase for DIS's authentication status.
_REASONS = {441: "Authentication Failed"}


@dataclass(frozen=True)
class Route:
    """One endpoint: method, path template, the function answering it, and how it is guarded."""

    method: str
    template: str
    handler: Callable[[Emulator, Call], ApiResponse]
    authenticated: bool = True
    control: bool = False  # /_emulator routes: no auth, faults, latency or stats
    iam_shaped_errors: bool = False  # IAM answers authentication failures in its own shape
    segments: Tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "segments", tuple(self.template.strip("/").split("/")))

    @property
    def label(self) -> str:
        """The name stats use: method and template, never a concrete path."""
        return f"{self.method} {self.template}"

    def match(self, method: str, path_segments: Tuple[str, ...]) -> Optional[Dict[str, str]]:
        """Path parameters when this route serves the request, else None."""
        if method != self.method or len(path_segments) != len(self.segments):
            return None
        params = {}
        for expected, actual in zip(self.segments, path_segments):
            if expected.startswith("{"):
                params[expected[1:-1]] = actual
            elif expected != actual:
                return None
        return params


ROUTES = (
    Route("POST", "/v3/auth/tokens", iam.issue_token, authenticated=False),
    Route("GET", "/v3/projects", iam.list_projects, iam_shaped_errors=True),
    Route("GET", "/v2/{project_id}/streams", api.list_streams),
    Route("GET", "/v2/{project_id}/streams/{stream_name}/transfer-tasks", api.list_transfer_tasks),
    Route("POST", "/v2/{project_id}/streams/{stream_name}/transfer-tasks/action", api.act_on_transfer_tasks),
    Route("GET", "/v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}", api.show_transfer_task),
    Route("POST", "/v1/transfertasklog/{task_id}", api.list_transfer_task_logs),
    Route("GET", "/_emulator/stats", admin.show_stats, authenticated=False, control=True),
    Route("POST", "/_emulator/reset", admin.reset_stats, authenticated=False, control=True),
    Route("POST", "/_emulator/expire-tokens", admin.expire_tokens, authenticated=False, control=True),
    Route("POST", "/_emulator/respond-with", admin.respond_with, authenticated=False, control=True),
    Route("GET", "/_emulator/respond-with", admin.show_overrides, authenticated=False, control=True),
    Route("DELETE", "/_emulator/respond-with", admin.respond_normally, authenticated=False, control=True),
)


def match_route(method: str, raw_path: str) -> Tuple[Optional[Route], Dict[str, str]]:
    """The route serving ``method raw_path`` and its decoded path parameters."""
    # A trailing slash is tolerated; each segment is decoded on its own so an
    # encoded '/' stays inside its parameter (and fails name validation).
    segments = tuple(urllib.parse.unquote(segment) for segment in raw_path.strip("/").split("/"))
    for route in ROUTES:
        params = route.match(method, segments)
        if params is not None:
            return route, params
    return None, {}


def _unknown_route(request_id: str) -> ApiError:
    # The API gateway answers for paths it does not know, in its own shape.
    return gateway_error(404, "APIGW.0101",
                         "The API does not exist or has not been published in the environment.", request_id)


def _authenticate_for(route: Route, received: ReceivedRequest, app: Emulator):
    """Authenticate; IAM routes turn DIS's 441 into IAM's 401 with the same explanation."""
    try:
        return authenticate(received, app.state.credentials, app.tokens)
    except ApiError as error:
        if not route.iam_shaped_errors:
            raise
        message = json.loads(error.response.body).get("message", "Authentication failed.")
        raise iam_error(401, message, "Unauthorized", auth_failure=True) from None


class BadRequestBody(Exception):
    """The request body could not be read (bad length or chunking)."""


class EmulatorRequestHandler(BaseHTTPRequestHandler):
    """Answers one connection's requests, keeping it alive between them."""

    protocol_version = "HTTP/1.1"
    server_version = "dis-emulator"
    sys_version = ""
    timeout = 120  # idle keep-alive connections are closed after this many seconds
    # Buffer each response so headers and body leave in one write; written
    # separately, Nagle's algorithm and delayed ACKs add ~40 ms per request.
    wbufsize = -1

    def setup(self):
        """Also disable Nagle's algorithm: responses are small and latency matters in benchmarks."""
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass

    def do_GET(self):  # noqa: N802 (http.server's naming)
        """Serve a GET."""
        self._serve()

    def do_POST(self):  # noqa: N802
        """Serve a POST."""
        self._serve()

    do_PUT = do_DELETE = do_PATCH = do_POST

    def version_string(self) -> str:
        """The Server header, without http.server's Python version suffix."""
        return self.server_version

    @property
    def app(self) -> Emulator:
        """The emulator this server belongs to."""
        return self.server.app

    def _serve(self):
        started = time.monotonic()
        request_id = uuid.uuid4().hex
        try:
            body = self._read_body()
        except BadRequestBody as error:
            self.send_error(400, str(error))
            return
        raw_path, _sep, raw_query = self.path.partition("?")
        route, params = match_route(self.command, raw_path)
        if route is not None and not route.control:
            self.app.delay()
            # A test's own answer comes before faults and authentication: a
            # broken gateway answers whoever calls.
            response = self.app.overrides.take(route.label)
            if response is not None:
                self._finish_api_request(route, response, request_id, started, "override")
                return
            fault = self.app.faults.draw()
            if fault is not None:
                self._act_out_fault(fault, route, request_id)
                self._log_line(started, f"fault {fault.kind}")
                self.app.api_request_answered()
                return
        response = self._answer(route, params, raw_path, raw_query, body, request_id)
        if route is not None and route.control:
            self._send(response, request_id)
            self._log_line(started, response.status)
            return
        self._finish_api_request(route, response, request_id, started)

    def _finish_api_request(self, route: Optional[Route], response: ApiResponse, request_id: str,
                            started: float, note: str = ""):
        """Count, send and log an API answer; it may trigger a pending token expiry."""
        self.app.stats.record_request(route.label if route else "unmatched", str(response.status))
        self._send(response, request_id)
        self._log_line(started, f"{response.status} {note}".strip())
        self.app.api_request_answered()

    def _answer(self, route: Optional[Route], params: Dict[str, str], raw_path: str, raw_query: str,
                body: bytes, request_id: str) -> ApiResponse:
        received = ReceivedRequest(self.command, raw_path, raw_query, self.headers.get, body)
        call = Call(received, request_id, params)
        try:
            if route is None:
                raise _unknown_route(request_id)
            if route.authenticated:
                call.caller = _authenticate_for(route, received, self.app)
            return route.handler(self.app, call)
        except ApiError as error:
            if error.auth_failure:
                self.app.stats.record_auth_failure()
            return error.response
        except Exception:  # a bug in the emulator: answer like the service would, and say so on stderr
            traceback.print_exc(file=sys.stderr)
            return json_response(500, {"errorCode": "DIS.5000", "message": "System error."})

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked_body()
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            return b""
        if not length_header.strip().isdigit():
            raise BadRequestBody("Invalid Content-Length.")
        length = int(length_header)
        if length > _MAX_BODY_BYTES:
            raise BadRequestBody("Request body too large.")
        return self.rfile.read(length)

    def _read_chunked_body(self) -> bytes:
        chunks, total = [], 0
        while True:
            size_line = self.rfile.readline(1024).split(b";")[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise BadRequestBody("Invalid chunked body.") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            total += size
            if total > _MAX_BODY_BYTES:
                raise BadRequestBody("Request body too large.")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _act_out_fault(self, fault: Fault, route: Route, request_id: str):
        self.app.stats.record_fault(fault.kind)
        if fault.kind not in CONNECTION_FAULTS:
            response = fault_response(fault, request_id)
            self.app.stats.record_request(route.label, str(response.status))
            self._send(response, request_id)
            return
        self.app.stats.record_request(route.label, fault.kind)
        self.close_connection = True
        if fault.kind == "reset":
            self._reset_connection()
        else:
            self._send_truncated(request_id)

    def _reset_connection(self):
        """Drop the connection without a byte of response; linger 0 makes close send a RST."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.connection.close()

    def _send_truncated(self, request_id: str):
        """Promise a full 200 body in Content-Length, send half of it, then close."""
        body = truncated_body()
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", request_id)
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()

    def _send(self, response: ApiResponse, request_id: str):
        self.send_response(response.status, _REASONS.get(response.status))
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Request-Id", request_id)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(response.body)

    def send_error(self, code, message=None, explain=None):
        """Errors http.server raises itself (bad request line, unsupported method) as JSON too."""
        request_id = uuid.uuid4().hex
        reason = message or self.responses.get(code, ("Error",))[0]
        body = json_response(code, {"error_code": f"APIGW.{code}", "error_msg": reason,
                                    "request_id": request_id}).body
        self.close_connection = True
        self.send_response(code, reason)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Id", request_id)
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code="-", size="-"):
        """Silenced: _log_line writes one line per request instead, when verbose."""

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        """http.server's own messages, only when verbose."""
        if self.app.verbose:
            sys.stderr.write(f"dis-emulator: {self.address_string()} {format % args}\n")

    def _log_line(self, started: float, outcome):
        # Method and path only: headers (tokens, signatures) are never logged.
        if self.app.verbose:
            elapsed_ms = (time.monotonic() - started) * 1000
            sys.stderr.write(f"dis-emulator: {self.command} {self.path} -> {outcome} ({elapsed_ms:.1f} ms)\n")


class EmulatorServer(ThreadingHTTPServer):
    """A threaded server on one loopback address, optionally speaking TLS."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, app: Emulator, host: str, port: int, family: int,
                 ssl_context: Optional[ssl.SSLContext] = None):
        self.address_family = family
        self.app = app
        self.ssl_context = ssl_context
        super().__init__((host, port), EmulatorRequestHandler)

    def server_bind(self):
        """Bind without HTTPServer's reverse DNS lookup of the host, which can stall offline."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def finish_request(self, request, client_address):
        """Do the TLS handshake in the connection's own thread, so a slow client blocks nobody."""
        if self.ssl_context is None:
            super().finish_request(request, client_address)
            return
        request.settimeout(TLS_HANDSHAKE_TIMEOUT)
        try:
            tls_connection = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            self.RequestHandlerClass(tls_connection, client_address, self)
        finally:
            tls_connection.close()

    def handle_error(self, request, client_address):
        """Clients that hang up mid-request are normal under fault tests: stay quiet unless verbose."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError, ssl.SSLError)) and not self.app.verbose:
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        """The base URL clients use, with IPv6 hosts in brackets."""
        host, port = self.server_address[:2]
        shown_host = f"[{host}]" if ":" in host else host
        scheme = "https" if self.ssl_context is not None else "http"
        return f"{scheme}://{shown_host}:{port}"
