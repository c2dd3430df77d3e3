"""The tree is in the shape CI demands: ``ruff format`` leaves every file alone, and the sync
twin is what ``scripts/unasync.py`` derives from the async source (formatted too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_every_file_is_ruff_formatted() -> None:
    done = _run("-m", "ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_sync_twin_is_derived_and_formatted() -> None:
    done = _run("scripts/unasync.py", "--check")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("source", ["x = ( 1,2 )\n", "def f(a,b):\n  return a+b\n"])
def test_the_format_check_catches_an_unformatted_file(source: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--stdin-filename", "x.py", "-"],
        input=source,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
