"""``Session``: what one ``JobWorker.serve()`` shares between its pollers and jobs."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import anyio

from camunda.workers._reporter import Reporter

if TYPE_CHECKING:
    from anyio.abc import TaskGroup

    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient

__all__ = ["Session"]

logger = logging.getLogger("camunda.workers")


class Session:
    """The client, the outcome reporter, the threads for sync handlers, the task group
    jobs run in, and the jobs in flight, for one ``serve()``.

    Args:
        client: the async client every poll and report goes through.
        owns_client: close ``client`` when the session closes.
        sync_client: the client given to sync handlers; by default one is made on first
            need (and closed with the session).
        max_threads: threads shared by all sync handlers.
        jobs: the task group jobs run in.
    """

    def __init__(self, client: CamundaAsyncClient, *, owns_client: bool,
                 sync_client: CamundaClient | None, max_threads: int,
                 jobs: TaskGroup) -> None:
        self.client = client
        self.reporter = Reporter(client)
        self.limiter = anyio.CapacityLimiter(max_threads)
        self.jobs = jobs
        self.in_flight = 0
        self.handler_scopes: set[anyio.CancelScope] = set()
        self.cancel_handlers = False
        self._owns_client = owns_client
        self._sync_client = sync_client
        self._owns_sync_client = sync_client is None
        self._idle: anyio.Event | None = None

    def sync_client(self) -> CamundaClient:
        """The ``CamundaClient`` for sync handlers' ``JobContext``."""
        if self._sync_client is None:
            from camunda.resources._sync._client import CamundaClient

            self._sync_client = CamundaClient(self.client.settings)
        return self._sync_client

    def job_started(self) -> None:
        self.in_flight += 1

    def job_ended(self) -> None:
        self.in_flight -= 1
        if self.in_flight == 0 and self._idle is not None:
            self._idle.set()

    async def drain(self, grace: float) -> None:
        """Wait up to ``grace`` seconds for running jobs, then cancel their handlers."""
        if self.in_flight:
            logger.info("stopping: waiting up to %.1fs for %d running job(s)", grace,
                        self.in_flight)
        with anyio.move_on_after(grace):
            while self.in_flight:
                self._idle = anyio.Event()
                await self._idle.wait()
        self._idle = None
        self.cancel_handlers = True
        for scope in list(self.handler_scopes):
            scope.cancel()

    async def aclose(self) -> None:
        if self._sync_client is not None and self._owns_sync_client:
            self._sync_client.close()
        if self._owns_client:
            await self.client.close()
