"""``Poller``: one job type's options, free slots and activation loop.

It asks only for as many jobs as it has free slots, back-to-back while jobs arrive, and
backs off with jitter after failed polls and from servers that answer at once.
"""

from __future__ import annotations

import json
import logging
import random
from typing import TYPE_CHECKING, cast

import anyio
from pydantic import ValidationError

from camunda import _otel
from camunda._backoff import Backoff
from camunda._exceptions import (
    APIResponseValidationError,
    ForbiddenError,
    UnauthorizedError,
    describe_errors,
)
from camunda.models.jobs import ActivatedJob
from camunda.types import NOT_GIVEN, JobKey
from camunda.workers._metrics import TypeRecorder
from camunda.workers._runner import run_job

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda._otel._telemetry import Poll
    from camunda._settings import CamundaSettings
    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.workers._handler import HandlerPlan
    from camunda.workers._hooks import ExceptionHandler, Middleware
    from camunda.workers._metrics import JobEvent
    from camunda.workers._router import JobSpec
    from camunda.workers._session import Session

__all__ = ["Poller"]

logger = logging.getLogger("camunda.workers")

_POLL_BACKOFF = (0.1, 5.0)  # seconds: first delay and cap after failed activations


class Poller:
    """The resolved options, the free slots and the counters of one job type."""

    def __init__(
        self,
        spec: JobSpec,
        settings: CamundaSettings,
        on_event: Callable[[JobEvent], object] | None,
        *,
        middleware: tuple[Middleware, ...] = (),
        exception_handlers: tuple[ExceptionHandler, ...] = (),
    ) -> None:
        self.spec = spec
        self.middleware = middleware
        self.exception_handlers = exception_handlers
        self.plan: HandlerPlan = spec.plan
        self.timeout = spec.timeout or settings.worker_timeout_ms / 1000
        self.timeout_ms = max(1, round(self.timeout * 1000))
        self.max_concurrent = spec.max_concurrent or settings.worker_max_concurrent_jobs
        request_timeout = spec.request_timeout
        self.request_timeout_ms = (
            settings.worker_request_timeout_ms
            if request_timeout is None
            else round(request_timeout * 1000)
        )
        fetch = spec.fetch_variables
        fetch_list = list(fetch) if fetch is not None else self.plan.fetch_variables()
        self.telemetry = _otel.telemetry()
        if self.telemetry is not None and fetch_list is not None:
            fetch_list = [*fetch_list, _otel.TRACE_CONTEXT_VARIABLE]  # the trace it continues
        self.fetch_variables = NOT_GIVEN if fetch_list is None else fetch_list
        self.worker_name = spec.worker_name or settings.worker_name
        tenants = spec.tenant_ids or ((settings.tenant_id,) if settings.tenant_id else None)
        self.tenant_ids = NOT_GIVEN if tenants is None else list(tenants)
        jitter = spec.startup_jitter
        self.startup_jitter = (
            settings.worker_startup_jitter_max_seconds if jitter is None else jitter
        )
        self.recorder = TypeRecorder(spec.job_type, on_event)
        self.in_flight = 0
        self._freed: anyio.Event | None = None

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

    async def poll(self, session: Session) -> None:
        """Activate jobs for the free slots and start each in the session, until cancelled."""
        if self.startup_jitter:
            await anyio.sleep(random.uniform(0, self.startup_jitter))
        backoff = Backoff(*_POLL_BACKOFF)
        long_poll = self.request_timeout_ms / 1000
        job_type = self.spec.job_type
        client = session.client
        url = f"{client.settings.rest_address}/jobs/activation"
        while True:
            free = await self.wait_for_capacity()
            asked_at = anyio.current_time()
            poll: Poll | None = None
            try:
                if self.telemetry is None:
                    activated = await self._activate(client, free)
                else:
                    with self.telemetry.poll(job_type) as poll:
                        activated = await self._activate(client, free)
            except (UnauthorizedError, ForbiddenError) as exc:
                # The credentials (already refreshed once) or the permissions are wrong:
                # asking again cannot help, so the worker stops and serve() raises it.
                self.recorder.poll_failed(exc)
                session.fatal(exc)
                return
            except Exception as exc:
                # An answer that does not match the model may still hold jobs, activated
                # already: run the readable ones and fail the others back rather than
                # leaving all of them to time out. Nothing usable: a failed poll.
                activated, unreadable = (
                    _split_batch(exc.content)
                    if isinstance(exc, APIResponseValidationError)
                    else ([], [])
                )
                if unreadable:
                    self.recorder.activated(len(unreadable))
                for key, problem in unreadable:
                    session.jobs.start_soon(
                        session.reporter.fail_unreadable, key, problem, self.recorder
                    )
                if not activated and not unreadable:
                    failures = self.recorder.poll_failed(exc)
                    delay = backoff.next()
                    logger.warning(
                        "activating %s jobs at %s failed (%d in a row), next try in %.2fs",
                        job_type,
                        url,
                        failures,
                        delay,
                        exc_info=exc,
                    )
                    await anyio.sleep(delay)
                    continue
            self.recorder.poll_succeeded()
            if activated:
                self.recorder.activated(len(activated))
            expires_at = asked_at + self.timeout
            for job in activated:
                self.in_flight += 1
                session.job_started()
                session.jobs.start_soon(run_job, session, self, job, expires_at, poll)
            if activated or anyio.current_time() - asked_at >= long_poll / 2:
                backoff.reset()
            else:
                # An empty answer long before the long poll was due: a server that does
                # not long-poll. Wait a little rather than asking again at once.
                await anyio.sleep(backoff.next())

    async def _activate(self, client: CamundaAsyncClient, free: int) -> list[ActivatedJob]:
        return (
            await client.jobs.activate(
                type=self.spec.job_type,
                timeout=self.timeout_ms,
                max_jobs_to_activate=free,
                worker=self.worker_name,
                fetch_variable=self.fetch_variables,
                request_timeout=self.request_timeout_ms,
                tenant_ids=self.tenant_ids,
            )
        ).jobs


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
