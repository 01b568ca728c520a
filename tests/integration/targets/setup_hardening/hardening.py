# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of the hardening_* integration targets, one subcommand each.

    hardening.py stats URL                      the emulator's counters (JSON)
    hardening.py free-port                      a loopback port nothing listens on
    hardening.py compare BASELINE RUN           audit results equal, clock-derived ages aside
    hardening.py fault-summary STATS...         faults by kind over runs; every kind must occur
    hardening.py tls-files DIR                  a private CA, a server certificate and another CA
    hardening.py scan-secrets VALUES PATH...    no secret value in any file under PATHs
    hardening.py deal-corpus URL ROUTE...       the malformed corpus dealt to routes in turn (JSON)
    hardening.py secret-values CREDENTIALS      the secrets of credentials.yml as JSON (name: value)
    hardening.py credential-env CREDENTIALS M   export lines of HW_* variables for auth method M

Standard library only, except trustme (tls-files) and PyYAML (secret-values). Every request has a timeout.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shlex
import socket
import sys
import urllib.request

TIMEOUT = 10
# Seconds since a timestamp change from one run to the next; everything else must not.
CLOCK_DERIVED_SUFFIX = "_age_seconds"
FAULT_KINDS = ("429", "throttle", "500", "503", "reset", "truncate")


def _request(url):
    """GET a JSON document from the emulator."""
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # nosec - loopback emulator only
        return json.loads(response.read().decode("utf-8"))


def stats(arguments):
    """Print the emulator's counters."""
    print(json.dumps(_request(arguments.url.rstrip("/") + "/_emulator/stats"), sort_keys=True))


def free_port(_arguments):
    """Print a loopback port that was free a moment ago: a 'server gone' endpoint."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        print(probe.getsockname()[1])


def without_clock(value):
    """``value`` without the keys whose values depend on when the audit ran."""
    if isinstance(value, dict):
        return {key: without_clock(item) for key, item in value.items() if not key.endswith(CLOCK_DERIVED_SUFFIX)}
    if isinstance(value, list):
        return [without_clock(item) for item in value]
    return value


def _first_difference(expected, actual, path="$"):
    if type(expected) is not type(actual):
        return "%s: %s vs %s" % (path, type(expected).__name__, type(actual).__name__)
    if isinstance(expected, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in expected or key not in actual:
                return "%s.%s: present on one side only" % (path, key)
            found = _first_difference(expected[key], actual[key], "%s.%s" % (path, key))
            if found:
                return found
        return None
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return "%s: %d items vs %d" % (path, len(expected), len(actual))
        for index, (left, right) in enumerate(zip(expected, actual)):
            found = _first_difference(left, right, "%s[%d]" % (path, index))
            if found:
                return found
        return None
    return None if expected == actual else "%s: %r vs %r" % (path, expected, actual)


def compare(arguments):
    """Exit 1 unless every result file of RUN equals BASELINE's, clock-derived ages aside."""
    baseline, run = pathlib.Path(arguments.baseline), pathlib.Path(arguments.run)
    names = sorted(path.name for path in baseline.glob("*.json"))
    if not names or names != sorted(path.name for path in run.glob("*.json")):
        sys.exit("compare: %s and %s do not hold the same result files" % (baseline, run))
    tasks = 0
    for name in names:
        expected = without_clock(json.loads((baseline / name).read_text(encoding="utf-8")))
        actual = without_clock(json.loads((run / name).read_text(encoding="utf-8")))
        difference = _first_difference(expected, actual)
        if difference:
            sys.exit("compare: %s of %s differs from %s at %s" % (name, run.name, baseline.name, difference))
        tasks += len(expected.get("transfer_tasks", []))
    print("compare: %s: %d environments, %d tasks, identical to %s" % (run.name, len(names), tasks, baseline.name))


def fault_summary(arguments):
    """Sum requests and faults over runs; exit 1 unless every fault kind occurred."""
    totals = {kind: 0 for kind in FAULT_KINDS}
    requests = 0
    for path in arguments.stats:
        snapshot = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        requests += snapshot["total"]
        for kind, count in snapshot["faults"].items():
            totals[kind] = totals.get(kind, 0) + count
    faults = sum(totals.values())
    print("fault-summary: %d runs, %d API requests, %d faults injected (%s)" % (
        len(arguments.stats), requests, faults, ", ".join("%s: %d" % item for item in sorted(totals.items()))))
    missing = [kind for kind, count in totals.items() if count == 0]
    if missing:
        sys.exit("fault-summary: no %s fault was injected; the runs prove nothing about it" % ", ".join(missing))


def deal_corpus(arguments):
    """Print {"entries": {route: [names]}, "answers": [override, ...]}: every corpus entry once, routes in turn.

    The answers are in route order, ``times: 1`` each: installed as they are, they form
    one queue per route.
    """
    corpus = _request(arguments.url.rstrip("/") + "/_emulator/respond-with")["corpus"]
    routes = arguments.routes
    entries = {route: corpus[index::len(routes)] for index, route in enumerate(routes)}
    answers = [{"route": route, "malformed": name, "times": 1} for route in routes for name in entries[route]]
    print(json.dumps({"entries": entries, "answers": answers, "corpus_size": len(corpus)}))


