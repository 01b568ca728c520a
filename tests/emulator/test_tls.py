"""HTTPS with a private CA made by trustme, verified by requests."""

import requests
import trustme

from .emulator_testdata import PROJECT_A, STATIC_TOKEN

TIMEOUT = 10


def test_emulator_serves_https_verified_against_a_private_ca(emulator_factory, tmp_path):
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    chain, key, ca_file = tmp_path / "chain.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    certificate.private_key_pem.write_to_path(str(key))
    chain.write_bytes(b"".join(blob.bytes() for blob in certificate.cert_chain_pems))
    authority.cert_pem.write_to_path(str(ca_file))

    emulator = emulator_factory("--tls-cert", str(chain), "--tls-key", str(key))
    assert emulator.url.startswith("https://127.0.0.1:")

    response = requests.get(f"{emulator.url}/v2/{PROJECT_A}/streams", headers={"X-Auth-Token": STATIC_TOKEN},
                            verify=str(ca_file), timeout=TIMEOUT)
    assert response.status_code == 200 and response.json()["total_number"] == 3

    try:
        requests.get(f"{emulator.url}/_emulator/stats", timeout=TIMEOUT)  # system CAs do not know ours
    except requests.exceptions.SSLError:
        pass
    else:
        raise AssertionError("a certificate from an unknown CA was accepted")
