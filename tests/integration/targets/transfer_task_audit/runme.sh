#!/usr/bin/env bash
# Drift audit and parity against the emulator: the role (facts, reports, failing or not,
# desired states with typos), playbooks/audit.yml (exit status, check mode, diff mode,
# combined reports in every format, the HTML rendered by headless Chromium when one is
# installed) and playbooks/parity.yml.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
start_emulator state.yml

python=${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}
REPORT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dis-audit-reports.XXXXXX")
export REPORT_DIR
log="$REPORT_DIR/output.log"
export ANSIBLE_LOCALHOST_WARNING=false
# Token caches of this test stay in its own folder.
export XDG_CACHE_HOME="$REPORT_DIR/cache"

# expect STATUS COMMAND...: run COMMAND, its output in $log (and on the terminal), and
# check its exit status.
expect() {
  local wanted=$1 status=0
  shift
  "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
  if [ "$status" -ne "$wanted" ]; then
    echo "runme.sh: '$*' exited $status, expected $wanted" >&2
    exit 1
  fi
}

# contains TEXT: the last command's output contains TEXT.
contains() {
  if ! grep -qF -- "$1" "$log"; then
    echo "runme.sh: the output lacks: $1" >&2
    exit 1
  fi
}

audit=(ansible-playbook -i inventory.yml hwcloud.dis.audit)
parity=(ansible-playbook -i inventory.yml hwcloud.dis.parity)
drifted_rules="destination_setting,destination_type,discards,missing_stream,missing_task,partition_abnormal,stale,state,unexpected_task"

# The role on its own.
expect 0 ansible-playbook -i inventory.yml role.yml "$@"
expect 0 ansible-playbook -i inventory.yml role_outcome.yml "$@"

# The audit playbook fails on drift, after writing every report.
expect 2 "${audit[@]}" -e "dis_report_dir=$REPORT_DIR/audit" "$@"
contains "findings at or above warning (drifted: 12, broken: 1, partial: 1)"
contains "| clean       | ok         |"
"$python" check_reports.py "$REPORT_DIR/audit" audit "drifted=$drifted_rules" clean= \
  broken=query_failed partial=query_failed
# A person opening the HTML report sees the tables, rows coloured by severity.
"$python" check_screenshot.py "$REPORT_DIR/audit/audit.html" "$REPORT_DIR/audit/audit.png" 3
for environment in drifted clean broken partial; do
  "$python" -c 'import json, sys; json.load(open(sys.argv[1]))' "$REPORT_DIR/audit/audit-$environment.json"
done

# ... passes when nothing drifted, and writes only the formats asked for.
expect 0 "${audit[@]}" -e "dis_report_dir=$REPORT_DIR/clean" -e '{"audit_formats": ["json"]}' --limit clean "$@"
contains "Reports: $REPORT_DIR/clean/audit.json"
[ "$(cd "$REPORT_DIR/clean" && echo *)" = "audit-clean.json audit.json" ]

# Check mode lists and reports as usual.
expect 2 "${audit[@]}" -e "dis_report_dir=$REPORT_DIR/check" --check "$@"
"$python" check_reports.py "$REPORT_DIR/check" audit "drifted=$drifted_rules" clean=

# Diff mode shows expected (-) against actual (+), and only what drifted; with
# audit_fail_on_drift=false the run reports without failing.
expect 0 "${audit[@]}" -e "dis_report_dir=$REPORT_DIR/diff" -e audit_fail_on_drift=false --check --diff \
  --limit drifted "$@"
contains "-      state: RUNNING"
contains "+      state: PAUSED"
contains "+        obs_bucket_path: wrong-bucket"
contains "+      last_transfer: 3d ago"
if grep -qE '^[-+] .*orders-sleeping' "$log"; then
  echo "runme.sh: the diff shows a task that did not drift" >&2
  exit 1
fi

# Parity: drifted against clean (the reference).
expect 2 "${parity[@]}" -e '{"parity_environments": ["clean", "drifted"]}' -e "dis_report_dir=$REPORT_DIR/parity" "$@"
contains "drifted: dump task orders/orders-extra exists in drifted but not in clean"
"$python" check_reports.py "$REPORT_DIR/parity" parity \
  "drifted=destination_setting,destination_type,missing_task,state,unexpected_task"
contains "drifted: orders/orders-paused: state is PAUSED in drifted and RUNNING in clean"

# Settings allowed to differ and tasks left out are not differences.
expect 0 "${parity[@]}" -e "dis_report_dir=$REPORT_DIR/parity-ignore" -e @parity_ignore.yml "$@"
contains "| drifted     | ok     |"

# Two environments are needed.
expect 2 "${parity[@]}" -e '{"parity_environments": ["clean"]}' -e "dis_report_dir=$REPORT_DIR/parity-one" "$@"
contains "parity_environments must name two or more hosts"

rm -rf "$REPORT_DIR"
