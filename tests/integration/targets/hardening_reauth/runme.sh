#!/usr/bin/env bash
# IAM token expiry with password auth and the token cache:
#   1. a first run obtains a token and caches it; the emulator then expires every token
#      (POST /_emulator/expire-tokens) and the next run, starting from the cached token,
#      re-authenticates once and succeeds;
#   2. the emulator expires every token after 30 more API requests, in the middle of a
#      run with details: one re-authentication, same result;
#   3. an emulator whose tokens live 2 s (--token-ttl) and answer in 40 ms: a run of about
#      120 requests outlives several tokens; each refusal costs one re-authentication.
# Every run's result must equal the first one's (ages aside).
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

work=$(hardening_workdir reauth)
make_fleet_state "$work/state.yml" --projects 1 --streams 20 --tasks 5 --logs 0
export XDG_CACHE_HOME=$work/cache RESULT_DIR=$work/results
mkdir -p "$RESULT_DIR"

start_emulator "$work/state.yml" --token-ttl 2 --latency-ms 40
short_lived_url=$DIS_EMULATOR_URL
start_emulator "$work/state.yml"

timeout 240 ansible-playbook -i "$INVENTORY_PATH" reauth.yml -e "short_lived_url=$short_lived_url" "$@"
for run in expired-between-runs expired-mid-run short-lived-tokens; do
  hardening_py compare "$RESULT_DIR/first" "$RESULT_DIR/$run"
done
