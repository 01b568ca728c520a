#!/usr/bin/env bash
# Smoke test of the integration harness: the emulator starts from its state file, the
# endpoint variables reach Ansible, and the emulator answers HTTP.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
start_emulator state.yml

# INVENTORY_PATH is the inventory ansible-test generated for this run.
ansible-playbook -i "${INVENTORY_PATH:-../../inventory}" smoke.yml "$@"
