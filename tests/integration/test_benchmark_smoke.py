"""Every benchmark scenario at a tiny size (``--quick``), so the suite cannot rot; the real
run is not a test: it is slow and noisy. The official SDK is left out (``--no-official``:
it needs its own virtualenv), and the report says so. The scenarios run in three groups in
parallel, each with its own fake server, to keep this test short."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GROUPS = (
    "ceiling,import,calls",
    "sniffio,concurrency,memory",
    "drain,backpressure",
    "otel,processes",
)


def rows(report: str, first_cell: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in report.splitlines()
        if line.startswith(f"| {first_cell}")
    ]


def test_every_scenario_runs_at_a_tiny_size() -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks", "--quick", "--no-official", "--only", group],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for group in GROUPS
    ]
    reports: list[str] = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err[-3000:]
        assert "The official SDK was left out (--no-official)" in out
        reports.append(out)
    report = "\n".join(reports)

    assert "req/s** from the fake server" in report  # the server ceiling
    assert len(rows(report, "`camunda")) == 2  # import, import + client
    calls = rows(report, "sync `") + rows(report, "async `")
    assert len(calls) == 6
    assert all(call[3] == "nan" and call[5] == "n/a" for call in calls)  # no official column
    assert len(rows(report, "ours-async")) == 1  # sniffio: installed vs absent
    assert [row[0] for row in rows(report, "ours |") + rows(report, "raw |")] == ["ours", "raw"]

    workers = rows(report, "ours, ") + rows(report, "raw httpx")
    drain = [row for row in workers if len(row) == 9]
    assert {row[0] for row in drain} == {
        "raw httpx loop",
        "ours, async handler",
        "ours, sync handler",
    }
    for row in drain:
        assert row[1:4] == ["40", "40", "0"], row  # jobs, completed, duplicates
    pressure = [row for row in workers if len(row) == 12]
    assert len(pressure) == 2
    for row in pressure:  # every job completed once, none failed or lost
        assert row[1:3] == ["30", "30"] and row[3:8] == ["0"] * 5, row
    held = [row for row in workers if len(row) == 5 and row[0] == "ours, async handler"]
    assert held and held[0][1] == "20"  # the worker held all 20 jobs at once
    assert "Soak: our async worker" in report
    assert "| drain ours-async: jobs/s / raw |" in report
    otel = rows(report, "not installed") + rows(report, "API installed") + rows(report, "SDK:")
    assert len(otel) == 3 and otel[0][3] == "1.00x"
    processes = [row for row in rows(report, "1 |") + rows(report, "2 |") if len(row) == 3]
    assert [row[0] for row in processes] == ["1", "2"] and processes[0][2] == "1.00x"
