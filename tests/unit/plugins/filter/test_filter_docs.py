# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every filter plugin carries documentation that parses and names the filter it registers."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
import yaml

from ansible_collections.hwcloud.dis.plugins import filter as filters

NAMES = sorted(module.name for module in pkgutil.iter_modules(filters.__path__))


def test_every_filter_of_the_audit_is_there():
    assert NAMES == ["transfer_task_desired", "transfer_task_diff_views", "transfer_task_drift",
                     "transfer_task_parity", "transfer_task_report", "transfer_task_report_html",
                     "transfer_task_report_junit", "transfer_task_report_markdown"]


@pytest.mark.parametrize("name", NAMES)
def test_a_filter_file_registers_the_filter_its_documentation_names(name):
    module = importlib.import_module("%s.%s" % (filters.__name__, name))
    documentation = yaml.safe_load(module.DOCUMENTATION)
    assert documentation["name"] == name
    assert list(module.FilterModule().filters()) == [name]
    assert "_input" in documentation["options"]


@pytest.mark.parametrize("name", NAMES)
def test_a_filter_has_examples_and_a_return_value_that_parse(name):
    module = importlib.import_module("%s.%s" % (filters.__name__, name))
    assert yaml.safe_load(module.EXAMPLES)
    assert "_value" in yaml.safe_load(module.RETURN)
