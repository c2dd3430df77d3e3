"""The process tests run unchanged against a cluster named by CAMUNDA_REST_ADDRESS: here a
fake cluster served over HTTP in this process stands in for a real one, shared by every
test as a real cluster would be, and the fake-only tests skip with their reasons."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from camunda.testing import FakeCluster

REPO = Path(__file__).resolve().parents[2]
FAKE_ONLY = "uses the camunda_cluster fixture"
MARKED_FAKE_ONLY = "needs the fake cluster"
CLOCK = "needs a controlled clock"


@pytest.mark.parametrize(
    ("tests", "options", "at_least", "reasons"),
    [
        pytest.param(
            "tests/unit/testing/test_assertions.py", [], 15, (FAKE_ONLY, CLOCK), id="assertions"
        ),
        # The served fake's clock can be moved, as a real one started with
        # ZEEBE_CLOCK_CONTROLLED=true: the timer tests run too.
        pytest.param(
            "tests/unit/testing/process",
            ["--camunda-controlled-clock"],
            70,
            (MARKED_FAKE_ONLY,),
            id="process",
        ),
    ],
)
def test_the_tests_pass_against_a_cluster_over_http(
    tests: str, options: list[str], at_least: int, reasons: tuple[str, ...]
) -> None:
    with FakeCluster() as cluster, cluster.serve() as url:
        env = {**os.environ, "CAMUNDA_REST_ADDRESS": url}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-m",
                "camunda",
                "-rs",
                *options,
                tests,
            ],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        requests = sum(cluster.stats.requests.values())
    out = done.stdout
    assert done.returncode == 0, out[-4000:] + done.stderr[-2000:]
    summary = out.strip().splitlines()[-1]
    passed = re.search(r"(\d+) passed", summary)
    assert passed is not None and int(passed[1]) >= at_least and "failed" not in summary, summary
    skipped = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all(any(r in line for r in reasons) for line in skipped), out[-3000:]
    assert all(any(r in line for line in skipped) for r in reasons)
    assert requests > 100  # the tests went over HTTP to this cluster
    print(f"\n{summary}; {requests} requests reached the served cluster")
