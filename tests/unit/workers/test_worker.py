"""The worker against a scripted job API behind ``httpx.MockTransport``: exact requests,
injected errors, deadlines. (No ``from __future__ import annotations``: the handlers'
annotations must stay importable objects.)"""

import json
import logging
import threading
from collections.abc import AsyncGenerator, Callable, Generator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest

from camunda import APIStatusError, CamundaAsyncClient, CamundaClient, CamundaSettings
from camunda.models.jobs import ActivatedJob
from camunda.workers import SHUTDOWN_MESSAGE, JobContext, JobEvent, JobRouter, JobWorker
from tests.unit.workers._support import job_wire
from tests.unit.workers.test_handler import Order

pytestmark = pytest.mark.anyio


class Script:
    """A tiny job API: hands out queued jobs, records every call, answers scripted errors.

    ``errors[kind]`` holds status codes answered (in order) before normal answers, for
    kinds ``activation``, ``completion``, ``failure``, ``error`` and ``update``; a
    ``(status, retry_after)`` pair adds a ``Retry-After`` header. ``times`` holds when
    each call came (event loop clock).
    """

    def __init__(self, jobs: list[dict[str, Any]], *, long_poll: bool = True) -> None:
        self.queue = list(jobs)
        self.long_poll = long_poll
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: dict[str, list[int | tuple[int, str]]] = {}
        self.times: list[tuple[str, float]] = []

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [body for k, body in self.calls if k == kind]

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        body: dict[str, Any] = json.loads(request.content) if request.content else {}
        last = request.url.path.rsplit("/", 1)[-1]
        kind = "update" if request.method == "PATCH" else last
        self.calls.append((kind, body))
        self.times.append((kind, anyio.current_time()))
        pending = self.errors.get(kind)
        if pending:
            answer = pending.pop(0)
            status, retry_after = answer if isinstance(answer, tuple) else (answer, None)
            title = "RESOURCE_EXHAUSTED" if status == 429 else "ERROR"
            return httpx.Response(
                status,
                json={"title": title, "status": status, "detail": f"scripted {status}"},
                headers={"retry-after": retry_after} if retry_after else {},
            )
        if kind != "activation":
            return httpx.Response(204)
        jobs = [j for j in self.queue if j["type"] == body["type"]][: body["maxJobsToActivate"]]
        for job in jobs:
            self.queue.remove(job)
        if not jobs and self.long_poll:
            await anyio.sleep(body.get("requestTimeout", 0) / 1000)
        return httpx.Response(200, json={"jobs": jobs})


def settings(**values: Any) -> CamundaSettings:
    return CamundaSettings(
        **{
            "rest_address": "http://camunda.test",
            "worker_request_timeout_ms": 100,
            "max_retries": 0,
            "retry_initial_delay": 0.001,
            "retry_max_delay": 0.01,
            **values,
        }
    )


@asynccontextmanager
async def serving(
    router: JobRouter, script: Script, **options: Any
) -> AsyncGenerator[JobWorker, None]:
    # answer=: a function in front of the script (to fail some requests its own way)
    http = httpx.AsyncClient(transport=httpx.MockTransport(options.pop("answer", script)))
    async with CamundaAsyncClient(options.pop("settings", settings()), http_client=http) as client:
        worker = JobWorker(client, routers=[router], **options)
        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                group.start_soon(worker.serve)
                yield worker
                await worker.stop()


async def eventually(condition: Callable[[], bool]) -> None:
    with anyio.fail_after(5):
        while not condition():
            await anyio.sleep(0.005)


def jobs(count: int, job_type: str = "charge", **fields: Any) -> list[dict[str, Any]]:
    return [job_wire(str(1000 + i), job_type, **fields) for i in range(count)]


# ------------------------------------------------------------------------------ polling


