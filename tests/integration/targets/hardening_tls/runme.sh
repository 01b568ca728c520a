#!/usr/bin/env bash
# TLS: a private CA and a server certificate for 127.0.0.1 are made for this run (trustme),
# and the emulator serves HTTPS with them. validate_certs: true (the default) must fail
# without ca_bundle with a clear TLS error and succeed with it; another CA's bundle, a
# file that is not a certificate and a missing file fail clearly; validate_certs: false
# succeeds with a warning.
set -euo pipefail

# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
# shellcheck source=../setup_hardening/hardening.sh
source ../setup_hardening/hardening.sh

work=$(hardening_workdir tls)
hardening_py tls-files "$work/pki"
make_fleet_state "$work/state.yml" --projects 1 --streams 1 --tasks 2 --logs 0
start_emulator "$work/state.yml" --tls-cert "$work/pki/server.pem" --tls-key "$work/pki/server.key"
case $DIS_EMULATOR_URL in
  https://*) ;;
  *) echo "the emulator does not speak TLS: $DIS_EMULATOR_URL" >&2; exit 1 ;;
esac
# Trust must come from the options under test, not from the caller's environment.
unset REQUESTS_CA_BUNDLE CURL_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR HW_CA_BUNDLE
export XDG_CACHE_HOME=$work/cache PKI_DIR=$work/pki
timeout 240 ansible-playbook -i "$INVENTORY_PATH" tls.yml "$@"
