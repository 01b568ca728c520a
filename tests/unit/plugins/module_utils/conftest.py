# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real HTTP server on loopback that answers from a script, for transport and auth tests."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class ScriptedServer:
    """Answers each request with the next scripted reply; records what it received."""

    def __init__(self):
        self.replies = []
        self.received = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server.lock:
                    server.received.append({"method": self.command, "path": self.path,
                                            "headers": dict(self.headers), "body": body})
                    reply = server.replies.pop(0) if server.replies else (200, {}, {})
                if reply == "reset":
                    self.close_connection = True
                    self.connection.close()
                    return
                status, headers, payload = reply
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(headers.get("X-Claimed-Length", len(data))))
                self.end_headers()
                self.wfile.write(data)
                if "X-Claimed-Length" in headers:
                    # A body cut short: the connection ends before the promised length.
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(1)

            do_GET = do_POST = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def script(self, *replies):
        """Queue replies: (status, headers, payload) tuples, or "reset" to drop the connection."""
        self.replies.extend(replies)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def scripted_server():
    server = ScriptedServer()
    yield server
    server.close()
