"""The fake cluster served over loopback by uvicorn, used by the SDK like a real cluster."""

from __future__ import annotations

import threading
import time

import anyio
import httpx
import pytest

from camunda import APIConnectionError, CamundaAsyncClient, CamundaClient, CamundaSettings
from camunda.testing import FakeCluster, FakeJobState


def _settings(base_url: str, **overrides: object) -> CamundaSettings:
    return CamundaSettings(rest_address=base_url, auth_strategy="NONE", **overrides)


def test_the_sync_client_works_over_real_http() -> None:
    cluster = FakeCluster()
    keys = cluster.add_jobs("served", count=3, variables={"n": 1})
    with cluster.serve() as base_url, CamundaClient(_settings(base_url)) as client:
        assert base_url.startswith("http://127.0.0.1:")
        assert client.cluster.get_topology().cluster_size == 1
        activated = client.jobs.activate(type="served", timeout=10_000, max_jobs_to_activate=5)
        assert [j.job_key for j in activated.jobs] == keys
        for job in activated.jobs:
            client.jobs.complete(job.job_key, variables={"done": True})
    assert {j.state for j in cluster.jobs()} == {FakeJobState.COMPLETED}
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url + "/v2/topology", timeout=1)


@pytest.mark.anyio
async def test_a_long_poll_over_http_wakes_on_a_job_from_another_thread() -> None:
    cluster = FakeCluster()
    with cluster.serve() as base_url:
        async with CamundaAsyncClient(_settings(base_url)) as client:
            timer = threading.Timer(0.1, cluster.add_jobs, args=("late",))
            started = time.monotonic()
            timer.start()
            activated = await client.jobs.activate(type="late", timeout=1000,
                                                   max_jobs_to_activate=1,
                                                   request_timeout=10_000)
            assert len(activated.jobs) == 1
            assert time.monotonic() - started < 2


def test_stopping_the_server_ends_a_pending_long_poll() -> None:
    cluster = FakeCluster()
    outcome: list[object] = []

    def poll(base_url: str) -> None:
        with CamundaClient(_settings(base_url, max_retries=0)) as client:
            try:
                outcome.append(client.jobs.activate(type="never", timeout=1000,
                                                    max_jobs_to_activate=1,
                                                    request_timeout=30_000).jobs)
            except APIConnectionError as exc:
                outcome.append(exc)

    with cluster.serve() as base_url:
        poller = threading.Thread(target=poll, args=(base_url,))
        poller.start()
        deadline = time.monotonic() + 5
        while "activateJobs" not in cluster.stats.requests and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        started = time.monotonic()
    poller.join(timeout=5)
    assert not poller.is_alive()
    assert time.monotonic() - started < 3
    assert outcome == [[]]


def test_a_dropped_connection_over_http_is_a_transport_error() -> None:
    cluster = FakeCluster(drop_rate=1.0)
    with (
        cluster.serve() as base_url,
        CamundaClient(_settings(base_url, max_retries=0)) as client,
        pytest.raises(APIConnectionError),
    ):
        client.cluster.get_topology()
    assert cluster.stats.faults == {"dropped": 1}


@pytest.mark.anyio
async def test_backpressure_over_http_is_retried_by_the_sdk() -> None:
    cluster = FakeCluster(backpressure_rate=0.5, seed=5)
    with cluster.serve() as base_url:
        async with CamundaAsyncClient(_settings(base_url, max_retries=20,
                                                retry_initial_delay=0.001,
                                                retry_max_delay=0.005)) as client:
            for _ in range(10):
                assert (await client.cluster.get_topology()).cluster_size == 1
            await anyio.sleep(0)
    assert cluster.stats.faults["backpressure"] > 0