async def test_activation_request_carries_the_options_and_the_free_capacity() -> None:
    router = JobRouter()
    gate = anyio.Event()

    @router.job("charge", timeout=90, max_concurrent=3, worker_name="billing")
    async def charge(order: Order) -> None:
        await gate.wait()

    script = Script(jobs(2))
    async with serving(router, script, settings=settings(tenant_id="acme")):
        await eventually(lambda: len(script.of("activation")) >= 2)
        gate.set()
        await eventually(lambda: len(script.of("completion")) == 2)
    first, second = script.of("activation")[:2]
    assert first == {
        "type": "charge",
        "worker": "billing",
        "timeout": 90_000,
        "maxJobsToActivate": 3,
        "fetchVariable": ["amount", "currencyCode"],
        "requestTimeout": 100,
        "tenantIds": ["acme"],
    }
    assert second["maxJobsToActivate"] == 1  # two of three slots are busy


async def test_settings_supply_the_defaults() -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge(job: ActivatedJob) -> None: ...

    script = Script([])
    custom = settings(
        worker_timeout_ms=5_000,
        worker_max_concurrent_jobs=7,
        worker_name="from-env",
        worker_request_timeout_ms=50,
    )
    async with serving(router, script, settings=custom):
        await eventually(lambda: len(script.of("activation")) >= 1)
    assert script.of("activation")[0] == {
        "type": "charge",
        "worker": "from-env",
        "timeout": 5_000,
        "maxJobsToActivate": 7,
        "requestTimeout": 50,
    }


async def test_a_server_that_does_not_long_poll_is_not_hammered() -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    script = Script([], long_poll=False)
    async with serving(router, script):
        await anyio.sleep(0.5)
    assert 2 <= len(script.of("activation")) <= 6


async def test_activation_errors_back_off_and_recover() -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    script = Script(jobs(1))
    script.errors["activation"] = [500, 503, 429]
    async with serving(router, script) as worker:
        await eventually(lambda: len(script.of("completion")) == 1)
        health = worker.health().pollers["charge"]
    assert health.healthy and health.consecutive_failures == 0 and health.last_poll is not None
    assert len(script.of("activation")) >= 4


async def test_a_malformed_job_is_failed_back_and_the_rest_of_its_batch_runs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    batch = jobs(3)
    del batch[1]["processInstanceKey"]  # a required field missing
    batch[2]["retries"] = "many"  # a field of the wrong type
    unkeyed = jobs(1)[0]
    del unkeyed["jobKey"]  # nothing to fail it back by
    script = Script([*batch, unkeyed])
    with caplog.at_level(logging.ERROR, logger="camunda.workers"):
        async with serving(router, script) as worker:
            await eventually(
                lambda: len(script.of("failure")) == 2 and len(script.of("completion")) == 1
            )
            health = worker.health().pollers["charge"]
    assert health.consecutive_failures == 0  # a partly readable batch is not a failed poll
    failures = {body["retries"]: body["errorMessage"] for body in script.of("failure")}
    assert list(failures) == [0]  # no retries left: an incident shows the job to an operator
    messages = sorted(body["errorMessage"] for body in script.of("failure"))
    assert "processInstanceKey: Field required" in messages[0]
    assert "retries: Input should be a valid integer" in messages[1]
    assert "many" not in messages[1]  # field names, never values
    assert any("without a readable key" in r.getMessage() for r in caplog.records)
    counts = worker.metrics()["charge"]
    assert (counts.activated, counts.completed) == (3, 1)  # the failed-back ones were activated


async def test_an_answer_with_no_readable_jobs_is_a_failed_poll_that_backs_off() -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    polls = 0

    async def login_page(request: httpx.Request) -> httpx.Response:
        nonlocal polls
        polls += 1  # e.g. a proxy's login page, answered 200
        await anyio.sleep(0)  # like a socket: let the loop run between polls
        return httpx.Response(
            200, text="<html>sign in</html>", headers={"content-type": "text/html"}
        )

    http = httpx.AsyncClient(transport=httpx.MockTransport(login_page))
    async with CamundaAsyncClient(
        settings(worker_request_timeout_ms=0), http_client=http
    ) as client:
        worker = JobWorker(client, routers=[router])
        with anyio.fail_after(5):  # a poller spinning without pause must fail, not hang
            async with anyio.create_task_group() as group:
                group.start_soon(worker.serve)
                await anyio.sleep(0.5)
                health = worker.health().pollers["charge"]
                await worker.stop()
    # An upper bound only (a slower machine polls less often, never more): backed off
    # (0.1 s doubling), not ~1,000 polls a second.
    assert 1 <= polls <= 8
    # Every answered poll counted as a failure; the one in flight when health() was read
    # may not be counted yet.
    assert polls - 1 <= health.consecutive_failures <= polls
    assert health.last_poll is None


