"""The emulated cloud: projects, streams, transfer tasks and credentials, loaded from YAML.

Loading validates everything up front and names the path of any bad field
(``projects[1].streams[0].transfer_tasks[2].task_id: ...``), so a typo in a
state file fails at start-up instead of as a puzzling answer later.
Task state transitions (STARTING -> RUNNING) are computed lazily from
timestamps: no background threads.
"""

import re
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import yaml

from . import generate
from .generate import DESCRIPTOR_KEYS, DESTINATION_TYPES
from .timeutil import now_ms, resolve_time

TASK_STATES = ("ERROR", "STARTING", "PAUSED", "RUNNING", "DELETE", "ABNORMAL")
PARTITION_KEY_STYLES = ("camel", "snake")
DEFAULT_QUOTA = 5

# State files may use the correct spelling; responses always use the API's.
DESCRIPTOR_ALIASES = {
    "cloudtable_destination_description": "CLOUDTABLE",
    "dws_destination_description": "DWS",
}
_DESCRIPTOR_TYPE_BY_KEY = {**{key: kind for kind, key in DESCRIPTOR_KEYS.items()}, **DESCRIPTOR_ALIASES}

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
_TASK_ID = re.compile(r"^[A-Za-z0-9]{19}$")
_HEX32 = re.compile(r"^[0-9a-fA-F]{32}$")

_CREDENTIAL_KEYS = {"access_keys", "users", "tokens"}
_ACCESS_KEY_KEYS = {"access_key", "secret_key", "security_token"}
_USER_KEYS = {"user_name", "password", "domain_name", "user_id", "domain_id"}
_PROJECT_KEYS = {"project_id", "region", "name", "domain_id", "streams", "generate_streams"}
_GENERATOR_KEYS = {"count", "tasks_per_stream", "prefix", "destination_types", "seed", "partitions_per_stream",
                   "logs_per_task", "states"}
_STREAM_KEYS = {"stream_name", "stream_id", "create_time", "partition_count", "quota", "omit_quota",
                "retention_period", "stream_type", "data_type", "status", "tags", "transfer_tasks"}
_TASK_KEYS = {"task_name", "task_id", "state", "destination_type", "create_time", "last_transfer_timestamp",
              "partitions", "logs", "omit_task_id", "partition_key_style"} | set(_DESCRIPTOR_TYPE_BY_KEY)
_PARTITION_KEYS = {"partitionId", "partition_id", "discard", "state", "last_transfer_timestamp",
                   "last_transfer_offset"}
_LOG_KEYS = {"startTime", "endTime", "transferBytes", "transferRecordsNum", "transformRecordsNum", "state",
             "transferFileName", "num"}
_LOG_PLAN_KEYS = {"count", "interval_seconds", "end", "failure_rate", "seed"}


class StateError(Exception):
    """A state file problem, located by the dotted path of the offending field."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# --------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------

@dataclass
class Partition:
    """One partition's dump progress, as task details report it (seed 004)."""

    partition_id: str
    discard: int
    state: str
    last_transfer_timestamp: int
    last_transfer_offset: int


@dataclass
class LogEntry:
    """One transfer log line: a dump window and what it moved."""

    start_time: int
    end_time: int
    transfer_bytes: int
    transfer_records_num: int
    state: int
    transfer_file_name: str
    transform_records_num: int = 0
    num: int = 0


@dataclass(frozen=True)
class LogPlan:
    """How to generate a task's logs on first use (generation is deferred to keep start-up fast)."""

    count: int
    interval_ms: int
    end_ms: int
    failure_rate: float
    seed: int


