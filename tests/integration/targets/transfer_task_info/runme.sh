#!/usr/bin/env bash
# transfer_task_info against the DIS emulator: options, failures, auth methods and
# environment fallbacks, and a project with more streams than one list-streams page.
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
start_emulator state.yml || exit 1

# Every playbook runs even when one fails (none depends on another); the script fails
# if any did.
failed=0
for playbook in options.yml failures.yml auth.yml scale.yml; do
  ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" "$playbook" "$@" || failed=1
done
exit "$failed"
