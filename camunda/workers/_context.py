"""What a handler can ask for besides its job and variables: ``JobContext``."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Generic

from typing_extensions import TypeVar

__all__ = ["JobContext"]

ClientT = TypeVar("ClientT", default=Any)

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from camunda.models.jobs import ActivatedJob
    from camunda.workers._lease import Lease

    _Adapter = logging.LoggerAdapter[logging.Logger]
else:
    _Adapter = logging.LoggerAdapter

job_logger = logging.getLogger("camunda.workers.job")


class JobLogger(_Adapter):
    """A logger that prefixes each message with the job type and key, and passes both as
    ``extra`` (``job_type``, ``job_key``) for structured handlers."""

    def process(
        self, msg: Any, kwargs: MutableMapping[str, Any]
    ) -> tuple[Any, MutableMapping[str, Any]]:
        extra = self.extra or {}
        kwargs["extra"] = {**extra, **kwargs.get("extra", {})}
        return f"[{extra.get('job_type')} {extra.get('job_key')}] {msg}", kwargs


class JobContext(Generic[ClientT]):
    """Injected into a handler that has a parameter annotated ``JobContext``.

    Attributes:
        job: the activated job.
        client: a client of the handler's kind: the worker's ``CamundaAsyncClient`` for
            async handlers, a ``CamundaClient`` for sync handlers running in threads.
            Annotate ``JobContext[CamundaClient]`` to have it typed.
        logger: a logger bound to the job's type and key.
    """

    __slots__ = ("_lease", "client", "job", "logger")

    def __init__(self, job: ActivatedJob, client: ClientT, lease: Lease) -> None:
        self.job = job
        self.client = client
        self.logger = JobLogger(job_logger, {"job_type": job.type, "job_key": job.job_key})
        self._lease = lease

    def __repr__(self) -> str:
        return f"JobContext(type={self.job.type!r}, job_key={self.job.job_key!r})"

    @property
    def deadline(self) -> datetime:
        """When the job's lease runs out (UTC); later after each automatic extension."""
        return self._lease.deadline

    @property
    def time_left(self) -> timedelta:
        """Time until :attr:`deadline` (negative once it has passed)."""
        return self._lease.deadline - datetime.now(timezone.utc)
