"""Job-drain benchmark: our worker vs the official SDK's worker vs a raw httpx loop.

    python benchmarks/run.py --jobs 20000 --rounds 3

One fake server process (``server.py``) serves every run; each worker runs in its own
process (``clients.py``), one after another, rounds interleaved (the order rotates each
round). Per run: the server is reset with N pending jobs, the worker drains them with a
no-op handler, and once the server has counted N completions the worker is sent SIGTERM.

- wall time: server side, from the first activation request to the N-th completion;
- client CPU: the child's user+system time from ``os.wait4`` (``getrusage`` of the
  child) minus the CPU it had used when it reported ready (imports and set-up);
- the official SDK's worker sleeps 1 s after every poll, so it is capped at
  ``--official-jobs`` jobs or ``--official-budget`` seconds, whichever comes first.

The official SDK (``camunda-orchestration-sdk==9.0.1``) is installed into its own
virtualenv, ``benchmarks/.venv-official``, created on first use.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OFFICIAL_SPEC = "camunda-orchestration-sdk==9.0.1"
OFFICIAL_VENV = HERE / ".venv-official"
CLIENTS = ("ours-async", "ours-sync", "official", "raw")
LABELS = {
    "ours-async": "ours, async handler",
    "ours-sync": "ours, sync handler (threads)",
    "official": "official SDK 9.0.1, async handler",
    "raw": "raw httpx loop",
}


@dataclass
class Result:
    client: str
    target: int
    completed: int
    duplicates: int
    wall: float
    cpu: float
    requests: int
    server_cpu: float

    @property
    def jobs_per_s(self) -> float:
        return self.completed / self.wall if self.wall else 0.0

    @property
    def cpu_us_per_job(self) -> float:
        return self.cpu / self.completed * 1e6 if self.completed else float("nan")

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.wall if self.wall else 0.0


def official_python() -> Path:
    python = OFFICIAL_VENV / "bin" / "python"
    check = [str(python), "-c", "import camunda_orchestration_sdk"]
    if python.exists() and subprocess.run(check, check=False, capture_output=True).returncode == 0:
        return python
    print(f"creating {OFFICIAL_VENV} with {OFFICIAL_SPEC} ...", flush=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--clear", str(OFFICIAL_VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", OFFICIAL_SPEC],
                   check=True)
    return python


class Server:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "server.py")],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"server did not start: {line!r}")
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"

    def call(self, path: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.url + path, data=data,
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            result: dict[str, Any] = json.loads(response.read())
            return result

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def run_one(server: Server, client: str, python: Path, *, target: int, concurrency: int,
            budget: float, log: IO[str]) -> Result:
    server.call("/bench/reset", {"jobs": target})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [str(python), str(HERE / "clients.py"), client, server.url, str(concurrency)],
        stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT, env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("READY "):
        proc.kill()
        raise RuntimeError(f"{client} did not start (see {log.name})")
    startup_cpu = float(line.split()[1])
    started = time.perf_counter()
    exited: tuple[int, int, Any] | None = None
    stats = server.call("/bench/stats")
    while stats["completed"] < target and time.perf_counter() - started < budget:
        time.sleep(0.05)
        pid, _, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            exited = (pid, 0, usage)
            break
        stats = server.call("/bench/stats")
    stats = server.call("/bench/stats")
    if exited is None:
        proc.send_signal(signal.SIGTERM)
        deadline = time.perf_counter() + 15
        while exited is None:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                exited = (pid, status, usage)
            elif time.perf_counter() > deadline:
                proc.kill()
                exited = os.wait4(proc.pid, 0)
            else:
                time.sleep(0.02)
    proc.returncode = 0  # reaped by os.wait4 above
    usage = exited[2]
    return Result(
        client=client, target=target, completed=stats["completed"],
        duplicates=stats["duplicates"], wall=stats["wall"] or 0.0,
        cpu=usage.ru_utime + usage.ru_stime - startup_cpu,
        requests=stats["requests"], server_cpu=stats["server_cpu"],
    )


def median(results: list[Result], attr: str) -> float:
    return statistics.median(float(getattr(r, attr)) for r in results)


def report(results: dict[str, list[Result]], args: argparse.Namespace) -> str:
    m = {c: {a: median(rs, a) for a in ("completed", "duplicates", "wall", "jobs_per_s",
                                       "cpu_us_per_job", "requests_per_s", "server_cpu")}
         for c, rs in results.items()}
    lines = [
        f"Job drain, no-op handler, max {args.concurrency} jobs in flight, "
        f"median of {args.rounds} round(s); {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs.",
        "",
        "| worker | jobs | completed | duplicates | wall s | jobs/s | client CPU µs/job "
        "| server req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in results:
        target = results[c][0].target
        note = (f" (capped: {target} jobs or {args.official_budget:.0f} s)"
                if c == "official" else "")
        lines.append(
            f"| {LABELS[c]}{note} | {target} | {m[c]['completed']:.0f} "
            f"| {m[c]['duplicates']:.0f} | {m[c]['wall']:.2f} | {m[c]['jobs_per_s']:,.0f} "
            f"| {m[c]['cpu_us_per_job']:,.0f} | {m[c]['requests_per_s']:,.0f} |"
        )
    lines += ["", "| ratio | jobs/s | client CPU per job |", "|---|---:|---:|"]
    for ours in ("ours-async", "ours-sync"):
        for other in ("raw", "official"):
            if ours in m and other in m:
                lines.append(
                    f"| {LABELS[ours]} / {LABELS[other]} "
                    f"| {m[ours]['jobs_per_s'] / m[other]['jobs_per_s']:.2f}x "
                    f"| {m[ours]['cpu_us_per_job'] / m[other]['cpu_us_per_job']:.2f}x |"
                )
    if "raw" in m:
        raw = results["raw"]
        busy = statistics.median(r.server_cpu / r.wall for r in raw if r.wall)
        lines += ["", f"Server ceiling: it served {m['raw']['requests_per_s']:,.0f} req/s "
                      f"to the raw loop, using {busy:.0%} of one core "
                      f"(≈{m['raw']['requests_per_s'] / max(busy, 1e-9):,.0f} req/s "
                      "if it were CPU-bound)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=20_000, help="jobs per run")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--concurrency", type=int, default=32,
                        help="jobs in flight per worker (max_concurrent)")
    parser.add_argument("--official-jobs", type=int, default=2_000,
                        help="cap on the jobs given to the official worker")
    parser.add_argument("--official-budget", type=float, default=60.0,
                        help="seconds the official worker may run")
    parser.add_argument("--budget", type=float, default=600.0,
                        help="seconds any other worker may run")
    parser.add_argument("--clients", default=",".join(CLIENTS),
                        help=f"comma-separated subset of {','.join(CLIENTS)}")
    args = parser.parse_args()
    clients = [c for c in args.clients.split(",") if c]
    if unknown := set(clients) - set(CLIENTS):
        parser.error(f"unknown clients: {sorted(unknown)}")

    pythons = {c: Path(sys.executable) for c in clients}
    if "official" in clients:
        pythons["official"] = official_python()
    results: dict[str, list[Result]] = {c: [] for c in clients}
    log_dir = Path(tempfile.mkdtemp(prefix="job-drain-"))
    server = Server()
    try:
        for round_no in range(args.rounds):
            shift = round_no % len(clients)
            for client in clients[shift:] + clients[:shift]:
                official = client == "official"
                target = min(args.jobs, args.official_jobs) if official else args.jobs
                budget = args.official_budget if official else args.budget
                with open(log_dir / f"{client}-{round_no}.log", "w") as log:
                    result = run_one(server, client, pythons[client], target=target,
                                     concurrency=args.concurrency, budget=budget, log=log)
                results[client].append(result)
                print(f"round {round_no + 1} {client:>10}: {result.completed}/{target} jobs "
                      f"in {result.wall:.2f} s = {result.jobs_per_s:,.0f} jobs/s, "
                      f"{result.cpu_us_per_job:,.0f} µs CPU/job, "
                      f"{result.duplicates} duplicates", flush=True)
    finally:
        server.close()
    print(f"\n(worker logs: {log_dir})\n")
    print(report({c: results[c] for c in clients}, args))


if __name__ == "__main__":
    main()
