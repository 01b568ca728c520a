# shellcheck shell=bash
# Shared helpers for runme.sh integration targets that talk to the DIS emulator.
#
# Use from a target whose aliases hold `needs/target/setup_emulator` (ansible-test then
# copies this folder next to the target):
#
#   source ../setup_emulator/emulator.sh
#   start_emulator state.yml [--latency-ms 50 ...]   # exports DIS_EMULATOR_URL, HW_*_ENDPOINT
#   ansible-playbook -i "$INVENTORY_PATH" play.yml "$@"
#
# The emulator is stopped when the script exits (an EXIT trap set here: a target that
# needs its own EXIT trap calls stop_emulator from it).
#
# Why the lookups below: ansible-test runs each target from a temporary copy of
# tests/integration under tests/output/.tmp/ and passes only a few environment variables
# (PATH, HOME, ...). tools/ is not in that copy, but ANSIBLE_COLLECTIONS_PATH is set to
# the folder holding ansible_collections/hwcloud/dis, whose tools/ is there.
# DIS_EMULATOR_TOOLS and DIS_EMULATOR_PYTHON override both lookups (for runs by hand).

_emulator_pids=()
_emulator_logs=()

# Print the folder that holds the dis_emulator package.
emulator_tools_dir() {
  local root dir
  if [ -n "${DIS_EMULATOR_TOOLS:-}" ]; then
    printf '%s\n' "$DIS_EMULATOR_TOOLS"
    return 0
  fi
  # Under ansible-test, and under `make` (build/collections links to the repository).
  local IFS=:
  for root in ${ANSIBLE_COLLECTIONS_PATH:-}; do
    dir="$root/ansible_collections/hwcloud/dis/tools"
    if [ -d "$dir/dis_emulator" ]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  # Run by hand from a checkout: walk up to the collection root.
  dir=$PWD
  while [ "$dir" != / ]; do
    if [ -f "$dir/galaxy.yml" ] && [ -d "$dir/tools/dis_emulator" ]; then
      printf '%s\n' "$dir/tools"
      return 0
    fi
    dir=$(dirname "$dir")
  done
  echo "emulator.sh: cannot find tools/dis_emulator (set DIS_EMULATOR_TOOLS)" >&2
  return 1
}

# Print the Python to run the emulator with: the controller's, which has PyYAML.
# Under ansible-test, `python` on PATH is the controller's Python (its injector puts it
# first); python3 may be a system one without the project's packages.
emulator_python() {
  if [ -n "${DIS_EMULATOR_PYTHON:-}" ]; then
    printf '%s\n' "$DIS_EMULATOR_PYTHON"
  elif [ -n "${ANSIBLE_TEST_PYTHON_INTERPRETER:-}" ]; then
    printf '%s\n' "$ANSIBLE_TEST_PYTHON_INTERPRETER"
  elif command -v python >/dev/null 2>&1; then
    echo python
  else
    echo python3
  fi
}

# start_emulator STATE_FILE [EMULATOR ARGS...]
# Start the emulator in the background on a free loopback port, wait until it says it
# listens, and point the collection's endpoint options at it.
start_emulator() {
  local state_file=${1:?usage: start_emulator STATE_FILE [ARGS...]}
  shift
  local tools python log pid url waited=0
  local timeout_tenths=$(( ${EMULATOR_START_TIMEOUT:-30} * 10 ))
  tools=$(emulator_tools_dir) || return 1
  python=$(emulator_python)
  log=$(mktemp "${TMPDIR:-/tmp}/dis-emulator.XXXXXX")

  PYTHONPATH="$tools${PYTHONPATH:+:$PYTHONPATH}" "$python" -u -m dis_emulator \
    --state "$state_file" --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  pid=$!
  _emulator_pids+=("$pid")
  _emulator_logs+=("$log")
  trap stop_emulator EXIT

  # The port is only known once the emulator prints its ready line.
  until url=$(sed -n 's|^listening on \(https\{0,1\}://[^ ]*\).*|\1|p' "$log") && [ -n "$url" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      _emulator_abandon "the emulator exited before it was ready"
      return 1
    fi
    if [ "$waited" -ge "$timeout_tenths" ]; then
      _emulator_abandon "no 'listening on' line after ${EMULATOR_START_TIMEOUT:-30} s"
      return 1
    fi
    sleep 0.1
    waited=$(( waited + 1 ))
  done

  export DIS_EMULATOR_URL=$url HW_DIS_ENDPOINT=$url HW_IAM_ENDPOINT=$url
  echo "emulator (pid $pid) listening on $url"
}

# Report a start that failed with the emulator's output, and forget that emulator (the
# latest one started) so the exit trap does not report it again.
_emulator_abandon() {
  local pid=${_emulator_pids[-1]} log=${_emulator_logs[-1]}
  echo "emulator.sh: $1; its output:" >&2
  cat "$log" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
  unset '_emulator_pids[-1]' '_emulator_logs[-1]'
}

# Stop every emulator this script started; show their output if the script failed.
stop_emulator() {
  local status=$? i pid
  for i in "${!_emulator_pids[@]}"; do
    pid=${_emulator_pids[$i]}
    kill -TERM "$pid" 2>/dev/null || true
    # Give it 5 s to finish in-flight requests, then make sure it is gone.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$status" -ne 0 ]; then
      echo "--- emulator (pid $pid) output, last 50 lines:" >&2
      tail -n 50 "${_emulator_logs[$i]}" >&2
    fi
    rm -f "${_emulator_logs[$i]}"
  done
  _emulator_pids=()
  _emulator_logs=()
  return "$status"
}

# isolate_from_caller
# Forget every connection and credential variable of the caller, so that only what a
# test sets can pick an auth method, and give the run a token cache of its own (in
# ansible-test's scratch folder), never the user's.
isolate_from_caller() {
  unset HW_ACCESS_KEY HW_SECRET_KEY CLOUD_SDK_AK CLOUD_SDK_SK HW_SECURITY_TOKEN HW_AUTH_TOKEN \
    HW_USER_NAME HW_PASSWORD HW_DOMAIN_NAME HW_PROJECT_ID CLOUD_SDK_PROJECT_ID HW_REGION_NAME \
    CLOUD_SDK_REGION HW_CLOUD HW_CA_BUNDLE
  XDG_CACHE_HOME=$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/xdg-cache.XXXXXX") || return 1
  export XDG_CACHE_HOME
}
