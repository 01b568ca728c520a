#!/usr/bin/env bash
# Transient faults on the DIS emulator: a fleet audit (3 environments x 20 streams x 5
# tasks, details, and one task's logs, all pages; token, AK/SK and password auth) runs
# against a fault-free emulator and, at the same time, against five emulators injecting
# 10 % transient faults of every kind (429 with and without Retry-After, DIS.4303 /
# DIS.4305 throttling, 500, 503, connection reset, body cut short), one seed each. With
# the default retry settings every faulty run must return exactly what the fault-free
# run returned (ages aside: they follow the clock), and every fault kind must occur.
# One playbook run covers all six runs (one host per run and environment), which keeps
# Ansible's own start-up cost out of the loop. Bounded by AUDIT_TIMEOUT seconds.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

SEEDS=(1 2 3 4 5)
FAULT_RATE=0.1
AUDIT_TIMEOUT=300
ENVIRONMENTS=(env-a env-b env-c)
work=$(hardening_workdir faults)
make_fleet_state "$work/fleet.yml"
export XDG_CACHE_HOME=$work/cache

runs=(baseline)
urls=()
start_emulator "$work/fleet.yml"
urls+=("$DIS_EMULATOR_URL")
for seed in "${SEEDS[@]}"; do
  start_emulator "$work/fleet.yml" --fault-rate "$FAULT_RATE" --seed "$seed"
  runs+=("seed-$seed")
  urls+=("$DIS_EMULATOR_URL")
done

{
  echo "fleet:"
  echo "  hosts:"
  for index in "${!runs[@]}"; do
    mkdir -p "$work/results/${runs[$index]}"
    for environment in "${ENVIRONMENTS[@]}"; do
      echo "    ${runs[$index]}-$environment: {run_name: ${runs[$index]}, environment_name: $environment," \
        "emulator_url: '${urls[$index]}'}"
    done
  done
  echo "  vars: {ansible_connection: local, ansible_python_interpreter: '{{ ansible_playbook_python }}'}"
} >"$work/inventory.yml"

started=$SECONDS
RESULT_ROOT=$work/results ANSIBLE_FORKS=6 timeout "$AUDIT_TIMEOUT" \
  ansible-playbook -i "$work/inventory.yml" fleet_audit.yml "$@"
echo "six fleet audits (one fault-free, ${#SEEDS[@]} under faults): $((SECONDS - started)) s"

for index in "${!runs[@]}"; do
  hardening_py stats "${urls[$index]}" >"$work/${runs[$index]}.stats.json"
done
stop_emulator
for seed in "${SEEDS[@]}"; do
  hardening_py compare "$work/results/baseline" "$work/results/seed-$seed"
done
hardening_py fault-summary "$work"/seed-*.stats.json
