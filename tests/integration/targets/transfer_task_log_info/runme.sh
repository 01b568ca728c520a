#!/usr/bin/env bash
# transfer_task_log_info against the DIS emulator: reading (lookup, order, paging, time
# windows, summary, query) and every failure path.
set -uo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# Only what the playbooks set may pick an auth method; a token cache of its own.
isolate_from_caller || exit 1
start_emulator state.yml || exit 1

# Every playbook runs even when one fails (none depends on another); the script fails
# if any did.
failed=0
for playbook in reading.yml failures.yml; do
  ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" "$playbook" "$@" || failed=1
done
exit "$failed"
