"""``run_job``: one activated job from handler to reported outcome.

The handler runs on the event loop (async), in a thread or in a process (sync); whatever
it returns or raises becomes an outcome, which the session's reporter sends.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_process
import anyio.to_thread

from camunda.workers._context import JobContext
from camunda.workers._errors import JobError, JobFailure
from camunda.workers._handler import Fail, Outcome, VariablesInvalid, outcome_of_exception
from camunda.workers._lease import Lease, keep_extended

if TYPE_CHECKING:
    from camunda._otel._telemetry import Poll
    from camunda.models.jobs import ActivatedJob
    from camunda.workers._poller import Poller
    from camunda.workers._session import Session

__all__ = ["SHUTDOWN_MESSAGE", "run_job"]

logger = logging.getLogger("camunda.workers")

SHUTDOWN_MESSAGE = "worker shutting down"
_HARD_STOP_SEND = 10.0  # seconds a job may still be reported when the worker is cancelled


async def run_job(session: Session, poller: Poller, job: ActivatedJob, expires_at: float,
                  poll: Poll | None = None) -> None:
    """Run the handler of ``job`` and report its outcome; the job's slot is freed after.

    With OpenTelemetry, both run in the job's span (linked to ``poll``, its activation).
    """
    if poller.telemetry is None:
        await _run_job(session, poller, job, expires_at)
    else:
        with poller.telemetry.job(job, poll):
            await _run_job(session, poller, job, expires_at)


async def _run_job(session: Session, poller: Poller, job: ActivatedJob,
                   expires_at: float) -> None:
    lease = Lease(expires_at, anyio.current_time())
    recorder = poller.recorder
    recorder.activated(job)
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
            logger.warning("job %s (%s) was still running at the end of the grace period; "
                           "failing it back", job.job_key, job.type)
            outcome = Fail(retries=job.retries, message=SHUTDOWN_MESSAGE)
        await session.reporter.settle(job, outcome, lease, recorder, duration=duration)
    except anyio.get_cancelled_exc_class():
        # The worker itself is being cancelled: still hand the job back, briefly.
        with anyio.CancelScope(shield=True), anyio.move_on_after(_HARD_STOP_SEND):
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
    """Run the handler; never raises (except cancellation)."""
    plan = poller.plan

    def context() -> JobContext[Any]:
        client = session.client if plan.is_async else session.sync_client()
        return JobContext(job, client, lease)

    try:
        call = plan.call(job, context)
        if plan.is_async:
            result = await call()
        elif plan.executor == "process":
            result = await anyio.to_process.run_sync(call, cancellable=True)
        else:
            result = await anyio.to_thread.run_sync(call, abandon_on_cancel=True,
                                                    limiter=session.limiter)
    except Exception as exc:
        _log_handler_exception(job, exc)
        return outcome_of_exception(job, exc)
    outcome = plan.outcome(job, result)
    if isinstance(outcome, Fail):
        logger.error("job %s (%s): unusable handler result: %s", job.job_key, job.type,
                     outcome.message)
    return outcome


def _log_handler_exception(job: ActivatedJob, exc: Exception) -> None:
    if isinstance(exc, JobError):
        logger.info("job %s (%s): BPMN error %s", job.job_key, job.type, exc)
    elif isinstance(exc, JobFailure | VariablesInvalid):
        logger.warning("job %s (%s) failed: %s", job.job_key, job.type, exc)
    else:
        logger.exception("job %s (%s): the handler raised %s", job.job_key, job.type,
                         type(exc).__name__)
