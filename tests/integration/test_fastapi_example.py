"""The example FastAPI service (examples/fastapi_app.py) under a real uvicorn process.

A fake cluster is served on loopback; the app talks to it through ``CAMUNDA_REST_ADDRESS``,
its routes are called over HTTP, its job workers complete the process's jobs, and on
SIGTERM/SIGINT it drains the jobs in flight and exits.
"""

from __future__ import annotations

import importlib
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import httpx
import pytest

from camunda.testing import FakeCluster, FakeJobState

if TYPE_CHECKING:
    from collections.abc import Callable, Generator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@contextmanager
def _example_app(
    cluster_url: str, log: Path
) -> Generator[tuple[httpx.Client, subprocess.Popen[bytes]], None, None]:
    """uvicorn serving the example on a free loopback port; yields an HTTP client for it."""
    port = _free_port()
    env = dict(os.environ)  # without CAMUNDA_*/ZEEBE_* (tests/conftest.py)
    env["CAMUNDA_REST_ADDRESS"] = cluster_url
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "fastapi_app:app",
                "--app-dir",
                str(EXAMPLES),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "info",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:

            def ready() -> bool:
                assert process.poll() is None, f"uvicorn exited:\n{log.read_text()}"
                try:
                    return http.get("/openapi.json").status_code == 200
                except httpx.TransportError:
                    return False

            _wait_until(ready, "the example app to start", timeout=30)
            yield http, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_example_service_runs_its_workers_and_drains_on_shutdown(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    cluster = FakeCluster()
    log = tmp_path / "uvicorn.log"
    with cluster.serve() as cluster_url, _example_app(cluster_url, log) as (http, process):
        # The OpenAPI document includes the SDK model used as a response model.
        schemas = http.get("/openapi.json").json()["components"]["schemas"]
        assert "processInstanceKey" in schemas["CreatedProcessInstance"]["properties"]

        # Start orders through the app; its worker does the "check-order" jobs.
        created = [
            http.post("/orders", json={"order_id": f"o-{n}", "amount": 100 * n + 50})
            for n in range(3)
        ]
        assert [r.status_code for r in created] == [200, 200, 200], created[0].text
        instance_keys = {r.json()["processInstanceKey"] for r in created}
        assert {r.json()["processDefinitionId"] for r in created} == {"order-approval"}
        assert http.post("/orders", json={"order_id": "x", "amount": -1}).status_code == 422

        _wait_until(lambda: len(cluster.user_tasks(state="CREATED")) == 3, "the approvals")
        checked = cluster.jobs(type="check-order", state=FakeJobState.COMPLETED)
        assert {j.process_instance_key for j in checked} == instance_keys
        assert all(j.result_variables == {"risk": "low"} for j in checked)

        # Complete the approvals through the app; the worker then fulfils the orders.
        for task in cluster.user_tasks(state="CREATED"):
            done = http.post(f"/tasks/{task.key}/complete", json={"approved": True})
            assert done.status_code == 204, done.text
        assert http.post("/tasks/123/complete", json={"approved": True}).status_code == 404
        assert http.post("/tasks/abc/complete", json={"approved": True}).status_code == 422

        _wait_until(
            lambda: len(cluster.process_instances(state="COMPLETED")) == 3, "the orders to complete"
        )
        for key in instance_keys:
            instance = cluster.process_instance(key)
            assert instance is not None
            assert instance.variables["status"] == "shipped"

        # Jobs in flight at the signal: completions are slowed so they are still
        # outstanding when it arrives; the app must wait for them before exiting.
        cluster.faults.latency = 1.0
        late = cluster.add_jobs("check-order", count=4, variables={"order_id": "l", "amount": 5})
        _wait_until(
            lambda: {j.key for j in cluster.jobs(state=FakeJobState.ACTIVATED)} == set(late),
            "the late jobs to be activated",
        )
        process.send_signal(stop_signal)
        signalled = time.monotonic()
        returncode = process.wait(timeout=20)
        elapsed = time.monotonic() - signalled

    output = log.read_text()
    # uvicorn shuts down gracefully, then re-raises the signal it caught: SIGINT ends as
    # exit status 0, SIGTERM as "terminated by SIGTERM" (-15), as process managers expect.
    assert returncode == (0 if stop_signal == signal.SIGINT else -signal.SIGTERM), output
    assert elapsed < 15, output
    assert "Application shutdown complete" in output
    assert "Finished server process" in output
    for key in late:
        job = cluster.job(key)
        assert job is not None
        assert job.state == FakeJobState.COMPLETED, (job, output)
        assert job.result_variables == {"risk": "low"}


@pytest.mark.anyio
async def test_the_example_answers_503_with_a_problem_detail_while_the_cluster_is_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Started against a cluster that then is overloaded, then goes away: its routes answer
    503 with a problem detail (was a bare 500)."""
    # In-process (ASGITransport), so the app's cluster can be stopped while it runs.
    monkeypatch.syspath_prepend(str(EXAMPLES))
    example = importlib.import_module("fastapi_app")
    monkeypatch.setenv("CAMUNDA_MAX_RETRIES", "0")
    with anyio.fail_after(60), ExitStack() as stack:
        cluster = stack.enter_context(FakeCluster())
        serving = cluster.serve()
        monkeypatch.setenv("CAMUNDA_REST_ADDRESS", serving.__enter__())
        stack.push(serving.__exit__)
        async with (
            example.app.router.lifespan_context(example.app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(example.app), base_url="http://app"
            ) as http,
        ):
            health = await http.get("/health")  # the route docs/fastapi.md shows
            assert health.status_code == 200 and isinstance(health.json()["healthy"], bool)
            # The app started (it deployed its process); no order yet, so no job is in
            # flight whose outcome the worker would try to report while draining.
            assert cluster.stats.requests["createDeployment"] == 1
            cluster.faults.backpressure_rate = 1.0  # overloaded: 503 RESOURCE_EXHAUSTED
            await _assert_unavailable(http, "o-1")
            stack.close()  # the cluster goes down

            await _assert_unavailable(http, "o-2")


async def _assert_unavailable(http: httpx.AsyncClient, order_id: str) -> None:
    """POST an order that the cluster cannot take: a 503 problem detail, which names
    neither the cluster's address nor its answer."""
    down = await http.post("/orders", json={"order_id": order_id, "amount": 5})
    assert down.status_code == 503, down.text
    assert down.headers["content-type"] == "application/problem+json"
    assert down.headers["retry-after"] == "5"
    assert down.json() == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The process engine is unavailable; try again later.",
        "instance": "/orders",
    }
