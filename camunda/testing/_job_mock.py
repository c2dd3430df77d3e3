"""``JobMock``: a tiny worker that answers every job of one type the same way, for tests.

It works through the public REST API (activate, then complete, throw an error or fail),
so it runs against the fake cluster and against a real one alike. It polls in a thread
of its own with a blocking ``CamundaClient`` (no event loop), so it serves sync and async
tests the same way.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from camunda import CamundaError

if TYPE_CHECKING:
    from types import TracebackType

    from camunda import CamundaClient
    from camunda.models.jobs import ActivatedJob

__all__ = ["JobMock"]

_Answer = Callable[["CamundaClient", "ActivatedJob"], None]
_POLL_MS = 500  # the long poll: how soon stop() is noticed at worst
_LEASE_MS = 60_000


class JobMock:
    """Answers every job of ``job_type``: choose how with :meth:`complete`,
    :meth:`throw_error`, :meth:`fail` or :meth:`handle`; the first choice starts it.

    ::

        with JobMock(client, "charge-payment").complete({"paid": True}) as payment:
            ...
            payment.wait_for_jobs(1)

    Args:
        client: the client to poll and answer with (it must stay open while the mock runs).
        job_type: the job type to answer.
        stop_when: checked between polls; the mock stops once it returns True (e.g. when
            the fake cluster closes).
        owns_client: close ``client`` when the mock stops.
    """

    def __init__(
        self,
        client: CamundaClient,
        job_type: str,
        *,
        stop_when: Callable[[], bool] | None = None,
        owns_client: bool = False,
    ) -> None:
        if not job_type.strip():
            raise ValueError("job_type must not be blank")
        self.job_type = job_type
        self._client = client
        self._stop_when = stop_when or (lambda: False)
        self._owns_client = owns_client
        self._answer: _Answer | None = None
        self._stopping = threading.Event()
        self._changed = threading.Condition()
        self._jobs: list[ActivatedJob] = []
        self._errors: deque[CamundaError] = deque(maxlen=100)
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"JobMock({self.job_type!r}, answered={len(self.jobs)})"

    # -- what to answer -------------------------------------------------------------

    def complete(self, variables: Mapping[str, Any] | None = None) -> JobMock:
        """Complete every job, with ``variables`` if given."""
        values = dict(variables or {})
        return self._start(lambda client, job: client.jobs.complete(job.job_key, variables=values))

    def throw_error(
        self,
        error_code: str,
        message: str | None = None,
        *,
        variables: Mapping[str, Any] | None = None,
    ) -> JobMock:
        """Throw the BPMN error ``error_code`` for every job (caught by an error event)."""
        values = dict(variables or {})
        return self._start(
            lambda client, job: client.jobs.throw_error(
                job.job_key, error_code=error_code, error_message=message, variables=values
            )
        )

    def fail(
        self, message: str = "failed by JobMock", *, retries: int = 0, retry_back_off: int = 0
    ) -> JobMock:
        """Fail every job, leaving ``retries`` (0: the job raises an incident)."""
        return self._start(
            lambda client, job: client.jobs.fail(
                job.job_key, retries=retries, error_message=message, retry_back_off=retry_back_off
            )
        )

    def handle(self, handler: Callable[[ActivatedJob], Mapping[str, Any] | None]) -> JobMock:
        """Complete every job with the variables ``handler(job)`` returns."""
        return self._start(
            lambda client, job: client.jobs.complete(
                job.job_key, variables=dict(handler(job) or {})
            )
        )

    # -- what happened --------------------------------------------------------------

    @property
    def jobs(self) -> list[ActivatedJob]:
        """The jobs answered so far, in order."""
        with self._changed:
            return list(self._jobs)

    @property
    def errors(self) -> list[CamundaError]:
        """The latest errors (up to 100) of polls and answers; the mock keeps going."""
        with self._changed:
            return list(self._errors)

    def wait_for_jobs(self, count: int = 1, *, timeout: float = 10.0) -> list[ActivatedJob]:
        """Block until ``count`` jobs were answered; return them.

        Raises:
            AssertionError: fewer jobs were answered within ``timeout`` seconds.
        """
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._jobs) >= count, timeout):
                raise AssertionError(
                    f"the {self.job_type!r} mock answered {len(self._jobs)} of {count} jobs "
                    f"within {timeout:g}s; errors: {list(self._errors) or 'none'}"
                )
            return list(self._jobs)

    # -- lifecycle ------------------------------------------------------------------

    def stop(self) -> None:
        """Stop polling (within one long poll) and wait for the thread to end."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=_POLL_MS / 1000 + 10)
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> JobMock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _start(self, answer: _Answer) -> JobMock:
        self._answer = answer
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._serve, daemon=True, name=f"job-mock-{self.job_type}"
            )
            self._thread.start()
        return self

    def _done(self) -> bool:
        return self._stopping.is_set() or self._stop_when()

    def _serve(self) -> None:
        while not self._done():
            try:
                batch = self._client.jobs.activate(
                    type=self.job_type,
                    timeout=_LEASE_MS,
                    max_jobs_to_activate=32,
                    request_timeout=_POLL_MS,
                    worker="job-mock",
                )
            except CamundaError as error:
                self._record_error(error)
                self._stopping.wait(0.05)
                continue
            for job in batch.jobs:
                self._reply(job)

    def _reply(self, job: ActivatedJob) -> None:
        answer = self._answer
        assert answer is not None  # set before the thread starts
        try:
            answer(self._client, job)
        except CamundaError as error:
            self._record_error(error)
            return
        with self._changed:
            self._jobs.append(job)
            self._changed.notify_all()

    def _record_error(self, error: CamundaError) -> None:
        with self._changed:
            self._errors.append(error)
            self._changed.notify_all()
