"""The job worker against the in-process fake cluster (asyncio and trio)."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import anyio
import httpx
import pytest
from pydantic import BaseModel

from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings
from camunda.models.jobs import ActivatedJob, JobResultCorrections, JobResultUserTask
from camunda.testing import FakeCluster, FakeJobState
from camunda.workers import (
    SHUTDOWN_MESSAGE,
    JobContext,
    JobError,
    JobEvent,
    JobFailure,
    JobRouter,
    JobWorker,
)
from tests.integration.test_workers_handlers import Order, double, refuse

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterator

pytestmark = pytest.mark.anyio

FAST = {"worker_request_timeout_ms": 2_000, "retry_initial_delay": 0.001, "retry_max_delay": 0.01}


@pytest.fixture
def cluster() -> Iterator[FakeCluster]:
    with FakeCluster(seed=7) as c:
        yield c


@pytest.fixture
async def client(cluster: FakeCluster) -> AsyncIterator[CamundaAsyncClient]:
    async with cluster.async_client(**FAST) as c:
        yield c


@asynccontextmanager
async def serving(worker: JobWorker) -> AsyncGenerator[None, None]:
    async with anyio.create_task_group() as group:
        group.start_soon(worker.serve)
        yield
        await worker.stop()


async def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    with anyio.fail_after(timeout):
        while not condition():
            await anyio.sleep(0.01)


def settled(cluster: FakeCluster, keys: list[str]) -> Callable[[], bool]:
    def check() -> bool:
        return all(
            (job := cluster.job(key)) is not None
            and job.state not in (FakeJobState.ACTIVATABLE, FakeJobState.ACTIVATED)
            for key in keys
        )

    return check


class Receipt(BaseModel):
    charged: int
    currency: str


# ------------------------------------------------------------------------------ outcomes


async def test_every_outcome_is_mapped_to_its_call(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()

    @router.job("complete")
    async def complete(order: Order) -> Receipt:
        return Receipt(charged=order.amount, currency=order.currency)

    @router.job("bpmn-error")
    async def bpmn_error(job: ActivatedJob) -> None:
        raise JobError("NO_FUNDS", "card declined", variables={"declined": True})

    @router.job("failure")
    async def failure() -> None:
        raise JobFailure("try later", retries=1, retry_back_off=timedelta(minutes=5))

    @router.job("crash")
    async def crash() -> None:
        raise ZeroDivisionError("division by zero")

    variables = {"amount": 12, "currencyCode": "EUR"}
    keys = {
        t: cluster.add_jobs(t, variables=variables, retries=3)[0]
        for t in ("complete", "bpmn-error", "failure")
    }
    # one retry left: the failure leaves 0 (an incident), so the job is not retried here
    keys["crash"] = cluster.add_jobs("crash", variables=variables, retries=1)[0]
    worker = JobWorker(client, routers=[router])
    with anyio.fail_after(15):
        async with serving(worker):
            await eventually(settled(cluster, list(keys.values())))

    done = cluster.job(keys["complete"])
    assert done is not None and done.state == FakeJobState.COMPLETED and done.completions == 1
    assert done.result_variables == {"charged": 12, "currency": "EUR"}
    thrown = cluster.job(keys["bpmn-error"])
    assert thrown is not None and thrown.state == FakeJobState.ERROR_THROWN
    assert (thrown.error_code, thrown.error_message) == ("NO_FUNDS", "card declined")
    failed = cluster.job(keys["failure"])
    assert failed is not None and failed.state == FakeJobState.FAILED
    assert (failed.retries, failed.error_message) == (1, "try later")
    assert failed.retry_at is not None and failed.retry_at - failed.updated_ms == 300_000
    crashed = cluster.job(keys["crash"])
    assert crashed is not None and crashed.retries == 0 and crashed.activations == 1
    assert crashed.incident_key is not None
    assert crashed.error_message == "ZeroDivisionError: division by zero"
    metrics = worker.metrics()
    assert (
        metrics["complete"].completed,
        metrics["bpmn-error"].errored,
        metrics["failure"].failed,
        metrics["crash"].failed,
    ) == (1, 1, 1, 1)


async def test_invalid_variables_fail_the_job_naming_the_fields(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()
    calls: list[Order] = []

    @router.job("charge")
    async def charge(order: Order) -> None:
        calls.append(order)

    # one retry left: the failure (retries - 1 = 0) raises an incident instead of a retry
    [key] = cluster.add_jobs("charge", variables={"amount": "lots"}, retries=1)
    async with serving(JobWorker(client, routers=[router])):
        await eventually(settled(cluster, [key]))

    job = cluster.job(key)
    assert job is not None and job.state == FakeJobState.FAILED
    assert (job.retries, job.activations) == (0, 1) and job.incident_key is not None
    assert job.error_message is not None
    assert "variables do not match Order" in job.error_message
    assert "amount" in job.error_message and "currencyCode" in job.error_message
    assert calls == []


async def test_model_fields_are_the_only_variables_fetched(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()
    seen: list[dict[str, Any]] = []

    @router.job("charge")
    async def charge(job: ActivatedJob, order: Order) -> None:
        seen.append(job.variables)

    [key] = cluster.add_jobs(
        "charge",
        variables={"amount": 1, "currencyCode": "EUR", "customerRecord": {"big": "x" * 100}},
    )
    async with serving(JobWorker(client, routers=[router])):
        await eventually(settled(cluster, [key]))
    assert seen == [{"amount": 1, "currencyCode": "EUR"}]


async def test_user_task_listener_result_is_sent(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()

    @router.job("listener")
    async def listener() -> JobResultUserTask:
        return JobResultUserTask(corrections=JobResultCorrections(assignee="bob"))

    [key] = cluster.add_jobs("listener")
    async with serving(JobWorker(client, routers=[router])):
        await eventually(settled(cluster, [key]))
    job = cluster.job(key)
    assert job is not None and job.state == FakeJobState.COMPLETED and job.completions == 1
    assert job.result == {"type": "userTask", "corrections": {"assignee": "bob"}}


# ------------------------------------------------------------------------ execution kinds


async def test_sync_async_and_process_handlers(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()
    threads: list[str] = []
    router.job("process", executor="process")(double)
    router.job("refuse", executor="process")(refuse)

    @router.job("async")
    async def in_loop(order: Order, ctx: JobContext[CamundaAsyncClient]) -> dict[str, Any]:
        assert isinstance(ctx.client, CamundaAsyncClient)
        return {"doubled": order.amount * 2}

    @router.job("thread")
    def in_thread(order: Order, ctx: JobContext[CamundaClient]) -> dict[str, Any]:
        threads.append(threading.current_thread().name)
        assert isinstance(ctx.client, CamundaClient)
        return {"doubled": order.amount * 2}

    variables = {"amount": 21, "currencyCode": "EUR"}
    keys = [cluster.add_jobs(t, variables=variables)[0] for t in ("async", "thread", "process")]
    refused = cluster.add_jobs("refuse")
    worker = JobWorker(client, routers=[router], sync_client=cluster.client(**FAST))
    async with serving(worker):
        await eventually(settled(cluster, keys + refused), timeout=30)

    results = [cluster.job(key) for key in keys]
    assert [r.result_variables["doubled"] for r in results if r and r.result_variables] == [42] * 3
    assert threads and threads[0] != threading.main_thread().name
    process_result = results[2]
    assert process_result is not None and process_result.result_variables is not None
    assert process_result.result_variables["pid"] != os.getpid()
    # a JobError raised in the child process keeps its code across the boundary
    thrown = cluster.job(refused[0])
    assert thrown is not None and thrown.state == FakeJobState.ERROR_THROWN
    assert thrown.error_code == "REFUSED"


# ------------------------------------------------------------------------------ shutdown


async def test_shutdown_finishes_in_flight_jobs_and_fails_back_the_rest(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()
    started = 0
    release = anyio.Event()

    @router.job("quick", max_concurrent=4)
    async def quick() -> dict[str, Any]:
        nonlocal started
        started += 1
        await release.wait()
        return {"done": True}

    @router.job("stuck", max_concurrent=2)
    async def stuck() -> None:
        await anyio.sleep_forever()

    quick_keys = cluster.add_jobs("quick", count=4, retries=3)
    stuck_keys = cluster.add_jobs("stuck", count=2, retries=3)
    worker = JobWorker(client, routers=[router], grace_period=0.5)
    with anyio.fail_after(15):
        async with anyio.create_task_group() as group:
            group.start_soon(worker.serve)
            await eventually(
                lambda: started == 4 and worker.health().pollers["stuck"].in_flight == 2
            )
            group.start_soon(worker.stop)
            await anyio.sleep(0.05)
            release.set()  # the quick jobs finish inside the grace period
    for key in quick_keys:
        job = cluster.job(key)
        assert job is not None and job.state == FakeJobState.COMPLETED and job.completions == 1
    for key in stuck_keys:
        job = cluster.job(key)
        assert job is not None and job.state == FakeJobState.ACTIVATABLE  # failed back, not lost
        assert (job.retries, job.error_message) == (3, SHUTDOWN_MESSAGE)
    assert worker.health().running is False
    assert cluster.stats.requests.get("activateJobs", 0) >= 2


def _signalling_router(done: threading.Event) -> JobRouter:
    router = JobRouter()

    @router.job("work")
    async def work() -> None:
        done.set()

    return router


def test_run_stops_gracefully_on_sigint(cluster: FakeCluster) -> None:
    done = threading.Event()
    router = _signalling_router(done)
    [key] = cluster.add_jobs("work")

    def interrupt() -> None:
        done.wait(10)
        os.kill(os.getpid(), signal.SIGINT)

    client = cluster.async_client(**FAST)
    worker = JobWorker(client, routers=[router])
    thread = threading.Thread(target=interrupt)
    thread.start()
    worker.run()  # returns only through the graceful stop
    thread.join()
    anyio.run(client.close)
    job = cluster.job(key)
    assert job is not None and job.state == FakeJobState.COMPLETED


def test_run_in_a_thread_stops_promptly_from_another_thread(cluster: FakeCluster) -> None:
    done = threading.Event()
    router = _signalling_router(done)
    [key] = cluster.add_jobs("work")
    # a 120 s long poll: a stop that waited for it would run past the bounds below
    client = cluster.async_client(**{**FAST, "worker_request_timeout_ms": 120_000})
    worker = JobWorker(client, routers=[router])
    failures: list[BaseException] = []

    def serve() -> None:
        try:
            worker.run()  # no signal handlers off the main thread
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    thread = threading.Thread(target=serve)
    thread.start()
    assert done.wait(10)
    _wait_until(
        lambda: (job := cluster.job(key)) is not None and job.state == FakeJobState.COMPLETED, 10
    )
    worker.request_stop()  # from this thread, while the worker waits in its long poll
    thread.join(30)  # well below the 120 s long poll
    assert not thread.is_alive() and failures == []
    anyio.run(client.close)


def _wait_until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# ------------------------------------------------------------------------ faults and polls


class FlakyCompletions(httpx.AsyncBaseTransport):
    """Answers the first ``failures`` completion calls with a 503, then passes through."""

    def __init__(self, inner: httpx.AsyncBaseTransport, failures: int) -> None:
        self.inner = inner
        self.failures = failures

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/completion") and self.failures > 0:
            self.failures -= 1
            return httpx.Response(
                503,
                json={"title": "UNAVAILABLE", "status": 503, "detail": "partition leader changed"},
            )
        return await self.inner.handle_async_request(request)


async def test_completion_is_retried_through_503s(cluster: FakeCluster) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> dict[str, Any]:
        return {"ok": True}

    keys = cluster.add_jobs("charge", count=3)
    inner = cluster.async_http_client()._transport  # pyright: ignore[reportPrivateUsage]
    flaky = FlakyCompletions(inner, failures=8)
    settings = CamundaSettings(rest_address="http://fake-camunda", **FAST)
    http = httpx.AsyncClient(transport=flaky)
    async with CamundaAsyncClient(settings, http_client=http) as client:
        worker = JobWorker(client, routers=[router])
        async with serving(worker):
            await eventually(settled(cluster, keys))
    assert flaky.failures == 0
    for key in keys:
        job = cluster.job(key)
        assert job is not None and job.state == FakeJobState.COMPLETED and job.completions == 1
    assert cluster.stats.requests.get("failJob", 0) == 0
    assert worker.metrics()["charge"].completed == 3


async def test_activation_errors_back_off_instead_of_looping(cluster: FakeCluster) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None:
        pass

    cluster.faults.backpressure_rate = 1.0
    async with cluster.async_client(max_retries=0, **FAST) as client:
        worker = JobWorker(client, routers=[router])
        async with serving(worker):
            await anyio.sleep(1.0)
            health = worker.health()
    requests = cluster.stats.requests.get("activateJobs", 0)
    # 0.1 s doubling with jitter: at most ~5 attempts in a second (a tight loop: thousands)
    assert 2 <= requests <= 8, requests
    assert not health.healthy and health.pollers["charge"].consecutive_failures >= 3
    assert "RESOURCE_EXHAUSTED" in (health.pollers["charge"].last_error or "")


async def test_polls_ask_only_for_free_capacity(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()
    gate = anyio.Event()
    peak = 0
    running = 0

    @router.job("slow", max_concurrent=3)
    async def slow() -> None:
        nonlocal peak, running
        running += 1
        peak = max(peak, running)
        await gate.wait()
        running -= 1

    keys = cluster.add_jobs("slow", count=7)
    worker = JobWorker(client, routers=[router])
    async with serving(worker):
        await eventually(lambda: running == 3)
        await anyio.sleep(0.2)
        assert len(cluster.jobs(state=FakeJobState.ACTIVATED)) == 3  # the rest stay available
        gate.set()
        await eventually(settled(cluster, keys))
    assert peak == 3


async def test_health_and_events(cluster: FakeCluster, client: CamundaAsyncClient) -> None:
    router = JobRouter()
    events: list[JobEvent] = []

    @router.job("charge")
    async def charge() -> None:
        pass

    worker = JobWorker(client, routers=[router], on_event=events.append)
    assert worker.health().healthy is False  # not serving yet
    keys = cluster.add_jobs("charge", count=2)
    async with serving(worker):
        await eventually(settled(cluster, keys))
        health = worker.health()
        assert health.healthy
        assert health.pollers["charge"].last_poll is not None
    assert sorted(e.kind for e in events) == ["activated", "activated", "completed", "completed"]
    assert all(e.duration is not None for e in events if e.kind == "completed")
    assert worker.metrics()["charge"].handler_runs == 2


async def test_auto_extend_keeps_a_long_handler_leased(
    cluster: FakeCluster, client: CamundaAsyncClient
) -> None:
    router = JobRouter()

    @router.job("long", timeout=0.4, auto_extend=True)
    async def long(ctx: JobContext) -> None:
        first = ctx.deadline
        await anyio.sleep(1.0)  # 2.5 x the timeout
        assert ctx.deadline > first

    [key] = cluster.add_jobs("long")
    async with serving(JobWorker(client, routers=[router])):
        await eventually(settled(cluster, [key]))
    job = cluster.job(key)
    assert job is not None and job.state == FakeJobState.COMPLETED and job.activations == 1
    assert cluster.stats.requests.get("updateJob", 0) >= 2
