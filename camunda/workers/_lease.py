"""``Lease``: how long the worker may still hold a job, and the heartbeat that extends it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import anyio

from camunda._backoff import Backoff
from camunda._exceptions import ConflictError, NotFoundError, is_retryable

if TYPE_CHECKING:
    from camunda.models.jobs import ActivatedJob
    from camunda.resources._async._client import CamundaAsyncClient

__all__ = ["Lease", "keep_extended", "pause_before_retry"]

logger = logging.getLogger("camunda.workers")

_EXTEND_BACKOFF = (0.05, 2.0)  # seconds: first delay and cap after a failed extension


class Lease:
    """How long the worker may still hold a job; moved forward by ``auto_extend``.

    ``expires_at`` is on the event loop's clock (``anyio.current_time()``), which is
    immune to wall-clock jumps; ``deadline`` is the same moment as a UTC datetime.
    """

    __slots__ = ("deadline", "expires_at")

    def __init__(self, expires_at: float, now: float) -> None:
        self.expires_at = expires_at
        self.deadline = datetime.now(timezone.utc) + timedelta(seconds=expires_at - now)

    def extend(self, now: float, seconds: float) -> None:
        self.expires_at = now + seconds
        self.deadline = datetime.now(timezone.utc) + timedelta(seconds=seconds)


async def keep_extended(
    client: CamundaAsyncClient, job: ActivatedJob, lease: Lease, timeout: float
) -> None:
    """Heartbeat: push the job's timeout forward each time half of it has passed.

    Runs until cancelled, or until the job cannot be extended any more.
    """
    backoff = Backoff(*_EXTEND_BACKOFF)
    timeout_ms = max(1, round(timeout * 1000))
    while True:
        await anyio.sleep_until(lease.expires_at - timeout / 2)
        sent_at = anyio.current_time()
        try:
            await client.jobs.update(job.job_key, changeset={"timeout": timeout_ms})
        except (NotFoundError, ConflictError) as exc:
            logger.warning(
                "job %s (%s) can no longer be extended (%s); its handler keeps "
                "running but the job is gone",
                job.job_key,
                job.type,
                exc,
            )
            return
        except Exception as exc:
            if not is_retryable(exc, True):  # e.g. 403, or no SDK error: asking again cannot help
                logger.warning(
                    "extending job %s (%s) failed; no more extensions",
                    job.job_key,
                    job.type,
                    exc_info=exc,
                )
                return
            await pause_before_retry("extending", job, backoff.next(), exc, logging.WARNING)
            continue
        backoff.reset()
        lease.extend(sent_at, timeout)
        logger.debug("extended job %s (%s) by %.1fs", job.job_key, job.type, timeout)


async def pause_before_retry(
    action: str, job: ActivatedJob, delay: float, exc: Exception, level: int
) -> None:
    """Log that ``action`` (e.g. "reporting") on ``job`` failed, then sleep ``delay`` seconds."""
    logger.log(
        level,
        "%s job %s (%s) failed, retrying in %.2fs: %s",
        action,
        job.job_key,
        job.type,
        delay,
        exc,
    )
    await anyio.sleep(delay)