# --------------------------------------------------------------------------- reporting


async def test_a_gone_job_is_warned_about_once_and_not_failed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> dict[str, Any]:
        return {"ok": True}

    script = Script(jobs(1))
    script.errors["completion"] = [404]
    with caplog.at_level(logging.WARNING, logger="camunda.workers"):
        async with serving(router, script) as worker:
            await eventually(lambda: worker.metrics()["charge"].lost == 1)
    assert len(script.of("completion")) == 1 and script.of("failure") == []
    warnings = [r for r in caplog.records if "could not be reported" in r.getMessage()]
    assert len(warnings) == 1


async def test_transient_errors_are_retried_until_the_deadline_then_given_up() -> None:
    router = JobRouter()

    @router.job("charge", timeout=0.4)
    async def charge() -> dict[str, Any]:
        return {"ok": True}

    script = Script(jobs(1))
    script.errors["completion"] = [503] * 1000
    paced = settings(retry_initial_delay=0.02, retry_max_delay=0.05, max_retries=5)
    async with serving(router, script, settings=paced) as worker:
        await eventually(lambda: worker.metrics()["charge"].lost == 1)
    attempts = len(script.of("completion"))
    # one retry layer: the transport's max_retries (5) does not multiply the attempts,
    # which are paced by the settings' backoff (~20 in 0.4 s), not a tight loop
    assert 3 <= attempts <= 60
    assert script.of("failure") == []  # a successful handler is never reported as failed


@pytest.mark.parametrize(("retry_after", "outcome"), [("0.3", "completed"), ("30", "lost")])
async def test_outcome_retries_honour_retry_after_within_the_lease(
    retry_after: str, outcome: str
) -> None:
    router = JobRouter()

    @router.job("charge", timeout=5)
    async def charge() -> None: ...

    script = Script(jobs(1))
    script.errors["completion"] = [(429, retry_after)]
    async with serving(router, script, settings=settings(retry_max_delay=60.0)) as worker:
        await eventually(lambda: getattr(worker.metrics()["charge"], outcome) == 1)
    times = [t for kind, t in script.times if kind == "completion"]
    if outcome == "completed":
        assert times[1] - times[0] >= 0.3
    else:  # waiting 30 s would outlast the 5 s lease: given up at once, not retried
        assert len(times) == 1


@pytest.mark.parametrize(("status", "error"), [(400, "BadRequestError"), (413, "APIStatusError")])
async def test_a_rejected_completion_fails_the_job_with_the_reason(status: int, error: str) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> dict[str, Any]:
        return {"ok": True}

    script = Script(jobs(1))
    script.errors["completion"] = [status]  # e.g. variables too large for the cluster
    async with serving(router, script):
        await eventually(lambda: len(script.of("failure")) == 1)
    [failure] = script.of("failure")
    assert failure["retries"] == 2
    assert failure["errorMessage"].startswith(
        f"the worker could not report the job's completion: {error}: {status}"
    )


async def test_a_failing_event_hook_does_not_stop_the_worker() -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    def hook(event: JobEvent) -> None:
        raise RuntimeError("observer bug")

    script = Script(jobs(2))
    async with serving(router, script, on_event=hook) as worker:
        await eventually(lambda: worker.metrics()["charge"].completed == 2)


# ------------------------------------------------------------------ shutdown and extension


