"""``run_job``: one activated job from handler to reported outcome.

The handler runs on the event loop (async), in a thread or in a process (sync); whatever
it returns or raises becomes an outcome, which the session's reporter sends.
"""

from __future__ import annotations

import logging
import math
import pickle
import sys
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_process

from camunda.workers._context import JobContext
from camunda.workers._errors import JobError, JobFailure
from camunda.workers._handler import (
    Fail,
    Outcome,
    VariablesInvalid,
    describe,
    outcome_of_exception,
)
from camunda.workers._hooks import decide, through
from camunda.workers._lease import Lease, keep_extended
from camunda.workers._session import LAST_WINDOW

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda._otel._telemetry import Poll
    from camunda.models.jobs import ActivatedJob
    from camunda.workers._poller import Poller
    from camunda.workers._session import Session

__all__ = ["SHUTDOWN_MESSAGE", "run_job"]

logger = logging.getLogger("camunda.workers")

SHUTDOWN_MESSAGE = "worker shutting down"


async def run_job(
    session: Session, poller: Poller, job: ActivatedJob, expires_at: float, poll: Poll | None = None
) -> None:
    """Run the handler of ``job`` and report its outcome; the job's slot is freed after.

    With OpenTelemetry, both run in the job's span (linked to ``poll``, its activation).
    """
    if poller.telemetry is None:
        await _run_job(session, poller, job, expires_at)
    else:
        with poller.telemetry.job(job, poll):
            await _run_job(session, poller, job, expires_at)


async def _run_job(session: Session, poller: Poller, job: ActivatedJob, expires_at: float) -> None:
    lease = Lease(expires_at, anyio.current_time())
    recorder = poller.recorder
    recorder.started(job)
    outcome: Outcome | None = None
    duration: float | None = None
    try:
        started = anyio.current_time()
        with anyio.CancelScope() as scope:
            if session.cancel_handlers:
                scope.cancel()
            session.handler_scopes.add(scope)
            try:
                outcome = await _execute(session, poller, job, lease)
            finally:
                session.handler_scopes.discard(scope)
                duration = anyio.current_time() - started
                recorder.handler_ran(duration)
        if outcome is None:
            logger.warning(
                "job %s (%s) was still running at the end of the grace period; failing it back",
                job.job_key,
                job.type,
            )
            outcome = Fail(retries=job.retries, message=SHUTDOWN_MESSAGE)
        await session.reporter.settle(job, outcome, lease, recorder, duration=duration)
    except anyio.get_cancelled_exc_class():
        # The worker itself is being cancelled: still hand the job back, briefly.
        with anyio.CancelScope(shield=True), anyio.move_on_after(LAST_WINDOW):
            fallback = outcome or Fail(retries=job.retries, message=SHUTDOWN_MESSAGE)
            await session.reporter.settle(job, fallback, lease, recorder, duration=duration)
        raise
    finally:
        poller.release()
        session.job_ended()


async def _execute(session: Session, poller: Poller, job: ActivatedJob, lease: Lease) -> Outcome:
    if not poller.spec.auto_extend:
        return await _invoke(session, poller, job, lease)
    outcome: Outcome | None = None
    async with anyio.create_task_group() as heartbeat:
        heartbeat.start_soon(keep_extended, session.client, job, lease, poller.timeout)
        outcome = await _invoke(session, poller, job, lease)
        heartbeat.cancel_scope.cancel()
    assert outcome is not None
    return outcome


async def _invoke(session: Session, poller: Poller, job: ActivatedJob, lease: Lease) -> Outcome:
    """Run the handler and map what it returned or raised to an outcome.

    Never raises, except when the worker itself cancels the job: any other exception,
    ``BaseException`` included (``SystemExit`` from handler code, a handler's own
    ``CancelledError``), is the handler's failure.
    """
    plan = poller.plan
    hook_context: JobContext[Any] | None = None

    def on_loop() -> JobContext[Any]:  # for async handlers, middleware, exception handlers
        nonlocal hook_context
        if hook_context is None:
            hook_context = JobContext(job, session.client, lease)
        return hook_context

    def context() -> JobContext[Any]:
        return on_loop() if plan.is_async else JobContext(job, session.sync_client(), lease)

    async def handler() -> Any:
        call = plan.call(job, context)
        if plan.is_async:
            return await call()
        if plan.executor == "process":
            return await _in_process(call)
        return await session.threads.run(call)

    try:
        result = await (
            through(poller.middleware, on_loop(), handler) if poller.middleware else handler()
        )
        outcome = plan.outcome(job, result)
    except BaseException as exc:
        if _cancels_the_worker(exc):
            raise
        _log_handler_exception(job, exc)
        if poller.exception_handlers:
            exc = await decide(poller.exception_handlers, exc, on_loop())
        return outcome_of_exception(job, exc)
    if isinstance(outcome, Fail):
        logger.error(
            "job %s (%s): unusable handler result: %s", job.job_key, job.type, outcome.message
        )
    return outcome


def _cancels_the_worker(exc: BaseException) -> bool:
    """Whether ``exc`` is the worker's own cancellation rather than the handler's doing.

    A cancelled scope around the handler makes the deadline minus infinity; on asyncio a
    task cancelled directly counts its cancel requests. A ``CancelledError`` with neither
    came from inside the handler (e.g. an inner future someone else cancelled).
    """
    cancelled = anyio.get_cancelled_exc_class()
    if not isinstance(exc, cancelled):
        return False
    if anyio.current_effective_deadline() == -math.inf:
        return True
    asyncio = sys.modules.get("asyncio")
    if asyncio is None or cancelled is not asyncio.CancelledError:
        return True
    cancelling = getattr(asyncio.current_task(), "cancelling", None)
    return cancelling is None or cancelling() > 0  # Python 3.10 cannot tell: the worker's


class ProcessHandlerError(Exception):
    """A process handler raised something that cannot be sent back from its process."""


async def _in_process(call: Callable[[], Any]) -> Any:
    try:
        answer = await anyio.to_process.run_sync(_in_child, call, cancellable=True)
    except anyio.BrokenWorkerProcess:
        raise ProcessHandlerError("the worker process running the handler died") from None
    returned, payload = answer
    value = pickle.loads(payload)
    if not returned:
        raise value
    return value


def _in_child(call: Callable[[], Any]) -> tuple[bool, bytes]:
    """Runs in the worker process: the handler's result or exception, pickled here.

    What cannot be pickled is replaced by a ``ProcessHandlerError`` describing it, so the
    parent can fail the job saying what happened (and no ``SystemExit`` ends the process).
    """
    try:
        value: Any = call()
        returned = True
    except BaseException as exc:  # reported to the parent, whatever it is
        value, returned = exc, False
    try:
        return returned, pickle.dumps(value)
    except Exception as exc:
        what = describe(value) if not returned else "the handler's result"
        return False, pickle.dumps(
            ProcessHandlerError(
                f"{what} cannot be sent back from the worker process: {describe(exc)}"
            )
        )


def _log_handler_exception(job: ActivatedJob, exc: BaseException) -> None:
    if isinstance(exc, JobError):
        logger.info("job %s (%s): BPMN error %s", job.job_key, job.type, exc)
    elif isinstance(exc, JobFailure | VariablesInvalid):
        logger.warning("job %s (%s) failed: %s", job.job_key, job.type, exc)
    else:
        logger.error(
            "job %s (%s): the handler raised %s",
            job.job_key,
            job.type,
            type(exc).__name__,
            exc_info=exc,
        )
