#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check a set of reports written by the audit or parity playbook.

    check_reports.py DIR NAME [ENVIRONMENT=RULE,RULE ...]

DIR/NAME.json must parse and hold, per ENVIRONMENT given, findings of exactly those rules
(as a set); DIR/NAME.xml must parse as JUnit with a failure or error per finding;
DIR/NAME.md and DIR/NAME.html must contain every finding's message.
"""

from __future__ import annotations

import html
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fail(message):
    sys.exit("check_reports: %s" % message)


def main(folder, name, *expectations):
    folder = Path(folder)
    report = json.loads((folder / (name + ".json")).read_text(encoding="utf-8"))
    sections = {section["environment"]: section for section in report["environments"]}
    for expectation in expectations:
        environment, _sep, rules = expectation.partition("=")
        found = {finding["rule"] for finding in sections[environment]["findings"]}
        wanted = set(filter(None, rules.split(",")))
        if found != wanted:
            fail("%s: findings of %s, expected %s" % (environment, sorted(found), sorted(wanted)))

    findings = [finding for section in report["environments"] for finding in section["findings"]]
    if not findings:
        fail("no findings in %s.json" % name)

    junit = ET.parse(folder / (name + ".xml")).getroot()
    flagged = junit.findall(".//failure") + junit.findall(".//error")
    if len(flagged) != len(findings) or junit.get("tests") != str(report["summary"]["checks"]):
        fail("JUnit has %d failures and errors in %s tests, the report %d findings in %d checks"
             % (len(flagged), junit.get("tests"), len(findings), report["summary"]["checks"]))
    if sorted(element.get("message") for element in flagged) != sorted(finding["message"] for finding in findings):
        fail("JUnit messages differ from the findings")

    markdown = (folder / (name + ".md")).read_text(encoding="utf-8").replace("\\", "")
    page = (folder / (name + ".html")).read_text(encoding="utf-8")
    for finding in findings:
        if finding["message"] not in markdown:
            fail("missing from %s.md: %s" % (name, finding["message"]))
        if html.escape(finding["message"]) not in page:
            fail("missing from %s.html: %s" % (name, finding["message"]))
    print("%s: %d findings in every format" % (name, len(findings)))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        fail(__doc__)
    main(*sys.argv[1:])