async def test_a_sync_handler_past_the_grace_period_is_failed_back() -> None:
    router = JobRouter()
    release = threading.Event()

    @router.job("charge")
    def charge() -> None:
        release.wait(5)

    script = Script(jobs(1))
    async with serving(router, script, grace_period=0.1) as worker:
        await eventually(lambda: worker.health().pollers["charge"].in_flight == 1)
    release.set()
    [failure] = script.of("failure")
    assert failure == {"retries": 3, "errorMessage": SHUTDOWN_MESSAGE}
    assert script.of("completion") == []


async def test_auto_extend_moves_the_deadline_while_the_handler_runs() -> None:
    router = JobRouter()
    deadlines: list[Any] = []

    @router.job("charge", timeout=0.2, auto_extend=True)
    async def charge(ctx: JobContext) -> None:
        deadlines.append(ctx.deadline)
        await anyio.sleep(0.45)
        deadlines.append(ctx.deadline)

    script = Script(jobs(1))
    async with serving(router, script):
        await eventually(lambda: len(script.of("completion")) == 1)
    updates = script.of("update")
    assert len(updates) >= 2 and all(u == {"changeset": {"timeout": 200}} for u in updates)
    assert deadlines[1] > deadlines[0]


@pytest.mark.parametrize("failure", ["403", "no SDK error"])
async def test_auto_extend_stops_at_an_error_that_retrying_cannot_fix(failure: str) -> None:
    router = JobRouter()

    @router.job("charge", timeout=0.1, auto_extend=True)
    async def charge() -> None:
        await anyio.sleep(0.5)

    script = Script(jobs(2))
    script.errors["update"] = [403] * 100

    async def answer(request: httpx.Request) -> httpx.Response:
        if failure != "403" and request.method == "PATCH":
            script.calls.append(("update", {}))
            raise RuntimeError("a proxy library bug")
        return await script(request)

    async with serving(router, script, answer=answer) as worker:
        await eventually(lambda: len(script.of("completion")) == 2)
        assert worker.health().running  # the worker goes on
    assert len(script.of("update")) == 2  # once per job, not again every backoff for 0.5 s


async def test_auto_extend_is_off_by_default() -> None:
    router = JobRouter()

    @router.job("charge", timeout=0.1)
    async def charge() -> None:
        await anyio.sleep(0.25)

    script = Script(jobs(1))
    async with serving(router, script):
        await eventually(lambda: len(script.of("completion")) == 1)
    assert script.of("update") == []


# ---------------------------------------------------------------------------- the worker


def test_worker_options_are_checked() -> None:
    router, other = JobRouter(), JobRouter()
    router.job("charge")(lambda: None)
    other.job("charge")(lambda: None)
    with pytest.raises(ValueError, match="two routers"):
        JobWorker(routers=[router, other], settings=settings())
    with pytest.raises(ValueError, match="at least one handler"):
        JobWorker(routers=[JobRouter()], settings=settings())
    with pytest.raises(ValueError, match="grace_period"):
        JobWorker(routers=[router], settings=settings(), grace_period=-1)


def test_a_sync_client_is_refused_at_construction() -> None:
    router = JobRouter()
    router.job("charge")(lambda: None)
    sync = CamundaClient(settings())
    with pytest.raises(TypeError, match="needs a CamundaAsyncClient, not CamundaClient"):
        JobWorker(sync, routers=[router])  # type: ignore[arg-type]
    sync.close()


