"""Deterministic generators: ids, default partitions, transfer logs and whole streams.

Everything here is a pure function of its inputs (and a seed), so a state
file stays small and a benchmark sees the same data on every run.
"""

import hashlib
import math
import random
import string
from typing import List, Sequence

_ALPHANUMERIC = string.ascii_letters + string.digits

DESTINATION_TYPES = ("OBS", "MRS", "DLI", "CLOUDTABLE", "DWS")

# The key each destination's descriptor travels under in task details. Two of
# them are misspelt by the API itself, and by the SDK (seed 004).
DESCRIPTOR_KEYS = {
    "OBS": "obs_destination_description",
    "MRS": "mrs_destination_description",
    "DLI": "dli_destination_description",
    "CLOUDTABLE": "cloudtable_destination_descripton",
    "DWS": "dws_destination_descripton",
}

# Generated transfer logs: sizes between these bounds, log-uniform.
LOG_MIN_BYTES = 100_000
LOG_MAX_BYTES = 50_000_000


def derived_id(length: int, *parts: str) -> str:
    """A stable letters-and-digits id (like a DIS task or stream id) derived from ``parts``; length <= 32."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return "".join(_ALPHANUMERIC[byte % len(_ALPHANUMERIC)] for byte in digest[:length])


def derived_hex(*parts: str) -> str:
    """A stable 32-hex id (like an IAM project, domain or user id) derived from ``parts``."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def partition_id(index: int) -> str:
    """DIS partition ids look like ``shardId-0000000000`` (seed 004)."""
    return f"shardId-{index:010d}"


