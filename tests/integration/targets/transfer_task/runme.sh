#!/usr/bin/env bash
# transfer_task against the DIS emulator. Every playbook runs even when one fails (each
# acts on tasks of its own); the script fails if any did.
set -uo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# Only what the playbooks set may pick an auth method; a token cache of its own.
isolate_from_caller || exit 1
failed=0

# A started task reports STARTING for one second.
start_emulator state.yml --transition-seconds 1 || exit 1
for playbook in actions.yml listing_without_ids.yml; do
  ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" "$playbook" "$@" || failed=1
done

# A started task reports STARTING for ten minutes: a short wait times out.
start_emulator state.yml --transition-seconds 600 || exit 1
ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" wait_timeout.yml "$@" || failed=1

exit "$failed"
