"""Benchmark harness of hwcloud.dis: fleet audit, scaling, logs, auth, start-up.

Runs everything against the DIS emulator (tools/dis_emulator) on loopback
with injected latency, side by side, and rewrites docs/performance.md
(figures: median of several runs, with min and max) plus
build/bench/results.json (every sample).

    .venv/bin/python bench/run.py              # everything (make bench)
    .venv/bin/python bench/run.py --quick      # fewer repetitions (BENCH_QUICK=1 make bench)
    .venv/bin/python bench/run.py --only fleet,logs --output /tmp/perf.md

A benchmark, not a test: nothing here asserts a timing. Targets are reported
as met or not met.
"""

import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

import harness
import report
from harness import Emulator, Samples

LATENCY_MS = 40
STATES = os.path.join(harness.BENCH, "states")
MODULE_INFO = "transfer_task_info"
MODULE_LOGS = "transfer_task_log_info"
STARTUP_RUNS = 20
AUTH_RUNS = 20
LOG_TASK_ID = "BenchOrdersToObs001"
LOG_PAGE_SIZE = 100
# Token cache variants of the auth benchmark: name -> a fresh, empty cache folder for every run.
VARIANTS = {"cache": False, "no cache": True}


class Settings:
    """How many times each thing is measured: full (make bench) or quick (BENCH_QUICK=1)."""

    def __init__(self, quick, uri_streams=None):
        self.quick = quick
        self.fleet_runs = 3 if quick else 5          # collection and ping playbooks, each
        self.sdk_runs = 1 if quick else 3            # ~30 s each: 723 sequential requests
        # The uri playbook makes one module run per request (0.4-0.8 s of CPU each: 723 runs take
        # 2.5 minutes on 2 idle cores, 10 on busy ones). It runs once, on this many streams per
        # environment (3 hosts in parallel all the same), and is scaled by requests to the full fleet.
        # --uri-streams 40 runs the full fleet.
        self.uri_stream_limit = uri_streams or (4 if quick else 10)
        self.scaling_runs = 1 if quick else 3
        self.scaling_playbook_runs = 1 if quick else 2
        self.log_runs = 2 if quick else 5
        self.auth_runs = 1 if quick else 2
        self.startup_runs = 1 if quick else 3


class Context:
    """What every benchmark gets: settings, a work folder, a progress log."""

    def __init__(self, settings, workdir):
        self.settings = settings
        self.workdir = workdir
        self.started = time.perf_counter()
        self.env = harness.base_env(workdir)

    def log(self, message):
        """Progress on stderr, with the time elapsed since the start."""
        elapsed = time.perf_counter() - self.started
        sys.stderr.write("[bench %4.0fs] %s\n" % (elapsed, message))
        sys.stderr.flush()

    def path(self, *parts):
        """A path under the work folder."""
        return os.path.join(self.workdir, *parts)


def _connection(url, project, access_key=None, user=None):
    """The module options that point at one emulator project, with AK/SK or password auth."""
    connection = {"endpoint": url, "iam_endpoint": url, "region": project["region"],
                  "project_id": project["project_id"]}
    if access_key is not None:
        connection.update(access_key=access_key["access_key"], secret_key=access_key["secret_key"])
    if user is not None:
        connection.update(user_name=user["user_name"], password=user["password"], domain_name=user["domain_name"])
    return connection


def _requests_made(emulator):
    total, routes = harness.api_requests(emulator.stats())
    return total, routes


# --------------------------------------------------------------------------- fleet


