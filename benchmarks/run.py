"""The benchmark suite: ``camunda`` vs the official SDK vs raw httpx, every scenario, one run.

    .venv/bin/python -m benchmarks            # the issue's sizes (about 15 minutes)
    .venv/bin/python -m benchmarks --quick    # tiny sizes, a minute

One fake server process (``server.py``) serves every scenario; each measurement runs in a
fresh client process (``clients.py``), the official SDK's with the python of its own
virtualenv (``benchmarks/.venv-official``, created on first use). Rounds are interleaved
(the order of the clients rotates every round) and the tables show medians. CPU is the
client process's user+system time, so the server's work is never charged to a client.
Progress goes to stderr; the report (markdown) to stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import signal
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Generator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CLIENTS_PY = str(HERE / "clients.py")
OFFICIAL_SPEC = "camunda-orchestration-sdk==9.0.1"
OFFICIAL_VENV = HERE / ".venv-official"
OURS = Path(sys.executable)
NO_AUTH = "auth_strategy='NONE'"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rotated(items: list[str], round_no: int) -> list[str]:
    shift = round_no % len(items) if items else 0
    return items[shift:] + items[:shift]


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b and not math.isnan(a) and not math.isnan(b) else "n/a"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    align = ["---"] + ["---:"] * (len(header) - 1)
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(align) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
    ]


@dataclass
class Report:
    lines: list[str] = field(default_factory=list[str])
    targets: list[list[str]] = field(default_factory=list[list[str]])

    def section(self, title: str, *lines: str) -> None:
        self.lines += [f"## {title}", "", *lines]

    def target(
        self, name: str, measured: float, limit: float, *, at_most: bool, unit: str = "x"
    ) -> None:
        if math.isnan(measured):  # a side was not measured
            verdict, shown = "n/a", "n/a"
        else:
            passed = measured <= limit if at_most else measured >= limit
            verdict, shown = ("pass" if passed else "MISS"), f"{measured:.2f}{unit}"
        bound = f"{'≤' if at_most else '≥'} {limit:g}{unit}"
        self.targets.append([name, shown, bound, verdict])


# ------------------------------------------------------------------------ processes


def official_python() -> Path:
    python = OFFICIAL_VENV / "bin" / "python"
    check = [str(python), "-c", "import camunda_orchestration_sdk"]
    if python.exists() and subprocess.run(check, check=False, capture_output=True).returncode == 0:
        return python
    progress(f"creating {OFFICIAL_VENV} with {OFFICIAL_SPEC} ...")
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--clear", str(OFFICIAL_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", OFFICIAL_SPEC], check=True)
    return python


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(extra or {})}
    for name in [n for n in env if n.startswith("CAMUNDA_")]:
        del env[name]  # the clients are configured explicitly
    return env


class Server:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "server.py")], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"server did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"

    def call(self, path: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            self.url + path, data=data, headers={"content-type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            result: dict[str, Any] = json.loads(response.read())
            return result

    def reset(self, jobs: int = 0, backpressure: float = 0.0) -> None:
        self.call("/bench/reset", {"jobs": jobs, "backpressure": backpressure})

    def stats(self) -> dict[str, Any]:
        return self.call("/bench/stats")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def run_json(
    python: Path,
    scenario: str,
    client: str,
    url: str,
    options: dict[str, Any],
    *,
    args: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> Any:
    """Run one measurement in a fresh process and return the JSON it prints."""
    done = subprocess.run(
        [str(python), *(args or []), CLIENTS_PY, scenario, client, url, json.dumps(options)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env or child_env(),
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{scenario} {client} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@dataclass
class WorkerRun:
    stats: dict[str, Any]
    cpu: float  # client CPU after start-up
    samples: list[tuple[float, int]]  # (seconds since ready, RSS KB)


@contextmanager
def worker_process(
    python: Path, client: str, url: str, options: dict[str, Any]
) -> Generator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [str(python), CLIENTS_PY, "worker", client, url, json.dumps(options)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=child_env(),
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def run_worker(
    server: Server,
    python: Path,
    client: str,
    options: dict[str, Any],
    *,
    done: Callable[[dict[str, Any]], bool],
    budget: float,
    stall: float = 30.0,
    sample_every: float = 0.0,
) -> WorkerRun:
    """Start a worker, poll the server until ``done`` (or no completion for ``stall``
    seconds, or ``budget``), stop it with SIGTERM and collect its CPU from ``wait4``."""
    with worker_process(python, client, server.url, options) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("READY "):
            raise RuntimeError(f"{client} worker did not start")
        startup_cpu = float(line.split()[1])
        started = last_progress = next_sample = time.perf_counter()
        samples: list[tuple[float, int]] = []
        stats = server.stats()
        completed = stats["completed"]
        while not done(stats):
            now = time.perf_counter()
            if now - started > budget or now - last_progress > stall or proc.poll() is not None:
                break
            if sample_every and now >= next_sample:
                samples.append((now - started, rss_kb(proc.pid)))
                next_sample += sample_every
            time.sleep(0.05)
            stats = server.stats()
            if stats["completed"] != completed:
                completed, last_progress = stats["completed"], time.perf_counter()
        stats = server.stats()
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        deadline = time.perf_counter() + 15
        while True:
            pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = 0  # reaped by os.wait4 above
    return WorkerRun(stats, usage.ru_utime + usage.ru_stime - startup_cpu, samples)


# ------------------------------------------------------------------------ scenarios


@dataclass
class Bench:
    args: argparse.Namespace
    server: Server
    pythons: dict[str, Path]  # "ours", "official", "raw" -> interpreter
    report: Report

    @property
    def official(self) -> bool:
        return "official" in self.pythons

    def kinds(self, *names: str) -> list[str]:
        return [n for n in names if n.split("-")[0] in self.pythons]


def scenario_ceiling(b: Bench) -> float:
    b.server.reset()
    rates: list[float] = []
    busy: list[float] = []
    for _ in range(b.args.rounds):
        b.server.reset()
        result = run_json(
            OURS,
            "ceiling",
            "raw",
            b.server.url,
            {"seconds": b.args.ceiling_seconds, "connections": 64, "depth": 8},
        )
        stats = b.server.stats()
        rates.append(result["requests"] / result["wall"])
        busy.append(stats["server_cpu"] / result["wall"])
    rate = median(rates)
    b.report.section(
        "Server ceiling",
        f"A raw-socket client (64 connections, 8 pipelined `GET /v2/topology` each, "
        f"{b.args.ceiling_seconds:g} s) got **{rate:,.0f} req/s** from the fake server "
        f"(server process busy {median(busy):.0%} of one core). Every scenario below asks "
        "for far less (see the headroom figures), so the server is never the bottleneck.",
        "",
    )
    return rate


IMPORTS: dict[str, tuple[str, str]] = {
    # label -> (interpreter kind, code)
    "python -c pass": ("raw", "pass"),
    "httpx": ("raw", "import httpx"),
    "camunda": ("ours", "import camunda"),
    "official SDK": ("official", "import camunda_orchestration_sdk"),
    "httpx + httpx.Client()": ("raw", "import httpx; httpx.Client()"),
    "camunda + CamundaClient()": (
        "ours",
        "import camunda; camunda.CamundaClient(camunda.CamundaSettings("
        f"rest_address='http://127.0.0.1:1', {NO_AUTH}))",
    ),
    "official SDK + CamundaClient()": (
        "official",
        "import camunda_orchestration_sdk as s; s.CamundaClient(configuration="
        "{'CAMUNDA_REST_ADDRESS': 'http://127.0.0.1:1', "
        "'CAMUNDA_AUTH_STRATEGY': 'NONE'})",
    ),
}


def scenario_import(b: Bench) -> None:
    labels = [label for label, (kind, _) in IMPORTS.items() if kind in b.pythons]
    walls: dict[str, list[float]] = {label: [] for label in labels}
    rss: dict[str, list[float]] = {label: [] for label in labels}
    for round_no in range(-1, b.args.rounds):  # round -1 warms the .pyc caches
        if round_no < 0 and b.args.quick:
            continue
        for label in rotated(labels, max(round_no, 0)):
            kind, code = IMPORTS[label]
            started = time.perf_counter()
            proc = subprocess.Popen([str(b.pythons[kind]), "-c", code], env=child_env(), cwd=ROOT)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = 0
            if status:
                raise RuntimeError(f"{label}: exit status {status}")
            if round_no >= 0:
                walls[label].append(time.perf_counter() - started)
                rss[label].append(usage.ru_maxrss / 1024)
    m_wall = {label: median(walls[label]) for label in labels}
    m_rss = {label: median(rss[label]) for label in labels}
    off_wall = m_wall.get("official SDK", float("nan"))
    off_rss = m_rss.get("official SDK", float("nan"))
    rows = [
        [
            f"`{label}`",
            f"{m_wall[label] * 1000:,.0f}",
            f"{m_rss[label]:,.1f}",
            ratio(m_wall[label], off_wall),
            ratio(m_rss[label], off_rss),
        ]
        for label in labels
    ]
    b.report.section(
        "1. Import and client construction",
        "Wall time from spawning `python -c ...` to its exit, and its peak RSS; medians of "
        f"{b.args.rounds} round(s) after a warm-up round.",
        "",
        *table(["what", "wall ms", "peak RSS MB", "wall / official", "RSS / official"], rows),
    )
    b.report.target(
        "import: camunda wall / official", m_wall["camunda"] / off_wall, 0.2, at_most=True
    )
    b.report.target("import: camunda RSS / official", m_rss["camunda"] / off_rss, 0.6, at_most=True)


OPS = {
    "topology": "cluster.get_topology",
    "create": "process_instances.create",
    "search": "process_instances.search (50 items)",
}
CALL_TARGETS = {"topology": 1.10, "create": 1.10, "search": 1.30}


def collect_calls(
    b: Bench,
    clients: list[str],
    options: dict[str, Any],
    variants: dict[str, tuple[list[str], dict[str, str]]] | None = None,
) -> dict[str, dict[str, tuple[float, float]]]:
    """Interleaved rounds of ``calls``; returns {client: {op: (wall µs, CPU µs)}} medians."""
    variants = variants or {c: ([], child_env()) for c in clients}
    raw: dict[str, dict[str, list[tuple[float, float]]]] = {c: {} for c in variants}
    for round_no in range(b.args.rounds):
        for name in rotated(list(variants), round_no):
            client = name.split("/")[0]
            args, env = variants[name]
            python = b.pythons[client.split("-")[0]]
            result = run_json(python, "calls", client, b.server.url, options, args=args, env=env)
            for op, (wall, cpu) in result.items():
                raw[name].setdefault(op, []).append((wall, cpu))
    return {
        name: {op: (median([w for w, _ in v]), median([c for _, c in v])) for op, v in ops.items()}
        for name, ops in raw.items()
    }


def scenario_calls(b: Bench) -> None:
    clients = b.kinds(
        "raw-sync", "ours-sync", "official-sync", "raw-async", "ours-async", "official-async"
    )
    b.server.reset()
    m = collect_calls(b, clients, {"n": b.args.calls, "warmup": min(50, b.args.calls)})
    rows: list[list[str]] = []
    for mode in ("sync", "async"):
        for op, label in OPS.items():
            raw_w, raw_c = m[f"raw-{mode}"][op]
            ours_w, ours_c = m[f"ours-{mode}"][op]
            off_w, off_c = m.get(f"official-{mode}", {}).get(op, (float("nan"),) * 2)
            rows.append(
                [
                    f"{mode} `{label}`",
                    f"{raw_c:,.0f}",
                    f"{ours_c:,.0f}",
                    f"{off_c:,.0f}",
                    ratio(ours_c, raw_c),
                    ratio(off_c, raw_c),
                    f"{raw_w:,.0f} / {ours_w:,.0f} / {off_w:,.0f}",
                ]
            )
            b.report.target(
                f"CPU/call {mode} {op}: ours / raw", ours_c / raw_c, CALL_TARGETS[op], at_most=True
            )
    b.report.section(
        "2. Sequential calls",
        f"{b.args.calls} calls of each operation in a row on one client (after a warm-up), "
        f"medians of {b.args.rounds} round(s). Client CPU µs per call (process time), then "
        "wall µs per call.",
        "",
        *table(
            [
                "call",
                "raw CPU µs",
                "ours CPU µs",
                "official CPU µs",
                "ours / raw",
                "official / raw",
                "wall µs raw / ours / official",
            ],
            rows,
        ),
    )


def sniffio_calls(b: Bench, shadow: Path) -> dict[str, dict[str, tuple[float, float]]]:
    variants: dict[str, tuple[list[str], dict[str, str]]] = {}
    for client in ("raw-async", "ours-async"):
        variants[f"{client}/installed"] = ([], child_env())
        variants[f"{client}/absent"] = (
            ["-S"],
            child_env({"PYTHONPATH": f"{ROOT}{os.pathsep}{shadow}"}),
        )
        if not b.args.quick:
            variants[f"{client}/None"] = ([], child_env({"BENCH_SNIFFIO_NONE": "1"}))
    b.server.reset()
    return collect_calls(
        b, [], {"n": b.args.calls, "warmup": min(50, b.args.calls), "ops": ["topology"]}, variants
    )


@contextmanager
def shadow_site_packages() -> Generator[Path]:
    """This virtualenv's site-packages without sniffio (symlinks), for ``python -S``."""
    site = Path(sysconfig.get_paths()["purelib"])
    with tempfile.TemporaryDirectory(prefix="bench-no-sniffio-") as tmp:
        for entry in site.iterdir():
            if not entry.name.lower().startswith("sniffio"):
                (Path(tmp) / entry.name).symlink_to(entry)
        yield Path(tmp)


