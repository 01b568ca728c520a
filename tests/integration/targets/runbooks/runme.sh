#!/usr/bin/env bash
# Run the collection's runbooks, playbooks/runbook_triage.yml and playbooks/runbook_restart.yml,
# as a user would: the demo inventory against the emulator serving the demo environments
# (demo/emulator-state.yml). Then check what they produced.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# Only what the demo inventory sets may pick an auth method; a token cache of its own.
isolate_from_caller
# Reports in a folder of their own.
DIS_REPORT_DIR=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/triage-reports.XXXXXX")
export DIS_REPORT_DIR
# The collection root holds tools/ (found by emulator.sh), demo/ and playbooks/.
collection_root=$(cd "$(emulator_tools_dir)/.." && pwd)
demo_inventory="$collection_root/playbooks/inventories/demo"

# A started task reports STARTING for one second before RUNNING.
start_emulator "$collection_root/demo/emulator-state.yml" --transition-seconds 1

ansible-playbook -i "$demo_inventory" "$collection_root/playbooks/runbook_triage.yml" "$@"
ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" triage_reports.yml "$@"

# Restart prod's ABNORMAL task (pause, then start), and resume dev's PAUSED one.
ansible-playbook -i "$demo_inventory" "$collection_root/playbooks/runbook_restart.yml" \
  -e restart_environment=prod -e restart_stream=payments -e restart_task=payments-to-obs \
  -e restart_wait_timeout=60 "$@"
ansible-playbook -i "$demo_inventory" "$collection_root/playbooks/runbook_restart.yml" \
  -e restart_environment=dev -e restart_stream=clickstream -e restart_task=clicks-to-obs \
  -e restart_mode=resume -e restart_wait_timeout=60 "$@"
ansible-playbook -i "$demo_inventory" restarted_tasks.yml "$@"