def bench_fleet(ctx):
    """Collection vs uri playbook vs sequential SDK script vs ping, over 3 environments."""
    settings = ctx.settings
    state_path = os.path.join(STATES, "fleet.yml")
    state = harness.load_state(state_path)
    access_key = state["credentials"]["access_keys"][0]
    token = state["credentials"]["tokens"][0]
    projects = state["projects"]
    shapes = [harness.project_shape(project) for project in projects]
    minimum = sum(harness.minimum_requests(streams, per_stream) for streams, per_stream in shapes)
    expected_tasks = sum(int(streams * per_stream) for streams, per_stream in shapes)
    result = {"environments": len(projects), "streams_per_environment": shapes[0][0],
              "tasks_per_stream": shapes[0][1], "latency_ms": LATENCY_MS, "minimum_requests": minimum,
              "expected_tasks": expected_tasks, "forks": 5}

    with Emulator(state_path, LATENCY_MS, ctx.workdir, ctx.env) as emulator:
        hosts = {}
        for index, (project, (streams, per_stream)) in enumerate(zip(projects, shapes)):
            hosts["env%d" % index] = {
                "dis_connection": _connection(emulator.url, project, access_key=access_key),
                "dis_endpoint": emulator.url, "dis_project_id": project["project_id"], "dis_token": token,
                "bench_expected_tasks": int(streams * per_stream)}
        inventory = harness.write_inventory(ctx.path("fleet-inventory.json"), hosts)

        ctx.log("fleet: warm-up (collection and ping playbooks, not counted)")
        harness.playbook(ctx.workdir, inventory, "collection_audit.yml")
        harness.playbook(ctx.workdir, inventory, "ping.yml")

        collection, ping = _Contender(), _Contender()
        for run in range(settings.fleet_runs):
            ctx.log("fleet: ping and collection playbooks, run %d/%d" % (run + 1, settings.fleet_runs))
            for contender, name in ((ping, "ping.yml"), (collection, "collection_audit.yml")):
                emulator.reset()
                cpu_before = emulator.cpu_seconds()
                process = harness.playbook(ctx.workdir, inventory, name)
                contender.add(process, _requests_made(emulator), emulator.cpu_seconds() - cpu_before)
        result["collection"] = collection.as_dict()
        result["ping"] = ping.as_dict()

        sdk = _Contender()
        sdk_after_imports = Samples()
        environments = [{"endpoint": emulator.url, "project_id": project["project_id"],
                         "access_key": access_key["access_key"], "secret_key": access_key["secret_key"]}
                        for project in projects]
        environments_path = harness.write_json(ctx.path("sdk-environments.json"), environments)
        sdk_env = dict(ctx.env, HOME=harness.fresh_dir(ctx.path("sdk-home")))
        for run in range(settings.sdk_runs):
            ctx.log("fleet: sequential SDK script, run %d/%d (about 30 s)" % (run + 1, settings.sdk_runs))
            emulator.reset()
            cpu_before = emulator.cpu_seconds()
            process = harness.run_process([harness.PYTHON, os.path.join(harness.BENCH, "sdk_audit.py"),
                                           environments_path], sdk_env).check("bench/sdk_audit.py")
            summary = json.loads(process.stdout.strip().splitlines()[-1])
            if summary["tasks"] != expected_tasks:
                raise RuntimeError("the SDK script found %s tasks, expected %s" % (summary["tasks"], expected_tasks))
            sdk.add(process, _requests_made(emulator), emulator.cpu_seconds() - cpu_before)
            sdk_after_imports.add(summary["seconds_after_imports"])
        result["sdk"] = sdk.as_dict()
        result["sdk"]["seconds_after_imports"] = sdk_after_imports.as_dict()

        uri = _Contender()
        limit = settings.uri_stream_limit
        if limit and limit >= shapes[0][0]:
            limit = None
        extra = None
        if limit:
            extra = {"bench_stream_limit": limit, "bench_expected_tasks": int(limit * shapes[0][1])}
            ctx.log("fleet: uri playbook limited to %d streams per environment, once" % limit)
        else:
            ctx.log("fleet: uri playbook, full fleet, once (minutes: one module run per request)")
        emulator.reset()
        cpu_before = emulator.cpu_seconds()
        process = harness.playbook(ctx.workdir, inventory, "uri_audit.yml", extra_vars=extra)
        uri.add(process, _requests_made(emulator), emulator.cpu_seconds() - cpu_before)
        result["uri"] = uri.as_dict()
        measured_requests = result["uri"]["requests"]
        if limit:
            # Every uri task is one module run making one request: time grows with requests.
            scale = minimum / measured_requests
            result["uri"]["estimated"] = True
            result["uri"]["scale_factor"] = scale
            result["uri"]["stream_limit"] = limit
            result["uri"]["measured_seconds"] = result["uri"]["seconds"]["median"]
            result["uri"]["seconds"] = {key: (value * scale if key in ("median", "min", "max") else value)
                                        for key, value in result["uri"]["seconds"].items()}
            result["uri"]["requests_measured"] = measured_requests
            result["uri"]["requests"] = minimum
    return result


