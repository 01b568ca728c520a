"""A loopback DIS (Data Ingestion Service) emulator for tests, demos and benchmarks.

It serves the DIS dump-task endpoints, list-streams and the IAM password
token endpoint from a YAML state file, verifies tokens and AK/SK signatures
with its own verifier, and injects latency and faults on demand.
Run it with ``python -m dis_emulator --state STATE.yml``.
"""

__version__ = "1.0.0"
