"""One misbehaving handler never stops a worker: whatever it does, its job gets an outcome
the cluster records, and the worker goes on completing a healthy job afterwards.

Each case runs a job with one retry left, so a failure leaves it at ``retries == 0`` (an
incident) instead of being activated again.
"""

from __future__ import annotations

import asyncio
import math
from typing import TYPE_CHECKING, Any

import anyio
import pytest
from pydantic import BaseModel, field_serializer

from camunda.testing import FakeCluster, FakeJob, FakeJobState
from camunda.workers import JobError, JobFailure, JobRouter, JobWorker
from tests.integration.test_workers_handlers import die, raise_unpicklable, return_unpicklable

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.anyio

FAST = {"worker_request_timeout_ms": 2_000, "retry_initial_delay": 0.001, "retry_max_delay": 0.01}


class Broken(BaseModel):
    value: int

    @field_serializer("value")
    def _boom(self, value: int) -> int:
        raise ValueError("cannot write this field")


class Raw(BaseModel):
    data: bytes


class LoudStr(Exception):
    def __str__(self) -> str:
        raise RuntimeError("__str__ is broken too")


async def _cancelled_inside() -> None:
    inner = asyncio.get_running_loop().create_future()
    inner.cancel()
    await inner  # an inner future cancelled by someone else


def _selfref() -> dict[str, Any]:
    cycle: dict[str, Any] = {}
    cycle["me"] = cycle
    return cycle


async def outcome(
    handler: Callable[..., Any], *, executor: Any = None, backend_only: str | None = None
) -> FakeJob:
    """Serve ``handler`` for one job type next to a healthy one; return its job's record."""
    with FakeCluster(seed=1) as cluster:
        async with cluster.async_client(**FAST) as client:
            router = JobRouter()
            router.job("bad", executor=executor)(handler)

            @router.job("good")
            async def good() -> dict[str, Any]:
                return {"ok": True}

            worker = JobWorker(client, routers=[router], grace_period=1)
            [bad] = cluster.add_jobs("bad", retries=1)
            with anyio.fail_after(20):
                async with anyio.create_task_group() as group:
                    group.start_soon(worker.serve)
                    await _settled(cluster, bad)
                    [ok] = cluster.add_jobs("good")
                    await _settled(cluster, ok)
                    assert worker.health().running
                    await worker.stop()
            done = cluster.job(ok)
            assert done is not None and done.state == FakeJobState.COMPLETED
            record = cluster.job(bad)
            assert record is not None
            return record


async def _settled(cluster: FakeCluster, key: str) -> None:
    while (job := cluster.job(key)) is None or job.state in (
        FakeJobState.ACTIVATABLE,
        FakeJobState.ACTIVATED,
    ):
        await anyio.sleep(0.01)


def failed(job: FakeJob, *fragments: str) -> None:
    assert job.state == FakeJobState.FAILED, job
    assert job.retries == 0 and job.incident_key is not None
    assert job.error_message is not None
    for fragment in fragments:
        assert fragment in job.error_message, job.error_message


# ------------------------------------------------------------------------- return values


async def test_non_utf8_bytes_in_the_result() -> None:
    async def handler() -> dict[str, Any]:
        return {"data": b"\xff\xfe"}

    failed(await outcome(handler), "data")


async def test_a_lone_surrogate_in_the_result() -> None:
    async def handler() -> dict[str, Any]:
        return {"text": "\ud800"}

    failed(await outcome(handler))


async def test_a_model_field_that_cannot_be_written_as_json() -> None:
    async def handler() -> Broken:
        return Broken(value=1)

    failed(await outcome(handler), "cannot write this field")


async def test_a_model_with_non_utf8_bytes() -> None:
    async def handler() -> Raw:
        return Raw(data=b"\xff")

    failed(await outcome(handler))


async def test_a_result_of_the_wrong_type() -> None:
    async def handler() -> Any:
        return [1, 2, 3]

    failed(await outcome(handler), "list")


async def test_a_result_that_refers_to_itself() -> None:
    async def handler() -> dict[str, Any]:
        return _selfref()

    failed(await outcome(handler))


async def test_a_sync_handler_that_returns_a_coroutine() -> None:
    def handler() -> Any:
        return _cancelled_inside()

    failed(await outcome(handler), "coroutine")


# ------------------------------------------------------------------------ raised outcomes


async def test_job_error_with_an_int_code() -> None:
    async def handler() -> None:
        raise JobError(404, "not found")  # type: ignore[arg-type]

    failed(await outcome(handler), "code")


async def test_job_failure_given_an_exception_instead_of_a_message() -> None:
    async def handler() -> None:
        try:
            1 / 0  # noqa: B018
        except ZeroDivisionError as exc:
            raise JobFailure(exc) from exc  # type: ignore[arg-type]

    failed(await outcome(handler), "message")


@pytest.mark.parametrize("back_off", [math.inf, math.nan, -1.0])
async def test_job_failure_with_an_unusable_back_off(back_off: float) -> None:
    async def handler() -> None:
        raise JobFailure("later", retry_back_off=back_off)

    failed(await outcome(handler), "retry_back_off")


async def test_job_error_whose_variables_cannot_be_sent() -> None:
    async def handler() -> None:
        raise JobError("E", "bad", variables={"x": object()})

    failed(await outcome(handler))


async def test_an_exception_whose_str_raises() -> None:
    async def handler() -> None:
        raise LoudStr

    failed(await outcome(handler), "LoudStr")


async def test_an_exception_message_with_a_lone_surrogate() -> None:
    async def handler() -> None:
        raise ValueError("bad \ud800 text")

    failed(await outcome(handler), "ValueError")


# ------------------------------------------------------------------ BaseException and co.


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_an_async_handler_raising_its_own_cancelled_error() -> None:
    async def handler() -> None:
        await _cancelled_inside()

    failed(await outcome(handler), "CancelledError")


@pytest.mark.parametrize("error", [SystemExit(2), KeyboardInterrupt(), GeneratorExit()])
async def test_a_base_exception_from_an_async_handler(error: BaseException) -> None:
    async def handler() -> None:
        raise error

    failed(await outcome(handler), type(error).__name__)


@pytest.mark.parametrize("error", [SystemExit(2), KeyboardInterrupt()])
async def test_a_base_exception_from_a_sync_handler(error: BaseException) -> None:
    def handler() -> None:
        raise error

    failed(await outcome(handler), type(error).__name__)


# ----------------------------------------------------------------------- process handlers


async def test_a_process_handler_whose_exception_cannot_be_pickled() -> None:
    failed(await outcome(raise_unpicklable, executor="process"), "Unpicklable")


async def test_a_process_handler_whose_result_cannot_be_pickled() -> None:
    failed(await outcome(return_unpicklable, executor="process"))


async def test_a_process_handler_whose_process_dies() -> None:
    failed(await outcome(die, executor="process"))