def scenario_sniffio(b: Bench) -> None:
    with shadow_site_packages() as shadow:
        m = sniffio_calls(b, shadow)
    rows: list[list[str]] = []
    for client in ("raw-async", "ours-async"):
        have = m[f"{client}/installed"]["topology"][1]
        absent = m[f"{client}/absent"]["topology"][1]
        none = m.get(f"{client}/None", {}).get("topology", (0.0, float("nan")))[1]
        rows.append([client, f"{have:,.0f}", f"{absent:,.0f}", ratio(absent, have), f"{none:,.0f}"])
    b.report.section(
        "sniffio: async `get_topology` with and without it",
        "httpcore (`_synchronization.current_async_library`) runs `import sniffio` each "
        "time it sets up a lock, event, semaphore or cancellation shield of an async "
        "connection, several times per request; when sniffio is not installed that import "
        "fails, and a failed import is not cached: every call walks `sys.path` again. "
        "*absent*: `python -S` on a copy of this virtualenv's site-packages without "
        "sniffio (what a user gets with anyio ≥ 4.16 and no sniffio); *None*: "
        "`sys.modules['sniffio'] = None`, which fails the import at once and so hides "
        "most of the cost. camunda-sdk declares `sniffio` as a dependency.",
        "",
        *table(
            [
                "client",
                "CPU µs/call, installed",
                "CPU µs/call, absent",
                "absent / installed",
                "CPU µs/call, sys.modules None",
            ],
            rows,
        ),
    )


