"""``JobWorker``: one poller per job type, handlers in a task group, outcomes sent reliably.

Life of a job::

    poll (only for free slots) ─► handler (event loop / thread / process)
                                    │ result, JobError, JobFailure, exception
                                    ▼
                            outcome ─► complete / throw_error / fail,
                                       retried on transient errors until the job's deadline

Shutdown: polling stops at once; running handlers get ``grace_period`` to finish (their
outcomes are still sent); handlers still running after that are cancelled and their jobs
failed back with unchanged retries, so none waits for its timeout.
"""

from __future__ import annotations

import json
import logging
import random
import signal
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal, cast

import anyio
import anyio.to_process
import anyio.to_thread
from pydantic import ValidationError

from camunda._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    BadRequestError,
    CamundaError,
    ConflictError,
    NotFoundError,
)
from camunda._settings import CamundaSettings
from camunda._transport import describe_errors, is_retryable
from camunda.models.jobs import ActivatedJob
from camunda.types import NOT_GIVEN, JobKey
from camunda.workers._context import JobContext, Lease
from camunda.workers._errors import JobError, JobFailure
from camunda.workers._handler import (
    Complete,
    Fail,
    HandlerPlan,
    Outcome,
    VariablesInvalid,
    outcome_of_exception,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient
    from camunda.workers._router import Duration, JobRouter, JobSpec

__all__ = ["JobEvent", "JobTypeMetrics", "JobWorker", "PollerHealth", "WorkerHealth"]

logger = logging.getLogger("camunda.workers")

SHUTDOWN_MESSAGE = "worker shutting down"
_POLL_BACKOFF = (0.1, 5.0)  # seconds: first delay and cap after failed activations
_SEND_BACKOFF = (0.05, 2.0)  # seconds: the same for completion, failure and error calls
_UNHEALTHY_AFTER = 3  # consecutive failed polls
_HARD_STOP_SEND = 10.0  # seconds a job may still be reported when the worker is cancelled

EventKind = Literal["activated", "completed", "failed", "errored", "lost"]


class Backoff:
    """Exponential backoff with "equal jitter": each delay is between half and all of
    ``min(cap, initial * 2**n)``, so it spreads out yet never collapses to zero."""

    def __init__(self, initial: float, cap: float,
                 rand: Callable[[], float] = random.random) -> None:
        self.initial = initial
        self.cap = cap
        self._rand = rand
        self._failures = 0

    def next(self) -> float:
        ceiling = min(self.cap, self.initial * 2 ** min(self._failures, 32))
        self._failures += 1
        return ceiling / 2 + self._rand() * ceiling / 2

    def reset(self) -> None:
        self._failures = 0


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
    running: bool
    pollers: dict[str, PollerHealth] = field(default_factory=dict[str, PollerHealth])

    @property
    def healthy(self) -> bool:
        return self.running and all(p.healthy for p in self.pollers.values())


class _Poller:
    """The resolved options and the live state of one job type."""

    def __init__(self, spec: JobSpec, settings: CamundaSettings) -> None:
        self.spec = spec
        self.plan: HandlerPlan = spec.plan
        self.timeout = spec.timeout or settings.worker_timeout_ms / 1000
        self.timeout_ms = max(1, round(self.timeout * 1000))
        self.max_concurrent = spec.max_concurrent or settings.worker_max_concurrent_jobs
        request_timeout = spec.request_timeout
        self.request_timeout_ms = (
            settings.worker_request_timeout_ms if request_timeout is None
            else round(request_timeout * 1000)
        )
        fetch = spec.fetch_variables
        fetch_list = list(fetch) if fetch is not None else self.plan.fetch_variables()
        self.fetch_variables = NOT_GIVEN if fetch_list is None else fetch_list
        self.worker_name = spec.worker_name or settings.worker_name
        tenants = spec.tenant_ids or ((settings.tenant_id,) if settings.tenant_id else None)
        self.tenant_ids = NOT_GIVEN if tenants is None else list(tenants)
        jitter = spec.startup_jitter
        self.startup_jitter = (
            settings.worker_startup_jitter_max_seconds if jitter is None else jitter
        )
        self.metrics = JobTypeMetrics()
        self.in_flight = 0
        self._freed: anyio.Event | None = None
        self.last_poll: datetime | None = None
        self.consecutive_failures = 0
        self.last_error: str | None = None

    async def wait_for_capacity(self) -> int:
        while self.in_flight >= self.max_concurrent:
            self._freed = anyio.Event()
            await self._freed.wait()
        return self.max_concurrent - self.in_flight

    def release(self) -> None:
        self.in_flight -= 1
        if self._freed is not None:
            self._freed.set()
            self._freed = None


class JobWorker:
    """Serves the handlers of one or more routers.

    Args:
        client: the async client to poll and report through; ``None`` creates one from
            ``settings`` (and closes it when serving ends). A client passed in is left open.
        routers: the routers whose handlers to serve; job types must be unique.
        grace_period: on stop, how long running handlers may take to finish (seconds or
            a ``timedelta``) before they are cancelled and their jobs failed back.
        settings: defaults for the job options (``CAMUNDA_WORKER_*``); by default the
            client's settings.
        sync_client: the ``CamundaClient`` given to sync handlers' ``JobContext``; by
            default one is created from the settings on first need (and closed at the end).
        max_threads: threads shared by all sync handlers; by default the sum of their
            ``max_concurrent``.
        on_event: called on the event loop for each activated job and each outcome the
            cluster accepted (or that was lost); it must be quick and must not raise.

    ``await worker.serve()`` runs until ``await worker.stop()`` (from another task);
    ``worker.run()`` does the same for scripts and stops on SIGINT/SIGTERM.
    """

    def __init__(
        self,
        client: CamundaAsyncClient | None = None,
        *,
        routers: Sequence[JobRouter],
        grace_period: Duration = 30.0,
        settings: CamundaSettings | None = None,
        sync_client: CamundaClient | None = None,
        max_threads: int | None = None,
        on_event: Callable[[JobEvent], object] | None = None,
    ) -> None:
        self._client = client
        self._settings = settings or (client.settings if client is not None else CamundaSettings())
        self._grace = (
            grace_period.total_seconds() if isinstance(grace_period, timedelta)
            else float(grace_period)
        )
        if self._grace < 0:
            raise ValueError("grace_period must be >= 0")
        specs = [spec for router in routers for spec in router]
        if not specs:
            raise ValueError("JobWorker needs at least one handler")
        self._pollers: dict[str, _Poller] = {}
        for spec in specs:
            if spec.job_type in self._pollers:
                raise ValueError(f"job type {spec.job_type!r} has handlers in two routers")
            self._pollers[spec.job_type] = _Poller(spec, self._settings)
        self._sync_client = sync_client
        self._owns_sync_client = sync_client is None
        threads = sum(p.max_concurrent for p in self._pollers.values()
                      if p.plan.executor == "thread")
        self._max_threads = max_threads or max(1, threads)
        self._on_event = on_event
        self._running = False
        self._stop_requested = False
        self._stop_event: anyio.Event | None = None
        self._stopped: anyio.Event | None = None
        self._idle: anyio.Event | None = None
        self._in_flight = 0
        self._handler_scopes: set[anyio.CancelScope] = set()
        self._cancel_handlers = False

    def __repr__(self) -> str:
        return f"JobWorker(job_types={list(self._pollers)!r}, running={self._running})"

    # -- public ------------------------------------------------------------------------

    async def serve(self) -> None:
        """Poll and handle jobs until :meth:`stop`; returns once the stop is complete."""
        if self._running:
            raise RuntimeError("this worker is already serving")
        self._running = True
        self._cancel_handlers = False
        self._stop_event = anyio.Event()
        self._stopped = anyio.Event()
        if self._stop_requested:
            self._stop_event.set()
        self._limiter = anyio.CapacityLimiter(self._max_threads)
        client = self._client
        if client is None:
            from camunda.resources._async._client import CamundaAsyncClient

            client = CamundaAsyncClient(self._settings)
        logger.info("serving job types %s", ", ".join(self._pollers))
        try:
            async with anyio.create_task_group() as jobs:
                async with anyio.create_task_group() as polling:
                    for poller in self._pollers.values():
                        polling.start_soon(self._poll, client, poller, jobs)
                    await self._stop_event.wait()
                    polling.cancel_scope.cancel()
                await self._drain()
        finally:
            with anyio.CancelScope(shield=True):
                await self._close(client)
            self._running = False
            self._stop_requested = False
            self._stopped.set()
            logger.info("stopped")

    async def stop(self) -> None:
        """Stop gracefully (see the class docstring) and wait until :meth:`serve` returns.

        Call it from another task, not from a handler (a handler would wait for itself;
        use :meth:`request_stop` there).
        """
        self.request_stop()
        if self._running and self._stopped is not None:
            await self._stopped.wait()

    def request_stop(self) -> None:
        """Ask for a graceful stop without waiting for it."""
        self._stop_requested = True
        if self._stop_event is not None:
            self._stop_event.set()

    def run(self, *, backend: Literal["asyncio", "trio"] = "asyncio") -> None:
        """Serve in a new event loop until SIGINT or SIGTERM (blocking; for scripts).

        The first signal stops gracefully; a second one cancels at once (jobs still
        running are failed back).
        """
        anyio.run(self._serve_until_signalled, backend=backend)

    def health(self) -> WorkerHealth:
        """Whether the worker runs, and per job type when a poll last succeeded."""
        return WorkerHealth(
            running=self._running,
            pollers={
                job_type: PollerHealth(
                    job_type=job_type,
                    healthy=self._running and p.consecutive_failures < _UNHEALTHY_AFTER,
                    last_poll=p.last_poll,
                    consecutive_failures=p.consecutive_failures,
                    last_error=p.last_error,
                    in_flight=p.in_flight,
                )
                for job_type, p in self._pollers.items()
            },
        )

    def metrics(self) -> dict[str, JobTypeMetrics]:
        """A snapshot of the counters, per job type."""
        return {job_type: replace(p.metrics) for job_type, p in self._pollers.items()}

    # -- polling -----------------------------------------------------------------------

    async def _poll(self, client: CamundaAsyncClient, poller: _Poller,
                    jobs: anyio.abc.TaskGroup) -> None:
        if poller.startup_jitter:
            await anyio.sleep(random.uniform(0, poller.startup_jitter))
        backoff = Backoff(*_POLL_BACKOFF)
        long_poll = poller.request_timeout_ms / 1000
        job_type = poller.spec.job_type
        while True:
            free = await poller.wait_for_capacity()
            asked_at = anyio.current_time()
            try:
                activated = (await client.jobs.activate(
                    type=job_type,
                    timeout=poller.timeout_ms,
                    max_jobs_to_activate=free,
                    worker=poller.worker_name,
                    fetch_variable=poller.fetch_variables,
                    request_timeout=poller.request_timeout_ms,
                    tenant_ids=poller.tenant_ids,
                )).jobs
            except APIError as exc:
                # An answer that does not match the model may still hold jobs, activated
                # already: run the readable ones and fail the others back rather than
                # leaving all of them to time out. Nothing usable: a failed poll.
                activated, unreadable = (_split_batch(exc.content)
                                         if isinstance(exc, APIResponseValidationError)
                                         else ([], []))
                for key, problem in unreadable:
                    jobs.start_soon(_fail_unreadable, client, poller, key, problem)
                if not activated and not unreadable:
                    poller.consecutive_failures += 1
                    poller.last_error = str(exc)
                    delay = backoff.next()
                    logger.warning("activating %s jobs failed (%d in a row), next try in "
                                   "%.2fs: %s", job_type, poller.consecutive_failures, delay,
                                   exc)
                    await anyio.sleep(delay)
                    continue
            poller.last_poll = datetime.now(timezone.utc)
            poller.consecutive_failures = 0
            expires_at = asked_at + poller.timeout
            for job in activated:
                poller.in_flight += 1
                self._in_flight += 1
                jobs.start_soon(self._run_job, client, poller, job, expires_at)
            if activated or anyio.current_time() - asked_at >= long_poll / 2:
                backoff.reset()
            else:
                # An empty answer long before the long poll was due: a server that does
                # not long-poll. Wait a little rather than asking again at once.
                await anyio.sleep(backoff.next())

    # -- one job -----------------------------------------------------------------------

    async def _run_job(self, client: CamundaAsyncClient, poller: _Poller, job: ActivatedJob,
                       expires_at: float) -> None:
        lease = Lease(expires_at, anyio.current_time())
        poller.metrics.activated += 1
        self._emit(JobEvent("activated", job))
        outcome: Outcome | None = None
        duration: float | None = None
        try:
            started = anyio.current_time()
            with anyio.CancelScope() as scope:
                if self._cancel_handlers:
                    scope.cancel()
                self._handler_scopes.add(scope)
                try:
                    outcome = await self._execute(client, poller, job, lease)
                finally:
                    self._handler_scopes.discard(scope)
                    duration = anyio.current_time() - started
                    self._record_duration(poller, duration)
            if outcome is None:
                logger.warning("job %s (%s) was still running at the end of the grace period; "
                               "failing it back", job.job_key, job.type)
                outcome = Fail(retries=job.retries, message=SHUTDOWN_MESSAGE)
            await self._settle(client, poller, job, lease.expires_at, outcome, duration=duration)
        except anyio.get_cancelled_exc_class():
            # The worker itself is being cancelled: still hand the job back, briefly.
            with anyio.CancelScope(shield=True), anyio.move_on_after(_HARD_STOP_SEND):
                fallback = outcome or Fail(retries=job.retries, message=SHUTDOWN_MESSAGE)
                await self._settle(client, poller, job, lease.expires_at, fallback,
                                   duration=duration)
            raise
        finally:
            poller.release()
            self._in_flight -= 1
            if self._in_flight == 0 and self._idle is not None:
                self._idle.set()

    async def _execute(self, client: CamundaAsyncClient, poller: _Poller, job: ActivatedJob,
                       lease: Lease) -> Outcome:
        if not poller.spec.auto_extend:
            return await self._invoke(client, poller.plan, job, lease)
        outcome: Outcome | None = None
        async with anyio.create_task_group() as heartbeat:
            heartbeat.start_soon(self._extend, client, poller, job, lease)
            outcome = await self._invoke(client, poller.plan, job, lease)
            heartbeat.cancel_scope.cancel()
        assert outcome is not None
        return outcome

    async def _invoke(self, client: CamundaAsyncClient, plan: HandlerPlan, job: ActivatedJob,
                      lease: Lease) -> Outcome:
        """Run the handler; never raises (except cancellation)."""
        try:
            call = plan.call(job, lambda: self._context(client, plan, job, lease))
            if plan.is_async:
                result = await call()
            elif plan.executor == "process":
                result = await anyio.to_process.run_sync(call, cancellable=True)
            else:
                result = await anyio.to_thread.run_sync(call, abandon_on_cancel=True,
                                                        limiter=self._limiter)
        except Exception as exc:
            _log_handler_exception(job, exc)
            return outcome_of_exception(job, exc)
        outcome = plan.outcome(job, result)
        if isinstance(outcome, Fail):
            logger.error("job %s (%s): unusable handler result: %s", job.job_key, job.type,
                         outcome.message)
        return outcome

    def _context(self, client: CamundaAsyncClient, plan: HandlerPlan, job: ActivatedJob,
                 lease: Lease) -> JobContext[Any]:
        if plan.is_async:
            return JobContext(job, client, lease)
        if self._sync_client is None:
            from camunda.resources._sync._client import CamundaClient

            self._sync_client = CamundaClient(self._settings)
        return JobContext(job, self._sync_client, lease)

    async def _extend(self, client: CamundaAsyncClient, poller: _Poller, job: ActivatedJob,
                      lease: Lease) -> None:
        """Heartbeat: push the job's timeout forward each time half of it has passed."""
        backoff = Backoff(*_SEND_BACKOFF)
        while True:
            await anyio.sleep_until(lease.expires_at - poller.timeout / 2)
            sent_at = anyio.current_time()
            try:
                await client.jobs.update(job.job_key, changeset={"timeout": poller.timeout_ms})
            except (NotFoundError, ConflictError) as exc:
                logger.warning("job %s (%s) can no longer be extended (%s); its handler keeps "
                               "running but the job is gone", job.job_key, job.type, exc)
                return
            except APIError as exc:
                if not is_retryable(exc, True):  # e.g. 403: asking again cannot help
                    logger.warning("extending job %s (%s) failed; no more extensions: %s",
                                   job.job_key, job.type, exc)
                    return
                delay = backoff.next()
                logger.warning("extending job %s (%s) failed, retrying in %.2fs: %s",
                               job.job_key, job.type, delay, exc)
                await anyio.sleep(delay)
                continue
            backoff.reset()
            lease.extend(sent_at, poller.timeout)
            logger.debug("extended job %s (%s) by %.1fs", job.job_key, job.type, poller.timeout)

    # -- reporting ---------------------------------------------------------------------

    async def _settle(self, client: CamundaAsyncClient, poller: _Poller, job: ActivatedJob,
                      expires_at: float, outcome: Outcome, *, duration: float | None) -> None:
        """Send the outcome, retrying transient errors until the job's lease runs out."""
        backoff = Backoff(*_SEND_BACKOFF)
        maybe_sent = False
        while True:
            try:
                await _send(client, job, outcome)
            except (NotFoundError, ConflictError) as exc:
                hint = " (an earlier attempt may have gone through)" if maybe_sent else ""
                logger.warning("job %s (%s) could not be reported: it timed out, was cancelled "
                               "or was settled elsewhere%s: %s", job.job_key, job.type, hint, exc)
                self._lost(poller, job, duration)
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
                if not is_retryable(exc, True) or anyio.current_time() + delay >= expires_at:
                    logger.error("job %s (%s): giving up reporting its outcome (%s); it will "
                                 "time out and be retried: %s",
                                 job.job_key, job.type, type(outcome).__name__, exc)
                    self._lost(poller, job, duration)
                    return
                if isinstance(exc, APIConnectionError) and exc.request_sent:
                    maybe_sent = True
                logger.info("reporting job %s (%s) failed, retrying in %.2fs: %s",
                            job.job_key, job.type, delay, exc)
                await anyio.sleep(delay)
                continue
            kind: EventKind
            if isinstance(outcome, Complete):
                kind, poller.metrics.completed = "completed", poller.metrics.completed + 1
            elif isinstance(outcome, Fail):
                kind, poller.metrics.failed = "failed", poller.metrics.failed + 1
            else:
                kind, poller.metrics.errored = "errored", poller.metrics.errored + 1
            self._emit(JobEvent(kind, job, duration))
            return

    def _lost(self, poller: _Poller, job: ActivatedJob, duration: float | None) -> None:
        poller.metrics.lost += 1
        self._emit(JobEvent("lost", job, duration))

    @staticmethod
    def _record_duration(poller: _Poller, duration: float) -> None:
        metrics = poller.metrics
        metrics.handler_runs += 1
        metrics.handler_seconds += duration
        metrics.handler_seconds_max = max(metrics.handler_seconds_max, duration)

    def _emit(self, event: JobEvent) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:
            logger.exception("the on_event hook raised on %s of job %s", event.kind,
                             event.job.job_key)

    # -- shutdown ----------------------------------------------------------------------

    async def _drain(self) -> None:
        """Wait up to the grace period for running jobs, then cancel their handlers."""
        if self._in_flight:
            logger.info("stopping: waiting up to %.1fs for %d running job(s)", self._grace,
                        self._in_flight)
        with anyio.move_on_after(self._grace):
            while self._in_flight:
                self._idle = anyio.Event()
                await self._idle.wait()
        self._idle = None
        self._cancel_handlers = True
        for scope in list(self._handler_scopes):
            scope.cancel()

    async def _close(self, client: CamundaAsyncClient) -> None:
        if self._sync_client is not None and self._owns_sync_client:
            self._sync_client.close()
            self._sync_client = None
        if self._client is None:
            await client.close()

    async def _serve_until_signalled(self) -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(self._watch_signals, group.cancel_scope)
            await self.serve()
            group.cancel_scope.cancel()

    async def _watch_signals(self, scope: anyio.CancelScope) -> None:
        try:
            receiver = anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM)
        except NotImplementedError:  # pragma: no cover - Windows: Ctrl-C raises instead
            return
        with receiver as signals:
            async for signum in signals:
                if self._stop_requested:
                    logger.warning("second %s: stopping now", signal.Signals(signum).name)
                    scope.cancel()
                    return
                logger.info("%s: stopping gracefully (send it again to stop at once)",
                            signal.Signals(signum).name)
                self.request_stop()


