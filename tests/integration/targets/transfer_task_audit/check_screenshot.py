#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Open an HTML report in headless Chromium and check what a person would see.

    check_screenshot.py REPORT.html SCREENSHOT.png TABLES

Chromium renders the page from disk (nothing else to load); its DOM must hold TABLES
tables of findings, and its screenshot must show rows in the error and the warning
colours. Fails when no Chromium is installed (`make test` installs Debian's chromium).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "headless_shell")
# Background colours of finding rows (transfer_task_report_html.STYLE).
ERROR_ROW = (0xFE, 0xF3, 0xF2)
WARNING_ROW = (0xFF, 0xFA, 0xEB)
WIDTH, HEIGHT = 1280, 1600


def fail(message):
    sys.exit("check_screenshot: %s" % message)


def chromium(browser, *arguments):
    # The background-networking flags keep Chromium from calling out (this machine has no network).
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--window-size=%d,%d" % (WIDTH, HEIGHT)] + list(arguments)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


def pixels(png):
    """The RGB pixels of an 8-bit RGB or RGBA PNG, row by row (the formats Chromium writes)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    position, data, header = 8, b"", None
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        chunk = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            data += chunk
        position += 12 + length
    width, height, depth, colour, _compression, _filter, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        fail("unexpected PNG format: depth %d, colour type %d, interlace %d" % (depth, colour, interlace))
    size = 3 if colour == 2 else 4
    stride = width * size
    raw = zlib.decompress(data)
    rows, previous = [], bytearray(stride)
    for row_index in range(height):
        start = row_index * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            up_left = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - up_left
                distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
                nearest = (left, up, up_left)[distances.index(min(distances))]
                line[i] = (line[i] + nearest) & 0xFF
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, size)])
        previous = line
    return width, rows


def main(page, screenshot, tables):
    browser = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if browser is None:
        fail("no Chromium to render the report with; install it (apt-get install chromium), "
             "as make test's system-deps step does")
    url = Path(page).resolve().as_uri()
    dom = chromium(browser, "--dump-dom", url)
    if dom.count('<table class="findings">') != int(tables):
        fail("Chromium's DOM has %d tables of findings, expected %s" % (dom.count('<table class="findings">'), tables))
    chromium(browser, "--screenshot=%s" % Path(screenshot).resolve(), url)
    width, rows = pixels(Path(screenshot).read_bytes())
    colours = {}
    for row in rows:
        for colour in row:
            colours[colour] = colours.get(colour, 0) + 1
    if width != WIDTH:
        fail("the screenshot is %d pixels wide, expected %d" % (width, WIDTH))
    for name, colour in (("error", ERROR_ROW), ("warning", WARNING_ROW)):
        if colours.get(colour, 0) < 2000:
            fail("the screenshot shows almost no %s row (%d pixels of %s)" % (name, colours.get(colour, 0), colour))
    print("check_screenshot: %s renders %s tables of findings, error and warning rows coloured" % (page, tables))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fail(__doc__)
    main(*sys.argv[1:])
