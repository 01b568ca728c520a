"""The DIS routes: list streams, list / show dump tasks, start / stop them, and their logs.

Responses use the API's own key names and shapes as the seed pages show
them, including their oddities (named where they occur).
"""

import bisect
import re
from typing import List, Optional, Tuple

from .app import Call, Emulator
from .errors import ApiResponse, dis_error, invalid_request, json_response
from .state import LogEntry, Project, Stream, TransferTask
from .timeutil import now_ms

_TASK_ID = re.compile(r"^[A-Za-z0-9]{19}$")
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
LIST_STREAMS_DEFAULT_LIMIT = 10
LIST_STREAMS_MAX_LIMIT = 100
LOG_DEFAULT_PAGE_SIZE = 10
LOG_MAX_PAGE_SIZE = 100

# --------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------


def list_streams(app: Emulator, call: Call) -> ApiResponse:
    """GET /v2/{project_id}/streams: one page of streams, sorted by name, after ``start_stream_name``."""
    project = _project(app, call)
    limit = _list_limit(call.query_value("limit"))
    start_after = call.query_value("start_stream_name")
    names = project.stream_names
    first = bisect.bisect_right(names, start_after) if start_after else 0
    page = names[first:first + limit]
    with app.state.lock:
        stream_infos = [_stream_info(project.streams[name]) for name in page]
    return json_response(200, {
        "total_number": len(names),
        "stream_names": page,
        "has_more_streams": first + limit < len(names),
        "stream_info_list": stream_infos,
    })


def list_transfer_tasks(app: Emulator, call: Call) -> ApiResponse:
    """GET /v2/{project_id}/streams/{stream_name}/transfer-tasks."""
    stream = _stream(_project(app, call), call)
    with app.state.lock:
        tasks = []
        for task in stream.tasks.values():
            app.state.settle(task)
            tasks.append(_task_summary(task))
    payload = {"total_number": len(tasks)}
    # The seed pages' examples have no quota although the table lists it
    # (seeds 000-002); a state file can reproduce either.
    if not stream.omit_quota:
        payload["quota"] = stream.quota
    payload["tasks"] = tasks
    return json_response(200, payload)


def show_transfer_task(app: Emulator, call: Call) -> ApiResponse:
    """GET /v2/{project_id}/streams/{stream_name}/transfer-tasks/{task_name}."""
    stream = _stream(_project(app, call), call)
    task_name = call.params["task_name"]
    task = stream.tasks.get(task_name)
    if task is None:
        raise _task_not_found(task_name, call)
    with app.state.lock:
        app.state.settle(task)
        return json_response(200, _task_details(stream, task))


def act_on_transfer_tasks(app: Emulator, call: Call) -> ApiResponse:
    """POST .../transfer-tasks/action: ``start`` (STARTING, then RUNNING) or ``stop`` (PAUSED)."""
    stream = _stream(_project(app, call), call)
    action, task_ids = _action_request(call)
    with app.state.lock:
        by_id = {task.task_id: task for task in stream.tasks.values()}
        unknown = [task_id for task_id in task_ids if task_id not in by_id]
        if unknown:
            # Checked before acting, so a bad id leaves every task untouched.
            raise _task_not_found(unknown[0], call)
        now = now_ms()
        for task_id in task_ids:
            task = by_id[task_id]
            app.state.settle(task)
            if action == "start":
                task.start(now)
            else:
                task.stop()
    return json_response(200, {})


def list_transfer_task_logs(app: Emulator, call: Call) -> ApiResponse:
    """POST /v1/transfertasklog/{task_id}: a page of a task's dump logs (seed 003)."""
    task_id = call.params["task_id"]
    if not _TASK_ID.match(task_id):
        raise invalid_request("The task id must be 19 letters or digits.")
    descending, page, page_size = _log_query(call)
    location = app.state.locate_task(task_id)
    scope = _log_project_scope(call)
    if location is None or (scope is not None and location.project.project_id != scope):
        # This endpoint reports failures in its body with HTTP 200 (dis-api.md, "Errors").
        return json_response(200, _log_envelope("DIS.4354", "Transfer task does not exist.", 0, None))
    with app.state.lock:
        entries = location.task.logs(location.stream.stream_name)
    selected = _log_page(entries, descending, page, page_size)
    rendered = [_log_entry(entry, location.project, location.stream, location.task) for entry in selected]
    # Seed 003's example returns a page of one entry as a bare object, not a list.
    log_list = rendered[0] if len(rendered) == 1 else rendered
    return json_response(200, _log_envelope(-1, None, len(entries), log_list))


