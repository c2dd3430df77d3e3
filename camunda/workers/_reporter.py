"""``Reporter``: sends a job's outcome (completion, failure or BPMN error) to the cluster.

The one retry layer for outcomes: calls go out with the transport's own retries off, and
transient errors are retried here, after ``Retry-After`` or a jittered backoff, for as
long as the job's lease lasts (a later report would reach a job handed to someone else).
An outcome the cluster refuses, or one that cannot even be sent, becomes a plain failure
saying why, so every job gets an outcome it records.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

import anyio

from camunda._backoff import Backoff
from camunda._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    ConflictError,
    NotFoundError,
    is_retryable,
)
from camunda.types import NOT_GIVEN
from camunda.workers._handler import Complete, Fail, Outcome, Throw, describe, fallback_failure
from camunda.workers._lease import pause_before_retry

if TYPE_CHECKING:
    from camunda.models.jobs import ActivatedJob
    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.types import JobKey
    from camunda.workers._lease import Lease
    from camunda.workers._metrics import EventKind, TypeRecorder

__all__ = ["Reporter"]

logger = logging.getLogger("camunda.workers")

_NAMES: dict[type[Outcome], str] = {Complete: "completion", Fail: "failure", Throw: "BPMN error"}


class Reporter:
    """Reports outcomes through one client.

    Reports still being sent or retried when :meth:`give_up_by` is called end by then.
    """

    def __init__(self, client: CamundaAsyncClient) -> None:
        self._client = client  # with the transport's retries, for one-off calls
        self._once = client.with_options(max_retries=0)  # outcomes: retried here
        self._initial_delay = client.settings.retry_initial_delay
        self._max_delay = client.settings.retry_max_delay
        self._give_up_at = math.inf
        self._sending: set[anyio.CancelScope] = set()

    def give_up_by(self, deadline: float) -> None:
        """Abandon every report not sent by ``deadline`` (event loop clock)."""
        self._give_up_at = deadline
        for scope in self._sending:
            scope.deadline = min(scope.deadline, deadline)

    async def settle(
        self,
        job: ActivatedJob,
        outcome: Outcome,
        lease: Lease,
        recorder: TypeRecorder,
        *,
        duration: float | None,
    ) -> None:
        """Send the outcome, retrying transient errors until the job's lease runs out."""
        backoff = Backoff(self._initial_delay, self._max_delay)
        maybe_sent = False
        while True:
            name = _NAMES[type(outcome)]
            try:
                with anyio.CancelScope(deadline=self._give_up_at) as window:
                    self._sending.add(window)
                    try:
                        await self._send(job, outcome)
                    finally:
                        self._sending.discard(window)
            except (NotFoundError, ConflictError) as exc:
                hint = " (an earlier attempt may have gone through)" if maybe_sent else ""
                logger.warning(
                    "job %s (%s) could not be reported: it timed out, was cancelled "
                    "or was settled elsewhere%s: %s",
                    job.job_key,
                    job.type,
                    hint,
                    exc,
                )
                recorder.settled("lost", job, duration)
                return
            except Exception as exc:
                if _refused(exc):
                    # Refused, or not even sendable (e.g. text that is not UTF-8): what was
                    # wrong is the content, so send a failure that says so instead.
                    fallback = fallback_failure(
                        job, f"the worker could not report the job's {name}: {describe(exc)}"
                    )
                    if outcome != fallback:
                        logger.error(
                            "job %s (%s): the %s could not be reported; failing the job instead",
                            job.job_key,
                            job.type,
                            name,
                            exc_info=exc,
                        )
                        outcome = fallback
                        continue
                retry_after = exc.retry_after if isinstance(exc, APIStatusError) else None
                delay = backoff.next() if retry_after is None else retry_after
                # Reporting an outcome is safe to repeat (a repeat gets 404/409, handled
                # above), so the transport's rules for idempotent calls apply.
                if not is_retryable(exc, True) or anyio.current_time() + delay >= min(
                    lease.expires_at, self._give_up_at
                ):
                    logger.error(
                        "job %s (%s): giving up reporting its %s; it will time out and be retried",
                        job.job_key,
                        job.type,
                        name,
                        exc_info=exc,
                    )
                    recorder.settled("lost", job, duration)
                    return
                if isinstance(exc, APIConnectionError) and exc.request_sent:
                    maybe_sent = True
                await pause_before_retry("reporting", job, delay, exc, logging.INFO)
                continue
            if window.cancelled_caught:
                logger.error(
                    "job %s (%s): the worker stopped before its %s was reported; it "
                    "will time out and be retried",
                    job.job_key,
                    job.type,
                    name,
                )
                recorder.settled("lost", job, duration)
                return
            kind: EventKind = (
                "completed"
                if isinstance(outcome, Complete)
                else "failed"
                if isinstance(outcome, Fail)
                else "errored"
            )
            recorder.settled(kind, job, duration)
            return

    async def fail_unreadable(self, key: JobKey, problem: str, recorder: TypeRecorder) -> None:
        """Fail a job the worker cannot read with no retries left: an incident shows it."""
        logger.error(
            "job %s (%s) does not match the job model; failing it without retries: %s",
            key,
            recorder.job_type,
            problem,
        )
        try:
            await self._client.jobs.fail(
                key, retries=0, error_message=f"the worker could not read the job: {problem}"
            )
        except Exception as exc:
            recorder.settled("lost", None)
            logger.warning("could not fail unreadable job %s back", key, exc_info=exc)
        else:
            recorder.settled("failed", None)

    async def _send(self, job: ActivatedJob, outcome: Outcome) -> None:
        jobs = self._once.jobs
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
                retry_back_off=(
                    NOT_GIVEN if outcome.retry_back_off_ms is None else outcome.retry_back_off_ms
                ),
                variables=NOT_GIVEN if outcome.variables is None else outcome.variables,
            )
        else:
            await jobs.throw_error(
                job.job_key,
                error_code=outcome.code,
                error_message=outcome.message or NOT_GIVEN,
                variables=NOT_GIVEN if outcome.variables is None else outcome.variables,
            )


_NOT_ABOUT_CONTENT = frozenset({401, 403, 404, 408, 409, 429})


def _refused(exc: Exception) -> bool:
    """Whether the outcome itself is the problem: it could not be sent (no SDK error, e.g.
    text that is not UTF-8), or the cluster refused it (400, 413, ...), as opposed to the
    job being gone, the credentials, or the cluster being busy."""
    if not isinstance(exc, APIError):
        return True
    return (
        isinstance(exc, APIStatusError)
        and 400 <= exc.status_code < 500
        and exc.status_code not in _NOT_ABOUT_CONTENT
        and not exc.is_backpressure
    )
