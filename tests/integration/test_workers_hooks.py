"""Middleware around handlers and exception handlers, against the fake cluster."""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING, Any

import anyio
import pytest

from camunda.testing import FakeCluster, FakeJob, FakeJobState
from camunda.workers import CallNext, JobContext, JobError, JobFailure, JobRouter, JobWorker

if TYPE_CHECKING:
    from camunda.workers import Middleware

pytestmark = pytest.mark.anyio

FAST = {"worker_request_timeout_ms": 2_000, "retry_initial_delay": 0.001, "retry_max_delay": 0.01}
TENANT: contextvars.ContextVar[str] = contextvars.ContextVar("tenant", default="none")


async def serve(
    router: JobRouter, *job_types: str, retries: int = 3, **worker_options: Any
) -> list[FakeJob]:
    """Serve ``router`` until one job of each type is settled; their records, in order."""
    with FakeCluster(seed=3) as cluster:
        async with cluster.async_client(**FAST) as client:
            worker = JobWorker(client, routers=[router], **worker_options)
            keys = [cluster.add_jobs(t, retries=retries)[0] for t in job_types]
            with anyio.fail_after(15):
                async with anyio.create_task_group() as group:
                    group.start_soon(worker.serve)
                    while any(
                        (job := cluster.job(k)) is None
                        or job.state in (FakeJobState.ACTIVATABLE, FakeJobState.ACTIVATED)
                        for k in keys
                    ):
                        await anyio.sleep(0.01)
                    await worker.stop()
            records = [cluster.job(k) for k in keys]
    assert all(r is not None for r in records)
    return [r for r in records if r is not None]


async def test_middleware_wraps_every_kind_of_handler_in_order() -> None:
    calls: list[str] = []

    def layer(name: str) -> Middleware:
        async def middleware(ctx: JobContext[Any], call_next: CallNext) -> Any:
            calls.append(f"{name} before {ctx.job.type}")
            token = TENANT.set(str(ctx.job.custom_headers.get("tenant", name)))
            try:
                return await call_next()
            finally:
                TENANT.reset(token)
                calls.append(f"{name} after {ctx.job.type}")

        return middleware

    router = JobRouter(middleware=[layer("router")])

    @router.job("async-job")
    async def async_job() -> dict[str, str]:
        return {"tenant": TENANT.get()}

    @router.job("sync-job")
    def sync_job() -> dict[str, str]:  # in a thread: the context variable still arrives
        return {"tenant": TENANT.get()}

    first, second = await serve(router, "async-job", "sync-job", middleware=[layer("worker")])
    assert first.result_variables == second.result_variables == {"tenant": "router"}
    for job_type in ("async-job", "sync-job"):
        mine = [c.split(" ")[:2] for c in calls if c.split(" ")[2] == job_type]
        assert mine == [
            ["worker", "before"],
            ["router", "before"],
            ["router", "after"],
            ["worker", "after"],
        ]


async def test_middleware_sees_the_exception_and_may_change_the_outcome() -> None:
    async def translate(ctx: JobContext[Any], call_next: CallNext) -> Any:
        try:
            return await call_next()
        except LookupError as exc:
            raise JobError("NOT_FOUND", f"missing {exc}") from exc

    router = JobRouter(middleware=[translate])

    @router.job("lookup")
    async def lookup() -> None:
        raise KeyError("customer")

    [job] = await serve(router, "lookup")
    assert (job.state, job.error_code) == (FakeJobState.ERROR_THROWN, "NOT_FOUND")


async def test_a_middleware_that_raises_fails_only_its_job() -> None:
    async def broken(ctx: JobContext[Any], call_next: CallNext) -> Any:
        if ctx.job.type == "bad":
            raise RuntimeError("middleware bug")
        return await call_next()

    router = JobRouter()
    router.job("bad")(lambda: None)

    @router.job("good")
    async def good() -> dict[str, bool]:
        return {"ok": True}

    bad, ok = await serve(router, "bad", "good", retries=1, middleware=[broken])
    assert (bad.state, bad.retries, bad.error_message) == (
        FakeJobState.FAILED,
        0,
        "RuntimeError: middleware bug",
    )
    assert ok.state == FakeJobState.COMPLETED


async def test_the_routers_exception_handler_is_asked_before_the_workers() -> None:
    asked: list[str] = []

    def routers(exc: Exception, ctx: JobContext[Any]) -> JobFailure | None:
        asked.append("router")
        if isinstance(exc, KeyError):
            return JobFailure(f"bug: {exc!r}", retries=0)
        return None

    async def workers(exc: Exception, ctx: JobContext[Any]) -> JobError | None:
        asked.append("worker")
        return JobError("UNEXPECTED", str(exc)) if isinstance(exc, ValueError) else None

    router = JobRouter(exception_handler=routers)

    @router.job("key-error")
    async def key_error() -> None:
        raise KeyError("x")

    @router.job("value-error")
    async def value_error() -> None:
        raise ValueError("odd amount")

    @router.job("other")
    async def other() -> None:
        raise OSError("disk full")

    @router.job("explicit")
    async def explicit() -> None:
        raise JobFailure("chosen by the handler", retries=2, retry_back_off=600)

    # one retry each: a default failure leaves 0 (an incident), not a rerun
    keyed, valued, other_job, chosen = await serve(
        router,
        "key-error",
        "value-error",
        "other",
        "explicit",
        retries=1,
        exception_handler=workers,
    )
    assert (keyed.state, keyed.retries, keyed.error_message) == (
        FakeJobState.FAILED,
        0,
        "bug: KeyError('x')",
    )
    assert (valued.state, valued.error_code) == (FakeJobState.ERROR_THROWN, "UNEXPECTED")
    assert (other_job.retries, other_job.error_message) == (0, "OSError: disk full")
    assert (chosen.retries, chosen.error_message) == (2, "chosen by the handler")
    assert sorted(asked) == ["router"] * 3 + ["worker"] * 2  # never for a JobFailure


@pytest.mark.parametrize("decides", ["raises", "returns junk"])
async def test_a_broken_exception_handler_leaves_the_default(decides: str) -> None:
    def handler(exc: Exception, ctx: JobContext[Any]) -> Any:
        if decides == "raises":
            raise RuntimeError("handler bug")
        return "complete it please"

    router = JobRouter(exception_handler=handler)

    @router.job("crash")
    async def crash() -> None:
        raise ZeroDivisionError("x")

    [job] = await serve(router, "crash", retries=1)
    assert (job.state, job.retries, job.error_message) == (
        FakeJobState.FAILED,
        0,
        "ZeroDivisionError: x",
    )
