#!/usr/bin/env bash
# System tools `make test` uses beyond Python: shellcheck (so ansible-test's shellcheck
# sanity test runs instead of skipping) and Chromium (the HTML report is rendered and
# screenshotted by the audit integration test). Installed from Debian's packages when
# missing and apt-get can run; otherwise say what is missing: the tests that need a
# tool fail with a message naming it.
set -euo pipefail

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "installed: ${missing[*]}"
    exit 0
  fi
fi
echo "warning: could not install ${missing[*]} (needs root and apt-get); install them for a complete make test" >&2
