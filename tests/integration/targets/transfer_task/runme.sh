#!/usr/bin/env bash
# transfer_task against the DIS emulator. Every playbook runs even when one fails (each
# acts on tasks of its own); the script fails if any did.
set -uo pipefail

# Only what the playbooks set: no credential of the caller may pick an auth method.
unset HW_ACCESS_KEY HW_SECRET_KEY CLOUD_SDK_AK CLOUD_SDK_SK HW_SECURITY_TOKEN HW_AUTH_TOKEN \
  HW_USER_NAME HW_PASSWORD HW_DOMAIN_NAME HW_PROJECT_ID CLOUD_SDK_PROJECT_ID HW_REGION_NAME \
  CLOUD_SDK_REGION HW_CLOUD HW_CA_BUNDLE

# A token cache of its own, never the user's (OUTPUT_DIR is ansible-test's scratch folder).
XDG_CACHE_HOME=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/xdg-cache.XXXXXX") || exit 1
export XDG_CACHE_HOME

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
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