@dataclass(eq=False)
class TransferTask:
    """A dump task and everything the three task endpoints report about it."""

    task_name: str
    task_id: str
    state: str
    destination_type: str
    create_time: int
    last_transfer_timestamp: int
    partitions: List[Partition]
    descriptor: Optional[dict]
    omit_task_id: bool = False
    partition_key_style: str = "camel"
    explicit_logs: Optional[List[LogEntry]] = None
    log_plan: Optional[LogPlan] = None
    starting_since_ms: Optional[int] = None
    _generated_logs: Optional[List[LogEntry]] = field(default=None, repr=False)

    @property
    def descriptor_key(self) -> str:
        """The key the descriptor is sent under, misspelt where the API misspells it."""
        return DESCRIPTOR_KEYS[self.destination_type]

    def settle(self, now: int, transition_ms: int):
        """Finish a start that has had time to complete: STARTING becomes RUNNING."""
        if self.state != "STARTING" or self.starting_since_ms is None:
            return
        running_since = self.starting_since_ms + transition_ms
        if now < running_since:
            return
        self.state = "RUNNING"
        self.starting_since_ms = None
        self.last_transfer_timestamp = max(self.last_transfer_timestamp, running_since)
        for partition in self.partitions:
            partition.state = "RUNNING"
            partition.last_transfer_timestamp = max(partition.last_transfer_timestamp, running_since)

    def start(self, now: int):
        """Ask the task to run; it reports STARTING until the transition time has passed."""
        if self.state not in ("RUNNING", "STARTING"):
            self.state = "STARTING"
            self.starting_since_ms = now

    def stop(self):
        """Pause the task."""
        self.state = "PAUSED"
        self.starting_since_ms = None

    def logs(self, stream_name: str) -> List[LogEntry]:
        """The task's log entries, oldest first; generated ones are made once, on first use."""
        if self.explicit_logs is not None:
            return self.explicit_logs
        if self.log_plan is None:
            return []
        if self._generated_logs is None:
            plan = self.log_plan
            self._generated_logs = [
                LogEntry(*entry) for entry in generate.generate_log_entries(
                    plan.count, plan.interval_ms, plan.end_ms, plan.failure_rate, plan.seed,
                    self.task_id, stream_name)]
        return self._generated_logs


@dataclass(eq=False)
class Stream:
    """A DIS stream and its dump tasks (kept in state-file order)."""

    stream_name: str
    stream_id: str
    create_time: int
    partition_count: int
    quota: int
    omit_quota: bool
    retention_period: int
    stream_type: str
    data_type: str
    status: str
    tags: list
    tasks: Dict[str, TransferTask]


@dataclass(eq=False)
class Project:
    """One IAM project in one region: an environment."""

    project_id: str
    region: str
    name: str
    domain_id: str
    streams: Dict[str, Stream]
    stream_names: List[str] = field(default_factory=list)  # sorted, for paging


@dataclass(frozen=True)
class AccessKey:
    """A permanent or temporary (with security token) AK/SK pair."""

    access_key: str
    secret_key: str
    security_token: Optional[str] = None


@dataclass(frozen=True)
class User:
    """An IAM user allowed to get tokens with the password method."""

    user_name: str
    password: str
    domain_name: str
    user_id: str
    domain_id: str


@dataclass(frozen=True)
class Credentials:
    """Who may call: access keys by id, users, and static tokens accepted as they are."""

    access_keys: Dict[str, AccessKey]
    users: Tuple[User, ...]
    tokens: frozenset


@dataclass(frozen=True)
class TaskLocation:
    """Where a task id lives: the id is global, the task belongs to one project and stream."""

    project: Project
    stream: Stream
    task: TransferTask


class EmulatorState:
    """The whole emulated cloud, with one lock for reads that settle transitions and for actions."""

    def __init__(self, credentials: Credentials, projects: List[Project], loaded_at_ms: int,
                 transition_seconds: float):
        self.credentials = credentials
        self.projects = {project.project_id: project for project in projects}
        self.loaded_at_ms = loaded_at_ms
        self.transition_ms = int(transition_seconds * 1000)
        self.lock = threading.RLock()
        self._tasks_by_id = {
            task.task_id: TaskLocation(project, stream, task)
            for project in projects for stream in project.streams.values() for task in stream.tasks.values()}

    def project(self, project_id: str) -> Optional[Project]:
        """The project with this id, or None."""
        return self.projects.get(project_id)

    def projects_named(self, name: Optional[str]) -> List[Project]:
        """Projects whose name matches (all of them when ``name`` is None), in state-file order."""
        return [project for project in self.projects.values() if name is None or project.name == name]

    def locate_task(self, task_id: str) -> Optional[TaskLocation]:
        """Find a task by its global id."""
        return self._tasks_by_id.get(task_id)

    def settle(self, task: TransferTask):
        """Apply any due transition to ``task``; call with ``lock`` held."""
        task.settle(now_ms(), self.transition_ms)


# --------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------

