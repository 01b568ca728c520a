#!/usr/bin/env bash
# `make demo`: start the emulator with the demo environments, run the audit
# playbook over them, print where the report is, stop the emulator.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
python="$root/.venv/bin/python"
reports="${DIS_REPORT_DIR:-$root/reports}"
workdir=$(mktemp -d)
emulator_pid=""

stop() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop EXIT

PYTHONPATH="$root/tools" "$python" -m dis_emulator --state "$root/demo/emulator-state.yml" \
  --host 127.0.0.1 --port 0 >"$workdir/emulator.out" 2>"$workdir/emulator.err" &
emulator_pid=$!

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on //p' "$workdir/emulator.out")
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "The emulator did not start:" >&2
  cat "$workdir/emulator.err" >&2
  exit 1
fi
echo "Emulator with the demo environments (dev, staging, prod) at $url"

# Token cache in a throwaway folder: the demo must not touch the user's own cache.
export XDG_CACHE_HOME="$workdir/cache"
export HW_DIS_ENDPOINT="$url" HW_IAM_ENDPOINT="$url"
export DIS_REPORT_DIR="$reports"
export ANSIBLE_COLLECTIONS_PATH="$root/build/collections"
export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
# The demo data drifts on purpose: report it without failing the demo.
"$root/.venv/bin/ansible-playbook" -i "$root/playbooks/inventories/demo" "$root/playbooks/audit.yml" \
  -e audit_fail_on_drift=false "$@"
echo "Reports written to $reports"