async def _send(client: CamundaAsyncClient, job: ActivatedJob, outcome: Outcome) -> None:
    jobs = client.jobs
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


def _split_batch(content: bytes) -> tuple[list[ActivatedJob], list[tuple[JobKey, str]]]:
    """The readable jobs of an activation answer that does not match the model, and the
    key of each unreadable one with what is wrong with it (field names, never values)."""
    try:
        items: object = json.loads(content).get("jobs")
    except (ValueError, AttributeError):  # not JSON, or not an object
        return [], []
    readable: list[ActivatedJob] = []
    unreadable: list[tuple[JobKey, str]] = []
    for item in cast("list[object]", items) if isinstance(items, list) else ():
        try:
            readable.append(ActivatedJob.model_validate(item))
        except ValidationError as exc:
            key = cast("dict[str, object]", item).get("jobKey") if isinstance(item, dict) else None
            problem = describe_errors(exc, "(job)")
            if isinstance(key, str):
                unreadable.append((JobKey(key), problem))
            else:  # nothing to fail back by: it times out on the cluster
                logger.error("an activated job without a readable key was skipped: %s", problem)
    return readable, unreadable


async def _fail_unreadable(client: CamundaAsyncClient, poller: _Poller, key: JobKey,
                           problem: str) -> None:
    """Fail a job the worker cannot read with no retries left: an incident shows it."""
    poller.metrics.activated += 1
    logger.error("job %s (%s) does not match the job model; failing it without retries: %s",
                 key, poller.spec.job_type, problem)
    try:
        await client.jobs.fail(key, retries=0,
                               error_message=f"the worker could not read the job: {problem}")
    except CamundaError as exc:
        poller.metrics.lost += 1
        logger.warning("could not fail unreadable job %s back: %s", key, exc)
    else:
        poller.metrics.failed += 1


def _log_handler_exception(job: ActivatedJob, exc: Exception) -> None:
    if isinstance(exc, JobError):
        logger.info("job %s (%s): BPMN error %s", job.job_key, job.type, exc)
    elif isinstance(exc, JobFailure | VariablesInvalid):
        logger.warning("job %s (%s) failed: %s", job.job_key, job.type, exc)
    else:
        logger.exception("job %s (%s): the handler raised %s", job.job_key, job.type,
                         type(exc).__name__)

