"""Fixtures for the emulator's tests: real emulator subprocesses on 127.0.0.1, port 0."""

import sys

import pytest
import requests

from .emulator_process import TOOLS, RunningEmulator, start_emulator
from .emulator_testdata import STATE_FILE, STATIC_TOKEN, TRANSITION_SECONDS

# The emulator package lives in tools/, outside the collection's plugins.
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))


@pytest.fixture(scope="session")
def emulator():
    """The shared emulator over fixtures/state.yml, with a short start transition."""
    running = start_emulator("--transition-seconds", str(TRANSITION_SECONDS))
    yield running
    running.stop()


@pytest.fixture
def emulator_factory():
    """Start extra emulators with their own options; all are stopped after the test."""
    started = []

    def start(*arguments: str, state=STATE_FILE) -> RunningEmulator:
        running = start_emulator(*arguments, state=state)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()


@pytest.fixture
def session():
    """A requests session that sends the static token."""
    with requests.Session() as client:
        client.headers["X-Auth-Token"] = STATIC_TOKEN
        yield client