class _Contender:
    """Repeated runs of one contender: wall time, CPU, peak RSS, requests, emulator CPU."""

    def __init__(self):
        self.seconds = Samples()
        self.cpu = Samples()
        self.rss = Samples()
        self.emulator_cpu = Samples()
        self.requests = []
        self.routes = None

    def add(self, process, requests_made, emulator_cpu):
        """Record one run."""
        self.seconds.add(process.wall)
        self.cpu.add(process.cpu)
        self.rss.add(process.max_rss_mb)
        if emulator_cpu is not None:
            self.emulator_cpu.add(emulator_cpu)
        total, routes = requests_made
        self.requests.append(total)
        self.routes = routes

    def as_dict(self):
        """A JSON-ready summary (requests: the value of the last run; all runs are kept)."""
        return {"seconds": self.seconds.as_dict(), "cpu_seconds": self.cpu.as_dict(),
                "max_rss_mb": self.rss.as_dict(), "emulator_cpu_seconds": self.emulator_cpu.as_dict(),
                "requests": self.requests[-1] if self.requests else 0, "requests_per_run": self.requests,
                "routes": self.routes}


# --------------------------------------------------------------------------- scaling


def bench_scaling(ctx):
    """The detailed audit of one environment at 10 to 640 streams: time, CPU, peak memory, requests."""
    settings = ctx.settings
    state_path = os.path.join(STATES, "scaling.yml")
    state = harness.load_state(state_path)
    access_key = state["credentials"]["access_keys"][0]
    rows = []
    ctx.log("scaling: starting the emulator (generates %d environments)" % len(state["projects"]))
    with Emulator(state_path, LATENCY_MS, ctx.workdir, ctx.env) as emulator:
        warmed = False
        for project in state["projects"]:
            streams, per_stream = harness.project_shape(project)
            tasks = int(streams * per_stream)
            arguments = dict(_connection(emulator.url, project, access_key=access_key), details=True)
            concurrency = 16  # the module's default
            minimum = harness.minimum_requests(streams, per_stream)
            pages = minimum - streams - tasks
            floor = LATENCY_MS / 1000.0 * (pages + math.ceil((streams + tasks) / concurrency))
            if not warmed:
                harness.module_process(ctx.workdir, MODULE_INFO, arguments, ctx.env)
                warmed = True
            row = {"streams": streams, "tasks": tasks, "minimum_requests": minimum, "concurrency": concurrency,
                   "round_trip_floor_seconds": floor}
            wall, cpu, rss, emulator_cpu, requests_made = Samples(), Samples(), Samples(), Samples(), []
            for run in range(settings.scaling_runs):
                ctx.log("scaling: %d streams, module process run %d/%d" % (streams, run + 1, settings.scaling_runs))
                emulator.reset()
                cpu_before = emulator.cpu_seconds()
                process, output = harness.module_process(ctx.workdir, MODULE_INFO, arguments, ctx.env)
                emulator_cpu.add(emulator.cpu_seconds() - cpu_before)
                if len(output["transfer_tasks"]) != tasks:
                    raise RuntimeError("%d streams: %d tasks returned, expected %d"
                                       % (streams, len(output["transfer_tasks"]), tasks))
                wall.add(process.wall)
                cpu.add(process.cpu)
                rss.add(process.max_rss_mb)
                requests_made.append(_requests_made(emulator)[0])
                row["result_bytes"] = len(process.stdout)
            row.update(module_seconds=wall.as_dict(), module_cpu_seconds=cpu.as_dict(), module_max_rss_mb=rss.as_dict(),
                       emulator_cpu_seconds=emulator_cpu.as_dict(), requests=requests_made[-1],
                       requests_per_run=requests_made)

            inventory = harness.write_inventory(ctx.path("scaling-inventory.json"), {"env0": {
                "dis_connection": _connection(emulator.url, project, access_key=access_key),
                "bench_expected_tasks": tasks}})
            playbook_wall, playbook_rss = Samples(), Samples()
            for run in range(settings.scaling_playbook_runs):
                ctx.log("scaling: %d streams, ansible-playbook run %d/%d"
                        % (streams, run + 1, settings.scaling_playbook_runs))
                process = harness.playbook(ctx.workdir, inventory, "collection_audit.yml")
                playbook_wall.add(process.wall)
                playbook_rss.add(process.max_rss_mb)
            row.update(playbook_seconds=playbook_wall.as_dict(), playbook_max_rss_mb=playbook_rss.as_dict())
            rows.append(row)
        filtered = _filtered_audit(ctx, emulator, state["projects"], access_key)
    return {"latency_ms": LATENCY_MS, "rows": rows, "filtered": filtered}


