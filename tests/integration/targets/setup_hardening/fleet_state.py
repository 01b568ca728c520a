# -*- coding: utf-8 -*-
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write an emulator state file for the hardening targets: a fleet with absolute times.

Usage: python fleet_state.py CREDENTIALS.yml OUT.yml [--projects 3] [--streams 20]
[--tasks 5] [--logs 25] [--paused N]

Streams and tasks come from the emulator's own generator (every destination type,
realistic descriptors); their relative times are resolved against one fixed instant, so
that emulators started at different moments serve identical data and a run under faults
can be compared with a fault-free one byte for byte. ``--paused N`` adds to the first
environment a stream ``paused`` of N paused tasks ``paused-00``, ``paused-01``, ... for
runs that must start a different task each. The credentials of CREDENTIALS.yml
are the ones the emulator accepts. The package dis_emulator must be importable (the
runme.sh scripts put tools/ on PYTHONPATH).
"""

from __future__ import annotations

import argparse

import yaml

from dis_emulator import generate
from dis_emulator.timeutil import resolve_time

# 2025-11-24T16:00:00Z: any fixed instant does; ages are computed by the modules from now.
REFERENCE_MS = 1764000000000
TIME_KEYS = ("create_time", "last_transfer_timestamp")
REGIONS = ("cn-north-4", "cn-east-3", "ap-southeast-1")


def project_id(index):
    """A 32-hex project id per environment: fa...01, fa...02, ..."""
    return "fa" + "%030x" % (index + 1)


def absolute(document):
    """The generated stream document with every relative time resolved against REFERENCE_MS."""
    document = dict(document)
    if "create_time" in document:
        document["create_time"] = resolve_time(document["create_time"], REFERENCE_MS)
    tasks = []
    for task in document.get("transfer_tasks", []):
        task = dict(task)
        for key in TIME_KEYS:
            task[key] = resolve_time(task[key], REFERENCE_MS)
        logs = task.get("logs")
        if isinstance(logs, dict):
            plan = dict(logs["generate"], end=REFERENCE_MS)
            task["logs"] = {"generate": plan}
        tasks.append(task)
    document["transfer_tasks"] = tasks
    return document


def dws_password(document, password):
    """Give every DWS descriptor the distinctive password the secret tests look for."""
    for task in document["transfer_tasks"]:
        descriptor = task.get(generate.DESCRIPTOR_KEYS["DWS"])
        if descriptor is not None:
            descriptor["user_password"] = password
    return document


def paused_stream(count):
    """A stream of ``count`` PAUSED OBS tasks named paused-00, paused-01, ..."""
    return {"stream_name": "paused", "create_time": REFERENCE_MS, "transfer_tasks": [
        {"task_name": "paused-%02d" % index, "state": "PAUSED", "destination_type": "OBS",
         "create_time": REFERENCE_MS, "last_transfer_timestamp": REFERENCE_MS,
         "obs_destination_description": {"obs_bucket_path": "paused-bucket", "file_prefix": "paused"}}
        for index in range(count)]}


def fleet(credentials, projects, streams, tasks, logs, paused=0):
    """The whole state document."""
    document = {
        "credentials": {
            "tokens": [credentials["hardening_static_token"]],
            "access_keys": [
                {"access_key": credentials["hardening_access_key"],
                 "secret_key": credentials["hardening_secret_key"]},
                {"access_key": credentials["hardening_temp_access_key"],
                 "secret_key": credentials["hardening_temp_secret_key"],
                 "security_token": credentials["hardening_security_token"]},
            ],
            "users": [{"user_name": credentials["hardening_user_name"],
                       "password": credentials["hardening_password"],
                       "domain_name": credentials["hardening_domain_name"]}],
        },
        "projects": [],
    }
    for index in range(projects):
        pid = project_id(index)
        generated = generate.generate_stream_documents(
            pid, count=streams, tasks_per_stream=tasks, prefix="env%s-s" % chr(ord("a") + index),
            destination_types=generate.DESTINATION_TYPES, seed=index + 1, partitions_per_stream=0,
            logs_per_task=logs, state_weights={"RUNNING": 80, "PAUSED": 10, "ABNORMAL": 10})
        document["projects"].append({
            "project_id": pid,
            "region": REGIONS[index % len(REGIONS)],
            "name": "env-%s" % chr(ord("a") + index),
            "streams": [dws_password(absolute(stream), credentials["hardening_dws_password"])
                        for stream in generated],
        })
    if paused:
        document["projects"][0]["streams"].append(paused_stream(paused))
    return document


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("credentials")
    parser.add_argument("out")
    parser.add_argument("--projects", type=int, default=3)
    parser.add_argument("--streams", type=int, default=20)
    parser.add_argument("--tasks", type=int, default=5)
    parser.add_argument("--logs", type=int, default=25)
    parser.add_argument("--paused", type=int, default=0)
    arguments = parser.parse_args()
    with open(arguments.credentials, encoding="utf-8") as handle:
        credentials = yaml.safe_load(handle)
    document = fleet(credentials, arguments.projects, arguments.streams, arguments.tasks, arguments.logs,
                     arguments.paused)
    with open(arguments.out, "w", encoding="utf-8") as handle:
        yaml.safe_dump(document, handle, sort_keys=False)


if __name__ == "__main__":
    main()
