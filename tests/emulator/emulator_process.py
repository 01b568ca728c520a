"""Starting the emulator as users do (``python -m dis_emulator``), as a subprocess.

Its address is read from the ``listening on`` line it prints, within a bound.
"""

import os
import pathlib
import queue
import subprocess
import sys
import threading

import requests

from .emulator_testdata import STATE_FILE

TOOLS = pathlib.Path(__file__).resolve().parents[2] / "tools"
STARTUP_TIMEOUT = 20
STOP_TIMEOUT = 10


def emulator_command(*arguments: str):
    """The command line that runs the emulator with this interpreter."""
    return [sys.executable, "-m", "dis_emulator", *arguments]


def emulator_environment(**extra: str) -> dict:
    """The environment with tools/ on PYTHONPATH."""
    environment = dict(os.environ, **extra)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TOOLS), environment.get("PYTHONPATH")]))
    return environment


class RunningEmulator:
    """An emulator process and the base URL it announced."""

    def __init__(self, process: subprocess.Popen, url: str):
        self.process = process
        self.url = url

    def stop(self) -> int:
        """SIGTERM, wait, and return the exit status."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        return self.process.returncode

    def stats(self) -> dict:
        """The emulator's counters."""
        return requests.get(f"{self.url}/_emulator/stats", timeout=5).json()


def start_emulator(*arguments: str, state=STATE_FILE) -> RunningEmulator:
    """Start an emulator and wait (bounded) for its ``listening on`` line."""
    process = subprocess.Popen(
        emulator_command("--state", str(state), *arguments),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=emulator_environment())
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=STARTUP_TIMEOUT)
    except queue.Empty:
        process.kill()
        raise RuntimeError("the emulator did not announce itself in time") from None
    if not line.startswith("listening on "):
        process.kill()
        raise RuntimeError(f"unexpected first line from the emulator: {line!r} (exit {process.poll()})")
    return RunningEmulator(process, line.strip()[len("listening on "):])