def default_partitions(task_id: str, task_state: str, count: int, last_transfer_timestamp: int) -> List[dict]:
    """Partitions for a task whose state file lists none, consistent with the task's state.

    An ABNORMAL task gets one ABNORMAL partition with discarded records, so the
    triage runbook has something to find. Numbers come from a hash of the
    task id: stable, and cheap enough for thousands of generated tasks.
    """
    partition_state = task_state if task_state in ("ABNORMAL", "PAUSED") else "RUNNING"
    base = int.from_bytes(hashlib.sha256(task_id.encode("utf-8")).digest()[:8], "big")
    partitions = []
    for index in range(count):
        abnormal = task_state == "ABNORMAL" and index == 0
        partitions.append({
            "partition_id": partition_id(index),
            "discard": 1 + base % 500 if abnormal else 0,
            "state": "ABNORMAL" if abnormal else partition_state,
            "last_transfer_timestamp": last_transfer_timestamp,
            "last_transfer_offset": 1_000 + (base // (index + 1)) % 5_000_000,
        })
    return partitions


def generate_log_entries(count: int, interval_ms: int, end_ms: int, failure_rate: float, seed: int,
                         task_id: str, stream_name: str) -> List[tuple]:
    """Consecutive, non-overlapping dump windows ending at ``end_ms``, oldest first.

    Returns tuples ``(startTime, endTime, transferBytes, transferRecordsNum,
    state, transferFileName)``; tuples keep 10,000 entries cheap to make and
    hold. Record counts follow from the size and a per-entry record size.
    """
    rng = random.Random(f"logs:{seed}:{task_id}")
    jitter = min(500, interval_ms // 10)
    low, high = math.log(LOG_MIN_BYTES), math.log(LOG_MAX_BYTES)
    first_window = end_ms - count * interval_ms
    entries = []
    for index in range(count):
        window = first_window + index * interval_ms
        start = window + rng.randint(0, jitter)
        end = window + interval_ms - rng.randint(0, jitter)
        size = int(math.exp(rng.uniform(low, high)))
        records = max(1, size // rng.randint(300, 2_000))
        state = 1 if rng.random() < failure_rate else 0
        # File names follow the seed's TASKID.STREAM.0.STARTMS (seed 003).
        entries.append((start, end, size, records, state, f"{task_id}.{stream_name}.0.{start}"))
    return entries


def generated_descriptor(destination_type: str, stream_name: str, variant: str) -> dict:
    """A realistic descriptor for one destination type, with the SDK models' field names."""
    common = {"agency_name": "dis_admin_agency", "deliver_time_interval": 300, "consumer_strategy": "LATEST"}
    table = stream_name.replace("-", "_")
    bucket = f"dis-{variant}-dump"
    if destination_type == "OBS":
        return {**common, "obs_bucket_path": bucket, "file_prefix": stream_name, "partition_format": "yyyy/MM/dd/HH",
                "destination_file_type": "text", "record_delimiter": "\n"}
    if destination_type == "MRS":
        return {**common, "mrs_cluster_name": f"mrs-{variant}", "mrs_cluster_id": derived_hex("mrs", variant),
                "mrs_hdfs_path": "/user/dis", "hdfs_prefix_folder": stream_name, "file_prefix": "",
                "obs_bucket_path": bucket, "retry_duration": 1800}
    if destination_type == "DLI":
        return {**common, "dli_database_name": f"{variant.replace('-', '_')}_db", "dli_table_name": table,
                "obs_bucket_path": bucket, "file_prefix": "", "retry_duration": 1800}
    if destination_type == "DWS":
        return {**common, "dws_cluster_name": f"dws-{variant}", "dws_cluster_id": derived_hex("dws", variant),
                "dws_database_name": "warehouse", "dws_schema": "public", "dws_table_name": table,
                "dws_delimiter": "|", "user_name": "dis_loader", "user_password": "Generated-Passw0rd",
                "kms_user_key_name": "dis-key", "kms_user_key_id": derived_hex("kms", variant),
                "obs_bucket_path": bucket, "file_prefix": "", "retry_duration": 1800}
    if destination_type == "CLOUDTABLE":
        return {**common, "cloudtable_cluster_name": f"ct-{variant}", "cloudtable_cluster_id": derived_hex("ct", variant),
                "cloudtable_table_name": table, "cloudtable_row_key_delimiter": "|",
                "obs_backup_bucket_path": bucket, "backup_file_prefix": "backup", "retry_duration": 1800}
    raise ValueError(f"unknown destination type {destination_type}")


def generate_stream_documents(project_id: str, count: int, tasks_per_stream: int, prefix: str,
                              destination_types: Sequence[str], seed: int, partitions_per_stream: int,
                              logs_per_task: int, state_weights: dict) -> List[dict]:
    """Streams and tasks in the state file's own shape, so they pass the same validation.

    Names are ``PREFIX0000``... and ``PREFIX0000-obs-0``...; ids derive from
    the project, stream and task names, so they are stable and unique.
    """
    rng = random.Random(f"streams:{seed}:{project_id}")
    width = max(4, len(str(count - 1)))
    states, weights = zip(*sorted(state_weights.items()))
    streams = []
    for stream_index in range(count):
        stream_name = f"{prefix}{stream_index:0{width}d}"
        partition_count = partitions_per_stream or rng.randint(1, 3)
        tasks = []
        for task_index in range(tasks_per_stream):
            destination_type = destination_types[(stream_index + task_index) % len(destination_types)]
            task_name = f"{stream_name}-{destination_type.lower()}-{task_index}"
            state = rng.choices(states, weights)[0]
            stale = state == "ABNORMAL" or rng.random() < 0.05
            task = {
                "task_name": task_name,
                "task_id": derived_id(19, "task", project_id, stream_name, task_name),
                "state": state,
                "destination_type": destination_type,
                "create_time": f"-{rng.randint(2, 365)}d",
                "last_transfer_timestamp": f"-{rng.randint(2, 12)}h" if stale else f"-{rng.randint(5, 300)}s",
                DESCRIPTOR_KEYS[destination_type]: generated_descriptor(destination_type, stream_name, prefix),
            }
            if logs_per_task:
                task["logs"] = {"generate": {"count": logs_per_task, "interval_seconds": 300, "end": "now",
                                             "failure_rate": 0.02, "seed": seed}}
            tasks.append(task)
        streams.append({"stream_name": stream_name, "partition_count": partition_count,
                        "create_time": f"-{rng.randint(366, 730)}d", "transfer_tasks": tasks})
    return streams
