# -*- coding: utf-8 -*-
# Copyright: contributors to the hwcloud.dis collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builders of transfer_task_info results, shaped as the module's RETURN documents them."""

from __future__ import annotations

import pytest


def partition(partition_id="shardId-0000000000", state="RUNNING", discard=0):
    """One partition of a task's details."""
    return {"partition_id": partition_id, "discard": discard, "state": state,
            "last_transfer_timestamp": 1606984428612, "last_transfer_offset": 2139,
            "last_transfer_iso": "2020-12-03T08:33:48.612Z"}


def task(stream="orders", name="orders-to-obs", state="RUNNING", destination_type="OBS", age=60,
         partitions=None, destination=None, details=True):
    """One dump task as transfer_task_info returns it with ``details: true``."""
    fact = {"stream_name": stream, "task_name": name, "task_id": "Task000000000000001", "state": state,
            "destination_type": destination_type, "create_time": 1606554932552,
            "last_transfer_timestamp": 1606984428612, "create_time_iso": "2020-11-28T09:15:32.552Z",
            "last_transfer_iso": "2020-12-03T08:33:48.612Z", "last_transfer_age_seconds": age}
    if details:
        fact["partitions"] = [partition()] if partitions is None else partitions
        fact["destination"] = ({"obs_bucket_path": "orders-bucket", "deliver_time_interval": 300}
                               if destination is None else destination)
    return fact


def result(*tasks, streams=None, errors=()):
    """A registered transfer_task_info result with ``on_error: continue``."""
    names = sorted({fact["stream_name"] for fact in tasks} | set(streams or ()))
    return {"changed": False, "transfer_tasks": list(tasks),
            "streams": [{"stream_name": name, "total_number": 1, "quota": 5} for name in names],
            "errors": list(errors)}


def stream_error(stream, code="DIS.4301", message="Stream does not exist.", status=400):
    """One entry of ``errors``."""
    return {"stream_name": stream, "operation": "list dump tasks of stream %s" % stream, "status": status,
            "code": code, "message": message, "request_id": "0d7b2c1a9f3e4b5c8a6d7e8f9a0b1c2d",
            "url": "https://dis.example/v2/p/streams/%s/transfer-tasks" % stream}


@pytest.fixture
def build():
    """The builders, for tests that prefer a fixture to imports."""
    class Builders:
        pass
    builders = Builders()
    builders.partition, builders.task, builders.result, builders.stream_error = partition, task, result, stream_error
    return builders
