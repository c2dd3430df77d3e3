"""The fake engine benchmark at a tiny size, so it cannot rot (the real run is not a test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_fake_engine_benchmark_runs_at_a_tiny_size() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.fake_engine", "--instances", "5", "--timeout", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [row] = [line for line in result.stdout.splitlines() if line.startswith("| 5 ")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[:2] == ["5", "20"]
    assert all(float(cell.replace(",", "")) > 0 for cell in cells[2:])
