"""``Reporter``: sends a job's outcome (completion, failure or BPMN error) to the cluster,
retrying transient errors until the job's lease runs out."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import anyio

from camunda._exceptions import (
    APIConnectionError,
    APIError,
    BadRequestError,
    CamundaError,
    ConflictError,
    NotFoundError,
)
from camunda._transport import is_retryable
from camunda.types import NOT_GIVEN
from camunda.workers._backoff import Backoff
from camunda.workers._handler import Complete, Fail, Outcome

if TYPE_CHECKING:
    from camunda.models.jobs import ActivatedJob
    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.types import JobKey
    from camunda.workers._lease import Lease
    from camunda.workers._metrics import EventKind, TypeRecorder

__all__ = ["Reporter"]

logger = logging.getLogger("camunda.workers")

_SEND_BACKOFF = (0.05, 2.0)  # seconds: first delay and cap between attempts


class Reporter:
    """Reports outcomes through one client."""

    def __init__(self, client: CamundaAsyncClient) -> None:
        self._client = client

    async def settle(self, job: ActivatedJob, outcome: Outcome, lease: Lease,
                     recorder: TypeRecorder, *, duration: float | None) -> None:
        """Send the outcome, retrying transient errors until the job's lease runs out."""
        backoff = Backoff(*_SEND_BACKOFF)
        maybe_sent = False
        while True:
            try:
                await self._send(job, outcome)
            except (NotFoundError, ConflictError) as exc:
                hint = " (an earlier attempt may have gone through)" if maybe_sent else ""
                logger.warning("job %s (%s) could not be reported: it timed out, was cancelled "
                               "or was settled elsewhere%s: %s", job.job_key, job.type, hint, exc)
                recorder.settled("lost", job, duration)
                return
            except APIError as exc:
                if isinstance(outcome, Complete) and isinstance(exc, BadRequestError):
                    logger.error("the cluster rejected the completion of job %s (%s); failing "
                                 "it instead: %s", job.job_key, job.type, exc)
                    outcome = Fail(retries=max(job.retries - 1, 0),
                                   message=f"completion rejected: {exc}")
                    continue
                delay = backoff.next()
                # Reporting an outcome is safe to repeat (a repeat gets 404/409, handled
                # above), so the transport's rules for idempotent calls apply.
                if not is_retryable(exc, True) or anyio.current_time() + delay >= lease.expires_at:
                    logger.error("job %s (%s): giving up reporting its outcome (%s); it will "
                                 "time out and be retried: %s",
                                 job.job_key, job.type, type(outcome).__name__, exc)
                    recorder.settled("lost", job, duration)
                    return
                if isinstance(exc, APIConnectionError) and exc.request_sent:
                    maybe_sent = True
                logger.info("reporting job %s (%s) failed, retrying in %.2fs: %s",
                            job.job_key, job.type, delay, exc)
                await anyio.sleep(delay)
                continue
            kind: EventKind = ("completed" if isinstance(outcome, Complete)
                               else "failed" if isinstance(outcome, Fail) else "errored")
            recorder.settled(kind, job, duration)
            return

    async def fail_unreadable(self, key: JobKey, problem: str, recorder: TypeRecorder) -> None:
        """Fail a job the worker cannot read with no retries left: an incident shows it."""
        recorder.activated(None)
        logger.error("job %s (%s) does not match the job model; failing it without retries: %s",
                     key, recorder.job_type, problem)
        try:
            await self._client.jobs.fail(
                key, retries=0, error_message=f"the worker could not read the job: {problem}")
        except CamundaError as exc:
            recorder.settled("lost", None)
            logger.warning("could not fail unreadable job %s back: %s", key, exc)
        else:
            recorder.settled("failed", None)

    async def _send(self, job: ActivatedJob, outcome: Outcome) -> None:
        jobs = self._client.jobs
        if isinstance(outcome, Complete):
            await jobs.complete(
                job.job_key,
                variables=NOT_GIVEN if outcome.variables is None else outcome.variables,
                result=NOT_GIVEN if outcome.result is None else outcome.result,
            )
        elif isinstance(outcome, Fail):
            await jobs.fail(
                job.job_key,
                retries=outcome.retries,
                error_message=outcome.message,
                retry_back_off=(NOT_GIVEN if outcome.retry_back_off_ms is None
                                else outcome.retry_back_off_ms),
                variables=NOT_GIVEN if outcome.variables is None else outcome.variables,
            )
        else:
            await jobs.throw_error(
                job.job_key,
                error_code=outcome.code,
                error_message=outcome.message or NOT_GIVEN,
                variables=NOT_GIVEN if outcome.variables is None else outcome.variables,
            )
