"""A small test-side SDK-HMAC-SHA256 signer, written separately from the emulator's verifier.

It signs the way a client does (from the URL it is about to send), while the
emulator verifies from what it received; the two meeting proves both, and
it is itself checked against the official signing vectors.
"""

import datetime
import hashlib
import hmac
from urllib.parse import parse_qsl, quote, unquote, urlsplit


def sdk_date(moment: datetime.datetime = None) -> str:
    """X-Sdk-Date for ``moment`` (default now), UTC."""
    moment = moment or datetime.datetime.now(datetime.timezone.utc)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _encode(text: str) -> str:
    return quote(text, safe="~")


def _canonical(method, url, headers, body):
    parts = urlsplit(url)
    path = "/".join(_encode(unquote(segment)) for segment in parts.path.split("/"))
    if not path.endswith("/"):
        path += "/"
    query = "&".join(f"{_encode(key)}={_encode(value)}"
                     for key, value in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    lowered = {name.lower(): str(value).strip() for name, value in headers.items()}
    names = sorted(name for name in lowered if "_" not in name)
    header_block = "".join(f"{name}:{lowered[name]}\n" for name in names)
    canonical = "\n".join([method, path, query, header_block, ";".join(names), hashlib.sha256(body).hexdigest()])
    return canonical, names


def signing_steps(method: str, url: str, headers: dict, body: bytes, date: str, secret_key: str):
    """(canonical request, string to sign, signature, signed names) for headers holding Host and X-Sdk-Date."""
    canonical, names = _canonical(method, url, headers, body)
    string_to_sign = "\n".join(["SDK-HMAC-SHA256", date, hashlib.sha256(canonical.encode()).hexdigest()])
    signature = hmac.new(secret_key.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    return canonical, string_to_sign, signature, names


def sign(method: str, url: str, access_key: str, secret_key: str, headers: dict = None, body: bytes = b"",
         date: str = None, security_token: str = None) -> dict:
    """Headers to send: the given ones plus Host, X-Sdk-Date, (X-Security-Token) and Authorization."""
    signed = dict(headers or {})
    signed["Host"] = urlsplit(url).netloc
    signed["X-Sdk-Date"] = date or sdk_date()
    if security_token:
        signed["X-Security-Token"] = security_token
    signature, names = signing_steps(method, url, signed, body, signed["X-Sdk-Date"], secret_key)[2:]
    signed["Authorization"] = (f"SDK-HMAC-SHA256 Access={access_key}, SignedHeaders={';'.join(names)}, "
                               f"Signature={signature}")
    return signed