def scenario_concurrent(b: Bench) -> float:
    clients = b.kinds("raw", "ours", "official")
    results: dict[str, list[dict[str, float]]] = {c: [] for c in clients}
    for round_no in range(b.args.rounds):
        for client in rotated(clients, round_no):
            b.server.reset()
            results[client].append(
                run_json(
                    b.pythons[client],
                    "concurrent",
                    client,
                    b.server.url,
                    {"n": b.args.concurrent_calls, "tasks": b.args.tasks},
                )
            )
    n = b.args.concurrent_calls
    m = {
        c: (median([r["wall"] for r in rs]), median([r["cpu"] for r in rs]))
        for c, rs in results.items()
    }
    rows = [
        [
            c,
            f"{n / w:,.0f}",
            f"{cpu / n * 1e6:,.0f}",
            ratio(m["raw"][0] / w, 1),
            ratio(cpu, m["raw"][1]),
        ]
        for c, (w, cpu) in m.items()
    ]
    b.report.section(
        "3. Async concurrency",
        f"{b.args.tasks} coroutines creating {n:,} process instances over one async client, "
        f"medians of {b.args.rounds} round(s).",
        "",
        *table(["client", "calls/s", "CPU µs/call", "calls/s vs raw", "CPU vs raw"], rows),
    )
    return max(n / w for w, _ in m.values())


