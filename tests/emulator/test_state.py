"""State file validation, relative times and the deterministic generators."""

import copy
import re

import pytest

from dis_emulator import generate
from dis_emulator.state import StateError, build_state, load_state
from dis_emulator.timeutil import resolve_time
from .emulator_testdata import DEMO_STATE_FILE, STATE_FILE

NOW = 1_800_000_000_000

VALID = {
    "credentials": {"access_keys": [{"access_key": "AK", "secret_key": "SK"}], "tokens": ["t"]},
    "projects": [{
        "project_id": "0" * 32,
        "region": "cn-north-4",
        "streams": [{"stream_name": "s1", "transfer_tasks": [
            {"task_name": "t1", "task_id": "A" * 19, "state": "RUNNING", "destination_type": "OBS"}]}],
    }],
}


def _with(change):
    document = copy.deepcopy(VALID)
    change(document)
    return document


def _task(document):
    return document["projects"][0]["streams"][0]["transfer_tasks"][0]


def _error_path(document):
    with pytest.raises(StateError) as raised:
        build_state(document, reference_ms=NOW)
    return raised.value.path


@pytest.mark.parametrize("change, path", [
    (lambda d: d["projects"][0].update(project_id="xyz"), "projects[0].project_id"),
    (lambda d: _task(d).update(task_id="short"), "projects[0].streams[0].transfer_tasks[0].task_id"),
    (lambda d: _task(d).update(state="SLEEPING"), "projects[0].streams[0].transfer_tasks[0].state"),
    (lambda d: _task(d).update(destination_type="S3"), "projects[0].streams[0].transfer_tasks[0].destination_type"),
    (lambda d: _task(d).update(task_name="bad/name"), "projects[0].streams[0].transfer_tasks[0].task_name"),
    (lambda d: d["projects"][0]["streams"][0].update(stream_name="s" * 61), "projects[0].streams[0].stream_name"),
    (lambda d: _task(d).update(create_time="yesterday"), "projects[0].streams[0].transfer_tasks[0].create_time"),
    (lambda d: _task(d).update(colour="blue"), "projects[0].streams[0].transfer_tasks[0].colour"),
    (lambda d: _task(d).update(dli_destination_description={}),
     "projects[0].streams[0].transfer_tasks[0].dli_destination_description"),
    (lambda d: _task(d).update(partitions=[{"discard": 1}]), "projects[0].streams[0].transfer_tasks[0].partitions[0]"),
    (lambda d: _task(d).update(logs={"generate": {"count": -1}}),
     "projects[0].streams[0].transfer_tasks[0].logs.generate.count"),
    (lambda d: d["credentials"]["access_keys"][0].pop("secret_key"), "credentials.access_keys[0].secret_key"),
    (lambda d: d.update(projects="none"), "projects"),
])
def test_invalid_field_is_reported_by_its_path(change, path):
    assert _error_path(_with(change)) == path


def test_duplicate_task_id_across_projects_is_refused():
    def add_project(document):
        second = copy.deepcopy(document["projects"][0])
        second.update(project_id="1" * 32, region="cn-east-3")
        document["projects"].append(second)
    assert _error_path(_with(add_project)) == "projects[1].streams[0].transfer_tasks[0].task_id"


def test_duplicate_stream_name_is_refused():
    def duplicate(document):
        document["projects"][0]["streams"].append({"stream_name": "s1"})
    assert _error_path(_with(duplicate)) == "projects[0].streams[1].stream_name"


def test_relative_times_resolve_against_the_reference():
    assert resolve_time("-2m", NOW) == NOW - 120_000
    assert resolve_time("-30d", NOW) == NOW - 30 * 86_400_000
    assert resolve_time("+1h", NOW) == NOW + 3_600_000
    assert resolve_time("now", NOW) == NOW
    assert resolve_time(1606554932552, NOW) == 1606554932552
    assert resolve_time("2020-12-03T08:33:48.612Z", NOW) == 1606984428612


def test_starting_task_becomes_running_after_the_transition():
    state = build_state(_with(lambda d: _task(d).update(state="STARTING")), transition_seconds=3, reference_ms=NOW)
    task = state.locate_task("A" * 19).task
    task.settle(NOW + 2_000, state.transition_ms)
    assert task.state == "STARTING"
    task.settle(NOW + 3_000, state.transition_ms)
    assert task.state == "RUNNING" and task.last_transfer_timestamp == NOW + 3_000


def test_fixture_and_demo_states_load():
    assert len(load_state(str(STATE_FILE)).projects) == 2
    demo = load_state(str(DEMO_STATE_FILE))
    assert sorted(project.region for project in demo.projects.values()) == ["ap-southeast-1", "cn-east-3",
                                                                            "cn-north-4"]


def _generated_state(seed=1, count=640):
    document = {"projects": [{"project_id": "2" * 32, "region": "cn-north-4", "generate_streams": {
        "count": count, "tasks_per_stream": 5, "prefix": "s", "seed": seed, "logs_per_task": 10}}]}
    return build_state(document, reference_ms=NOW)


def _fingerprint(state):
    return [(stream.stream_name, task.task_name, task.task_id, task.state, task.destination_type,
             task.create_time, task.descriptor_key, tuple(p.partition_id for p in task.partitions))
            for project in state.projects.values() for stream in project.streams.values()
            for task in stream.tasks.values()]


def test_generate_streams_is_deterministic_and_complete():
    first, second = _generated_state(), _generated_state()
    assert _fingerprint(first) == _fingerprint(second)
    assert len(_fingerprint(first)) == 640 * 5
    assert {entry[4] for entry in _fingerprint(first)} == set(generate.DESTINATION_TYPES)
    assert _fingerprint(_generated_state(seed=2, count=40)) != _fingerprint(_generated_state(seed=1, count=40))


def test_generated_logs_are_realistic():
    entries = generate.generate_log_entries(10_000, 300_000, NOW, 0.05, 1, "T" * 19, "orders")
    assert len(entries) == 10_000 and entries[-1][1] <= NOW
    for (start, end, size, records, state, _name), following in zip(entries, entries[1:] + [None]):
        assert start < end and (following is None or end <= following[0])
        assert generate.LOG_MIN_BYTES <= size <= generate.LOG_MAX_BYTES
        assert 1 <= records <= size // 300 and state in (0, 1)
    start, file_name = entries[0][0], entries[0][5]
    assert re.fullmatch(rf"T{{19}}\.orders\.0\.{start}", file_name)
    failures = sum(entry[4] for entry in entries)
    assert 300 < failures < 700


def test_generated_logs_are_deterministic_per_seed_and_task():
    make = generate.generate_log_entries
    assert make(50, 60_000, NOW, 0.1, 7, "T" * 19, "s") == make(50, 60_000, NOW, 0.1, 7, "T" * 19, "s")
    assert make(50, 60_000, NOW, 0.1, 7, "T" * 19, "s") != make(50, 60_000, NOW, 0.1, 8, "T" * 19, "s")
    assert make(50, 60_000, NOW, 0.1, 7, "T" * 19, "s") != make(50, 60_000, NOW, 0.1, 7, "U" * 19, "s")
