# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""HTTPS on one pooled ``requests.Session``: timeouts, TLS, retries and errors.

Every request of a module run goes through ``Transport.request``, which
retries each request on its own (a throttled page is retried alone, never a
whole listing), re-authenticates once when a token is refused, and turns
every failure into one ``DisError`` carrying operation, status, DIS code and
message, request id and URL.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
import traceback
from urllib.parse import quote, urlsplit, urlunsplit

from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError, DisError, ResponseFormatError
from ansible_collections.hwcloud.dis.plugins.module_utils.normalize import api_error_fields

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError:
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    REQUESTS_IMPORT_ERROR = None

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "hwcloud.dis/%s" % COLLECTION_VERSION

RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
# dis-api.md, Errors: DIS throttles with HTTP 400 and these codes.
THROTTLE_CODES = frozenset(("DIS.4303", "DIS.4305"))
# DIS.4309: "too many failed requests, caller temporarily blocked: retry slowly".
SLOW_DOWN_CODES = frozenset(("DIS.4309",))
# IAM says 401; DIS says 441 (DIS.4100-4114) when a token is refused.
AUTH_REFUSED_STATUSES = frozenset((401, 441))

BACKOFF_BASE = 0.5
BACKOFF_CAP = 16.0
RETRY_AFTER_CAP = 60.0
MAX_MESSAGE = 500


def encode_segment(value):
    """Percent-encode one path part, '/' included, so it cannot change the path."""
    return quote(str(value), safe="~")


def build_url(base, path_parts, query=None):
    """Join a base URL, path parts (each encoded) and query pairs (sorted, encoded like the signer)."""
    path = "/".join(encode_segment(part) for part in path_parts)
    url = "%s/%s" % (base, path)
    if query:
        pairs = sorted((str(key), str(value)) for key, value in query if value is not None)
        url += "?" + "&".join("%s=%s" % (encode_segment(key), encode_segment(value)) for key, value in pairs)
    return url


