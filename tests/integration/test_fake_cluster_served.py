"""The fake cluster served over loopback by uvicorn, used by the SDK like a real cluster."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from importlib import resources

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
            activated = await client.jobs.activate(
                type="late", timeout=1000, max_jobs_to_activate=1, request_timeout=10_000
            )
            assert len(activated.jobs) == 1
            assert time.monotonic() - started < 2


def test_stopping_the_server_ends_a_pending_long_poll() -> None:
    cluster = FakeCluster()
    outcome: list[object] = []

    def poll(base_url: str) -> None:
        with CamundaClient(_settings(base_url, max_retries=0)) as client:
            try:
                outcome.append(
                    client.jobs.activate(
                        type="never", timeout=1000, max_jobs_to_activate=1, request_timeout=30_000
                    ).jobs
                )
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
        async with CamundaAsyncClient(
            _settings(base_url, max_retries=20, retry_initial_delay=0.001, retry_max_delay=0.005)
        ) as client:
            for _ in range(10):
                assert (await client.cluster.get_topology()).cluster_size == 1
            await anyio.sleep(0)
    assert cluster.stats.faults["backpressure"] > 0


def test_a_long_poll_whose_client_has_gone_takes_no_job() -> None:
    cluster = FakeCluster()
    with cluster.serve() as base_url:
        body = {
            "type": "orphan",
            "timeout": 60_000,
            "maxJobsToActivate": 1,
            "requestTimeout": 30_000,
        }
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(base_url + "/v2/jobs/activation", json=body, timeout=0.2)
        deadline = time.monotonic() + 5
        while cluster.stats.abandoned_polls == 0:
            assert time.monotonic() < deadline, "the server never saw the client leave"
            time.sleep(0.01)
        [key] = cluster.add_jobs("orphan")
        job = cluster.job(key)
        assert job is not None
        assert (job.state, job.activations) == (FakeJobState.ACTIVATABLE, 0)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_camunda_fake_cluster_serves_the_fake_until_interrupted() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "camunda", "fake-cluster", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(url + "/v2/topology", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the fake cluster did not come up"
                time.sleep(0.05)
        with CamundaClient(_settings(url)) as client:
            order = (resources.files("camunda.testing") / "order.bpmn").read_bytes()
            client.deployments.create(resources=[("order.bpmn", order)])
            created = client.process_instances.create(process_definition_id="order-process")
            [job] = client.jobs.activate(
                type="reserve-stock", timeout=10_000, max_jobs_to_activate=1
            ).jobs
            assert job.process_instance_key == created.process_instance_key
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        finally:
            if server.poll() is None:
                server.kill()
    assert server.returncode == 0
    assert server.stderr is not None and f"127.0.0.1:{port}" in server.stderr.read()


def test_camunda_fake_cluster_without_uvicorn_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from camunda.cli import main

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert main(["fake-cluster"]) == 2
    assert "pip install 'camunda-sdk[fake-cluster]'" in capsys.readouterr().err
