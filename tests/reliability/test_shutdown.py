"""Scenario 6: SIGTERM to a worker process with 100 jobs in flight.

The worker runs in a child process (``JobWorker.run()`` from a module written to a temp
dir) against the fake cluster served by this process. Handlers that finish within the
grace period have their jobs completed; handlers still running at its end are cancelled
and their jobs failed back explicitly (unchanged retries). No job is left activated to
wait for its timeout: the cluster's own records say so.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from camunda.testing import FakeCluster, FakeJobState
from camunda.workers import SHUTDOWN_MESSAGE

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.reliability.conftest import ScenarioReport

JOBS = 100
WORKER = textwrap.dedent("""
    import sys
    import time

    import anyio

    from camunda import CamundaSettings
    from camunda.workers import JobRouter, JobWorker

    router = JobRouter()


    if sys.argv[4] == "sync":
        @router.job("slow", max_concurrent=100, timeout=120)
        def stuck() -> None:  # a thread no cancellation reaches
            time.sleep(float(sys.argv[2]))
    else:
        @router.job("slow", max_concurrent=100, timeout=120)
        async def slow() -> None:
            await anyio.sleep(float(sys.argv[2]))


    if __name__ == "__main__":
        settings = CamundaSettings(rest_address=sys.argv[1], auth_strategy="NONE",
                                   worker_request_timeout_ms=1_000)
        JobWorker(routers=[router], grace_period=float(sys.argv[3]), settings=settings).run()
""")


@pytest.mark.parametrize(
    ("handler_seconds", "grace", "expected", "kind"),
    [
        (1.0, 10.0, FakeJobState.COMPLETED, "async"),  # they finish within the grace period
        # they do not: failed back at its end, retries unchanged and no back-off, so the
        # cluster offers them again at once
        (60.0, 0.5, FakeJobState.ACTIVATABLE, "async"),
        # sync handlers stuck in their threads: failed back too, and the process still exits
        (3600.0, 0.5, FakeJobState.ACTIVATABLE, "sync"),
    ],
)
def test_sigterm_with_100_jobs_in_flight_leaves_none_to_time_out(
    tmp_path: Path,
    scenario_report: ScenarioReport,
    handler_seconds: float,
    grace: float,
    expected: FakeJobState,
    kind: str,
) -> None:
    script = tmp_path / "worker_module.py"
    script.write_text(WORKER)
    cluster = FakeCluster()
    keys = cluster.add_jobs("slow", count=JOBS, retries=3)
    with cluster.serve() as url:
        child = subprocess.Popen(
            [sys.executable, str(script), url, str(handler_seconds), str(grace), kind],
            cwd=Path(__file__).parents[2],
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for(lambda: len(cluster.jobs(state=FakeJobState.ACTIVATED)) == JOBS, 20)
            signalled = time.monotonic()
            child.send_signal(signal.SIGTERM)
            code = child.wait(timeout=grace + 10)
            took = time.monotonic() - signalled
        finally:
            child.kill()
            stderr = child.stderr.read() if child.stderr else ""
    assert code == 0, stderr
    assert took < min(grace + 5, max(grace, handler_seconds) + 5)
    jobs = [cluster.job(key) for key in keys]
    states = Counter(job.state for job in jobs if job is not None)
    assert states == {expected: JOBS}, states
    for job in jobs:
        assert job is not None and job.activations == 1
        if expected is FakeJobState.COMPLETED:
            assert job.completions == 1
        else:  # handed back explicitly, retries untouched, so another worker takes it now
            assert (job.error_message, job.retries) == (SHUTDOWN_MESSAGE, 3)
    scenario_report(
        f"SIGTERM, 100 in flight, {kind} handlers {handler_seconds:g}s, grace {grace:g}s",
        requests=cluster.stats.total_requests,
        lost=0,
        duplicates=0,
        outcome=(
            f"exit 0 after {took:.1f}s; {JOBS} jobs {expected.value.lower()}"
            f"{' once' if expected is FakeJobState.COMPLETED else ' (failed back)'};"
            " none left activated"
        ),
    )


def _wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
