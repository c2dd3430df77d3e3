"""The job-drain benchmark at a tiny size, so it cannot rot (the real run is not a test:
it is slow and noisy). The official SDK is left out here: it needs its own virtualenv."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_and_drains_every_job_once() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--jobs", "40", "--rounds", "1",
         "--clients", "ours-async,ours-sync,raw", "--budget", "60"],
        capture_output=True, text=True, timeout=180, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and "| 40 |" in line]
    assert len(rows) == 3, done.stdout
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[1:4] == ["40", "40", "0"], row  # jobs, completed, duplicates
    assert "| ours, async handler / raw httpx loop |" in done.stdout
