"""What every benchmark needs: the emulator, timed processes, Ansible runs, figures.

Standard library only (plus PyYAML from the venv to read state files). Every
process is timed from the outside with ``os.wait4``, which also gives its CPU
time and peak resident memory (for ansible-playbook: the largest of the
controller and the modules it ran).
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
VENV_BIN = os.path.join(ROOT, ".venv", "bin")
PYTHON = os.path.join(VENV_BIN, "python")
COLLECTIONS_PATH = os.path.join(ROOT, "build", "collections")
COLLECTION_LINK = os.path.join(COLLECTIONS_PATH, "ansible_collections", "hwcloud", "dis")

# Variables from the caller's shell that would change which credentials or
# proxy a module or the SDK picks up; benchmarks set their own.
_FOREIGN_ENV = re.compile(r"^(HW_|CLOUD_SDK_|HUAWEICLOUD_|ANSIBLE_|(HTTPS?|ALL|NO)_PROXY$|(https?|all|no)_proxy$)")


def check_prerequisites():
    """Fail early, with the command that fixes it, when the venv or the collection link is missing."""
    problems = []
    if not os.path.exists(PYTHON):
        problems.append("no .venv: run `make venv`")
    if not os.path.exists(os.path.join(COLLECTION_LINK, "galaxy.yml")):
        problems.append("no build/collections link to this repository: run `make collection-link`")
    if problems:
        sys.exit("bench: " + "; ".join(problems))


def base_env(workdir):
    """A clean environment for every process a benchmark starts: no inherited credentials or proxies."""
    env = {key: value for key, value in os.environ.items() if not _FOREIGN_ENV.match(key)}
    env.update({
        "PATH": VENV_BIN + os.pathsep + env.get("PATH", ""),
        "NO_PROXY": "127.0.0.1,localhost,::1",
        "XDG_CACHE_HOME": os.path.join(workdir, "xdg-cache"),
    })
    # Byte code must be cached, else every run pays for compiling what it imports.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def ansible_env(workdir):
    """Environment for ansible-playbook: this collection, Ansible's own files under ``workdir``."""
    env = base_env(workdir)
    home = os.path.join(workdir, "ansible-home")
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_PATH,
        "ANSIBLE_HOME": home,
        "ANSIBLE_LOCAL_TEMP": os.path.join(home, "tmp"),
        "ANSIBLE_REMOTE_TMP": os.path.join(home, "remote-tmp"),
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
        "ANSIBLE_RETRY_FILES_ENABLED": "false",
        "ANSIBLE_NOCOLOR": "true",
        "ANSIBLE_DEPRECATION_WARNINGS": "false",
    })
    return env


@dataclass
class ProcessRun:
    """One finished process: wall seconds, CPU seconds (its own and its children's), peak RSS, output."""

    argv: List[str]
    returncode: int
    wall: float
    cpu: float
    max_rss_mb: float
    stdout: str
    stderr: str

    def check(self, what):
        """Raise with the tail of the output when the process failed."""
        if self.returncode != 0:
            tail = "\n".join((self.stdout + "\n" + self.stderr).strip().splitlines()[-25:])
            raise RuntimeError("%s failed (exit %s):\n%s" % (what, self.returncode, tail))
        return self


def run_process(argv, env, cwd=ROOT, timeout=1800):
    """Run ``argv`` to completion and measure it from outside (``os.wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ProcessRun(argv, process.returncode, wall, usage.ru_utime + usage.ru_stime,
                          usage.ru_maxrss / 1024.0, out.read().decode("utf-8", "replace"),
                          err.read().decode("utf-8", "replace"))


class Emulator:
    """The DIS emulator as a subprocess on loopback: start, stats, reset, stop."""

    def __init__(self, state, latency_ms, workdir, env):
        self.state = state
        self.latency_ms = latency_ms
        self.workdir = workdir
        self.env = dict(env, PYTHONPATH=os.path.join(ROOT, "tools"))
        self.process = None
        self.url = None
        self._log = None

    def __enter__(self):
        self._log = open(os.path.join(self.workdir, "emulator-%s.log" % os.path.basename(self.state)), "wb")
        self.process = subprocess.Popen(
            [PYTHON, "-m", "dis_emulator", "--state", self.state, "--host", "127.0.0.1", "--port", "0",
             "--latency-ms", str(self.latency_ms)],
            env=self.env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log)
        line = self.process.stdout.readline().decode("utf-8").strip()
        if not line.startswith("listening on "):
            self.__exit__(None, None, None)
            with open(self._log.name, encoding="utf-8", errors="replace") as handle:
                raise RuntimeError("the emulator did not start (%s): %s" % (line, handle.read()[-2000:]))
        self.url = line[len("listening on "):]
        return self

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout:
            self.process.stdout.close()
        if self._log:
            self._log.close()

    def _call(self, method, path):
        request = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=30) as response:
            return json.loads(response.read().decode("utf-8") or "{}")

    def reset(self):
        """Zero the request counters."""
        self._call("POST", "/_emulator/reset")

    def stats(self):
        """Request counts by route and status, tokens issued."""
        return self._call("GET", "/_emulator/stats")

    def cpu_seconds(self):
        """CPU time the emulator process has used so far (Linux /proc), or None."""
        try:
            with open("/proc/%d/stat" % self.process.pid, encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None


def api_requests(stats):
    """Requests to API routes (everything the emulator counted), and the per-route breakdown."""
    routes = {}
    for label, statuses in stats.get("routes", {}).items():
        routes[label] = sum(statuses.values())
    return stats.get("total", sum(routes.values())), routes


def load_state(path):
    """The state file as data (to derive expected task counts and minimum requests)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def project_shape(project):
    """(streams, tasks per stream) of a generated project, or counted from listed streams."""
    generator = project.get("generate_streams")
    if generator:
        return generator["count"], generator.get("tasks_per_stream", 1)
    streams = project.get("streams", [])
    tasks = sum(len(stream.get("transfer_tasks", [])) for stream in streams)
    return len(streams), (tasks / len(streams) if streams else 0)


