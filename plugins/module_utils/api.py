# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""One method per DIS endpoint; each returns the raw JSON the service sent.

Path parts are validated (``validate.py``) and percent-encoded before a URL
is built, so a hostile name is refused before any request goes out.
"""

from __future__ import annotations

from ansible_collections.hwcloud.dis.plugins.module_utils import normalize, validate
from ansible_collections.hwcloud.dis.plugins.module_utils.errors import ConfigError, DisError, ResponseFormatError
from ansible_collections.hwcloud.dis.plugins.module_utils.transport import build_url

# dis-api.md: list streams takes limit 1-100.
STREAMS_PAGE_LIMIT = 100


def _json_kind(value):
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "an empty body"
    for kind, name in ((bool, "a boolean"), (str, "a string"), ((int, float), "a number"), (list, "an array")):
        if isinstance(value, kind):
            return name
    return "something else"


def _object(response, what, operation):
    """The response body, which every DIS endpoint sends as a JSON object."""
    if not isinstance(response.data, dict):
        raise ResponseFormatError(what, "expected a JSON object, got %s" % _json_kind(response.data),
                                  operation=operation, status=response.status,
                                  request_id=response.request_id, url=response.url)
    return response.data


class DisApi:
    """The DIS endpoints of one project, over one transport and one auth method."""

    def __init__(self, transport, auth, endpoint, project_id):
        self.transport = transport
        self.auth = auth
        self.endpoint = endpoint
        self.project_id = validate.project_id(project_id)

    def _call(self, operation, what, method, path_parts, query=None, json_body=None):
        response = self._send(operation, method, path_parts, query, json_body)
        data = _object(response, what, operation)
        if "errorCode" in data or "error_code" in data:
            code, message = normalize.api_error_fields(data)
            if code not in (None, "-1", "0"):
                # An error body under a 2xx status (a gateway or an older endpoint): a failure all the same.
                raise DisError(operation, message, status=response.status, code=code,
                               request_id=response.request_id, url=response.url)
        return data

    def _send(self, operation, method, path_parts, query=None, json_body=None):
        url = build_url(self.endpoint, path_parts, query)
        # The official client sends X-Project-Id with AK/SK; the v1 log path has no project in it.
        return self.transport.request(operation, method, url, json_body=json_body, auth=self.auth,
                                      headers={"X-Project-Id": self.project_id})

    def list_streams_page(self, start_stream_name=None, limit=STREAMS_PAGE_LIMIT):
        """``GET /v2/{project_id}/streams``: one page of stream names."""
        return self._call("list streams", "the stream list", "GET", ["v2", self.project_id, "streams"],
                          query=[("limit", limit), ("start_stream_name", start_stream_name)])

    def list_transfer_tasks(self, stream_name):
        """``GET /v2/{project_id}/streams/{stream_name}/transfer-tasks``."""
        validate.stream_name(stream_name)
        return self._call("list dump tasks of stream %s" % stream_name, "the dump task list", "GET",
                          ["v2", self.project_id, "streams", stream_name, "transfer-tasks"])

    def show_transfer_task(self, stream_name, task_name):
        """``GET /v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}``."""
        validate.stream_name(stream_name)
        validate.task_name(task_name)
        return self._call("show dump task %s of stream %s" % (task_name, stream_name), "the dump task details",
                          "GET", ["v2", self.project_id, "streams", stream_name, "transfer-tasks", task_name])

    def query_transfer_task_logs(self, task_id, page=1, page_size=10, order="desc", sort_by="createTimeStr"):
        """``POST /v1/transfertasklog/{task_id}``: one page of a task's transfer logs.

        Seed 003 documents ``pageInfo`` as an object (its example sends an array);
        the object form is what the service documents, so that is what we send.
        """
        validate.task_id(task_id)
        operation = "query transfer logs of dump task %s" % task_id
        body = {"order": order, "sortBy": sort_by, "pageInfo": {"pageIndex": page, "pageTotal": page_size}}
        response = self._send(operation, "POST", ["v1", "transfertasklog", task_id], json_body=body)
        data = _object(response, "the transfer log page", operation)
        failure = normalize.log_failure(data)
        if failure is not None:
            # Seed 003: this endpoint reports failures in an HTTP 200 body.
            raise DisError(operation, failure[1], status=response.status, code=failure[0],
                           request_id=response.request_id, url=response.url)
        return data

    def transfer_task_action(self, stream_name, action, task_ids):
        """``POST /v2/{project_id}/streams/{stream_name}/transfer-tasks/action``: start or stop tasks."""
        validate.stream_name(stream_name)
        for task_id in task_ids:
            validate.task_id(task_id)
        body = {"action": action, "tasks": [{"id": task_id} for task_id in task_ids]}
        return self._call("%s dump tasks of stream %s" % (action, stream_name), "the action result", "POST",
                          ["v2", self.project_id, "streams", stream_name, "transfer-tasks", "action"],
                          json_body=body)


def resolve_project_id(transport, auth, iam_endpoint, region):
    """Find the project named after ``region`` through IAM (``GET /v3/projects?name=``)."""
    if not iam_endpoint or not region:
        raise ConfigError("Cannot find the project id: set 'project_id', or 'region' (with 'iam_endpoint' "
                          "when the default IAM endpoint does not apply).")
    operation = "find the project of region %s" % region
    url = build_url(iam_endpoint, ["v3", "projects"], [("name", region)])
    response = transport.request(operation, "GET", url, auth=auth)
    projects = response.data.get("projects") if isinstance(response.data, dict) else None
    if not isinstance(projects, list):
        raise ResponseFormatError("the project list", "no 'projects' list", operation=operation,
                                  status=response.status, request_id=response.request_id, url=response.url)
    ids = sorted({project.get("id") for project in projects
                  if isinstance(project, dict) and isinstance(project.get("id"), str)})
    if len(ids) != 1:
        raise ConfigError("IAM lists %d projects named '%s'; set 'project_id' to choose one." % (len(ids), region))
    return ids[0]
