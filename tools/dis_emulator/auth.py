"""Who is calling: IAM tokens (static or issued here) and AK/SK signatures.

``authenticate`` inspects a request and returns the Caller or raises the
DIS 441 error the service would give. Issued tokens are scoped to one
project; static tokens and access keys may use any project.
"""

import datetime
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple

from . import sigv
from .errors import auth_error, dis_error
from .state import Credentials, User

MAX_CLOCK_SKEW = datetime.timedelta(minutes=15)
_TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass(frozen=True)
class Caller:
    """An authenticated caller; ``project_scope`` None means any project."""

    method: str  # "token", "static-token" or "aksk"
    project_scope: Optional[str]

    def may_use_project(self, project_id: str) -> bool:
        """Whether this caller's credentials cover ``project_id``."""
        return self.project_scope is None or self.project_scope == project_id


@dataclass
class IssuedToken:
    """A token handed out by POST /v3/auth/tokens."""

    user: User
    project_id: str
    issued_at: float
    expires_at: float


@dataclass(frozen=True)
class ReceivedRequest:
    """The parts of a request that authentication and signature checks read, exactly as received."""

    method: str
    raw_path: str
    raw_query: str
    header: Callable[[str], Optional[str]]  # case-insensitive lookup, None when absent
    body: bytes


class TokenStore:
    """Issued tokens, thread-safe; tokens are opaque random strings like IAM's."""

    def __init__(self, ttl_seconds: float):
        self.ttl_seconds = ttl_seconds
        self._tokens: Dict[str, IssuedToken] = {}
        self._lock = threading.Lock()

    def issue(self, user: User, project_id: str) -> Tuple[str, IssuedToken]:
        """A new token for ``user`` scoped to ``project_id``, valid for the configured TTL."""
        # Real IAM tokens are long base64-ish strings starting with "MII".
        value = "MII" + "".join(secrets.choice(_TOKEN_ALPHABET) for _position in range(200))
        now = time.time()
        issued = IssuedToken(user, project_id, now, now + self.ttl_seconds)
        with self._lock:
            self._tokens[value] = issued
        return value, issued

    def find_valid(self, value: str) -> Optional[IssuedToken]:
        """The issued token with this value if it has not expired."""
        with self._lock:
            issued = self._tokens.get(value)
        if issued is None or issued.expires_at <= time.time():
            return None
        return issued

    def expire_all(self):
        """Make every issued token expire now (to test re-authentication)."""
        now = time.time()
        with self._lock:
            for issued in self._tokens.values():
                issued.expires_at = min(issued.expires_at, now)


def authenticate(request: ReceivedRequest, credentials: Credentials, tokens: TokenStore) -> Caller:
    """The caller behind ``request``, or raise the 441 / 403 error DIS gives."""
    token = request.header("X-Auth-Token")
    if token is not None:
        caller = _authenticate_token(token.strip(), credentials, tokens)
    elif request.header("Authorization") is not None:
        caller = _authenticate_signature(request, credentials)
    else:
        raise auth_error("DIS.4101", "Empty Authorization: send X-Auth-Token or an SDK-HMAC-SHA256 signature.")
    _check_project_header(request, caller)
    return caller


def _authenticate_token(token: str, credentials: Credentials, tokens: TokenStore) -> Caller:
    if not token:
        raise auth_error("DIS.4113", "Empty token.")
    if token in credentials.tokens:
        return Caller("static-token", None)
    issued = tokens.find_valid(token)
    if issued is None:
        raise auth_error("DIS.4114", "Invalid token: unknown or expired.")
    return Caller("token", issued.project_id)


def _authenticate_signature(request: ReceivedRequest, credentials: Credentials) -> Caller:
    try:
        authorization = sigv.parse_authorization(request.header("Authorization"))
    except sigv.AuthorizationFormatError as error:
        raise auth_error(error.code, str(error)) from None
    sdk_date = _checked_sdk_date(request.header("X-Sdk-Date"))
    access_key = credentials.access_keys.get(authorization.access_key)
    if access_key is None:
        raise auth_error("DIS.4107", "Invalid access key.")
    _check_security_token(request, authorization, access_key.security_token)
    missing = [name for name in authorization.signed_headers if request.header(name) is None]
    if missing:
        raise auth_error("DIS.4100", f"Authorization error: signed header {missing[0]} is not in the request.")
    expected = sigv.signature_parts(
        request.method, request.raw_path, request.raw_query, authorization.signed_headers,
        request.header, request.body, sdk_date, access_key.secret_key)
    if not sigv.signatures_match(expected.signature, authorization.signature):
        # Never echo the expected signature or canonical request: that would
        # help forge requests and leak nothing useful to honest clients.
        raise auth_error("DIS.4100", "Authorization error: the request signature does not match.")
    return Caller("aksk", None)


def _checked_sdk_date(value: Optional[str]) -> str:
    if value is None or not value.strip():
        raise auth_error("DIS.4103", "Empty X-Sdk-Date.")
    value = value.strip()
    moment = sigv.parse_sdk_date(value)
    if moment is None:
        raise auth_error("DIS.4104", "Unparsable X-Sdk-Date: expected YYYYMMDDTHHMMSSZ.")
    skew = abs(datetime.datetime.now(datetime.timezone.utc) - moment)
    if skew > MAX_CLOCK_SKEW:
        raise auth_error("DIS.4105", "Invalid X-Sdk-Date: more than 15 minutes off the server clock.")
    return value


def _check_security_token(request: ReceivedRequest, authorization: sigv.AuthorizationHeader,
                          required_token: Optional[str]):
    """Temporary keys only work with their security token, signed; permanent keys must not carry one."""
    received = request.header("X-Security-Token")
    if required_token is None:
        if received is not None:
            raise auth_error("DIS.4100", "Authorization error: X-Security-Token sent with a permanent access key.")
        return
    if received is None or received.strip() != required_token:
        raise auth_error("DIS.4100", "Authorization error: missing or invalid X-Security-Token.")
    if "x-security-token" not in authorization.signed_headers:
        raise auth_error("DIS.4100", "Authorization error: X-Security-Token must be signed.")


def _check_project_header(request: ReceivedRequest, caller: Caller):
    # The SDK sends X-Project-Id with every request; a token scoped to another
    # project must not reach in through it.
    header_project = request.header("X-Project-Id")
    if header_project is not None and not caller.may_use_project(header_project.strip()):
        raise dis_error(403, "DIS.4116", "Invalid RBAC: the token is not scoped to this project.",
                        auth_failure=True)
