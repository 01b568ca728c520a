#!/usr/bin/env bash
# Put scripts/get_pip_shim.py where ansible-test looks for its cached pip bootstrap
# script, so that ansible-test can create virtual environments without reaching the
# download host (unreachable from this project's machines and CI).
# Usage: scripts/install-get-pip-shim.sh VENV_DIR
set -euo pipefail

venv=${1:?usage: $0 VENV_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shim="$here/get_pip_shim.py"
marker='hwcloud.dis get-pip shim'

# The pip version is pinned inside ansible-test (get_venv_packages); read it from the
# installed copy rather than hard-coding it, so an ansible-core upgrade keeps working.
requirements=$(find "$venv"/lib/python3*/site-packages/ansible_test/_internal \
  -maxdepth 1 -name python_requirements.py -print -quit)
[ -n "$requirements" ] || { echo "ansible-test not found in $venv" >&2; exit 1; }
pip_version=$(sed -n "s/^ *pip='\([0-9.]*\)',\$/\1/p" "$requirements" | head -n 1)
[ -n "$pip_version" ] || { echo "cannot read the pip version from $requirements" >&2; exit 1; }

# Same path as ansible_test/_util/target/setup/requirements.py builds.
target="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"

# A real get-pip.py that someone downloaded is left alone; ours is refreshed.
if [ -f "$target" ] && ! grep -q "$marker" "$target"; then
  echo "keeping existing pip bootstrap script: $target"
  exit 0
fi
if ! cmp -s "$shim" "$target"; then
  mkdir -p "$(dirname "$target")"
  cp "$shim" "$target"
  echo "installed pip bootstrap shim: $target"
fi