# --------------------------------------------------------------------------
# Lookups shared by the routes
# --------------------------------------------------------------------------

def _project(app: Emulator, call: Call) -> Project:
    project_id = call.params["project_id"]
    if call.caller is not None and not call.caller.may_use_project(project_id):
        raise dis_error(403, "DIS.4116", "Invalid RBAC: the token is not scoped to this project.", auth_failure=True)
    project = app.state.project(project_id)
    if project is None:
        raise dis_error(400, "DIS.4117", f"Invalid project id. [{project_id}]")
    return project


def _stream(project: Project, call: Call) -> Stream:
    stream_name = call.params["stream_name"]
    if not _NAME.match(stream_name):
        raise invalid_request("The stream name must be 1 to 60 letters, digits, '_' or '-'.")
    stream = project.streams.get(stream_name)
    if stream is None:
        # The shape of a live answer quoted in dis-api.md: name and request id in brackets.
        raise dis_error(400, "DIS.4301", f"Stream does not exist. [{stream_name}][{call.request_id}]")
    return stream


def _task_not_found(task_reference: str, call: Call):
    return dis_error(400, "DIS.4354", f"Transfer task does not exist. [{task_reference}][{call.request_id}]")


def _log_project_scope(call: Call) -> Optional[str]:
    """The project a log request may read: the token's scope, else the X-Project-Id header, else any."""
    if call.caller is not None and call.caller.project_scope is not None:
        return call.caller.project_scope
    header = call.request.header("X-Project-Id")
    return header.strip() if header else None


# --------------------------------------------------------------------------
# Request parsing
# --------------------------------------------------------------------------

def _list_limit(value: Optional[str]) -> int:
    if value is None:
        return LIST_STREAMS_DEFAULT_LIMIT
    if not value.isdigit() or not 1 <= int(value) <= LIST_STREAMS_MAX_LIMIT:
        raise invalid_request(f"limit must be an integer from 1 to {LIST_STREAMS_MAX_LIMIT}.")
    return int(value)


def _json_object(call: Call) -> dict:
    try:
        body = call.json_body()
    except ValueError:
        raise invalid_request("The request body is not valid JSON.") from None
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise invalid_request("The request body must be a JSON object.")
    return body


def _action_request(call: Call) -> Tuple[str, List[str]]:
    body = _json_object(call)
    action = body.get("action")
    if action not in ("start", "stop"):
        raise invalid_request("action must be 'start' or 'stop'.")
    tasks = body.get("tasks")
    if not isinstance(tasks, list) or not tasks:
        raise invalid_request("tasks must be a non-empty list of {\"id\": TASK_ID}.")
    task_ids = []
    for task in tasks:
        if not isinstance(task, dict) or not isinstance(task.get("id"), str) or not _TASK_ID.match(task["id"]):
            raise invalid_request("Every task needs an id of 19 letters or digits.")
        task_ids.append(task["id"])
    return action, task_ids


def _log_query(call: Call) -> Tuple[bool, int, int]:
    """(descending, page, page size) from the log request body; every part has a default."""
    body = _json_object(call)
    order = body.get("order", "desc")
    if order not in ("desc", "asc"):
        raise invalid_request("order must be 'desc' or 'asc'.")
    if not isinstance(body.get("sortBy", "createTimeStr"), str):
        raise invalid_request("sortBy must be a string.")
    page, page_size = _page_info(body.get("pageInfo"))
    return order == "desc", page, page_size


