"""Command line: ``python -m dis_emulator --state STATE.yml [options]``.

Prints exactly one line, ``listening on http://HOST:PORT``, once it accepts
connections, then serves until SIGTERM or SIGINT and exits 0. Configuration
problems (bad state file, non-loopback host, bad options) exit 2.
"""

import argparse
import ipaddress
import signal
import socket
import ssl
import sys
from typing import List, Optional, Tuple

from .app import Emulator
from .faults import FAULT_KINDS, FaultInjector
from .server import EmulatorServer
from .state import StateError, load_state

USAGE_ERROR = 2


class UsageError(Exception):
    """A configuration problem reported on stderr with exit status 2."""


def parse_arguments(argv: Optional[List[str]]) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m dis_emulator", description=__doc__.splitlines()[0])
    parser.add_argument("--state", required=True, help="YAML state file (projects, streams, tasks, credentials)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind (default 127.0.0.1; ::1 works)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: any free port)")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay before answering each API request")
    parser.add_argument("--fault-rate", type=float, default=0.0, help="share of API requests that fail (0..1)")
    parser.add_argument("--fault-kinds", default=",".join(FAULT_KINDS),
                        help=f"comma list of fault kinds (default all: {','.join(FAULT_KINDS)})")
    parser.add_argument("--seed", type=int, default=None, help="seed for a reproducible fault sequence")
    parser.add_argument("--tls-cert", help="PEM certificate (chain) to serve HTTPS")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument("--token-ttl", type=float, default=86_400, help="lifetime of issued IAM tokens, seconds")
    parser.add_argument("--transition-seconds", type=float, default=3.0,
                        help="how long a started task reports STARTING before RUNNING")
    parser.add_argument("--issued-tokens-file",
                        help="append every IAM token handed out to this file (for secret-leak tests)")
    parser.add_argument("--verbose", action="store_true", help="log one line per request to stderr")
    return parser.parse_args(argv)


def fault_kinds(text: str) -> Tuple[str, ...]:
    """Validate the --fault-kinds list."""
    kinds = tuple(kind.strip() for kind in text.split(",") if kind.strip())
    unknown = [kind for kind in kinds if kind not in FAULT_KINDS]
    if unknown:
        raise UsageError(f"--fault-kinds: unknown kind {unknown[0]!r}; known: {', '.join(FAULT_KINDS)}")
    return kinds


def loopback_address(host: str) -> Tuple[str, int]:
    """Resolve ``host`` to a loopback address and its family; anything else is refused.

    Test and demo traffic must never leave the machine.
    """
    try:
        candidates = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise UsageError(f"--host {host}: cannot resolve ({error.strerror})") from None
    for family, _type, _proto, _canonname, address in candidates:
        if not ipaddress.ip_address(address[0].split("%")[0]).is_loopback:
            raise UsageError(f"--host {host}: refusing to bind a non-loopback address ({address[0]}); "
                             "the emulator serves loopback only")
    family, _type, _proto, _canonname, address = candidates[0]
    return address[0], family


def tls_context(cert: Optional[str], key: Optional[str]) -> Optional[ssl.SSLContext]:
    """A server-side TLS context, or None for plain HTTP."""
    if not cert and not key:
        return None
    if not (cert and key):
        raise UsageError("--tls-cert and --tls-key go together")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as error:
        raise UsageError(f"cannot load the TLS certificate or key: {error}") from None
    return context


def check_ranges(arguments: argparse.Namespace):
    """Option values that argparse's types cannot check."""
    if not 0.0 <= arguments.fault_rate <= 1.0:
        raise UsageError("--fault-rate must be between 0 and 1")
    if arguments.latency_ms < 0 or arguments.token_ttl <= 0 or arguments.transition_seconds < 0:
        raise UsageError("--latency-ms and --transition-seconds cannot be negative; --token-ttl must be positive")
    if not 0 <= arguments.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")


def build_server(arguments: argparse.Namespace) -> EmulatorServer:
    """Everything from the options: state, faults, TLS, bound server. Raises UsageError / StateError."""
    check_ranges(arguments)
    kinds = fault_kinds(arguments.fault_kinds)
    host, family = loopback_address(arguments.host)
    context = tls_context(arguments.tls_cert, arguments.tls_key)
    state = load_state(arguments.state, transition_seconds=arguments.transition_seconds)
    app = Emulator(state, FaultInjector(arguments.fault_rate, kinds, arguments.seed),
                   latency_ms=arguments.latency_ms, token_ttl_seconds=arguments.token_ttl,
                   verbose=arguments.verbose, issued_tokens_file=arguments.issued_tokens_file)
    return EmulatorServer(app, host, arguments.port, family, context)


class StopServing(Exception):
    """Raised by the signal handler to leave serve_forever at once (as KeyboardInterrupt would)."""


def stop_on_signals():
    """SIGTERM and SIGINT end serving immediately; connection threads are daemons and die with us."""
    def request_stop(signum, frame):
        # A second signal during clean-up must not interrupt it.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise StopServing(signum)
    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)


def main(argv: Optional[List[str]] = None) -> int:
    """Run the emulator; returns the process exit status."""
    arguments = parse_arguments(argv)
    try:
        server = build_server(arguments)
    except UsageError as error:
        print(f"dis-emulator: {error}", file=sys.stderr)
        return USAGE_ERROR
    except StateError as error:
        print(f"dis-emulator: {arguments.state}: {error}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as error:
        print(f"dis-emulator: cannot listen on {arguments.host}:{arguments.port}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        stop_on_signals()
        # Inside the try: a client may send SIGTERM as soon as it has read this line.
        print(f"listening on {server.url}", flush=True)
        server.serve_forever()
    except StopServing:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