def secret_values(arguments):
    """Print {name: value} for every name credentials.yml lists under hardening_secret_names."""
    import yaml

    with open(arguments.credentials, encoding="utf-8") as handle:
        credentials = yaml.safe_load(handle)
    print(json.dumps({name: credentials[name] for name in credentials["hardening_secret_names"]}, indent=1))


# The environment variables of each auth method (DESIGN.md, connection options) and
# the credentials.yml names they take their values from.
CREDENTIAL_VARIABLES = {
    "token": {"HW_AUTH_TOKEN": "hardening_static_token"},
    "aksk": {"HW_ACCESS_KEY": "hardening_access_key", "HW_SECRET_KEY": "hardening_secret_key"},
    "aksk-temporary": {"HW_ACCESS_KEY": "hardening_temp_access_key", "HW_SECRET_KEY": "hardening_temp_secret_key",
                       "HW_SECURITY_TOKEN": "hardening_security_token"},
    "password": {"HW_USER_NAME": "hardening_user_name", "HW_PASSWORD": "hardening_password",
                 "HW_DOMAIN_NAME": "hardening_domain_name"},
}


def credential_env(arguments):
    """Print shell export lines setting one auth method's HW_* variables (for eval)."""
    import yaml

    with open(arguments.credentials, encoding="utf-8") as handle:
        credentials = yaml.safe_load(handle)
    for variable, name in CREDENTIAL_VARIABLES[arguments.method].items():
        print("export %s=%s" % (variable, shlex.quote(credentials[name])))


def tls_files(arguments):
    """Write ca.pem, server.pem, server.key (for 127.0.0.1 and localhost) and other-ca.pem into DIR."""
    import trustme

    directory = pathlib.Path(arguments.directory)
    directory.mkdir(parents=True, exist_ok=True)
    authority = trustme.CA()
    server = authority.issue_cert("127.0.0.1", "localhost")
    authority.cert_pem.write_to_path(str(directory / "ca.pem"))
    server.private_key_pem.write_to_path(str(directory / "server.key"))
    with open(directory / "server.pem", "wb") as handle:
        for blob in server.cert_chain_pems:
            handle.write(blob.bytes())
    trustme.CA().cert_pem.write_to_path(str(directory / "other-ca.pem"))
    (directory / "not-a-certificate.pem").write_text("this is not a PEM file\n", encoding="utf-8")
    print("tls-files: written to %s" % directory)


def _secret_values(path):
    """name -> value from a JSON object file, or one value per line (named after the file and line)."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict):
        return {str(name): str(value) for name, value in document.items() if value}
    base = os.path.basename(path)
    return {"%s line %d" % (base, number): line.strip()
            for number, line in enumerate(text.splitlines(), 1) if line.strip()}


def _files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for folder, _subfolders, files in os.walk(path):
            for name in files:
                yield os.path.join(folder, name)


def scan_secrets(arguments):
    """Exit 1 if a secret value occurs in any file under the paths (the values files themselves aside)."""
    secrets = {}
    for values_file in arguments.values:
        secrets.update(_secret_values(values_file))
    if not secrets:
        sys.exit("scan-secrets: no secret values to look for")
    findings, scanned = [], 0
    for path in _files(arguments.paths):
        real = os.path.realpath(path)
        if real in {os.path.realpath(values) for values in arguments.values}:
            continue
        try:
            content = pathlib.Path(path).read_bytes()
        except OSError as error:
            sys.exit("scan-secrets: cannot read %s: %s" % (path, error))
        scanned += 1
        for name, value in secrets.items():
            if value.encode("utf-8") in content:
                findings.append("%s holds %s" % (path, name))
    if findings:
        sys.exit("scan-secrets: secrets found:\n  " + "\n  ".join(findings))
    print("scan-secrets: %d secret values, %d files: none found" % (len(secrets), scanned))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("stats")
    command.add_argument("url")
    command.set_defaults(handler=stats)
    command = commands.add_parser("free-port")
    command.set_defaults(handler=free_port)
    command = commands.add_parser("compare")
    command.add_argument("baseline")
    command.add_argument("run")
    command.set_defaults(handler=compare)
    command = commands.add_parser("fault-summary")
    command.add_argument("stats", nargs="+")
    command.set_defaults(handler=fault_summary)
    command = commands.add_parser("deal-corpus")
    command.add_argument("url")
    command.add_argument("routes", nargs="+")
    command.set_defaults(handler=deal_corpus)
    command = commands.add_parser("secret-values")
    command.add_argument("credentials")
    command.set_defaults(handler=secret_values)
    command = commands.add_parser("credential-env")
    command.add_argument("credentials")
    command.add_argument("method", choices=sorted(CREDENTIAL_VARIABLES))
    command.set_defaults(handler=credential_env)
    command = commands.add_parser("tls-files")
    command.add_argument("directory")
    command.set_defaults(handler=tls_files)
    command = commands.add_parser("scan-secrets")
    command.add_argument("--values", action="append", required=True,
                         help="a JSON object of name: secret, or a file with one secret per line")
    command.add_argument("paths", nargs="+")
    command.set_defaults(handler=scan_secrets)
    arguments = parser.parse_args()
    arguments.handler(arguments)


if __name__ == "__main__":
    main()
