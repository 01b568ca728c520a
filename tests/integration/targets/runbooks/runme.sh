#!/usr/bin/env bash
# Run the collection's runbooks, playbooks/runbook_triage.yml and playbooks/runbook_restart.yml,
# as a user would: the demo inventory against the emulator serving the demo environments
# (demo/emulator-state.yml). Then check what they produced.
set -euo pipefail

# Only what the demo inventory sets: no credential of the caller may pick an auth method.
unset HW_ACCESS_KEY HW_SECRET_KEY CLOUD_SDK_AK CLOUD_SDK_SK HW_SECURITY_TOKEN HW_AUTH_TOKEN \
  HW_USER_NAME HW_PASSWORD HW_DOMAIN_NAME HW_PROJECT_ID CLOUD_SDK_PROJECT_ID HW_REGION_NAME \
  CLOUD_SDK_REGION HW_CLOUD HW_CA_BUNDLE

scratch=${OUTPUT_DIR:-${TMPDIR:-/tmp}}
# A token cache of its own, never the user's; reports in a folder of their own.
XDG_CACHE_HOME=$(mktemp -d "$scratch/xdg-cache.XXXXXX")
DIS_REPORT_DIR=$(mktemp -d "$scratch/triage-reports.XXXXXX")
export XDG_CACHE_HOME DIS_REPORT_DIR

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
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
