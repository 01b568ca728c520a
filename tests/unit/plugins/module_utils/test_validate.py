# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""API rules on names and ids, enforced before any request."""

from __future__ import annotations

import pytest

from ansible_collections.hwcloud.dis.plugins.module_utils import validate
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import InvalidInput

HOSTILE = ["", "../etc", "a/b", "a%2Fb", "a?b", "a#b", "a\nb", "a b", "ä", "x" * 61, "stream\n", None, 5]


@pytest.mark.parametrize("value", ["a", "orders", "Orders_2-x", "x" * 60])
def test_valid_stream_names_pass(value):
    assert validate.stream_name(value) == value


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_stream_names_are_refused_naming_the_option(value):
    with pytest.raises(InvalidInput) as caught:
        validate.stream_name(value)
    assert caught.value.option == "stream_name"
    assert "1 to 60 characters" in str(caught.value)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_task_names_are_refused(value):
    with pytest.raises(InvalidInput):
        validate.task_name(value)


def test_task_id_needs_nineteen_letters_and_digits():
    assert validate.task_id("As805BudhcH1lDs6gbn") == "As805BudhcH1lDs6gbn"
    for bad in ("As805BudhcH1lDs6gb", "As805BudhcH1lDs6gbnX", "As805BudhcH1lDs6g-n", "As805BudhcH1lDs6gb\n"):
        with pytest.raises(InvalidInput) as caught:
            validate.task_id(bad)
        assert "exactly 19 letters and digits" in str(caught.value)


def test_the_option_name_in_the_message_is_the_callers():
    with pytest.raises(InvalidInput) as caught:
        validate.stream_name("a/b", "stream_names")
    assert "'stream_names'" in str(caught.value)


def test_project_id_cannot_escape_the_path():
    assert validate.project_id("0123456789abcdef0123456789abcdef")
    with pytest.raises(InvalidInput):
        validate.project_id("../x")
