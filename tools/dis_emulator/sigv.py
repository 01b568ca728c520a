"""SDK-HMAC-SHA256 signature verification (the Huawei Cloud AK/SK scheme).

Written from the algorithm description in reference/dis-api.md, not from any
client's signer, so that it can catch a client signer that is wrong in the
same way as another one. It recomputes everything from the request exactly as
it was received: method, raw path, raw query string, the received values of
the signed headers and the body bytes.
"""

import datetime
import hashlib
import hmac
import urllib.parse
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

ALGORITHM = "SDK-HMAC-SHA256"
SDK_DATE_FORMAT = "%Y%m%dT%H%M%SZ"


class AuthorizationFormatError(ValueError):
    """The Authorization header cannot be understood; ``code`` is the DIS error code to answer with."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class AuthorizationHeader:
    """The three parts of an ``SDK-HMAC-SHA256`` Authorization header."""

    access_key: str
    signed_headers: List[str]
    signature: str


@dataclass(frozen=True)
class SignatureParts:
    """Every intermediate value of a signature, so tests can compare each one."""

    canonical_request: str
    string_to_sign: str
    signature: str


def percent_encode(raw: bytes) -> str:
    """Percent-encode every byte except the unreserved characters (letters, digits, ``-._~``)."""
    return urllib.parse.quote(raw, safe="~")


def canonical_uri(raw_path: str) -> str:
    """Decode the received path, split on '/', re-encode each segment, and end with '/'.

    Decoding happens before splitting (as the algorithm says), so an encoded
    slash becomes a separator. Working on bytes keeps any byte sequence
    representable, valid UTF-8 or not.
    """
    segments = urllib.parse.unquote_to_bytes(raw_path).split(b"/")
    uri = "/".join(percent_encode(segment) for segment in segments)
    return uri if uri.endswith("/") else uri + "/"


def _decode_query_component(component: str) -> bytes:
    # '+' means a space in form-encoded query strings (what requests sends);
    # a literal '+' arrives as %2B, so treating '+' as space is unambiguous.
    return urllib.parse.unquote_to_bytes(component.replace("+", " "))


def canonical_query(raw_query: str) -> str:
    """Sort the decoded query pairs by key then value and re-encode them, joined by '&'."""
    pairs = []
    for piece in raw_query.split("&"):
        if not piece:
            continue
        key, _sep, value = piece.partition("=")
        pairs.append((_decode_query_component(key), _decode_query_component(value)))
    pairs.sort()
    return "&".join(f"{percent_encode(key)}={percent_encode(value)}" for key, value in pairs)


def canonical_headers(signed_headers: Sequence[str], header_value: Callable[[str], Optional[str]]) -> str:
    """One ``name:value`` line per signed header, value trimmed, each line ending in a newline.

    ``header_value`` returns the received value of a header (or None when absent);
    an absent header contributes an empty value and so fails verification.
    """
    lines = []
    for name in signed_headers:
        value = header_value(name)
        lines.append(f"{name}:{(value or '').strip()}\n")
    return "".join(lines)


def payload_hash(body: bytes) -> str:
    """Lower-case hex SHA-256 of the body bytes (of b'' when there is no body)."""
    return hashlib.sha256(body).hexdigest()


def build_canonical_request(method: str, raw_path: str, raw_query: str, signed_headers: Sequence[str],
                            header_value: Callable[[str], Optional[str]], body: bytes) -> str:
    """The canonical request: method, URI, query, headers, signed header names and payload hash."""
    return "\n".join([
        method.upper(),
        canonical_uri(raw_path),
        canonical_query(raw_query),
        canonical_headers(signed_headers, header_value),
        ";".join(signed_headers),
        payload_hash(body),
    ])


def build_string_to_sign(sdk_date: str, canonical_request: str) -> str:
    """Algorithm name, the X-Sdk-Date value and the hex SHA-256 of the canonical request."""
    digest = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    return "\n".join([ALGORITHM, sdk_date, digest])


def compute_signature(secret_key: str, string_to_sign: str) -> str:
    """Hex HMAC-SHA256 of the string to sign, keyed with the secret key."""
    return hmac.new(secret_key.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def signature_parts(method: str, raw_path: str, raw_query: str, signed_headers: Sequence[str],
                    header_value: Callable[[str], Optional[str]], body: bytes,
                    sdk_date: str, secret_key: str) -> SignatureParts:
    """Recompute the canonical request, string to sign and signature of a received request."""
    canonical_request = build_canonical_request(method, raw_path, raw_query, signed_headers, header_value, body)
    string_to_sign = build_string_to_sign(sdk_date, canonical_request)
    return SignatureParts(canonical_request, string_to_sign, compute_signature(secret_key, string_to_sign))


def signatures_match(expected: str, received: str) -> bool:
    """Constant-time comparison, so timing reveals nothing about the expected signature."""
    return hmac.compare_digest(expected.encode("ascii", "replace"), received.lower().encode("ascii", "replace"))


def parse_authorization(value: str) -> AuthorizationHeader:
    """Parse ``SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex``.

    Raises AuthorizationFormatError carrying the DIS code: 4102 for another
    scheme, 4109 for a malformed parameter list, 4106 / 4110 for an empty
    access key / signature.
    """
    scheme, _sep, parameters = value.strip().partition(" ")
    if scheme != ALGORITHM:
        raise AuthorizationFormatError("DIS.4102", "Unparsable Authorization: the scheme must be SDK-HMAC-SHA256.")
    fields = {}
    for item in parameters.split(","):
        name, separator, field_value = item.strip().partition("=")
        if not separator or name in fields:
            raise AuthorizationFormatError("DIS.4109", "Invalid Authorization format.")
        fields[name] = field_value.strip()
    if set(fields) != {"Access", "SignedHeaders", "Signature"}:
        raise AuthorizationFormatError(
            "DIS.4109", "Invalid Authorization format: expected Access, SignedHeaders and Signature.")
    if not fields["Access"]:
        raise AuthorizationFormatError("DIS.4106", "Empty access key.")
    if not fields["Signature"]:
        raise AuthorizationFormatError("DIS.4110", "Empty signature.")
    return AuthorizationHeader(fields["Access"], _parse_signed_headers(fields["SignedHeaders"]), fields["Signature"])


def _parse_signed_headers(text: str) -> List[str]:
    names = text.split(";")
    # The algorithm lower-cases and sorts the names; a list that is not in
    # that form was not produced by a conforming signer, so say so plainly.
    if not all(names) or names != sorted(set(names)) or any(name != name.lower() for name in names):
        raise AuthorizationFormatError(
            "DIS.4109", "Invalid Authorization format: SignedHeaders must be lower-case, sorted and unique.")
    missing = {"host", "x-sdk-date"} - set(names)
    if missing:
        raise AuthorizationFormatError(
            "DIS.4109", f"Invalid Authorization format: SignedHeaders must include {', '.join(sorted(missing))}.")
    return names


def parse_sdk_date(text: str) -> Optional[datetime.datetime]:
    """Parse an X-Sdk-Date value (``YYYYMMDDTHHMMSSZ``, UTC); None when it does not parse."""
    if len(text) != 16:
        return None
    try:
        return datetime.datetime.strptime(text, SDK_DATE_FORMAT).replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
