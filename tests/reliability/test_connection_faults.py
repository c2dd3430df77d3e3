"""Scenario 3: connection faults between the SDK and the cluster, through the fault proxy.

Each fault ends in a typed error or a transparent recovery, never a hang (every test runs
under ``anyio.fail_after``). Idempotent reads are retried; a create is retried only when
the request provably never left (connection refused), which the proxy's and the cluster's
own counts show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio
import pytest

from camunda import APIConnectionError, APITimeoutError, CamundaAsyncClient
from camunda.testing import FakeCluster, FakeJobState
from camunda.types import ProcessInstanceKey
from camunda.workers import JobRouter, JobWorker
from tests.reliability._support import deploy_straight, eventually, settings

if TYPE_CHECKING:
    from tests.reliability._proxy import FaultProxy
    from tests.reliability.conftest import ScenarioReport

pytestmark = pytest.mark.anyio

CREATE = "POST /process-instances"
GET = "GET /process-instances/{key}"
ACTIVATE = "POST /jobs/activation"
BOUND = 10  # seconds any of these tests may take


async def test_refused_connections_are_retried_and_then_a_typed_error(
    fake_cluster: FakeCluster, fault_proxy: FaultProxy, scenario_report: ScenarioReport
) -> None:
    with anyio.fail_after(BOUND):
        async with CamundaAsyncClient(settings(fault_proxy.url, max_retries=3)) as client:
            definition = await deploy_straight(client)
            await fault_proxy.refuse()
            with pytest.raises(APIConnectionError) as caught:
                await client.process_instances.create(process_definition_key=definition)
            assert not caught.value.request_sent
            assert fault_proxy.received[CREATE] == 0

            async def come_back() -> None:
                await anyio.sleep(0.2)
                await fault_proxy.listen()

            patient = client.with_options(max_retries=50)  # 50 x <= 0.05 s: covers 0.2 s
            async with anyio.create_task_group() as group:
                group.start_soon(come_back)
                created = await patient.process_instances.create(
                    process_definition_key=definition
                )  # even a create: it never left
                instances = [i.key for i in fake_cluster.process_instances()]
                assert instances == [created.process_instance_key]
                assert fault_proxy.received[CREATE] == 1
    scenario_report(
        "connection refused",
        requests=fault_proxy.total_received,
        outcome="APIConnectionError(request_sent=False) after the retry budget, 0 "
        "reached the cluster; after the listener came back a create went "
        "through once (1 instance)",
    )


async def test_a_reset_create_is_not_retried_but_a_reset_read_is(
    fake_cluster: FakeCluster, fault_proxy: FaultProxy, scenario_report: ScenarioReport
) -> None:
    with anyio.fail_after(BOUND):
        async with CamundaAsyncClient(settings(fault_proxy.url, max_retries=3)) as client:
            definition = await deploy_straight(client)
            # the cluster acts on it, then the connection is reset before the answer
            fault_proxy.add_fault("reset", path="/process-instances", forward=True)
            with pytest.raises(APIConnectionError) as caught:
                await client.process_instances.create(process_definition_key=definition)
            assert caught.value.request_sent
            assert (fault_proxy.received[CREATE], fault_proxy.forwarded[CREATE]) == (1, 1)
            [instance] = fake_cluster.process_instances()  # it exists once, not twice

            # reset before the cluster saw it: the SDK cannot tell, so it does not retry
            fault_proxy.add_fault("reset", path="/process-instances", forward=False)
            with pytest.raises(APIConnectionError):
                await client.process_instances.create(process_definition_key=definition)
            assert (fault_proxy.received[CREATE], fault_proxy.forwarded[CREATE]) == (2, 1)

            # an idempotent read is retried through a reset, transparently
            fault_proxy.add_fault("reset", path=f"/process-instances/{instance.key}")
            found = await client.process_instances.get(ProcessInstanceKey(instance.key))
    assert found.process_instance_key == instance.key
    assert fault_proxy.received[GET] == 2
    assert len(fake_cluster.process_instances()) == 1
    scenario_report(
        "reset mid-request",
        requests=fault_proxy.total_received,
        outcome="create reset after reaching the cluster: APIConnectionError, "
        "1 attempt, 1 instance; reset before: 1 attempt, 0 instances; a reset "
        "GET retried once and answered",
    )


async def test_slow_answers_past_the_timeout(
    fake_cluster: FakeCluster, fault_proxy: FaultProxy, scenario_report: ScenarioReport
) -> None:
    config = settings(fault_proxy.url, max_retries=3, request_timeout=0.3)
    with anyio.fail_after(BOUND):
        async with CamundaAsyncClient(config) as client:
            definition = await deploy_straight(client)
            fault_proxy.add_fault("delay", path="/process-instances", delay=1.0)
            with pytest.raises(APITimeoutError):
                await client.process_instances.create(process_definition_key=definition)
            assert fault_proxy.received[CREATE] == 1  # not retried: it reached the cluster
            [instance] = fake_cluster.process_instances()

            fault_proxy.add_fault("delay", path="/process-instances/", delay=1.0)
            # retried past the slow answer
            found = await client.process_instances.get(ProcessInstanceKey(instance.key))
            assert found.process_instance_key == instance.key
            assert fault_proxy.received[GET] == 2

            fault_proxy.add_fault("delay", path="/process-instances/", delay=1.0, times=-1)
            with pytest.raises(APITimeoutError):
                await client.process_instances.get(ProcessInstanceKey(instance.key))
            assert fault_proxy.received[GET] == 2 + 4  # the whole budget, then the error
    scenario_report(
        "slow answers past the timeout (0.3 s)",
        requests=fault_proxy.total_received,
        outcome="create: APITimeoutError after 1 attempt (1 instance); GET "
        "retried past one slow answer; always slow: APITimeoutError after 4",
    )


async def test_the_worker_survives_a_closed_long_poll_and_a_restart(
    fake_cluster: FakeCluster, fault_proxy: FaultProxy, scenario_report: ScenarioReport
) -> None:
    router = JobRouter()

    @router.job("steady", request_timeout=5.0)
    async def handle() -> None:
        return None

    def polls() -> int:
        return fault_proxy.received[ACTIVATE]

    with anyio.fail_after(BOUND + 5):
        async with (
            CamundaAsyncClient(settings(fault_proxy.url)) as client,
            anyio.create_task_group() as group,
        ):
            worker = JobWorker(client, routers=[router])
            group.start_soon(worker.serve)
            await eventually(lambda: polls() == 1)
            await anyio.sleep(0.1)  # the long poll is waiting in the cluster
            await fault_proxy.close_connections()
            await eventually(lambda: polls() == 2)  # it polls again, no error escapes
            first = fake_cluster.add_jobs("steady", count=5)
            await eventually(lambda: _all_completed(fake_cluster, first))

            await eventually(lambda: polls() >= 4)  # a long poll is pending again
            await fault_proxy.restart(down_for=0.5)
            second = fake_cluster.add_jobs("steady", count=5)
            await eventually(lambda: _all_completed(fake_cluster, second))
            await worker.stop()
            jobs = [fake_cluster.job(key) for key in first + second]
            assert all(j is not None and j.completions == 1 and j.activations == 1 for j in jobs)
    scenario_report(
        "long poll closed by the server; server restart",
        requests=fault_proxy.total_received,
        outcome="worker re-polled after each; 10 jobs completed once, each activated once",
    )


def _all_completed(cluster: FakeCluster, keys: list[str]) -> bool:
    return all(
        (job := cluster.job(key)) is not None and job.state is FakeJobState.COMPLETED
        for key in keys
    )
