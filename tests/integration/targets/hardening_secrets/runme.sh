#!/usr/bin/env bash
# Secrets: secret_key, security_token, auth_token, password (right and wrong ones), the
# DWS descriptors' user_password and every IAM token the emulator issued (it lists them in
# a file only this script reads) must never appear in what Ansible shows at -vvvv (stdout
# and stderr), in its log file, in the reports the playbook writes, in Ansible's temporary
# folders, nor in the token cache (which may hold a token, nothing else). Every auth
# method runs, with its options as parameters and from HW_* environment variables,
# succeeding and failing (wrong credential, a service that echoes the credential, the
# server gone, a token refused mid-run). Then the token cache: 0600 in 0700, ignored
# with a warning when looser, owned by another user, or a symlink.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

work=$(hardening_workdir secrets)
values=$work/secret-values   # what to search for: read by this script only
mkdir -p "$values" "$work/output" "$work/reports" "$work/ansible-local" "$work/ansible-remote"
hardening_py secret-values "$(hardening_credentials)" >"$values/secrets.json"
make_fleet_state "$work/state.yml" --projects 1 --streams 2 --tasks 5 --logs 3 --paused 4
start_emulator "$work/state.yml" --issued-tokens-file "$values/issued-tokens.txt"

export XDG_CACHE_HOME=$work/cache REPORT_DIR=$work/reports
export ANSIBLE_LOG_PATH=$work/output/ansible.log ANSIBLE_LOCAL_TEMP=$work/ansible-local \
  ANSIBLE_REMOTE_TMP=$work/ansible-remote

# play NAME PLAYBOOK [ARGS]: run at -vvvv, keeping stdout and stderr for the search.
play() {
  local name=$1 playbook=$2 status=0
  shift 2
  timeout 300 ansible-playbook -vvvv -i "$INVENTORY_PATH" "$playbook" "$@" \
    >"$work/output/$name.stdout" 2>"$work/output/$name.stderr" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$playbook failed ($status); the end of its output:" >&2
    tail -n 80 "$work/output/$name.stdout" >&2
    return "$status"
  fi
  grep -E '^(PLAY RECAP|testhost +:)' "$work/output/$name.stdout" || true
}

echo "== every auth method, options as parameters, succeeding and failing"
play params secrets.yml
echo "== credentials from HW_* environment variables"
(
  eval "$(hardening_py credential-env "$(hardening_credentials)" password)"
  play environment-password secrets_env.yml -e "auth_name=password echoed_variable=HW_PASSWORD"
)
(
  eval "$(hardening_py credential-env "$(hardening_credentials)" aksk-temporary)"
  play environment-aksk secrets_env.yml -e "auth_name=aksk-temporary echoed_variable=HW_SECURITY_TOKEN"
)
echo "== the token cache: permissions, owner, symlinks"
play token_cache token_cache.yml -e "running_as_root=$([ "$(id -u)" -eq 0 ] && echo true || echo false)"

stop_emulator
issued=$(wc -l <"$values/issued-tokens.txt")
echo "$issued IAM tokens issued during the runs"
[ "$issued" -ge 3 ]
# Everything written, except the token cache, must hold no secret and no token.
hardening_py scan-secrets --values "$values/secrets.json" --values "$values/issued-tokens.txt" \
  "$work/output" "$work/reports" "$work/ansible-local" "$work/ansible-remote"
# The token cache may hold tokens, never a password or key.
hardening_py scan-secrets --values "$values/secrets.json" "$work/cache"
# The search itself finds what it looks for: a planted secret must make it fail.
mkdir -p "$work/canary"
grep -h '"hardening_password"' "$values/secrets.json" >"$work/canary/leak.txt"
if hardening_py scan-secrets --values "$values/secrets.json" "$work/canary" >/dev/null 2>&1; then
  echo "scan-secrets missed a planted secret" >&2
  exit 1
fi