def _page_info(page_info) -> Tuple[int, int]:
    """Read ``pageInfo`` in every form the log page shows (seed 003).

    The table documents an object ``{"pageIndex": 1, "pageTotal": 10}``; the
    example request sends a list ``[{"pageIndex": 1}, {"pageIndex": 10}]``,
    read as page 1 of size 10 (the second object's pageIndex is the size);
    ``[{"pageIndex": 1, "pageTotal": 10}]`` is accepted too.
    """
    if page_info is None:
        return 1, LOG_DEFAULT_PAGE_SIZE
    if isinstance(page_info, dict):
        page, size = page_info.get("pageIndex", 1), page_info.get("pageTotal", LOG_DEFAULT_PAGE_SIZE)
    elif isinstance(page_info, list) and page_info and all(isinstance(item, dict) for item in page_info):
        first = page_info[0]
        page = first.get("pageIndex", 1)
        if len(page_info) > 1:
            size = page_info[1].get("pageIndex", page_info[1].get("pageTotal", LOG_DEFAULT_PAGE_SIZE))
        else:
            size = first.get("pageTotal", LOG_DEFAULT_PAGE_SIZE)
    else:
        raise invalid_request("pageInfo must be an object or a list of objects.")
    if not _is_int(page) or page < 1:
        raise invalid_request("pageIndex must be a positive integer.")
    if not _is_int(size) or not 1 <= size <= LOG_MAX_PAGE_SIZE:
        raise invalid_request(f"pageTotal must be an integer from 1 to {LOG_MAX_PAGE_SIZE}.")
    return page, size


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------
# Rendering in the API's own shapes
# --------------------------------------------------------------------------

def _stream_info(stream: Stream) -> dict:
    return {
        "stream_name": stream.stream_name,
        "stream_id": stream.stream_id,
        "create_time": stream.create_time,
        "retention_period": stream.retention_period,
        "status": stream.status,
        "stream_type": stream.stream_type,
        "data_type": stream.data_type,
        "partition_count": stream.partition_count,
        "tags": list(stream.tags),
        "auto_scale_enabled": False,
        "auto_scale_min_partition_count": 0,
        "auto_scale_max_partition_count": 0,
    }


def _task_summary(task: TransferTask) -> dict:
    summary = {}
    # The seed examples carry task_id; the SDK's TransferTask model has none.
    if not task.omit_task_id:
        summary["task_id"] = task.task_id
    summary.update({
        "destination_type": task.destination_type,
        "task_name": task.task_name,
        "create_time": task.create_time,
        "state": task.state,
        "last_transfer_timestamp": task.last_transfer_timestamp,
    })
    return summary


def _task_details(stream: Stream, task: TransferTask) -> dict:
    details = {
        "partitions": [_partition(partition, task.partition_key_style) for partition in task.partitions],
        "destination_type": task.destination_type,
        "stream_name": stream.stream_name,
        "task_name": task.task_name,
        "state": task.state,
        "create_time": task.create_time,
        "last_transfer_timestamp": task.last_transfer_timestamp,
    }
    if task.descriptor is not None:
        details[task.descriptor_key] = dict(task.descriptor)
    return details


def _partition(partition, key_style: str) -> dict:
    # Seed 004 uses camelCase partitionId among snake_case keys; the SDK
    # model says partition_id. A task can ask for either.
    id_key = "partitionId" if key_style == "camel" else "partition_id"
    return {
        id_key: partition.partition_id,
        "discard": partition.discard,
        "state": partition.state,
        "last_transfer_timestamp": partition.last_transfer_timestamp,
        "last_transfer_offset": partition.last_transfer_offset,
    }


def _log_page(entries: List[LogEntry], descending: bool, page: int, page_size: int) -> List[LogEntry]:
    """Slice one page from entries kept oldest first, without copying the whole list."""
    total = len(entries)
    first, last = (page - 1) * page_size, min(page * page_size, total)
    if first >= total:
        return []
    if not descending:
        return entries[first:last]
    return entries[total - last:total - first][::-1]


def _log_entry(entry: LogEntry, project: Project, stream: Stream, task: TransferTask) -> dict:
    return {
        "transferTaskId": task.task_id,
        "state": entry.state,
        "destinationType": task.destination_type,
        "startTime": entry.start_time,
        "endTime": entry.end_time,
        "transferBytes": entry.transfer_bytes,
        "transferRecordsNum": entry.transfer_records_num,
        "transformRecordsNum": entry.transform_records_num,
        # Seed 003 documents streamId as the stream's name but shows an id.
        "streamId": stream.stream_id,
        "projectId": project.project_id,
        "transferFileName": entry.transfer_file_name,
        "num": entry.num,
    }


def _log_envelope(error_code, message, total, log_list) -> dict:
    # errorCode is documented as a string but comes back as the integer -1 on
    # success (seed 003); the other null keys are in the seed's example too.
    return {
        "errorCode": error_code,
        "totalNum": total,
        "message": message,
        "isStreamFound": None,
        "streamData": None,
        "streamDataList": None,
        "transferTaskList": None,
        "monitorData": None,
        "transferTaskLogList": log_list,
    }