DRAIN_LABELS = {
    "ours-async": "ours, async handler",
    "ours-sync": "ours, sync handler",
    "official": "official SDK worker",
    "raw": "raw httpx loop",
}


def drain_rounds(
    b: Bench,
    clients: list[str],
    jobs: int,
    backpressure: float,
) -> dict[str, list[WorkerRun]]:
    runs: dict[str, list[WorkerRun]] = {c: [] for c in clients}
    for round_no in range(b.args.drain_rounds):
        for client in rotated(clients, round_no):
            official = client == "official"
            target = min(jobs, b.args.official_jobs) if official else jobs
            b.server.reset(target, backpressure)
            run = run_worker(
                b.server,
                b.pythons[client.split("-")[0]],
                client,
                {"concurrency": b.args.concurrency},
                done=lambda s, t=target: s["completed"] + s["incidents"] >= t,
                budget=b.args.official_budget if official else b.args.budget,
                stall=b.args.stall,
            )
            runs[client].append(run)
            s = run.stats
            progress(
                f"  {client}: {s['completed']}/{target} in {s['wall'] or 0:.1f} s, "
                f"{s['failures']} failure calls, {s['reactivations']} re-activations"
            )
    return runs


def jobs_per_s(run: WorkerRun) -> float:
    return run.stats["completed"] / run.stats["wall"] if run.stats["wall"] else 0.0


