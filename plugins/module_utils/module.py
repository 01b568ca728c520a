# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What every hwcloud.dis module shares: argument spec, connection, failures, queries.

A module builds a ``DisModule`` with its own options, then calls ``run`` with
a function that does the work and returns the result dict. Every error this
collection raises on purpose becomes ``fail_json`` with a readable ``msg`` and
an ``error`` dict; secrets obtained at run time (IAM tokens) are added to the
values Ansible scrubs from output.
"""

from __future__ import annotations

import time
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.hwcloud.dis.plugins.module_utils import api, transport, validate
from ansible_collections.hwcloud.dis.plugins.module_utils.auth import registry
from ansible_collections.hwcloud.dis.plugins.module_utils.config import ConnectionConfig, connection_argument_spec
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import HwcloudDisError, InvalidInput, error_result


class DisModule:
    """An AnsibleModule with the connection options and the DIS client wiring."""

    def __init__(self, argument_spec, **kwargs):
        kwargs.setdefault("supports_check_mode", True)
        self.module = AnsibleModule(argument_spec=connection_argument_spec(**argument_spec), **kwargs)
        self.params = self.module.params
        self.now_ms = int(time.time() * 1000)
        if transport.REQUESTS_IMPORT_ERROR:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=transport.REQUESTS_IMPORT_ERROR)
        self._transport = None
        self._auth = None
        self._client = None

    def warn(self, message):
        """Show a warning to the user."""
        self.module.warn(message)

    def client(self, pool_size=10):
        """Connect once: resolve config, pick and run auth, find the project id."""
        if self._client is None:
            config = ConnectionConfig.from_params(self.params)
            if config.project_id:
                # Password auth sends the project id to IAM: refuse a bad one before that request.
                validate.project_id(config.project_id)
            auth = registry.select(self.params, config, warn=self.warn)
            self._transport = transport.Transport(config, pool_size=pool_size, warn=self.warn)
            self._auth = auth
            auth.authenticate(self._transport)
            self._hide(auth.secrets())
            project_id = config.project_id or auth.project_id
            if not project_id:
                project_id = api.resolve_project_id(self._transport, auth, config.iam_endpoint, config.region)
            self._client = api.DisApi(self._transport, auth, config.endpoint, project_id)
        return self._client

    @property
    def requests_sent(self):
        """How many HTTP requests this run made (retries included)."""
        return self._transport.requests_sent if self._transport else 0

    def _hide(self, secrets):
        for secret in secrets:
            if secret:
                self.module.no_log_values.add(secret)

    def _hide_current_secrets(self):
        # A token obtained by a re-authentication during the run is new: scrub it too.
        if self._auth is not None:
            self._hide(self._auth.secrets())

    def fail(self, exc):
        """Fail the task from one of our exceptions."""
        self._hide_current_secrets()
        self.module.fail_json(msg=str(exc), error=error_result(exc))

    def run(self, work):
        """Call ``work(self)``; exit with its result, or fail with a readable message."""
        try:
            result = work(self)
        except HwcloudDisError as exc:
            self.fail(exc)
        except Exception as exc:  # pylint: disable=broad-except
            # A bug of ours or a library's: say so in one sentence; the traceback shows at -vvv.
            self._hide_current_secrets()
            self.module.fail_json(msg="Unexpected error (%s): %s" % (type(exc).__name__, exc),
                                  exception=traceback.format_exc())
        finally:
            if self._transport is not None:
                self._transport.close()
        result.setdefault("changed", False)
        self._hide_current_secrets()
        self.module.exit_json(**result)


def compile_query(expression, option="query"):
    """Compile a JMESPath expression, or raise InvalidInput naming the option."""
    try:
        import jmespath
        from jmespath.exceptions import JMESPathError
    except ImportError:
        raise InvalidInput(option, "needs the Python library jmespath on the controller "
                                   "(pip install jmespath)") from None
    try:
        return jmespath.compile(expression)
    except JMESPathError as exc:
        raise InvalidInput(option, "is not a valid JMESPath expression (%s)" % str(exc).splitlines()[0]) from None
    except RecursionError:
        raise InvalidInput(option, "is nested too deeply to compile") from None


def apply_query(compiled, data, option="query"):
    """Run a compiled JMESPath expression over plain data."""
    from jmespath.exceptions import JMESPathError
    try:
        return compiled.search(data)
    except JMESPathError as exc:
        raise InvalidInput(option, "could not be applied (%s)" % str(exc).splitlines()[0]) from None
    except RecursionError:
        raise InvalidInput(option, "is nested too deeply to apply") from None