def _filtered_audit(ctx, emulator, projects, access_key, streams_wanted=160):
    """With filters, details only for the tasks that pass them: requests = pages + listings + matches."""
    project = next(project for project in projects if harness.project_shape(project)[0] == streams_wanted)
    streams, per_stream = harness.project_shape(project)
    filters = {"state": ["ABNORMAL", "PAUSED"]}
    ctx.log("scaling: %d streams, details with filters %s, once" % (streams, filters))
    emulator.reset()
    process, output = harness.module_process(
        ctx.workdir, MODULE_INFO, dict(_connection(emulator.url, project, access_key=access_key), details=True,
                                       filters=filters), ctx.env)
    matching = len(output["transfer_tasks"])
    pages = max(1, -(-streams // 100))
    return {"streams": streams, "tasks": int(streams * per_stream), "filters": filters, "tasks_returned": matching,
            "seconds": process.wall,
            "requests": _requests_made(emulator)[0], "minimum_requests": pages + streams + matching}


# --------------------------------------------------------------------------- logs


def bench_logs(ctx):
    """A task with 10,000 log entries: every page, and the last hour (and day) with the pages read."""
    settings = ctx.settings
    state_path = os.path.join(STATES, "single.yml")
    state = harness.load_state(state_path)
    project = state["projects"][0]
    access_key = state["credentials"]["access_keys"][0]
    variants = [
        ("all_pages", {"all_pages": True, "page_size": LOG_PAGE_SIZE}),
        ("since: 1h", {"since": "1h", "page_size": LOG_PAGE_SIZE}),
        ("since: 1d", {"since": "1d", "page_size": LOG_PAGE_SIZE}),
        ("one page", {"page_size": LOG_PAGE_SIZE}),
    ]
    rows = []
    with Emulator(state_path, LATENCY_MS, ctx.workdir, ctx.env) as emulator:
        base = dict(_connection(emulator.url, project, access_key=access_key), task_id=LOG_TASK_ID)
        ctx.log("logs: warm-up (the emulator makes the 10,000 entries on first use)")
        harness.module_process(ctx.workdir, MODULE_LOGS, dict(base, all_pages=True, page_size=LOG_PAGE_SIZE), ctx.env)
        for label, options in variants:
            wall, cpu, rss, pages, requests_made = Samples(), Samples(), Samples(), [], []
            output = None
            for run in range(settings.log_runs):
                ctx.log("logs: %s, run %d/%d" % (label, run + 1, settings.log_runs))
                emulator.reset()
                process, output = harness.module_process(ctx.workdir, MODULE_LOGS, dict(base, **options), ctx.env)
                wall.add(process.wall)
                cpu.add(process.cpu)
                rss.add(process.max_rss_mb)
                pages.append(output["pages_read"])
                requests_made.append(_requests_made(emulator)[0])
            total = output["total_num"]
            kept = len(output["logs"])
            last_page = math.ceil(total / LOG_PAGE_SIZE) if total else 1
            if options.get("all_pages"):
                needed = last_page
            elif "since" in options:
                # Newest first: every page up to the one holding the first entry older than `since`.
                needed = min(kept // LOG_PAGE_SIZE + 1, last_page)
            else:
                needed = 1
            rows.append({"variant": label, "options": options, "seconds": wall.as_dict(), "cpu_seconds": cpu.as_dict(),
                         "max_rss_mb": rss.as_dict(), "pages_read": pages[-1], "pages_needed": needed,
                         "entries_returned": kept, "total_num": total, "requests": requests_made[-1]})
    return {"latency_ms": LATENCY_MS, "page_size": LOG_PAGE_SIZE, "task_entries": total, "rows": rows}


# --------------------------------------------------------------------------- auth


def bench_auth(ctx):
    """Password auth over 20 module runs, with and without the token cache; AK/SK signing cost."""
    settings = ctx.settings
    state_path = os.path.join(STATES, "single.yml")
    state = harness.load_state(state_path)
    project = state["projects"][0]
    user = state["credentials"]["users"][0]
    stream = project["streams"][0]["stream_name"]
    variants = {}
    with Emulator(state_path, LATENCY_MS, ctx.workdir, ctx.env) as emulator:
        inventory = harness.write_inventory(ctx.path("auth-inventory.json"), {"env0": {
            "dis_connection": _connection(emulator.url, project, user=user), "bench_stream": stream}})
        ctx.log("auth: warm-up (one module run, not counted)")
        harness.playbook(ctx.workdir, inventory, "module_runs.yml",
                         extra_vars={"bench_runs": 1, "bench_cache_root": harness.fresh_dir(ctx.path("auth-warm"))})
        samples = {name: {"wall": Samples(), "cpu": Samples(), "tokens": [], "requests": []} for name in VARIANTS}
        for run in range(settings.auth_runs):
            # Variants alternate, so that a change in the machine's load hits both alike.
            for name, fresh in VARIANTS.items():
                ctx.log("auth: %d module runs, password auth, %s, run %d/%d"
                        % (AUTH_RUNS, name, run + 1, settings.auth_runs))
                cache_root = harness.fresh_dir(ctx.path("auth-cache"))
                emulator.reset()
                process = harness.playbook(ctx.workdir, inventory, "module_runs.yml", extra_vars={
                    "bench_runs": AUTH_RUNS, "bench_cache_root": cache_root, "bench_fresh_cache": fresh})
                stats = emulator.stats()
                samples[name]["wall"].add(process.wall)
                samples[name]["cpu"].add(process.cpu)
                samples[name]["tokens"].append(stats.get("tokens_issued"))
                samples[name]["requests"].append(harness.api_requests(stats)[0])
        for name, sample in samples.items():
            variants[name] = {"seconds": sample["wall"].as_dict(), "cpu_seconds": sample["cpu"].as_dict(),
                              "tokens_issued": sample["tokens"][-1], "tokens_per_run": sample["tokens"],
                              "requests": sample["requests"][-1]}
        per_run = _auth_per_run(ctx, emulator, dict(_connection(emulator.url, project, user=user), stream_name=stream))
        signing = _signing_cost(emulator.url, project["project_id"])
    saved = variants["no cache"]["seconds"]["median"] - variants["cache"]["seconds"]["median"]
    return {"latency_ms": LATENCY_MS, "runs": AUTH_RUNS, "variants": variants, "saved_seconds": saved,
            "saved_per_run_seconds": saved / AUTH_RUNS, "per_run": per_run, "signing": signing}


def _auth_per_run(ctx, emulator, arguments):
    """Module process runs with a warm token cache and with an empty one, alternating: the time one cache hit saves.

    A playbook of 20 runs costs tens of seconds, and the load of a busy machine
    moves it by more than the 20 IAM round trips the cache saves; single
    module processes, paired run by run, show the difference.
    """
    warm = harness.fresh_dir(ctx.path("auth-direct-warm"))
    harness.module_process(ctx.workdir, MODULE_INFO, arguments, dict(ctx.env, XDG_CACHE_HOME=warm))
    walls = {"cache": Samples(), "no cache": Samples()}
    emulator.reset()
    for run in range(AUTH_RUNS):
        if run % 5 == 0:
            ctx.log("auth: module process runs, warm cache and empty cache alternating, pair %d/%d"
                    % (run + 1, AUTH_RUNS))
        for name in VARIANTS:
            cache = warm if name == "cache" else harness.fresh_dir(ctx.path("auth-direct-empty"))
            process, _output = harness.module_process(ctx.workdir, MODULE_INFO, arguments,
                                                      dict(ctx.env, XDG_CACHE_HOME=cache))
            walls[name].add(process.wall)
    stats = emulator.stats()
    return {"pairs": AUTH_RUNS, "seconds": {name: samples.as_dict() for name, samples in walls.items()},
            "tokens_issued": stats.get("tokens_issued"),
            # Paired differences cancel the drift of the machine's load better than a difference of medians.
            "saved_per_run_seconds": statistics.median(
                empty - cached for cached, empty in zip(walls["cache"].values, walls["no cache"].values))}


def _signing_cost(url, project_id):
    """Microseconds to sign one request with plugins/module_utils/signer.sign (best and median of 7)."""
    sys.path.insert(0, harness.COLLECTIONS_PATH)
    try:
        from ansible_collections.hwcloud.dis.plugins.module_utils import signer
    finally:
        sys.path.remove(harness.COLLECTIONS_PATH)
    headers = {"Content-Type": "application/json", "X-Project-Id": project_id, "User-Agent": "hwcloud.dis/0.1.0",
               "Accept": "application/json"}
    cases = {
        "show task (GET, no query)": ("GET", "%s/v2/%s/streams/dev-0001/transfer-tasks/dev-0001-obs-0" % (url, project_id), b""),
        "list streams (GET, query)": ("GET", "%s/v2/%s/streams?limit=100&start_stream_name=dev-0099" % (url, project_id), b""),
        "log page (POST, JSON body)": ("POST", "%s/v1/transfertasklog/%s" % (url, LOG_TASK_ID),
                                       b'{"pageInfo":{"pageNumber":1,"pageSize":100},"order":"desc"}'),
    }
    number = 5000
    results = {}
    for label, (method, target, body) in cases.items():
        timer = timeit.Timer(lambda m=method, t=target, b=body: signer.sign(
            m, t, headers, b, "BENCHACCESSKEY000001", "benchSecretKey00000000000000000000000000"))
        timings = sorted(value / number * 1e6 for value in timer.repeat(repeat=7, number=number))
        results[label] = {"best_us": timings[0], "median_us": timings[len(timings) // 2]}
    return {"calls_per_sample": number, "cases": results}


# --------------------------------------------------------------------------- start-up


def bench_startup(ctx):
    """Per-run cost of transfer_task_info vs ansible.builtin.ping, and what the module imports."""
    settings = ctx.settings
    state_path = os.path.join(STATES, "single.yml")
    state = harness.load_state(state_path)
    project = state["projects"][0]
    access_key = state["credentials"]["access_keys"][0]
    stream = project["streams"][0]["stream_name"]
    keys = ("ping 1", "ping %d" % STARTUP_RUNS, "module 1", "module %d" % STARTUP_RUNS)
    samples = {key: Samples() for key in keys}
    cpu = {key: Samples() for key in keys}
    requests_made = None
    with Emulator(state_path, 0, ctx.workdir, ctx.env) as emulator:
        inventory = harness.write_inventory(ctx.path("startup-inventory.json"), {"env0": {
            "dis_connection": _connection(emulator.url, project, access_key=access_key), "bench_stream": stream}})
        cache_root = harness.fresh_dir(ctx.path("startup-cache"))
        ctx.log("startup: warm-up (not counted)")
        harness.playbook(ctx.workdir, inventory, "ping.yml")
        harness.playbook(ctx.workdir, inventory, "module_runs.yml", extra_vars={"bench_cache_root": cache_root})
        for run in range(settings.startup_runs):
            for runs in (1, STARTUP_RUNS):
                ctx.log("startup: %d ping / %d module runs in one playbook, run %d/%d"
                        % (runs, runs, run + 1, settings.startup_runs))
                process = harness.playbook(ctx.workdir, inventory, "ping.yml", extra_vars={"bench_runs": runs})
                samples["ping %d" % runs].add(process.wall)
                cpu["ping %d" % runs].add(process.cpu)
                emulator.reset()
                process = harness.playbook(ctx.workdir, inventory, "module_runs.yml",
                                           extra_vars={"bench_runs": runs, "bench_cache_root": cache_root})
                samples["module %d" % runs].add(process.wall)
                cpu["module %d" % runs].add(process.cpu)
                if runs == STARTUP_RUNS:
                    requests_made = _requests_made(emulator)[0]
        ctx.log("startup: the AnsiballZ payloads of ping and transfer_task_info, run alone and with -X importtime")
        payloads = {
            "ping": harness.ansiballz_payload(ctx.workdir, inventory, "ping.yml", "ping"),
            MODULE_INFO: harness.ansiballz_payload(ctx.workdir, inventory, "module_runs.yml", MODULE_INFO,
                                                   extra_vars={"bench_cache_root": cache_root}),
        }
        payload_costs = _payload_costs(ctx, payloads)
    ping_n = samples["ping %d" % STARTUP_RUNS].median
    module_n = samples["module %d" % STARTUP_RUNS].median
    result = {"runs": STARTUP_RUNS, "latency_ms": 0, "playbooks": {key: value.as_dict() for key, value in samples.items()},
              "playbooks_cpu": {key: value.as_dict() for key, value in cpu.items()},
              "module_requests": requests_made,
              "cpu_difference_per_run_seconds": (cpu["module %d" % STARTUP_RUNS].median
                                                 - cpu["ping %d" % STARTUP_RUNS].median) / STARTUP_RUNS,
              "difference_per_run_seconds": (module_n - ping_n) / STARTUP_RUNS,
              "ping_per_run_seconds": (ping_n - samples["ping 1"].median) / (STARTUP_RUNS - 1),
              "module_per_run_seconds": (module_n - samples["module 1"].median) / (STARTUP_RUNS - 1)}
    result["payloads"] = payload_costs
    return result


def _payload_costs(ctx, payloads, runs=9, tries=5):
    """Wall and CPU time of each AnsiballZ payload run alone, and its ``-X importtime`` breakdown.

    The payload imports from its zip, as every module run does (no cached byte
    code for the zipped files), so this is what a run really pays. Payloads
    alternate run by run.
    """
    costs = {name: {"seconds": Samples(), "cpu_seconds": Samples(), "imports": []} for name in payloads}
    for _attempt in range(runs):
        for name, path in payloads.items():
            process = harness.run_process([harness.PYTHON, path], ctx.env).check("AnsiballZ %s" % name)
            costs[name]["seconds"].add(process.wall)
            costs[name]["cpu_seconds"].add(process.cpu)
    for _attempt in range(tries):
        for name, path in payloads.items():
            process = harness.run_process([harness.PYTHON, "-X", "importtime", path], ctx.env)
            process.check("AnsiballZ %s -X importtime" % name)
            costs[name]["imports"].append(report.import_costs(process.stderr))
    result = {"runs": runs, "tries": tries}
    for name, cost in costs.items():
        # The run with the median total import time stands for all.
        imports = sorted(cost["imports"], key=lambda item: item["total_us"])
        chosen = imports[len(imports) // 2]
        chosen["total_us_all"] = [item["total_us"] for item in cost["imports"]]
        result[name] = {"seconds": cost["seconds"].as_dict(), "cpu_seconds": cost["cpu_seconds"].as_dict(),
                        "imports": chosen}
    return result


# --------------------------------------------------------------------------- main

BENCHMARKS = {
    "fleet": bench_fleet,
    "scaling": bench_scaling,
    "logs": bench_logs,
    "auth": bench_auth,
    "startup": bench_startup,
}


def machine_facts():
    """What the figures depend on: cores, Python, ansible-core, load, commit."""
    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=harness.ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None
    python = subprocess.run([harness.PYTHON, "-c", "import platform; print(platform.python_version())"],
                            capture_output=True, text=True, check=True).stdout.strip()
    cpu_model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    dirty = git("status", "--porcelain", "--", "plugins")
    return {"nproc": os.cpu_count(), "cpu_model": cpu_model, "python": python,
            "ansible_core": importlib.metadata.version("ansible-core"),
            "huaweicloudsdkdis": importlib.metadata.version("huaweicloudsdkdis"),
            "requests": importlib.metadata.version("requests"),
            "platform": platform.platform(), "commit": git("rev-parse", "--short", "HEAD"),
            "plugins_modified": bool(dirty), "load_average_start": os.getloadavg()}


def command_line(argv):
    """How this run was started, as a reader would type it."""
    text = shlex.join(["python", "bench/run.py"] + argv)
    if os.environ.get("BENCH_QUICK") and "--quick" not in argv:
        text = "BENCH_QUICK=%s %s" % (os.environ["BENCH_QUICK"], text)
    if os.environ.get("MAKELEVEL"):
        text = "make bench (%s)" % text
    return text


def parse_arguments(argv):
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK", "") not in ("", "0"),
                        help="fewer repetitions, uri baseline on a few streams and scaled (also BENCH_QUICK=1)")
    parser.add_argument("--uri-streams", type=int, metavar="N",
                        help="run the uri baseline on the first N streams of each environment and scale it by "
                             "requests (default 10, 4 with --quick; 40 = the full fleet, 10 minutes or more)")
    parser.add_argument("--only", help="comma-separated subset of: %s" % ", ".join(BENCHMARKS))
    parser.add_argument("--output", help="Markdown report to write (default docs/performance.md for a full "
                                         "set; with --only, nothing unless given)")
    parser.add_argument("--results", default=os.path.join(harness.ROOT, "build", "bench", "results.json"),
                        help="JSON with every sample (default build/bench/results.json)")
    parser.add_argument("--keep-workdir", action="store_true", help="keep the work folder (inventories, logs)")
    return parser.parse_args(argv)


def main(argv):
    """Run the chosen benchmarks, then write the JSON results and the Markdown report."""
    arguments = parse_arguments(argv)
    harness.check_prerequisites()
    names = list(BENCHMARKS)
    if arguments.only:
        names = [name.strip() for name in arguments.only.split(",") if name.strip()]
        unknown = [name for name in names if name not in BENCHMARKS]
        if unknown:
            sys.exit("bench: unknown benchmark(s) %s; choose from %s" % (", ".join(unknown), ", ".join(BENCHMARKS)))
    output = arguments.output
    if output is None and not arguments.only:
        output = os.path.join(harness.ROOT, "docs", "performance.md")

    workdir = tempfile.mkdtemp(prefix="hwcloud-dis-bench-")
    ctx = Context(Settings(arguments.quick, arguments.uri_streams), workdir)
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        ctx.log("warning: load average %.1f on %s cores: other work will slow every figure" % (load, os.cpu_count()))
    results = {"command": command_line(argv), "quick": arguments.quick,
               "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "machine": machine_facts(), "benchmarks": {}}
    ctx.log("work folder %s; %s mode" % (workdir, "quick" if arguments.quick else "full"))
    try:
        for name in names:
            started = time.perf_counter()
            results["benchmarks"][name] = BENCHMARKS[name](ctx)
            results["benchmarks"][name]["bench_seconds"] = time.perf_counter() - started
    finally:
        if not arguments.keep_workdir:
            harness.shutil.rmtree(workdir, ignore_errors=True)
    results["machine"]["load_average_end"] = os.getloadavg()
    results["total_seconds"] = time.perf_counter() - ctx.started
    harness.write_json(arguments.results, results)
    markdown = report.render(results)
    if output:
        report.write(output, markdown)
        ctx.log("wrote %s and %s" % (os.path.relpath(output, harness.ROOT), os.path.relpath(arguments.results, harness.ROOT)))
    else:
        sys.stdout.write(markdown)
        ctx.log("wrote %s" % os.path.relpath(arguments.results, harness.ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
