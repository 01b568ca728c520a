# shellcheck shell=bash
# Shared helpers of the hardening_* integration targets (source after ../setup_emulator/emulator.sh).
#
#   source ../setup_emulator/emulator.sh
#   source ../setup_hardening/hardening.sh
#   work=$(hardening_workdir faults)            # a fresh scratch folder for this target
#   make_fleet_state "$work/fleet.yml" [--streams 20 ...]
#   hardening_py stats "$DIS_EMULATOR_URL"      # any subcommand of hardening.py
#
# Every helper is bounded: the Python helpers use timeouts on each request.

_hardening_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Run hardening.py (compare, stats, free-port, scan-secrets, tls-files, ...) with the controller's Python.
hardening_py() {
  "$(emulator_python)" "$_hardening_dir/hardening.py" "$@"
}

# Print a new empty scratch folder for this target under OUTPUT_DIR (or a temporary one).
hardening_workdir() {
  local name=${1:?usage: hardening_workdir NAME} base
  base=${OUTPUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/hardening.XXXXXX")}
  rm -rf "${base:?}/$name"
  mkdir -p "$base/$name"
  printf '%s\n' "$base/$name"
}

# make_fleet_state OUT [fleet_state.py options]: the fleet state file with the shared credentials.
make_fleet_state() {
  local out=${1:?usage: make_fleet_state OUT [OPTIONS]} tools
  shift
  tools=$(emulator_tools_dir) || return 1
  PYTHONPATH="$tools${PYTHONPATH:+:$PYTHONPATH}" "$(emulator_python)" "$_hardening_dir/fleet_state.py" \
    "$_hardening_dir/credentials.yml" "$out" "$@"
}

# The credentials file the playbooks load with vars_files.
hardening_credentials() {
  printf '%s\n' "$_hardening_dir/credentials.yml"
}
