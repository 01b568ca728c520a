# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A per-user file cache of IAM tokens, so that password auth asks IAM once a day.

Every module run is a new process; without the cache each run would cost an
extra IAM round trip and count against IAM's rate limits. The cache holds the
token, its expiry and its project id, never a password. It lives in
``$XDG_CACHE_HOME/hwcloud.dis/tokens`` (``~/.cache`` by default): the folder is
mode 0700, each file 0600, and a folder or file that others could read or
that another user owns is ignored with a warning rather than trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time

# Tokens are valid 24 h; stop using one this long before it expires, so that it
# cannot run out in the middle of a module run.
EXPIRY_MARGIN_SECONDS = 600


def default_directory():
    """The cache folder for the current user."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "hwcloud.dis", "tokens")


def cache_key(*identity):
    """A file name derived from who asks for which scope; it reveals neither."""
    text = json.dumps([str(part) for part in identity])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TokenCache:
    """Read and write cached tokens under one folder."""

    def __init__(self, directory=None, warn=None, clock=time.time):
        self.directory = directory or default_directory()
        self.warn = warn or (lambda message: None)
        self.clock = clock

    def _path(self, key):
        return os.path.join(self.directory, key + ".json")

    def _is_private(self, path, is_dir):
        """True when ``path`` belongs to us and nobody else may read it."""
        try:
            info = os.lstat(path)
        except OSError:
            return False
        kind_ok = stat.S_ISDIR(info.st_mode) if is_dir else stat.S_ISREG(info.st_mode)
        if not kind_ok or info.st_uid != os.getuid() or info.st_mode & 0o077:
            self.warn("Ignoring the token cache %s %s: it must be owned by you and not readable by others "
                      "(mode %s)." % ("folder" if is_dir else "file", path, "0700" if is_dir else "0600"))
            return False
        return True

    def get(self, key):
        """Return the cached entry (a dict) if it is valid for a while yet, else None."""
        path = self._path(key)
        if not os.path.exists(path):
            return None
        if not (self._is_private(self.directory, True) and self._is_private(path, False)):
            return None
        try:
            with open(path, encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("token"), str):
            return None
        expires_at = entry.get("expires_at")
        if not isinstance(expires_at, (int, float)) or expires_at - EXPIRY_MARGIN_SECONDS <= self.clock():
            return None
        return entry

    def put(self, key, token, expires_at, project_id=None):
        """Store a token atomically with owner-only permissions."""
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            if not self._is_private(self.directory, True):
                return
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            try:
                os.fchmod(handle, 0o600)
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump({"token": token, "expires_at": expires_at, "project_id": project_id}, stream)
                os.replace(temporary, self._path(key))
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            self.warn("Could not write the token cache in %s: %s" % (self.directory, exc.strerror or exc))

    def drop(self, key):
        """Forget a token the service refused."""
        try:
            os.unlink(self._path(key))
        except OSError:
            pass
