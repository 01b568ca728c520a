# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The attributes every hwcloud.dis module shares; info modules add INFO_MODULE."""

from __future__ import annotations


class ModuleDocFragment:
    """Platform and action group of every module (use with ansible.builtin.action_common_attributes)."""

    DOCUMENTATION = r"""
attributes:
  platform:
    platforms: all
    details: "Runs on the controller (C(connection: local)) and talks HTTPS to DIS."
  action_group:
    description: Use C(group/hwcloud.dis.dis) in C(module_defaults) to set options for every module of this collection.
    support: full
    membership:
      - hwcloud.dis.dis
"""

    INFO_MODULE = r"""
attributes:
  check_mode:
    support: full
    details: The module only reads; it makes the same requests in check mode.
  diff_mode:
    support: none
"""
