"""``JobRouter``: handlers registered by job type with decorators."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from camunda.workers._handler import Executor, HandlerPlan, analyse

if TYPE_CHECKING:
    from camunda.workers._hooks import ExceptionHandler, Middleware

__all__ = ["Duration", "JobRouter", "JobSpec"]

F = TypeVar("F", bound=Callable[..., Any])
Duration = float | timedelta
"""Seconds, or a ``timedelta``."""


@dataclass(frozen=True)
class JobSpec:
    """One job type and how to work on it; ``None`` fields take the worker's settings.

    Durations are in seconds.
    """

    job_type: str
    plan: HandlerPlan
    timeout: float | None
    max_concurrent: int | None
    request_timeout: float | None
    fetch_variables: tuple[str, ...] | None
    worker_name: str | None
    tenant_ids: tuple[str, ...] | None
    startup_jitter: float | None
    auto_extend: bool


class JobRouter:
    """A set of job handlers, registered with :meth:`job` and served by a ``JobWorker``.

    Example::

        router = JobRouter()

        @router.job("payment-charge", timeout=timedelta(minutes=2), max_concurrent=8)
        async def charge(order: Order, ctx: JobContext) -> Receipt:
            ...

    Args:
        middleware: run around each of this router's handlers, inside the worker's
            (see ``camunda.workers.Middleware``).
        exception_handler: decides the outcome of an exception one of this router's
            handlers raised, before the worker's (see ``camunda.workers.ExceptionHandler``).
    """

    def __init__(
        self,
        *,
        middleware: Sequence[Middleware] = (),
        exception_handler: ExceptionHandler | None = None,
    ) -> None:
        self._specs: dict[str, JobSpec] = {}
        self.middleware = tuple(middleware)
        self.exception_handler = exception_handler

    def __iter__(self) -> Iterator[JobSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def job(
        self,
        job_type: str,
        *,
        timeout: Duration | None = None,
        max_concurrent: int | None = None,
        request_timeout: Duration | None = None,
        fetch_variables: Sequence[str] | None = None,
        worker_name: str | None = None,
        tenant_ids: Sequence[str] | None = None,
        startup_jitter: Duration | None = None,
        auto_extend: bool = False,
        executor: Executor | None = None,
    ) -> Callable[[F], F]:
        """Register the decorated function as the handler of ``job_type``.

        Unset options come from the worker's settings (``CAMUNDA_WORKER_*``).

        Args:
            job_type: the service task's job type.
            timeout: how long an activated job is held before the cluster hands it to
                another worker.
            max_concurrent: jobs of this type running at once.
            request_timeout: how long an activation request waits when no job is ready.
            fetch_variables: variables to fetch; by default the fields of the handler's
                variables model, or all variables when it has none.
            worker_name: the name reported to the cluster.
            tenant_ids: tenants to take jobs from; by default the settings' tenant.
            startup_jitter: up to this long a random delay before the first poll.
            auto_extend: while the handler runs, extend the job's timeout before it
                runs out (``PATCH /jobs/{jobKey}``), so long handlers keep their lease.
            executor: for sync handlers: ``"thread"`` (default) or ``"process"`` (a
                process pool, for CPU-bound work; the handler must be a module-level
                function and cannot take a ``JobContext``).

        Raises:
            TypeError: the handler asks for something the worker cannot give.
            ValueError: an option is out of range, or the job type is already registered.
        """
        if not job_type:
            raise ValueError("job_type must be a non-empty string")
        if job_type in self._specs:
            raise ValueError(f"job type {job_type!r} already has a handler in this router")
        if max_concurrent is not None and max_concurrent < 1:
            raise ValueError("max_concurrent must be >= 1")
        if executor not in (None, "thread", "process"):
            raise ValueError("executor must be 'thread' or 'process'")
        timeout_s = _seconds(timeout, "timeout", positive=True)
        request_timeout_s = _seconds(request_timeout, "request_timeout", positive=False)
        startup_jitter_s = _seconds(startup_jitter, "startup_jitter", positive=False)

        def register(func: F) -> F:
            self._specs[job_type] = JobSpec(
                job_type=job_type,
                plan=analyse(func, executor=executor),
                max_concurrent=max_concurrent,
                fetch_variables=None if fetch_variables is None else tuple(fetch_variables),
                worker_name=worker_name,
                tenant_ids=None if tenant_ids is None else tuple(tenant_ids),
                auto_extend=auto_extend,
                timeout=timeout_s,
                request_timeout=request_timeout_s,
                startup_jitter=startup_jitter_s,
            )
            return func

        return register


def _seconds(value: Duration | None, name: str, *, positive: bool) -> float | None:
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    if seconds < 0 or (positive and seconds == 0):
        raise ValueError(f"{name} must be {'> 0' if positive else '>= 0'} seconds")
    return seconds
