"""The FEEL/DMN benchmark at a tiny size, so it cannot rot (the real run is not a test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_feel_dmn_benchmark_runs_at_a_tiny_size() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.feel_dmn", "--seconds", "0.02", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    rows = [line for line in lines if line.startswith("| ") and "---" not in line]
    assert len(rows) == 4  # the header and three scenarios
    for row in rows[1:]:
        assert float(row.rsplit("|", 2)[1].replace(",", "")) > 0
