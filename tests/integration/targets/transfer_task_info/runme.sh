#!/usr/bin/env bash
# transfer_task_info against the DIS emulator: options, failures, auth methods and
# environment fallbacks, and a project with more streams than one list-streams page.
set -uo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# Only what the playbooks set may pick an auth method; a token cache of its own.
isolate_from_caller || exit 1
start_emulator state.yml || exit 1

# Every playbook runs even when one fails (none depends on another); the script fails
# if any did.
failed=0
for playbook in options.yml failures.yml auth.yml scale.yml; do
  ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" "$playbook" "$@" || failed=1
done
exit "$failed"