def redact_url(url):
    """The URL without user info or query values: safe to show in errors."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = "[%s]" % netloc
    if parts.port:
        netloc += ":%d" % parts.port
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def retry_after_seconds(value, now=None):
    """Seconds asked for by a Retry-After header (delta or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    # ASCII only: str.isdigit() also accepts digits float() cannot read ("²").
    if value.isascii() and value.isdigit():
        return min(float(value), RETRY_AFTER_CAP)
    # Imported here: HTTP dates in Retry-After are rare, and every import costs each module run.
    from email.utils import parsedate_to_datetime
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment is None:
        return None
    delay = moment.timestamp() - (now if now is not None else time.time())
    return min(max(delay, 0.0), RETRY_AFTER_CAP)


def backoff_seconds(attempt, rng, retry_after=None, slow=False):
    """Full-jitter exponential backoff; never shorter than the server's Retry-After."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (4 if slow else 1) * (2 ** attempt))
    delay = rng.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


class HttpResponse:
    """A decoded response: status, headers, JSON data (or None) and request id."""

    def __init__(self, status, headers, data, request_id, url):
        self.status = status
        self.headers = headers
        self.data = data
        self.request_id = request_id
        self.url = url


class _Attempt(Exception):
    """A failed attempt; ``retry`` says whether another one may help."""

    def __init__(self, error, retry, retry_after=None, slow=False, auth_refused=False):
        super().__init__(error.message)
        self.error = error
        self.retry = retry
        self.retry_after = retry_after
        self.slow = slow
        self.auth_refused = auth_refused


class Transport:
    """One pooled session per module run, shared by its worker threads."""

    def __init__(self, config, pool_size=10, warn=None, sleep=time.sleep, clock=time.time, rng=None):
        if requests is None:
            raise RuntimeError("requests is required")
        self.config = config
        self.warn = warn or (lambda message: None)
        self.sleep = sleep
        self.clock = clock
        self.rng = rng or random.Random()
        if not config.validate_certs:
            # validate_certs: false means no verification, even beside a ca_bundle (as the warning says).
            self.verify = False
        elif config.ca_bundle:
            if not os.path.exists(config.ca_bundle):
                # requests would raise a bare OSError at the first request.
                raise ConfigError("Option 'ca_bundle': %s does not exist; give a PEM file of the CA "
                                  "certificates to trust." % config.ca_bundle)
            self.verify = config.ca_bundle
        else:
            self.verify = True
        self._rng_lock = threading.Lock()
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=max(pool_size, 1), max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        if config.proxy:
            self.session.proxies = {"http": config.proxy, "https": config.proxy}
        if not config.validate_certs:
            self.warn("TLS certificate verification is disabled (validate_certs: false); "
                      "use ca_bundle for a private CA instead.")
            try:
                from urllib3.exceptions import InsecureRequestWarning
                import urllib3
                urllib3.disable_warnings(InsecureRequestWarning)
            except ImportError:
                pass
        self.requests_sent = 0
        self._count_lock = threading.Lock()
        self._auth_lock = threading.Lock()

    def close(self):
        """Release pooled connections."""
        self.session.close()

    def request(self, operation, method, url, json_body=None, auth=None, headers=None):
        """Send one API request with retries; return an HttpResponse or raise DisError."""
        body = b"" if json_body is None else json.dumps(json_body, separators=(",", ":")).encode("utf-8")
        base_headers = {"Content-Type": "application/json"}
        base_headers.update(headers or {})
        attempts = 0
        reauthenticated = False
        while True:
            attempts += 1
            generation = getattr(auth, "generation", 0)
            sent_headers = auth.apply(method, url, base_headers, body) if auth else dict(base_headers)
            try:
                return self._attempt(operation, method, url, sent_headers, body)
            except _Attempt as failed:
                error = failed.error
                if failed.auth_refused and auth is not None and not reauthenticated:
                    reauthenticated = True
                    if self._reauthenticate(auth, generation):
                        attempts -= 1
                        continue
                if not failed.retry or attempts > self.config.retries:
                    raise error.after(attempts) from None
                with self._rng_lock:
                    delay = backoff_seconds(attempts - 1, self.rng, failed.retry_after, failed.slow)
                self.sleep(delay)

    def _reauthenticate(self, auth, generation):
        """Refresh the credential once, even when several threads were refused at the same time."""
        with self._auth_lock:
            if getattr(auth, "generation", 0) != generation:
                return True  # another thread already got a fresh token
            return auth.refresh(self)

    def _attempt(self, operation, method, url, headers, body):
        shown_url = redact_url(url)
        with self._count_lock:
            self.requests_sent += 1
        try:
            response = self.session.request(method, url, data=body or None, headers=headers,
                                            timeout=self.config.timeout, verify=self.verify,
                                            allow_redirects=False)
            content = response.content
        except requests.exceptions.SSLError as exc:
            raise _Attempt(DisError(operation, "TLS error: %s" % _short(exc), url=shown_url,
                                    reason="tls"), retry=False) from None
        except requests.exceptions.Timeout:
            raise _Attempt(DisError(operation, "no answer within %g seconds (timeout)" % self.config.timeout,
                                    url=shown_url, reason="timeout"), retry=True) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            raise _Attempt(DisError(operation, "connection failed: %s" % _short(exc), url=shown_url,
                                    reason="connection"), retry=True) from None
        except requests.exceptions.RequestException as exc:
            raise _Attempt(DisError(operation, "request failed: %s" % _short(exc), url=shown_url,
                                    reason="request"), retry=False) from None
        request_id = response.headers.get("X-Request-Id")
        data = _decode_json(content)
        status = response.status_code
        if 200 <= status < 300:
            if content and data is _NOT_JSON:
                # A 2xx body that does not parse is most often one cut short: try again.
                raise _Attempt(ResponseFormatError("the response", "the body is not valid JSON",
                                                   operation=operation, status=status,
                                                   request_id=request_id, url=shown_url), retry=True)
            return HttpResponse(status, response.headers, None if data is _NOT_JSON else data, request_id, shown_url)
        code, message = api_error_fields(data if data is not _NOT_JSON else None)
        error = DisError(operation, message, status=status, code=code, request_id=request_id,
                         url=shown_url, reason=response.reason)
        retry_after = retry_after_seconds(response.headers.get("Retry-After"), self.clock())
        if status in AUTH_REFUSED_STATUSES:
            raise _Attempt(error, retry=False, auth_refused=True)
        if status in RETRY_STATUSES or code in THROTTLE_CODES:
            raise _Attempt(error, retry=True, retry_after=retry_after)
        if code in SLOW_DOWN_CODES:
            raise _Attempt(error, retry=True, retry_after=retry_after, slow=True)
        raise _Attempt(error, retry=False)


_NOT_JSON = object()


def _decode_json(content):
    if not content:
        return None
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # RecursionError: arrays or objects nested deeper than the parser goes.
        return _NOT_JSON


def _short(exc):
    """A one-line description of a requests exception, without the URL's noise."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:MAX_MESSAGE]
