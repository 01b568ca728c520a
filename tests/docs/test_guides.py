# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command block a guide marks with ``<!-- doctest -->`` runs and succeeds.

``<!-- doctest: demo -->`` blocks run with the demo emulator started and the
endpoint variables pointing at it, as ``make demo`` does; plain ``doctest``
blocks run as they are, from the repository root, with the venv's tools first
on PATH.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKED_BLOCK = re.compile(r"<!-- doctest(?:: (?P<setup>\w+))? -->\n```(?:sh|bash|console)\n(?P<body>.*?)```", re.S)


def marked_blocks():
    """(guide, setup, commands) for every marked block of docs/*.md."""
    found = []
    for guide in sorted((ROOT / "docs").glob("*.md")):
        for match in MARKED_BLOCK.finditer(guide.read_text(encoding="utf-8")):
            found.append(pytest.param(match.group("setup"), match.group("body"),
                                      id="%s:%d" % (guide.name, len(found) + 1)))
    return found


BLOCKS = marked_blocks()


def test_the_guides_have_runnable_blocks():
    assert len(BLOCKS) >= 4


@pytest.fixture(scope="module")
def demo_emulator():
    """The emulator with the demo environments, on a free loopback port."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "tools"))
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "dis_emulator", "--state", str(ROOT / "demo" / "emulator-state.yml"),
         "--host", "127.0.0.1", "--port", "0", "--transition-seconds", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and not line.startswith("listening on "):
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
        assert line.startswith("listening on "), "the emulator did not start"
        yield line.split("listening on ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("setup, commands", BLOCKS)
def test_guide_block_runs(setup, commands, request, tmp_path):
    env = dict(os.environ)
    env["PATH"] = "%s:%s" % (Path(sys.executable).parent, env.get("PATH", ""))
    env["ANSIBLE_COLLECTIONS_PATH"] = str(ROOT / "build" / "collections")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["DIS_REPORT_DIR"] = str(tmp_path / "reports")
    if setup == "demo":
        url = request.getfixturevalue("demo_emulator")
        env["HW_DIS_ENDPOINT"] = env["HW_IAM_ENDPOINT"] = url
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", commands], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, "block failed:\n%s\n--- stdout\n%s\n--- stderr\n%s" % (
        commands, result.stdout[-3000:], result.stderr[-3000:])
