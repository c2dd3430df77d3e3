"""Scenario 2: a total outage (every request answered 503), then recovery.

The outage is shortened from 30 s to 3 s, with the transport's retries scaled down to
match (``max_retries=2``, backoff 0.05 s to 0.2 s); the worker's own backoff after failed
activations is its production one (equal jitter from 0.1 s, capped at 5 s).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import anyio
import pytest

from camunda import CamundaAsyncClient, ServiceUnavailableError
from camunda.testing import FakeCluster, FakeJobState
from camunda.workers import JobEvent, JobRouter, JobWorker
from tests.reliability._support import deploy_straight, eventually, settings

if TYPE_CHECKING:
    from tests.reliability._proxy import FaultProxy
    from tests.reliability.conftest import ScenarioReport

pytestmark = pytest.mark.anyio

OUTAGE = 3.0
MAX_RETRIES = 2
ACTIVATE = "POST /jobs/activation"
CREATE = "POST /process-instances"
# The worker sleeps at least half of min(5, 0.1 * 2**n) after its n-th failed activation
# call in a row: 0.05 + 0.1 + 0.2 + 0.4 + 0.8 + 1.6 > 3 s, so at most 7 calls fit in the
# outage (one may straddle each edge), each of at most max_retries + 1 attempts.
MAX_CALLS_IN_OUTAGE = 7 + 2
RECOVERY_BOUND = 5.0 + 1.0  # the worker's backoff cap, plus one long-poll turn


@pytest.mark.parametrize("anyio_backend", ["trio"])  # the storm covers asyncio
async def test_the_worker_backs_off_in_an_outage_and_resumes_after_it(
    fake_cluster: FakeCluster, fault_proxy: FaultProxy, scenario_report: ScenarioReport
) -> None:
    config = settings(
        fault_proxy.url, max_retries=MAX_RETRIES, retry_initial_delay=0.05, retry_max_delay=0.2
    )
    completed_at: list[float] = []

    def on_event(event: JobEvent) -> None:
        if event.kind == "completed":
            completed_at.append(time.monotonic())

    router = JobRouter()

    @router.job("outage")
    async def handle() -> None:
        return None

    with anyio.fail_after(20):
        async with CamundaAsyncClient(config) as client, anyio.create_task_group() as group:
            definition = await deploy_straight(client)
            worker = JobWorker(client, routers=[router], on_event=on_event)
            group.start_soon(worker.serve)
            await eventually(lambda: fault_proxy.received[ACTIVATE] > 0)

            fault_proxy.outage = True
            await fault_proxy.close_connections()  # ends the long poll that was let through
            before = fault_proxy.received[ACTIVATE]
            keys = fake_cluster.add_jobs("outage", count=20)  # they wait out the outage
            with pytest.raises(ServiceUnavailableError) as caught:
                await client.process_instances.create(process_definition_key=definition)
            assert caught.value.is_backpressure
            assert fault_proxy.received[CREATE] == MAX_RETRIES + 1  # the budget, no more
            await anyio.sleep(OUTAGE)
            during = fault_proxy.received[ACTIVATE] - before
            assert not completed_at
            assert not worker.health().healthy  # the failures show in its health

            fault_proxy.outage = False
            recovered = time.monotonic()
            await eventually(lambda: len(completed_at) == len(keys), timeout=RECOVERY_BOUND + 5)
            resumed = completed_at[0] - recovered
            await worker.stop()

            assert during <= MAX_CALLS_IN_OUTAGE * (MAX_RETRIES + 1)
            assert resumed < RECOVERY_BOUND
            jobs = [fake_cluster.job(key) for key in keys]
            assert all(
                j is not None and j.state is FakeJobState.COMPLETED and j.completions == 1
                for j in jobs
            )
            assert fake_cluster.process_instances() == []  # the refused create never got in
            scenario_report(
                "total outage 3 s (30 s scaled down) then recovery",
                requests=fault_proxy.total_received,
                lost=0,
                duplicates=0,
                outcome=(
                    f"worker sent {during} activation requests in the outage (bound "
                    f"{MAX_CALLS_IN_OUTAGE * (MAX_RETRIES + 1)}); first completion "
                    f"{resumed:.2f}s after recovery; 20 jobs completed once; a create "
                    f"gave up after {MAX_RETRIES + 1} attempts (ServiceUnavailableError)"
                ),
            )
