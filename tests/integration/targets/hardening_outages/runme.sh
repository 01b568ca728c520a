#!/usr/bin/env bash
# Persistent faults: one emulator per kind answers every API request with it (503, DIS
# throttling, 429, connection reset, body cut short), one is slower than the timeout, and
# one endpoint has nobody listening. Every run must fail within its retry budget with a
# message naming the operation, the status and the attempts; the emulators' counters
# prove how many attempts were made. Small retries and timeouts keep it fast, except one
# run with the defaults that measures the real budget of a persistent 503.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

work=$(hardening_workdir outages)
make_fleet_state "$work/state.yml" --projects 1 --streams 2 --tasks 1 --logs 0

declare -A url
for kind in 503 throttle 429 reset truncate; do
  start_emulator "$work/state.yml" --fault-rate 1 --fault-kinds "$kind"
  url[$kind]=$DIS_EMULATOR_URL
done
# Slower than the 1 s timeout the playbook sets; faster than the 10 s it sets for the success.
start_emulator "$work/state.yml" --latency-ms 2500
url[slow]=$DIS_EMULATOR_URL
url[gone]=http://127.0.0.1:$(hardening_py free-port)

timeout 300 ansible-playbook -i "$INVENTORY_PATH" outages.yml \
  -e "url_503=${url[503]} url_throttle=${url[throttle]} url_429=${url[429]} url_reset=${url[reset]}" \
  -e "url_truncate=${url[truncate]} url_slow=${url[slow]} url_gone=${url[gone]}" "$@"
