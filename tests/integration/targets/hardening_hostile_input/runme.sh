#!/usr/bin/env bash
# Hostile names and ids (../, /, %2F, ?, #, newlines, over-long, non-ASCII, ...) in every
# option that ends up in a URL path, through all three modules and every auth method:
# each run fails with InvalidInput naming the option, and the emulator's counters show
# that not one request (not even to IAM) went out.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

work=$(hardening_workdir hostile_input)
export XDG_CACHE_HOME=$work/cache
make_fleet_state "$work/state.yml" --projects 1 --streams 1 --tasks 1 --logs 0
start_emulator "$work/state.yml"
timeout 300 ansible-playbook -i "$INVENTORY_PATH" hostile_names.yml "$@"
