"""What a worker counts and shows: per job type counters, poll health, and the events
passed to the ``on_event`` hook. ``TypeRecorder`` is the one place that records them."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from camunda import _otel

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda.models.jobs import ActivatedJob

__all__ = [
    "EventKind",
    "JobEvent",
    "JobTypeMetrics",
    "PollerHealth",
    "TypeRecorder",
    "WorkerHealth",
]

logger = logging.getLogger("camunda.workers")

EventKind = Literal["activated", "completed", "failed", "errored", "lost"]
UNHEALTHY_AFTER = 3  # consecutive failed polls


@dataclass
class JobTypeMetrics:
    """Counters of one job type (``lost``: the outcome could not be delivered)."""

    activated: int = 0
    completed: int = 0
    failed: int = 0
    errored: int = 0
    lost: int = 0
    handler_runs: int = 0
    handler_seconds: float = 0.0
    handler_seconds_max: float = 0.0


@dataclass(frozen=True)
class JobEvent:
    """Passed to the worker's ``on_event`` hook.

    ``duration`` is the handler's run time in seconds (``None`` for ``activated``).
    """

    kind: EventKind
    job: ActivatedJob
    duration: float | None = None


@dataclass(frozen=True)
class PollerHealth:
    """The state of one job type's poller.

    Attributes:
        healthy: serving, and fewer than three activation requests in a row failed.
        last_poll: when an activation request last succeeded (UTC).
        consecutive_failures: failed activation requests since the last success.
        last_error: the most recent activation error, if any.
        in_flight: jobs of this type being handled or reported.
    """

    job_type: str
    healthy: bool
    last_poll: datetime | None
    consecutive_failures: int
    last_error: str | None
    in_flight: int


@dataclass(frozen=True)
class WorkerHealth:
    """Whether a worker serves, and the health of each job type's poller.

    Attributes:
        running: ``serve()`` is running.
        pollers: per job type.
        error: why serving ended, if it ended with an error (e.g. bad credentials).
    """

    running: bool
    pollers: dict[str, PollerHealth] = field(default_factory=dict[str, PollerHealth])
    error: str | None = None

    @property
    def healthy(self) -> bool:
        return self.running and all(p.healthy for p in self.pollers.values())


class TypeRecorder:
    """Counts the jobs and polls of one job type and passes each job event to the hook.

    Every count a worker keeps goes through one of these methods, so an exporter of
    metrics has one place to hook into.
    """

    def __init__(self, job_type: str, on_event: Callable[[JobEvent], object] | None) -> None:
        self.job_type = job_type
        self.metrics = JobTypeMetrics()
        self.last_poll: datetime | None = None
        self.consecutive_failures = 0
        self.last_error: str | None = None
        self._on_event = on_event
        self._telemetry = _otel.telemetry()  # also counts in OpenTelemetry, where installed

    def poll_succeeded(self) -> None:
        self.last_poll = datetime.now(timezone.utc)
        self.consecutive_failures = 0

    def poll_failed(self, error: BaseException) -> int:
        """Count a failed activation request; returns the failures in a row."""
        self.consecutive_failures += 1
        self.last_error = str(error) or type(error).__name__
        return self.consecutive_failures

    def activated(self, count: int) -> None:
        """An activation answer handed out ``count`` jobs (readable or not); counted once
        per answer rather than per job, which keeps OpenTelemetry's share small."""
        self.metrics.activated += count
        if self._telemetry is not None:
            self._telemetry.jobs_activated(self.job_type, count)

    def started(self, job: ActivatedJob) -> None:
        """The handler of ``job`` is about to run."""
        self._emit(JobEvent("activated", job))

    def handler_ran(self, duration: float) -> None:
        metrics = self.metrics
        metrics.handler_runs += 1
        metrics.handler_seconds += duration
        metrics.handler_seconds_max = max(metrics.handler_seconds_max, duration)
        if self._telemetry is not None:
            self._telemetry.handler_ran(self.job_type, duration)

    def settled(
        self, kind: EventKind, job: ActivatedJob | None, duration: float | None = None
    ) -> None:
        """The outcome the cluster accepted (or ``lost``: could not be delivered)."""
        metrics = self.metrics
        setattr(metrics, kind, getattr(metrics, kind) + 1)
        if self._telemetry is not None:
            self._telemetry.job_event(kind, self.job_type, of_current_job=job is not None)
        if job is not None:
            self._emit(JobEvent(kind, job, duration))

    def health(self, *, running: bool, in_flight: int) -> PollerHealth:
        return PollerHealth(
            job_type=self.job_type,
            healthy=running and self.consecutive_failures < UNHEALTHY_AFTER,
            last_poll=self.last_poll,
            consecutive_failures=self.consecutive_failures,
            last_error=self.last_error,
            in_flight=in_flight,
        )

    def snapshot(self) -> JobTypeMetrics:
        return replace(self.metrics)

    def _emit(self, event: JobEvent) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:
            logger.exception(
                "the on_event hook raised on %s of job %s", event.kind, event.job.job_key
            )