def load_state(path: str, transition_seconds: float = 3.0, reference_ms: Optional[int] = None) -> EmulatorState:
    """Read and validate a state file; raises StateError naming the bad field."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
    except OSError as error:
        raise StateError("state", f"cannot read the file: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise StateError("state", f"not valid YAML: {error}") from None
    return build_state(document, transition_seconds, reference_ms)


def build_state(document: Any, transition_seconds: float = 3.0, reference_ms: Optional[int] = None) -> EmulatorState:
    """Validate a parsed state document and build the model from it.

    Relative times (``-2m``) are resolved against ``reference_ms`` (default: now).
    """
    reference = now_ms() if reference_ms is None else reference_ms
    root = _mapping(document, "state")
    _only_keys(root, {"credentials", "projects"}, "state")
    credentials = _credentials(root.get("credentials", {}), "credentials")
    default_domain_id = credentials.users[0].domain_id if credentials.users else generate.derived_hex("domain", "demo")
    loader = _Loader(reference, default_domain_id)
    projects = [loader.project(item, f"projects[{index}]")
                for index, item in enumerate(_list(_required(root, "projects", "state"), "projects"))]
    return EmulatorState(credentials, projects, reference, transition_seconds)


def _credentials(value: Any, path: str) -> Credentials:
    section = _mapping(value, path)
    _only_keys(section, _CREDENTIAL_KEYS, path)
    access_keys = {}
    for index, item in enumerate(_list(section.get("access_keys", []), f"{path}.access_keys")):
        item_path = f"{path}.access_keys[{index}]"
        entry = _mapping(item, item_path)
        _only_keys(entry, _ACCESS_KEY_KEYS, item_path)
        access_key = AccessKey(
            _string(_required(entry, "access_key", item_path), f"{item_path}.access_key"),
            _string(_required(entry, "secret_key", item_path), f"{item_path}.secret_key"),
            _string(entry["security_token"], f"{item_path}.security_token") if "security_token" in entry else None)
        if access_key.access_key in access_keys:
            raise StateError(f"{item_path}.access_key", "duplicate access key")
        access_keys[access_key.access_key] = access_key
    users = []
    for index, item in enumerate(_list(section.get("users", []), f"{path}.users")):
        users.append(_user(item, f"{path}.users[{index}]"))
    tokens = [_string(token, f"{path}.tokens[{index}]")
              for index, token in enumerate(_list(section.get("tokens", []), f"{path}.tokens"))]
    return Credentials(access_keys, tuple(users), frozenset(tokens))


def _user(value: Any, path: str) -> User:
    entry = _mapping(value, path)
    _only_keys(entry, _USER_KEYS, path)
    user_name = _string(_required(entry, "user_name", path), f"{path}.user_name")
    domain_name = _string(_required(entry, "domain_name", path), f"{path}.domain_name")
    return User(
        user_name,
        _string(_required(entry, "password", path), f"{path}.password"),
        domain_name,
        _hex32(entry["user_id"], f"{path}.user_id") if "user_id" in entry else generate.derived_hex("user", user_name),
        (_hex32(entry["domain_id"], f"{path}.domain_id") if "domain_id" in entry
         else generate.derived_hex("domain", domain_name)))


class _Loader:
    """Builds projects, checking uniqueness rules that span the whole file."""

    def __init__(self, reference_ms: int, default_domain_id: str):
        self.reference_ms = reference_ms
        self.default_domain_id = default_domain_id
        self.task_id_paths: Dict[str, str] = {}
        self.project_ids: Dict[str, str] = {}
        self.project_names: Dict[str, str] = {}

    def time(self, value: Any, path: str) -> int:
        try:
            return resolve_time(value, self.reference_ms)
        except ValueError as error:
            raise StateError(path, str(error)) from None

    def project(self, value: Any, path: str) -> Project:
        entry = _mapping(value, path)
        _only_keys(entry, _PROJECT_KEYS, path)
        project_id = _hex32(_required(entry, "project_id", path), f"{path}.project_id")
        _unique(self.project_ids, project_id, f"{path}.project_id", "project_id")
        region = _name(_required(entry, "region", path), f"{path}.region")
        name = _string(entry.get("name", region), f"{path}.name")
        _unique(self.project_names, name, f"{path}.name", "project name (defaults to the region)")
        domain_id = _hex32(entry["domain_id"], f"{path}.domain_id") if "domain_id" in entry else self.default_domain_id
        documents = [(f"{path}.streams[{index}]", item)
                     for index, item in enumerate(_list(entry.get("streams", []), f"{path}.streams"))]
        if "generate_streams" in entry:
            generated = self.generated_streams(entry["generate_streams"], project_id, f"{path}.generate_streams")
            documents += [(f"{path}.generate_streams(stream {index})", item) for index, item in enumerate(generated)]
        streams: Dict[str, Stream] = {}
        for stream_path, document in documents:
            stream = self.stream(document, stream_path, project_id)
            if stream.stream_name in streams:
                raise StateError(f"{stream_path}.stream_name", f"duplicate stream name {stream.stream_name!r}")
            streams[stream.stream_name] = stream
        return Project(project_id, region, name, domain_id, streams, sorted(streams))

    def generated_streams(self, value: Any, project_id: str, path: str) -> List[dict]:
        spec = _mapping(value, path)
        _only_keys(spec, _GENERATOR_KEYS, path)
        destination_types = [
            _choice(item, DESTINATION_TYPES, f"{path}.destination_types[{index}]")
            for index, item in enumerate(_list(spec.get("destination_types", list(DESTINATION_TYPES)),
                                               f"{path}.destination_types"))]
        if not destination_types:
            raise StateError(f"{path}.destination_types", "must list at least one destination type")
        weights = _mapping(spec.get("states", {"RUNNING": 90, "PAUSED": 5, "ABNORMAL": 5}), f"{path}.states")
        for state, weight in weights.items():
            _choice(state, TASK_STATES, f"{path}.states")
            _number(weight, f"{path}.states.{state}", minimum=0)
        if not any(weights.values()):
            raise StateError(f"{path}.states", "needs at least one positive weight")
        return generate.generate_stream_documents(
            project_id,
            count=_int(_required(spec, "count", path), f"{path}.count", 1, 100_000),
            tasks_per_stream=_int(spec.get("tasks_per_stream", 1), f"{path}.tasks_per_stream", 0, 50),
            prefix=_string(spec.get("prefix", "s"), f"{path}.prefix"),
            destination_types=destination_types,
            seed=_int(spec.get("seed", 0), f"{path}.seed"),
            partitions_per_stream=_int(spec.get("partitions_per_stream", 0), f"{path}.partitions_per_stream", 0, 100),
            logs_per_task=_int(spec.get("logs_per_task", 0), f"{path}.logs_per_task", 0, 1_000_000),
            state_weights=weights)

    def stream(self, value: Any, path: str, project_id: str) -> Stream:
        entry = _mapping(value, path)
        _only_keys(entry, _STREAM_KEYS, path)
        stream_name = _name(_required(entry, "stream_name", path), f"{path}.stream_name")
        partition_count = _int(entry.get("partition_count", 1), f"{path}.partition_count", 1, 1000)
        stream_id = (_task_id(entry["stream_id"], f"{path}.stream_id") if "stream_id" in entry
                     else generate.derived_id(19, "stream", project_id, stream_name))
        tasks: Dict[str, TransferTask] = {}
        for index, item in enumerate(_list(entry.get("transfer_tasks", []), f"{path}.transfer_tasks")):
            task_path = f"{path}.transfer_tasks[{index}]"
            task = self.task(item, task_path, project_id, stream_name, partition_count)
            if task.task_name in tasks:
                raise StateError(f"{task_path}.task_name", f"duplicate task name {task.task_name!r} in this stream")
            tasks[task.task_name] = task
        return Stream(
            stream_name=stream_name,
            stream_id=stream_id,
            create_time=self.time(entry.get("create_time", "-400d"), f"{path}.create_time"),
            partition_count=partition_count,
            quota=_int(entry.get("quota", DEFAULT_QUOTA), f"{path}.quota", 0, 1000),
            omit_quota=_bool(entry.get("omit_quota", False), f"{path}.omit_quota"),
            retention_period=_int(entry.get("retention_period", 24), f"{path}.retention_period", 1, 10_000),
            stream_type=_choice(entry.get("stream_type", "COMMON"), ("COMMON", "ADVANCED"), f"{path}.stream_type"),
            data_type=_choice(entry.get("data_type", "BLOB"), ("BLOB", "JSON", "CSV"), f"{path}.data_type"),
            status=_choice(entry.get("status", "RUNNING"), ("CREATING", "RUNNING", "TERMINATING", "TERMINATED"),
                           f"{path}.status"),
            tags=_list(entry.get("tags", []), f"{path}.tags"),
            tasks=tasks)

    def task(self, value: Any, path: str, project_id: str, stream_name: str, partition_count: int) -> TransferTask:
        entry = _mapping(value, path)
        _only_keys(entry, _TASK_KEYS, path)
        task_name = _name(_required(entry, "task_name", path), f"{path}.task_name")
        task_id = (_task_id(entry["task_id"], f"{path}.task_id") if "task_id" in entry
                   else generate.derived_id(19, "task", project_id, stream_name, task_name))
        _unique(self.task_id_paths, task_id, f"{path}.task_id", "task_id")
        state = _choice(entry.get("state", "RUNNING"), TASK_STATES, f"{path}.state")
        destination_type = _choice(_required(entry, "destination_type", path), DESTINATION_TYPES,
                                   f"{path}.destination_type")
        last_transfer = self.time(entry.get("last_transfer_timestamp", "-1m"), f"{path}.last_transfer_timestamp")
        if "partitions" in entry:
            partitions = [self.partition(item, f"{path}.partitions[{index}]", last_transfer)
                          for index, item in enumerate(_list(entry["partitions"], f"{path}.partitions"))]
        else:
            partitions = [Partition(**item) for item in generate.default_partitions(
                task_id, state, partition_count, last_transfer)]
        explicit_logs, log_plan = self.logs(entry.get("logs"), f"{path}.logs", task_id, stream_name)
        return TransferTask(
            task_name=task_name,
            task_id=task_id,
            state=state,
            destination_type=destination_type,
            create_time=self.time(entry.get("create_time", "-30d"), f"{path}.create_time"),
            last_transfer_timestamp=last_transfer,
            partitions=partitions,
            descriptor=_descriptor(entry, destination_type, path),
            omit_task_id=_bool(entry.get("omit_task_id", False), f"{path}.omit_task_id"),
            partition_key_style=_choice(entry.get("partition_key_style", "camel"), PARTITION_KEY_STYLES,
                                        f"{path}.partition_key_style"),
            explicit_logs=explicit_logs,
            log_plan=log_plan,
            # A task declared STARTING finishes starting relative to load time.
            starting_since_ms=self.reference_ms if state == "STARTING" else None)

    def partition(self, value: Any, path: str, task_last_transfer: int) -> Partition:
        entry = _mapping(value, path)
        _only_keys(entry, _PARTITION_KEYS, path)
        # Seed 004 spells it partitionId; the SDK model partition_id. Accept both.
        if ("partitionId" in entry) == ("partition_id" in entry):
            raise StateError(path, "needs exactly one of partitionId or partition_id")
        identifier = entry.get("partitionId", entry.get("partition_id"))
        return Partition(
            partition_id=_string(identifier, f"{path}.partitionId"),
            discard=_int(entry.get("discard", 0), f"{path}.discard", 0),
            state=_choice(entry.get("state", "RUNNING"), TASK_STATES, f"{path}.state"),
            last_transfer_timestamp=self.time(entry.get("last_transfer_timestamp", task_last_transfer),
                                              f"{path}.last_transfer_timestamp"),
            last_transfer_offset=_int(entry.get("last_transfer_offset", 0), f"{path}.last_transfer_offset", 0))

    def logs(self, value: Any, path: str, task_id: str,
             stream_name: str) -> Tuple[Optional[List[LogEntry]], Optional[LogPlan]]:
        if value is None:
            return None, None
        if isinstance(value, dict):
            _only_keys(value, {"generate"}, path)
            return None, self.log_plan(_required(value, "generate", path), f"{path}.generate")
        entries = [self.log_entry(item, f"{path}[{index}]", task_id, stream_name)
                   for index, item in enumerate(_list(value, path))]
        entries.sort(key=lambda entry: entry.start_time)
        return entries, None

    def log_plan(self, value: Any, path: str) -> LogPlan:
        spec = _mapping(value, path)
        _only_keys(spec, _LOG_PLAN_KEYS, path)
        return LogPlan(
            count=_int(_required(spec, "count", path), f"{path}.count", 0, 1_000_000),
            interval_ms=_int(spec.get("interval_seconds", 300), f"{path}.interval_seconds", 1, 86_400 * 7) * 1000,
            end_ms=self.time(spec.get("end", "now"), f"{path}.end"),
            failure_rate=_number(spec.get("failure_rate", 0.0), f"{path}.failure_rate", 0.0, 1.0),
            seed=_int(spec.get("seed", 0), f"{path}.seed"))

    def log_entry(self, value: Any, path: str, task_id: str, stream_name: str) -> LogEntry:
        entry = _mapping(value, path)
        _only_keys(entry, _LOG_KEYS, path)
        start = self.time(_required(entry, "startTime", path), f"{path}.startTime")
        end = self.time(entry.get("endTime", start + 300_000), f"{path}.endTime")
        if end < start:
            raise StateError(f"{path}.endTime", "must not be before startTime")
        return LogEntry(
            start_time=start,
            end_time=end,
            transfer_bytes=_int(entry.get("transferBytes", 0), f"{path}.transferBytes", 0),
            transfer_records_num=_int(entry.get("transferRecordsNum", 0), f"{path}.transferRecordsNum", 0),
            state=_choice(entry.get("state", 0), (0, 1), f"{path}.state"),
            transfer_file_name=_string(entry.get("transferFileName", f"{task_id}.{stream_name}.0.{start}"),
                                       f"{path}.transferFileName"),
            transform_records_num=_int(entry.get("transformRecordsNum", 0), f"{path}.transformRecordsNum", 0),
            num=_int(entry.get("num", 0), f"{path}.num", 0))


def _descriptor(entry: dict, destination_type: str, path: str) -> Optional[dict]:
    present = [key for key in _DESCRIPTOR_TYPE_BY_KEY if key in entry]
    if len(present) > 1:
        raise StateError(path, f"has several destination descriptors ({', '.join(present)}); a task dumps to one")
    if not present:
        return None
    key = present[0]
    if _DESCRIPTOR_TYPE_BY_KEY[key] != destination_type:
        raise StateError(f"{path}.{key}", f"does not match destination_type {destination_type}; "
                                          f"expected {DESCRIPTOR_KEYS[destination_type]}")
    return dict(_mapping(entry[key], f"{path}.{key}"))


# --------------------------------------------------------------------------
# Small validators: each returns the value or raises StateError at ``path``
# --------------------------------------------------------------------------

def _mapping(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise StateError(path, f"must be a mapping, got {_type_name(value)}")
    return value


def _list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise StateError(path, f"must be a list, got {_type_name(value)}")
    return value


def _only_keys(mapping: dict, allowed: set, path: str):
    unknown = sorted(str(key) for key in mapping if key not in allowed)
    if unknown:
        raise StateError(f"{path}.{unknown[0]}", f"unknown key; allowed here: {', '.join(sorted(allowed))}")


def _required(mapping: dict, key: str, path: str) -> Any:
    if key not in mapping or mapping[key] is None:
        raise StateError(f"{path}.{key}", "is required")
    return mapping[key]


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise StateError(path, f"must be a non-empty string, got {_type_name(value)}")
    return value


def _name(value: Any, path: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise StateError(path, f"must be 1 to 60 letters, digits, '_' or '-', got {value!r}")
    return value


def _task_id(value: Any, path: str) -> str:
    if not isinstance(value, str) or not _TASK_ID.match(value):
        raise StateError(path, f"must be 19 letters or digits, got {value!r}")
    return value


def _hex32(value: Any, path: str) -> str:
    if not isinstance(value, str) or not _HEX32.match(value):
        raise StateError(path, f"must be 32 hexadecimal characters, got {value!r}")
    return value


def _int(value: Any, path: str, minimum: Optional[int] = None, maximum: Optional[int] = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise StateError(path, f"must be an integer, got {_type_name(value)}")
    _check_range(value, path, minimum, maximum)
    return value


def _number(value: Any, path: str, minimum: Optional[float] = None, maximum: Optional[float] = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise StateError(path, f"must be a number, got {_type_name(value)}")
    _check_range(value, path, minimum, maximum)
    return float(value)


def _check_range(value, path, minimum, maximum):
    if minimum is not None and value < minimum:
        raise StateError(path, f"must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise StateError(path, f"must be at most {maximum}, got {value}")


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise StateError(path, f"must be true or false, got {_type_name(value)}")
    return value


def _choice(value: Any, choices: tuple, path: str):
    if isinstance(value, bool) or value not in choices:
        raise StateError(path, f"must be one of {', '.join(map(str, choices))}, got {value!r}")
    return value


def _unique(seen: Dict[str, str], value: str, path: str, what: str):
    if value in seen:
        raise StateError(path, f"duplicate {what} {value!r} (first used at {seen[value]})")
    seen[value] = path


def _type_name(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__
