"""``FakeCluster``: the public face of the in-process fake."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx

from camunda.testing._adapters import AsgiApp, AsyncFakeTransport, SyncFakeTransport
from camunda.testing._engine import Engine
from camunda.testing._jobs import add_jobs
from camunda.testing._records import (
    ClusterStats,
    FakeElementInstance,
    FakeEscalation,
    FakeIncident,
    FakeJob,
    FakeJobState,
    FakeMessage,
    FakeProcessInstance,
    FakeUserTask,
    Faults,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Generator
    from types import TracebackType

    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient
    from camunda.testing._job_mock import JobMock

__all__ = ["FakeCluster"]

BASE_URL = "http://fake-camunda"


class FakeCluster:
    """An in-process stand-in for a Camunda 8 cluster's REST API, for tests and demos.

    It runs BPMN models as Camunda 8.9 does (gateways, events, timers on the cluster
    clock, message correlation, subprocesses, call activities, multi-instance; see
    ``camunda.testing._bpmn`` for the elements), hands out jobs through long-polling
    activation, and answers the job, process instance, element instance, variable, user
    task, incident, message, signal, clock and search calls in the API's wire shape, so
    the SDK's clients and workers run against it unchanged. Operations it lacks answer
    ``501``::

        with FakeCluster() as cluster:
            cluster.add_jobs("payment", count=10, variables={"amount": 5})
            async with cluster.async_client() as client:
                ...
            assert all(job.completions == 1 for job in cluster.jobs())

    Args:
        backpressure_rate: fraction of requests answered ``503 RESOURCE_EXHAUSTED``.
        latency: seconds added to every request.
        drop_rate: fraction of requests whose connection drops (a transport error).
        seed: seeds the random draws of the faults, for reproducible runs.
        read_lag: seconds before a new record shows in eventually consistent reads.
        max_records: how many finished records (jobs, instances, element instances, user
            tasks, incidents, messages, escalations) to keep of each kind; the oldest go
            first.
        max_jobs: deprecated name of ``max_records``.

    The fault knobs can be changed at any time through :attr:`faults`.
    """

    def __init__(
        self,
        *,
        backpressure_rate: float = 0.0,
        latency: float = 0.0,
        drop_rate: float = 0.0,
        seed: int | None = None,
        read_lag: float = 0.0,
        max_records: int = 100_000,
        max_jobs: int | None = None,
    ) -> None:
        if max_jobs is not None:
            warnings.warn(
                "FakeCluster(max_jobs=) is deprecated: it limits every kind of "
                "record; use max_records=",
                DeprecationWarning,
                stacklevel=2,
            )
            max_records = max_jobs
        self.faults = Faults(backpressure_rate, latency, drop_rate, read_lag)
        self._engine = Engine(faults=self.faults, seed=seed, max_records=max_records)
        self.app = AsgiApp(self._engine)
        """The ASGI application, e.g. to serve with uvicorn yourself."""

    def __repr__(self) -> str:
        return f"FakeCluster(faults={self.faults!r}, closed={self.closed})"

    # -- lifecycle -------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._engine.closed

    def close(self) -> None:
        """End every pending long poll; later in-process requests fail to connect."""
        self._engine.interrupt_polls(close=True)

    def __enter__(self) -> FakeCluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> FakeCluster:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- clients ---------------------------------------------------------------------

    def async_http_client(self) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` whose requests reach this cluster in-process."""
        return httpx.AsyncClient(transport=AsyncFakeTransport(self._engine), base_url=BASE_URL)

    def http_client(self) -> httpx.Client:
        """An ``httpx.Client`` whose requests reach this cluster in-process."""
        return httpx.Client(transport=SyncFakeTransport(self._engine), base_url=BASE_URL)

    def async_client(self, **settings: Any) -> CamundaAsyncClient:
        """A ``CamundaAsyncClient`` wired to this cluster; keyword arguments override
        its settings (``CamundaSettings`` field names)."""
        from camunda.resources._async._client import CamundaAsyncClient

        return CamundaAsyncClient(_settings(settings), http_client=self.async_http_client())

    def client(self, **settings: Any) -> CamundaClient:
        """A ``CamundaClient`` wired to this cluster; keyword arguments override its
        settings (``CamundaSettings`` field names)."""
        from camunda.resources._sync._client import CamundaClient

        return CamundaClient(_settings(settings), http_client=self.http_client())

    @contextmanager
    def serve(self, *, startup_timeout: float = 10.0) -> Generator[str, None, None]:
        """Serve the cluster over HTTP on 127.0.0.1 (a free port) while the block runs.

        Yields the base URL (``http://127.0.0.1:PORT``). Needs ``uvicorn`` installed.
        """
        with serve_app(
            self.app,
            startup_timeout=startup_timeout,
            log_level="warning",
            on_exit=self._engine.interrupt_polls,
        ) as port:
            yield f"http://127.0.0.1:{port}"

    # -- test helpers ----------------------------------------------------------------

    def add_jobs(
        self,
        job_type: str,
        count: int = 1,
        variables: dict[str, Any] | None = None,
        retries: int = 3,
        custom_headers: dict[str, Any] | None = None,
    ) -> list[str]:
        """Create ``count`` activatable jobs of ``job_type`` that belong to no process.

        Returns their keys. Long polls waiting for this type wake up.
        """
        return add_jobs(
            self._engine,
            job_type,
            count,
            variables=variables,
            retries=retries,
            custom_headers=custom_headers,
        )

    def mock_job(self, job_type: str) -> JobMock:
        """A :class:`~camunda.testing.JobMock` answering every job of ``job_type`` with a
        client of its own; it stops when this cluster closes (or on ``stop()``)."""
        from camunda.testing._job_mock import JobMock

        return JobMock(self.client(), job_type, owns_client=True, stop_when=lambda: self.closed)

    @property
    def stats(self) -> ClusterStats:
        """A snapshot of the request and fault counters."""
        return self._engine.stats()

    def job(self, key: str) -> FakeJob | None:
        """A copy of the job's record, or None if unknown (or evicted)."""
        self._engine.refresh()
        with self._engine.lock:
            return self._engine.jobs.snapshot(key)

    def jobs(
        self, *, state: FakeJobState | str | None = None, type: str | None = None
    ) -> list[FakeJob]:
        """Copies of the job records, oldest first, optionally of one state or type."""
        self._engine.refresh()
        with self._engine.lock:
            return [
                job
                for job in self._engine.jobs.snapshots()
                if (state is None or job.state == state) and (type is None or job.type == type)
            ]

    def process_instance(self, key: str) -> FakeProcessInstance | None:
        self._engine.refresh()
        with self._engine.lock:
            return self._engine.instances.snapshot(key)

    def process_instances(self, *, state: str | None = None) -> list[FakeProcessInstance]:
        self._engine.refresh()
        with self._engine.lock:
            return [
                i for i in self._engine.instances.snapshots() if state is None or i.state == state
            ]

    def element_instances(self, process_instance_key: str) -> list[FakeElementInstance]:
        """Copies of an instance's element instances (the process's own first), in the
        order they started."""
        self._engine.refresh()
        with self._engine.lock:
            return [
                e
                for e in self._engine.element_instances.snapshots()
                if e.process_instance_key == process_instance_key
            ]

    def user_tasks(self, *, state: str | None = None) -> list[FakeUserTask]:
        self._engine.refresh()
        with self._engine.lock:
            return [
                t for t in self._engine.user_tasks.snapshots() if state is None or t.state == state
            ]

    def incidents(self) -> list[FakeIncident]:
        self._engine.refresh()
        with self._engine.lock:
            return self._engine.incidents.snapshots()

    def messages(self) -> list[FakeMessage]:
        with self._engine.lock:
            return list(self._engine.messages)

    def escalations(self) -> list[FakeEscalation]:
        """The escalations thrown, oldest first: caught (``ESCALATED``) or not
        (``NOT_ESCALATED``: Zeebe records it, raises no incident and goes on)."""
        with self._engine.lock:
            return list(self._engine.escalations)


def _settings(overrides: dict[str, Any]) -> Any:
    from camunda._settings import CamundaSettings

    values: dict[str, Any] = {"rest_address": BASE_URL, "auth_strategy": "NONE"}
    values.update(overrides)
    return CamundaSettings(**values)


@contextmanager
def serve_app(
    app: Any,
    *,
    startup_timeout: float = 10.0,
    on_exit: Callable[[], None] | None = None,
    **config: Any,
) -> Generator[int, None, None]:
    """Serve an ASGI app with uvicorn in a thread on 127.0.0.1 while the block runs; yields
    the port. ``config`` goes to ``uvicorn.Config``; ``on_exit`` runs once the server is
    told to stop (before waiting for it)."""
    try:
        import uvicorn
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "serving the fake cluster over HTTP needs uvicorn: "
            "pip install 'camunda-sdk[fake-cluster]'",
            name="uvicorn",
        ) from exc

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says
    # TCP, and without it every answer written in two parts waits ~40 ms (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(app, lifespan="off", timeout_graceful_shutdown=1, **config)
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="fake-camunda-server", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + startup_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the HTTP server did not start")
            time.sleep(0.005)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        if on_exit is not None:
            on_exit()
        thread.join(timeout=5)
        sock.close()
