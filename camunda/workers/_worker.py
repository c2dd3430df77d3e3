"""``JobWorker``: serves the handlers of one or more routers.

Life of a job::

    Poller (only for free slots) ─► run_job: handler (event loop / thread / process)
                                    │ result, JobError, JobFailure, exception
                                    ▼
                            Reporter ─► complete / throw_error / fail,
                                        retried on transient errors until the job's deadline

Each ``serve()`` opens a ``Session`` (the client, the reporter, the threads, the jobs in
flight) that the pollers and jobs share. Shutdown: polling stops at once; running
handlers get ``grace_period`` to finish (their outcomes are still sent); handlers still
running after that are cancelled and their jobs failed back with unchanged retries, so
none waits for its timeout.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import signal
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

import anyio
import anyio.from_thread
import anyio.lowlevel

from camunda._settings import CamundaSettings
from camunda.workers._metrics import JobEvent, JobTypeMetrics, WorkerHealth
from camunda.workers._poller import Poller
from camunda.workers._session import Session

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from anyio.lowlevel import EventLoopToken

    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient
    from camunda.workers._hooks import ExceptionHandler, Middleware
    from camunda.workers._router import Duration, JobRouter

__all__ = ["JobWorker"]

logger = logging.getLogger("camunda.workers")


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
            default one that sends through ``client`` (its server, pool and auth).
        max_threads: threads shared by all sync handlers; by default the sum of their
            ``max_concurrent``.
        on_event: called on the event loop for each activated job and each outcome the
            cluster accepted (or that was lost); it must be quick and must not raise.
        middleware: run around every handler, outside the routers' own (see
            ``camunda.workers.Middleware``).
        exception_handler: decides the outcome of an exception a handler raised, when
            its router's has not (see ``camunda.workers.ExceptionHandler``).

    ``await worker.serve()`` runs until ``await worker.stop()`` (from another task);
    ``worker.run()`` does the same for scripts and stops on SIGINT/SIGTERM. Nothing a
    handler does ends serving: only a stop, or an error that no retry can fix (the
    cluster refusing the credentials or the permission to activate jobs), which
    ``serve()`` raises once the running jobs are drained.

    Raises:
        TypeError: ``client`` is a sync ``CamundaClient``.
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
        middleware: Sequence[Middleware] = (),
        exception_handler: ExceptionHandler | None = None,
    ) -> None:
        from camunda.resources._async._client import CamundaAsyncClient

        if client is not None and not isinstance(client, CamundaAsyncClient):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(
                f"JobWorker needs a CamundaAsyncClient, not {type(client).__name__}: the "
                "worker runs on an event loop (sync handlers still get a CamundaClient in "
                "their JobContext)"
            )
        self._client = client
        self._settings = settings or (client.settings if client is not None else CamundaSettings())
        self._grace = (
            grace_period.total_seconds()
            if isinstance(grace_period, timedelta)
            else float(grace_period)
        )
        if self._grace < 0:
            raise ValueError("grace_period must be >= 0")
        self._pollers: dict[str, Poller] = {}
        for router in routers:
            handlers = tuple(h for h in (router.exception_handler, exception_handler) if h)
            for spec in router:
                if spec.job_type in self._pollers:
                    raise ValueError(f"job type {spec.job_type!r} has handlers in two routers")
                self._pollers[spec.job_type] = Poller(
                    spec,
                    self._settings,
                    on_event,
                    middleware=(*middleware, *router.middleware),
                    exception_handlers=handlers,
                )
        if not self._pollers:
            raise ValueError("JobWorker needs at least one handler")
        self._sync_client = sync_client
        threads = sum(
            p.max_concurrent for p in self._pollers.values() if p.plan.executor == "thread"
        )
        # The pollers already bound sync handlers to the sum of their slots: a thread
        # limit is needed only below that.
        self._max_threads = max_threads if max_threads and max_threads < threads else None
        if on_event is not None and any(  # a function, or an object with async __call__
            inspect.iscoroutinefunction(f) for f in (on_event, type(on_event).__call__)
        ):
            raise TypeError(
                "on_event must be a plain function: an async one would never be "
                "awaited (hand the event to a task or a memory stream instead)"
            )
        self._running = False
        self._stop_requested = False
        self._stop_event: anyio.Event | None = None
        self._stopped: anyio.Event | None = None
        self._loop: tuple[int, EventLoopToken] | None = None  # thread id, event loop
        self._error: BaseException | None = None

    def __repr__(self) -> str:
        return f"JobWorker(job_types={list(self._pollers)!r}, running={self._running})"

    # -- public ------------------------------------------------------------------------

    async def serve(self) -> None:
        """Poll and handle jobs until :meth:`stop`; returns once the stop is complete."""
        if self._running:
            raise RuntimeError("this worker is already serving")
        self._running = True
        self._error = None
        self._stop_event = anyio.Event()
        self._stopped = anyio.Event()
        self._loop = threading.get_ident(), anyio.lowlevel.current_token()
        if self._stop_requested:
            self._stop_event.set()
        client = self._client
        if client is None:
            from camunda.resources._async._client import CamundaAsyncClient

            client = CamundaAsyncClient(self._settings)
        session: Session | None = None
        logger.info("serving job types %s", ", ".join(self._pollers))
        try:
            async with anyio.create_task_group() as jobs:
                session = Session(
                    client,
                    owns_client=self._client is None,
                    sync_client=self._sync_client,
                    max_threads=self._max_threads,
                    jobs=jobs,
                    on_fatal=self._fatal,
                )
                async with anyio.create_task_group() as polling:
                    for poller in self._pollers.values():
                        polling.start_soon(poller.poll, session)
                    await self._stop_event.wait()
                    polling.cancel_scope.cancel()
                await session.drain(self._grace)
        finally:
            with anyio.CancelScope(shield=True):
                if session is not None:
                    await session.aclose()
                elif self._client is None:
                    await client.close()
            self._running = False
            self._loop = None
            self._stop_requested = False
            self._stopped.set()
            logger.info("stopped")
        if self._error is not None:
            raise self._error

    async def stop(self) -> None:
        """Stop gracefully (see the class docstring) and wait until :meth:`serve` returns.

        Call it from another task, not from a handler (a handler would wait for itself;
        use :meth:`request_stop` there).
        """
        self.request_stop()
        if self._running and self._stopped is not None:
            await self._stopped.wait()

    def request_stop(self) -> None:
        """Ask for a graceful stop without waiting for it; safe from any thread (a long
        poll in progress is cancelled at once)."""
        self._stop_requested = True
        event, loop = self._stop_event, self._loop
        if event is None or loop is None:
            return
        thread, token = loop
        if thread == threading.get_ident():
            event.set()
        else:
            with contextlib.suppress(RuntimeError):  # the loop has just ended
                anyio.from_thread.run_sync(event.set, token=token)

    def _fatal(self, error: BaseException) -> None:
        if self._error is None:
            self._error = error
            logger.error("stopping: %s; no retry can fix this", error)
        self.request_stop()

    def run(self, *, backend: Literal["asyncio", "trio"] = "asyncio") -> None:
        """Serve in a new event loop until SIGINT or SIGTERM (blocking; for scripts).

        The first signal stops gracefully; a second one cancels at once (jobs still
        running are failed back). From another thread than the main one, signals are
        not watched: stop it with :meth:`request_stop`.
        """
        anyio.run(self._serve_until_signalled, backend=backend)

    def health(self) -> WorkerHealth:
        """Whether the worker runs, and per job type when a poll last succeeded."""
        error = self._error
        return WorkerHealth(
            running=self._running,
            error=None if error is None else str(error),
            pollers={
                job_type: p.recorder.health(running=self._running, in_flight=p.in_flight)
                for job_type, p in self._pollers.items()
            },
        )

    def metrics(self) -> dict[str, JobTypeMetrics]:
        """A snapshot of the counters, per job type."""
        return {job_type: p.recorder.snapshot() for job_type, p in self._pollers.items()}

    async def _serve_until_signalled(self) -> None:
        async with anyio.create_task_group() as group:
            # Signals reach the main thread only; elsewhere stop with request_stop().
            if threading.current_thread() is threading.main_thread():
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
                logger.info(
                    "%s: stopping gracefully (send it again to stop at once)",
                    signal.Signals(signum).name,
                )
                self.request_stop()
