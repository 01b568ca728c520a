#!/usr/bin/env bash
# Create (or update) the project's virtual environment with the pinned tools.
# Usage: scripts/make-venv.sh PYTHON VENV_DIR REQUIREMENTS_FILE
set -euo pipefail

python=${1:?usage: $0 PYTHON VENV_DIR REQUIREMENTS_FILE}
venv=${2:?usage: $0 PYTHON VENV_DIR REQUIREMENTS_FILE}
requirements=${3:?usage: $0 PYTHON VENV_DIR REQUIREMENTS_FILE}

# ansible-core 2.19 is the newest line for Python 3.11 and the pins assume 3.11: refuse
# anything else with a message that says what to install.
if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: '$python' not found. Install Python 3.11 (with its venv module)" \
    "or run 'make PYTHON=/path/to/python3.11 ...'." >&2
  exit 1
fi
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != 3.11 ]; then
  echo "error: '$python' is Python $version; this project's tools need Python 3.11." >&2
  exit 1
fi

if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv with $python"
  # A half-made venv would pass the check above next time: remove it on failure.
  "$python" -m venv "$venv" || { rm -rf "$venv"; exit 1; }
fi
echo "installing $requirements into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
