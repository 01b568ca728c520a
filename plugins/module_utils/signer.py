# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""AK/SK request signing with the SDK-HMAC-SHA256 algorithm.

Pure functions: given the request that will be sent, return the headers that
sign it. The steps follow the algorithm the official SDK implements (see
``shared/reference/dis-api.md``); the unit tests hold it to the SDK's own
signatures byte for byte.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone
from urllib.parse import quote, unquote, urlsplit

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def encode(text):
    """Percent-encode everything but RFC 3986 unreserved characters (and '~')."""
    return quote(text, safe="~")


def canonical_uri(path):
    """Decode the path, re-encode each segment, and always end with '/'."""
    segments = [encode(unquote(segment)) for segment in path.split("/")]
    uri = "/".join(segments)
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(query):
    """Sort the raw query's pairs by key (then value) and encode them alike."""
    pairs = []
    for item in query.split("&") if query else []:
        key, _sep, value = item.partition("=")
        pairs.append((encode(unquote(key)), encode(unquote(value))))
    return "&".join("%s=%s" % pair for pair in sorted(pairs))


def signed_header_names(headers):
    """Lower-cased names of the headers that get signed, sorted.

    The SDK leaves out headers whose name holds an underscore, since proxies
    may drop them.
    """
    return sorted({name.lower() for name in headers if "_" not in name})


def canonical_request(method, url, headers, body):
    """Build the canonical request: the text whose hash gets signed."""
    parts = urlsplit(url)
    names = signed_header_names(headers)
    by_name = {name.lower(): str(value).strip() for name, value in headers.items()}
    header_lines = "".join("%s:%s\n" % (name, by_name[name]) for name in names)
    return "\n".join([
        method.upper(),
        canonical_uri(parts.path or "/"),
        canonical_query(parts.query),
        header_lines,
        ";".join(names),
        hashlib.sha256(body or b"").hexdigest(),
    ])


def string_to_sign(canonical, sdk_date):
    """Join the algorithm, the request date and the canonical request's hash."""
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return "\n".join([ALGORITHM, sdk_date, digest])


def sdk_date_now():
    """The current time in X-Sdk-Date format (UTC)."""
    return datetime.now(timezone.utc).strftime(DATE_FORMAT)


def sign(method, url, headers, body, access_key, secret_key, sdk_date=None, security_token=None):
    """Return a copy of ``headers`` with Host, X-Sdk-Date and Authorization added.

    ``url`` is the URL exactly as it will be sent (query already encoded);
    ``body`` the exact bytes. Host is set explicitly so that the value signed
    is the value sent.
    """
    signed = dict(headers)
    signed.setdefault("Host", urlsplit(url).netloc)
    signed[DATE_HEADER] = sdk_date or sdk_date_now()
    if security_token:
        signed["X-Security-Token"] = security_token
    if isinstance(body, str):
        body = body.encode("utf-8")
    names = signed_header_names(signed)
    canonical = canonical_request(method, url, signed, body)
    to_sign = string_to_sign(canonical, signed[DATE_HEADER])
    signature = hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    signed["Authorization"] = "%s Access=%s, SignedHeaders=%s, Signature=%s" % (
        ALGORITHM, access_key, ";".join(names), signature)
    return signed