def scenario_drain(b: Bench) -> float:
    clients = b.kinds("raw", "ours-async", "ours-sync", "official")
    runs = drain_rounds(b, clients, b.args.jobs, 0.0)
    rate = {c: median([jobs_per_s(r) for r in rs]) for c, rs in runs.items()}
    cpu = {
        c: median([r.cpu / max(1, r.stats["completed"]) * 1e6 for r in rs])
        for c, rs in runs.items()
    }
    rows: list[list[str]] = []
    for c, rs in runs.items():
        s = rs[len(rs) // 2].stats
        rows.append(
            [
                DRAIN_LABELS[c],
                f"{s['jobs']:,}",
                f"{s['completed']:,}",
                f"{s['duplicates']}",
                f"{median([r.stats['wall'] or 0 for r in rs]):.1f}",
                f"{rate[c]:,.0f}",
                f"{cpu[c]:,.0f}",
                ratio(rate[c], rate["raw"]),
                ratio(rate[c], rate.get("official", float("nan"))),
            ]
        )
    b.report.section(
        "4. Job drain",
        f"{b.args.jobs:,} ready jobs, no-op handler, at most {b.args.concurrency} in flight, "
        f"medians of {b.args.drain_rounds} round(s). Wall: server side, first activation to "
        "last completion. The official worker sleeps 1 s after every activation, so it is "
        f"given at most {b.args.official_jobs:,} jobs or {b.args.official_budget:g} s.",
        "",
        *table(
            [
                "worker",
                "jobs",
                "completed",
                "duplicates",
                "wall s",
                "jobs/s",
                "CPU µs/job",
                "jobs/s vs raw",
                "jobs/s vs official",
            ],
            rows,
        ),
    )
    for c in ("ours-async", "ours-sync"):
        b.report.target(f"drain {c}: jobs/s / raw", rate[c] / rate["raw"], 0.8, at_most=False)
        b.report.target(
            f"drain {c}: jobs/s / official",
            rate[c] / rate.get("official", float("nan")),
            5.0,
            at_most=False,
        )
    return max(
        r.stats["requests"] / r.stats["wall"] for rs in runs.values() for r in rs if r.stats["wall"]
    )


def scenario_otel(b: Bench) -> None:
    """Our async worker's CPU per job with OpenTelemetry absent, installed but not
    configured, and recording every span and metric into exporters that discard them."""
    modes = ["absent", "api", "sdk"]
    runs: dict[str, list[WorkerRun]] = {m: [] for m in modes}
    for round_no in range(b.args.drain_rounds):
        for mode in rotated(modes, round_no):
            b.server.reset(b.args.otel_jobs)
            runs[mode].append(
                run_worker(
                    b.server,
                    b.pythons["ours"],
                    "ours-async",
                    {"concurrency": b.args.concurrency, "otel": mode},
                    done=lambda s: s["completed"] >= b.args.otel_jobs,
                    budget=b.args.budget,
                    stall=b.args.stall,
                )
            )
    cpu = {
        m: median([r.cpu / max(1, r.stats["completed"]) * 1e6 for r in rs])
        for m, rs in runs.items()
    }
    rate = {m: median([jobs_per_s(r) for r in rs]) for m, rs in runs.items()}
    labels = {
        "absent": "not installed",
        "api": "API installed, nothing configured",
        "sdk": "SDK: every span and metric recorded, exporters discard",
    }
    b.report.section(
        "7. OpenTelemetry cost",
        f"Our async worker drains {b.args.otel_jobs:,} jobs (no-op handler, "
        f"{b.args.concurrency} in flight), medians of {b.args.drain_rounds} round(s). Per "
        "job the SDK records the job's span, its completion call's span, a share of the "
        "activation calls' spans, and three or four measurements.",
        "",
        *table(
            ["OpenTelemetry", "jobs/s", "CPU µs/job", "CPU vs not installed"],
            [
                [labels[m], f"{rate[m]:,.0f}", f"{cpu[m]:,.0f}", ratio(cpu[m], cpu["absent"])]
                for m in modes
            ],
        ),
    )
    b.report.target(
        "otel sdk: CPU per job / not installed", cpu["sdk"] / cpu["absent"], 1.10, at_most=True
    )


def scenario_processes(b: Bench) -> None:
    """``camunda worker --processes N`` draining the same jobs with 1 and with 2 processes."""
    counts = [1, 2]
    rate: dict[int, list[float]] = {n: [] for n in counts}
    for round_no in range(b.args.drain_rounds):
        for n in counts if round_no % 2 == 0 else counts[::-1]:
            b.server.reset(b.args.jobs)
            rate[n].append(drain_with_cli(b, n))
    rates = {n: median(r) for n, r in rate.items()}
    b.report.section(
        "8. Worker processes",
        f"`camunda worker benchmarks.bench_router:router --processes N --max-concurrent "
        f"{b.args.concurrency}` drains {b.args.jobs:,} jobs (no-op async handler) on "
        f"{os.cpu_count()} CPUs, which the fake server shares; medians of "
        f"{b.args.drain_rounds} round(s).",
        "",
        *table(
            ["processes", "jobs/s", "vs 1 process"],
            [[str(n), f"{rates[n]:,.0f}", ratio(rates[n], rates[1])] for n in counts],
        ),
    )


def drain_with_cli(b: Bench, processes: int) -> float:
    """Jobs/s of one drain by the ``camunda worker`` command (server-side wall time)."""
    proc = subprocess.Popen(
        [
            str(b.pythons["ours"]),
            "-m",
            "camunda",
            "worker",
            "benchmarks.bench_router:router",
            "--processes",
            str(processes),
            "--max-concurrent",
            str(b.args.concurrency),
            "--grace-period",
            "5",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**child_env(), "CAMUNDA_REST_ADDRESS": b.server.url, "CAMUNDA_AUTH_STRATEGY": "NONE"},
    )
    try:
        started = last = time.perf_counter()
        stats = b.server.stats()
        while stats["completed"] < b.args.jobs and time.perf_counter() - last < b.args.stall:
            time.sleep(0.05)
            completed = stats["completed"]
            stats = b.server.stats()
            if stats["completed"] != completed:
                last = time.perf_counter()
            if time.perf_counter() - started > b.args.budget:
                break
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    progress(
        f"  {processes} process(es): {stats['completed']}/{b.args.jobs} in "
        f"{stats['wall'] or 0:.1f} s"
    )
    return stats["completed"] / stats["wall"] if stats["wall"] else 0.0


def scenario_backpressure(b: Bench) -> None:
    clients = b.kinds("raw", "ours-async", "official")
    jobs = b.args.backpressure_jobs
    runs = drain_rounds(b, clients, jobs, 0.2)
    rows: list[list[str]] = []
    rate = {c: median([jobs_per_s(r) for r in rs]) for c, rs in runs.items()}
    for c, rs in runs.items():
        s = rs[len(rs) // 2].stats
        lost = s["jobs"] - s["completed"] - s["incidents"]
        rows.append(
            [
                DRAIN_LABELS[c],
                f"{s['jobs']:,}",
                f"{s['completed']:,}",
                f"{s['failures']}",
                f"{s['incidents']}",
                f"{lost}",
                f"{s['reactivations']}",
                f"{s['duplicates']}",
                f"{s['rejected']}",
                f"{s['wall'] or 0:.1f}",
                f"{rate[c]:,.0f}",
                ratio(rate[c], rate["raw"]),
            ]
        )
        if c == "ours-async":
            b.report.target(
                "backpressure ours: jobs failed + incidents + lost",
                s["failures"] + s["incidents"] + lost,
                0,
                at_most=True,
                unit="",
            )
            b.report.target(
                "backpressure ours: jobs/s / raw", rate[c] / rate["raw"], 0.6, at_most=False
            )
    b.report.section(
        "5. Job drain under 20% RESOURCE_EXHAUSTED",
        f"{jobs:,} jobs; the server answers a seeded 20% of job requests (activation, "
        "completion, failure) with `503 RESOURCE_EXHAUSTED`. *fail calls*: failure requests "
        "the worker sent; *incidents*: failures with no retries left; *lost*: jobs neither "
        "completed nor failed when the run ended (they would wait for their timeout); "
        "*re-runs*: jobs handed out again, so their handler ran again; *duplicates*: "
        f"completions of a completed job. Median round of {b.args.drain_rounds}.",
        "",
        *table(
            [
                "worker",
                "jobs",
                "completed",
                "fail calls",
                "incidents",
                "lost",
                "re-runs",
                "duplicates",
                "503s sent",
                "wall s",
                "jobs/s",
                "vs raw",
            ],
            rows,
        ),
    )


def scenario_memory(b: Bench) -> None:
    rows: list[list[str]] = []
    hold = b.args.hold
    for client in b.kinds("raw", "ours-async", "official"):
        b.server.reset(hold)
        with worker_process(
            b.pythons[client.split("-")[0]],
            client,
            b.server.url,
            {"concurrency": hold, "hold": True},
        ) as proc:
            assert proc.stdout is not None
            proc.stdout.readline()
            idle = rss_kb(proc.pid)
            deadline = time.perf_counter() + 60
            while b.server.stats()["activated"] < hold and time.perf_counter() < deadline:
                time.sleep(0.1)
            time.sleep(0.2 if b.args.quick else 1.0)  # let every handler start
            held = b.server.stats()["activated"]
            full = rss_kb(proc.pid)
        rows.append(
            [
                DRAIN_LABELS[client],
                f"{held:,}",
                f"{idle / 1024:,.1f}",
                f"{full / 1024:,.1f}",
                f"{(full - idle) / max(1, held):,.1f}",
            ]
        )
    lines = [
        "RSS of the worker process once ready (before polling) and while it holds "
        f"{hold:,} activated jobs whose handlers sleep.",
        "",
        *table(["worker", "jobs held", "RSS ready MB", "RSS holding MB", "KB per job"], rows),
    ]
    if b.args.soak_seconds > 0:
        lines += soak(b)
    b.report.section("6. Memory", *lines)


def soak(b: Bench) -> list[str]:
    seconds = b.args.soak_seconds
    b.server.reset(10_000_000)
    run = run_worker(
        b.server,
        b.pythons["ours"],
        "ours-async",
        {"concurrency": b.args.concurrency},
        done=lambda s: False,
        budget=seconds,
        sample_every=max(0.5, seconds / 120),
    )
    samples = [(t, kb) for t, kb in run.samples if t >= seconds * 0.2]  # after warm-up
    slope = 0.0
    if len(samples) >= 2:
        xs = [t / 60 for t, _ in samples]
        ys = [kb / 1024 for _, kb in samples]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
    first, last = run.samples[0][1] / 1024, run.samples[-1][1] / 1024
    jobs = run.stats["completed"]
    window = (samples[-1][0] - samples[0][0]) / 60 if samples else 0.0
    growth = slope * window
    b.report.target(
        "soak: fitted RSS growth after warm-up (MB)", growth, 1.0, at_most=True, unit=" MB"
    )
    return [
        f"Soak: our async worker drains a stream of jobs for {seconds:g} s ({jobs:,} jobs); "
        f"RSS sampled {len(run.samples)} times. RSS {first:,.1f} MB at start, "
        f"{last:,.1f} MB at the end; least-squares slope after the first 20%: "
        f"**{slope * 1024:+,.1f} KB/min** ({growth:+.2f} MB over {window:.1f} min, "
        f"{slope * 1024 * 1024 * window / max(1, jobs):+.1f} bytes per job).",
        "",
    ]


# ------------------------------------------------------------------------------ main


STEPS: dict[str, Callable[[Bench], Any]] = {
    "ceiling": scenario_ceiling,
    "import": scenario_import,
    "calls": scenario_calls,
    "sniffio": scenario_sniffio,
    "concurrency": scenario_concurrent,
    "drain": scenario_drain,
    "backpressure": scenario_backpressure,
    "memory": scenario_memory,
    "otel": scenario_otel,
    "processes": scenario_processes,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes and 1 round: checks that every scenario runs",
    )
    parser.add_argument(
        "--no-official",
        action="store_true",
        help="leave the official SDK out (no virtualenv needed)",
    )
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 3)")
    parser.add_argument(
        "--drain-rounds",
        type=int,
        help="rounds of the job-drain scenarios (default 1: they are long)",
    )
    parser.add_argument("--calls", type=int, help="sequential calls per operation (500)")
    parser.add_argument("--concurrent-calls", type=int, help="creations in scenario 3 (5000)")
    parser.add_argument("--tasks", type=int, default=64, help="coroutines in scenario 3")
    parser.add_argument("--jobs", type=int, help="jobs to drain in scenario 4 (20000)")
    parser.add_argument("--backpressure-jobs", type=int, help="jobs in scenario 5 (1000)")
    parser.add_argument("--otel-jobs", type=int, help="jobs per drain in scenario 7 (5000)")
    parser.add_argument("--concurrency", type=int, default=32, help="jobs in flight per worker")
    parser.add_argument(
        "--official-jobs", type=int, help="cap on the jobs given to the official worker (2000)"
    )
    parser.add_argument(
        "--official-budget",
        type=float,
        default=60.0,
        help="seconds the official worker may run per drain",
    )
    parser.add_argument(
        "--budget", type=float, default=600.0, help="seconds any other worker may run per drain"
    )
    parser.add_argument(
        "--stall",
        type=float,
        default=20.0,
        help="end a drain after this many seconds without a completion",
    )
    parser.add_argument("--hold", type=int, help="in-flight jobs in scenario 6 (1000)")
    parser.add_argument("--soak-seconds", type=float, help="soak duration (300; 0: skip)")
    parser.add_argument("--ceiling-seconds", type=float, help="server ceiling run (3)")
    parser.add_argument(
        "--only", default=",".join(STEPS), help=f"comma-separated subset of {','.join(STEPS)}"
    )
    args = parser.parse_args(argv)
    if unknown := set(args.only.split(",")) - set(STEPS):
        parser.error(f"unknown scenarios: {sorted(unknown)}")
    defaults = dict(
        rounds=3,
        drain_rounds=1,
        calls=500,
        concurrent_calls=5000,
        jobs=20_000,
        backpressure_jobs=1000,
        otel_jobs=5000,
        official_jobs=2000,
        hold=1000,
        soak_seconds=300.0,
        ceiling_seconds=3.0,
    )
    if args.quick:
        defaults.update(
            rounds=1,
            calls=5,
            concurrent_calls=64,
            jobs=40,
            backpressure_jobs=30,
            otel_jobs=40,
            official_jobs=20,
            hold=20,
            soak_seconds=2.0,
            ceiling_seconds=0.3,
        )
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    pythons = {"ours": OURS, "raw": OURS}
    if not args.no_official:
        pythons["official"] = official_python()
    report = Report()
    server = Server()
    started = time.perf_counter()
    try:
        bench = Bench(args, server, pythons, report)
        peaks: dict[str, float] = {}
        for name in args.only.split(","):
            progress(f"[{time.perf_counter() - started:6.0f} s] {name} ...")
            peaks[name] = STEPS[name](bench) or 0.0
    finally:
        server.close()
    ceiling = peaks.get("ceiling", float("nan"))
    busiest = max(peaks.get("concurrency", 0.0), peaks.get("drain", 0.0))
    head = [
        "# camunda-sdk benchmark",
        "",
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}; "
        f"rounds: {args.rounds} (drains: {args.drain_rounds}); "
        f"took {time.perf_counter() - started:,.0f} s."
        + (
            ""
            if "official" in pythons
            else " **The official SDK was left out (--no-official): its columns read n/a.**"
        ),
        "",
        f"Server headroom: the busiest client asked for {busiest:,.0f} req/s, "
        f"{busiest / ceiling if ceiling else 0:.1%} of the server's ceiling "
        f"({ceiling:,.0f} req/s).",
        "",
        "## Targets",
        "",
        *table(["target", "measured", "bound", "result"], report.targets),
    ]
    print("\n".join(head + report.lines))


if __name__ == "__main__":
    main()