class Stamp(httpx.Auth):
    """Marks each request, to show which auth sent it."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["x-auth"] = "worker's own"
        yield request


async def test_a_sync_handlers_client_sends_through_the_workers_client() -> None:
    router = JobRouter()

    @router.job("charge")
    def charge(ctx: JobContext[CamundaClient]) -> None:
        ctx.client.jobs.update(ctx.job.job_key, changeset={"retries": 5})

    script = Script(jobs(1))
    seen: list[httpx.Request] = []

    async def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return await script(request)

    # a pool of its own (a MockTransport: no server at camunda.test) and an auth of its own
    http = httpx.AsyncClient(transport=httpx.MockTransport(record))
    async with CamundaAsyncClient(settings(), http_client=http, auth=Stamp()) as client:
        worker = JobWorker(client, routers=[router])
        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                group.start_soon(worker.serve)
                await eventually(lambda: len(script.of("completion")) == 1)
                await worker.stop()
    [update] = [r for r in seen if r.method == "PATCH"]
    assert update.headers["x-auth"] == "worker's own"
    assert script.of("update") == [{"changeset": {"retries": 5}}]


async def test_a_poll_error_that_is_no_sdk_error_is_a_failed_poll(
    caplog: pytest.LogCaptureFixture,
) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    script = Script(jobs(1))
    broken = [True]

    async def flaky(request: httpx.Request) -> httpx.Response:
        if broken and request.url.path.endswith("/activation"):
            broken.clear()
            raise RuntimeError("a proxy library bug")
        return await script(request)

    http = httpx.AsyncClient(transport=httpx.MockTransport(flaky))
    with caplog.at_level(logging.WARNING, logger="camunda.workers"):
        async with CamundaAsyncClient(settings(), http_client=http) as client:
            worker = JobWorker(client, routers=[router])
            with anyio.fail_after(10):
                async with anyio.create_task_group() as group:
                    group.start_soon(worker.serve)
                    await eventually(lambda: len(script.of("completion")) == 1)
                    await worker.stop()
    [record] = [r for r in caplog.records if "activating charge jobs" in r.getMessage()]
    assert "http://camunda.test/v2/jobs/activation" in record.getMessage()
    assert record.exc_info is not None and "proxy library bug" in str(record.exc_info[1])


@pytest.mark.parametrize("status", [401, 403])
async def test_refused_credentials_end_serving_with_the_error(status: int) -> None:
    router = JobRouter()

    @router.job("charge")
    async def charge() -> None: ...

    script = Script(jobs(1))

    def refuse_from_now_on(event: JobEvent) -> None:
        if event.kind == "activated":
            script.errors["activation"] = [status]

    http = httpx.AsyncClient(transport=httpx.MockTransport(script))
    async with CamundaAsyncClient(settings(), http_client=http) as client:
        worker = JobWorker(client, routers=[router], on_event=refuse_from_now_on)
        with anyio.fail_after(10), pytest.raises(APIStatusError) as raised:
            await worker.serve()
    assert raised.value.status_code == status
    assert len(script.of("completion")) == 1  # the running job was drained first
    health = worker.health()
    assert not health.running and health.error is not None and str(status) in health.error


async def test_stop_with_the_cluster_unreachable_takes_the_grace_period_not_the_job_timeout() -> (
    None
):
    router = JobRouter()

    @router.job("charge", timeout=600)
    async def charge() -> None: ...

    hang = anyio.Event()

    async def unreachable_after_activation(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/activation"):
            return await script(request)
        await hang.wait()  # a completion that never gets an answer
        raise AssertionError

    script = Script(jobs(1))
    http = httpx.AsyncClient(transport=httpx.MockTransport(unreachable_after_activation))
    async with CamundaAsyncClient(settings(), http_client=http) as client:
        worker = JobWorker(client, routers=[router], grace_period=0.2)
        with anyio.fail_after(60):  # far below the job's 600 s timeout
            async with anyio.create_task_group() as group:
                group.start_soon(worker.serve)
                await eventually(lambda: worker.metrics()["charge"].handler_runs == 1)
                await worker.stop()
    assert worker.metrics()["charge"].lost == 1


async def test_max_threads_caps_sync_handlers_below_their_slots() -> None:
    router = JobRouter()
    lock = threading.Lock()
    running, peak = 0, 0

    @router.job("charge", max_concurrent=4)
    def charge() -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        threading.Event().wait(0.05)
        with lock:
            running -= 1

    script = Script(jobs(4))
    async with serving(router, script, max_threads=2):
        await eventually(lambda: len(script.of("completion")) == 4)
    assert peak <= 2  # 4 without the cap: all four were activated at once