def minimum_requests(streams, tasks_per_stream, page_limit=100):
    """The fewest requests a detailed audit of one environment can make: stream pages, listings, details."""
    pages = max(1, -(-streams // page_limit))
    return pages + streams + int(streams * tasks_per_stream)


@dataclass
class Samples:
    """Repeated measurements of one thing; the report shows the median with min and max."""

    values: List[float] = field(default_factory=list)

    def add(self, value):
        """Record one measurement."""
        self.values.append(value)

    @property
    def median(self):
        """Median of the measurements."""
        return statistics.median(self.values) if self.values else None

    def as_dict(self):
        """A JSON-ready summary."""
        if not self.values:
            return {"runs": 0}
        return {"median": self.median, "min": min(self.values), "max": max(self.values), "runs": len(self.values),
                "values": [round(value, 4) for value in self.values]}


def write_json(path, data):
    """Write ``data`` as indented JSON, creating folders."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)
        handle.write("\n")
    return path


def write_inventory(path, hosts: Dict[str, dict], common: Optional[dict] = None):
    """A YAML inventory (written as JSON) with the hosts in group ``bench_envs``, all on the local connection."""
    common_vars = {"ansible_connection": "local", "ansible_python_interpreter": PYTHON}
    common_vars.update(common or {})
    return write_json(path, {"all": {"vars": common_vars, "children": {"bench_envs": {"hosts": hosts}}}})


def playbook(workdir, inventory, name, extra_vars=None, forks=5, timeout=1800, env=None):
    """Run bench/playbooks/NAME with ansible-playbook; return the ProcessRun (checked).

    ``env``: variables to add to Ansible's environment (ANSIBLE_KEEP_REMOTE_FILES, for one).
    """
    argv = [os.path.join(VENV_BIN, "ansible-playbook"), "-i", inventory, "--forks", str(forks),
            os.path.join(BENCH, "playbooks", name)]
    if extra_vars:
        argv += ["-e", "@" + write_json(os.path.join(workdir, "extra-vars.json"), extra_vars)]
    run_env = ansible_env(workdir)
    run_env.update(env or {})
    return run_process(argv, run_env, timeout=timeout).check("ansible-playbook %s" % name)


def ansiballz_payload(workdir, inventory, name, module, extra_vars=None):
    """Run a playbook keeping its remote files; return the path of MODULE's AnsiballZ payload.

    Running that file again runs the module exactly as Ansible does (from the
    zip, with the task's arguments), without the controller.
    """
    keep = fresh_dir(os.path.join(workdir, "keep-remote-" + module))
    playbook(workdir, inventory, name, extra_vars=extra_vars,
             env={"ANSIBLE_KEEP_REMOTE_FILES": "1", "ANSIBLE_REMOTE_TMP": keep})
    for folder, _dirs, files in os.walk(keep):
        if "AnsiballZ_%s.py" % module in files:
            return os.path.join(folder, "AnsiballZ_%s.py" % module)
    raise RuntimeError("no AnsiballZ_%s.py kept under %s" % (module, keep))


def module_process(workdir, module, arguments, env=None):
    """Run a module file directly (``python -m``) with its arguments, as AnsiballZ would, minus the zip.

    Returns the ProcessRun (checked) and the module's JSON result.
    """
    args_path = write_json(os.path.join(workdir, "module-args.json"), {"ANSIBLE_MODULE_ARGS": arguments})
    run_env = dict(env or base_env(workdir), PYTHONPATH=COLLECTIONS_PATH)
    run = run_process([PYTHON, "-m", "ansible_collections.hwcloud.dis.plugins.modules.%s" % module, args_path],
                      run_env).check("module %s" % module)
    result = json.loads(run.stdout)
    if result.get("failed"):
        raise RuntimeError("module %s failed: %s" % (module, result.get("msg")))
    return run, result


def fresh_dir(path):
    """An empty folder at ``path``."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path
