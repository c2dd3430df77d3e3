"""``Session``: what one ``JobWorker.serve()`` shares between its pollers and jobs."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import anyio
import anyio.lowlevel

from camunda.workers._bridge import sync_client_of
from camunda.workers._reporter import Reporter
from camunda.workers._threads import HandlerThreads

if TYPE_CHECKING:
    from collections.abc import Callable

    from anyio.abc import TaskGroup

    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient

__all__ = ["Session"]

logger = logging.getLogger("camunda.workers")

LAST_WINDOW = 2.0  # seconds to fail jobs back once the grace period is over


class Session:
    """The client, the outcome reporter, the threads for sync handlers, the task group
    jobs run in, and the jobs in flight, for one ``serve()``.

    Args:
        client: the async client every poll and report goes through.
        owns_client: close ``client`` when the session closes.
        sync_client: the client given to sync handlers; by default one is made on first
            need (and closed with the session).
        max_threads: threads shared by all sync handlers (``None``: no limit of their own).
        jobs: the task group jobs run in.
        on_fatal: stops the worker for an error no retry can fix.
    """

    def __init__(
        self,
        client: CamundaAsyncClient,
        *,
        owns_client: bool,
        sync_client: CamundaClient | None,
        max_threads: int | None,
        jobs: TaskGroup,
        on_fatal: Callable[[BaseException], None],
    ) -> None:
        self.client = client
        self.reporter = Reporter(client)
        self.threads = HandlerThreads(max_threads)
        self.jobs = jobs
        self.fatal = on_fatal
        self.in_flight = 0
        self.handler_scopes: set[anyio.CancelScope] = set()
        self.cancel_handlers = False
        self._owns_client = owns_client
        self._sync_client = sync_client
        self._owns_sync_client = sync_client is None
        self._idle: anyio.Event | None = None
        self._token = anyio.lowlevel.current_token()

    def sync_client(self) -> CamundaClient:
        """The ``CamundaClient`` for sync handlers' ``JobContext``."""
        if self._sync_client is None:
            self._sync_client = sync_client_of(self.client, self._token)
        return self._sync_client

    def job_started(self) -> None:
        self.in_flight += 1

    def job_ended(self) -> None:
        self.in_flight -= 1
        if self.in_flight == 0 and self._idle is not None:
            self._idle.set()

    async def drain(self, grace: float) -> None:
        """Wait up to ``grace`` seconds for running jobs, then cancel their handlers and
        give every job still in flight :data:`LAST_WINDOW` seconds to be reported."""
        if self.in_flight:
            logger.info(
                "stopping: waiting up to %.1fs for %d running job(s)", grace, self.in_flight
            )
        with anyio.move_on_after(grace):
            while self.in_flight:
                self._idle = anyio.Event()
                await self._idle.wait()
        self._idle = None
        self.reporter.give_up_by(anyio.current_time() + LAST_WINDOW)
        self.cancel_handlers = True
        for scope in list(self.handler_scopes):
            scope.cancel()

    async def aclose(self) -> None:
        self.threads.close()
        if self._sync_client is not None and self._owns_sync_client:
            self._sync_client.close()
        if self._owns_client:
            await self.client.close()
