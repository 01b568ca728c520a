#!/usr/bin/env bash
# Every entry of the emulator's malformed-answer corpus (HTML error pages, empty bodies,
# JSON that is not an object, wrong types in every field, invalid UTF-8, nesting deeper
# than parsers go, 32 MiB bodies, ...) is served once, on one of the seven routes the
# modules use (in turn), to a real module run through ansible-playbook. Every run must
# end in facts or in fail_json with a readable msg and the error dict: never a
# traceback, never a crash. (The unit test test_hardening_malformed.py serves the whole
# corpus on every route, in process.)
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

# The order the scenarios of malformed.yml run in: no run passes a route whose queue of
# answers is not used up yet (the details run lists first, the action run too).
ROUTES=(
  "GET /v2/{project_id}/streams"
  "GET /v2/{project_id}/streams/{stream_name}/transfer-tasks"
  "GET /v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}"
  "POST /v3/auth/tokens"
  "GET /v3/projects"
  "POST /v1/transfertasklog/{task_id}"
  "POST /v2/{project_id}/streams/{stream_name}/transfer-tasks/action"
)

work=$(hardening_workdir malformed)
export XDG_CACHE_HOME=$work/cache
make_fleet_state "$work/state.yml" --projects 1 --streams 1 --tasks 1 --logs 3 --paused 10
start_emulator "$work/state.yml"
hardening_py deal-corpus "$DIS_EMULATOR_URL" "${ROUTES[@]}" >"$work/plan.json"
timeout 300 ansible-playbook -i "$INVENTORY_PATH" malformed.yml -e "@$work/plan.json" "$@"
