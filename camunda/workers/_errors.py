"""What a handler raises to choose the outcome of its job."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from datetime import timedelta

__all__ = ["JobError", "JobFailure"]

Variables = Mapping[str, Any] | BaseModel


class JobError(Exception):
    """Throw a BPMN error from the job, to be caught by an error boundary event.

    Sent as ``POST /jobs/{jobKey}/error`` (throwJobError).

    Args:
        code: the BPMN error code the boundary event matches on.
        message: a human-readable explanation, shown in Operate.
        variables: variables to set at the error's catch scope.
    """

    def __init__(self, code: str, message: str = "", *, variables: Variables | None = None) -> None:
        if not code:
            raise ValueError("JobError needs a non-empty error code")
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.variables = variables

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" if self.message else self.code

    def __reduce__(self) -> tuple[Any, ...]:
        # Keeps ``variables`` when the error crosses a process boundary.
        return (_rebuild_error, (self.code, self.message, self.variables))


class JobFailure(Exception):
    """Fail the job on purpose, choosing the retries left and the delay before the next one.

    Sent as ``POST /jobs/{jobKey}/failure`` (failJob). With ``retries=0`` the cluster
    raises an incident.

    Args:
        message: why the job failed, shown in Operate.
        retries: retries left; ``None`` means one fewer than the job had.
        retry_back_off: how long the cluster waits before the job can be activated
            again, in seconds or as a ``timedelta``.
        variables: variables to set at the job's scope.
    """

    def __init__(
        self,
        message: str,
        *,
        retries: int | None = None,
        retry_back_off: float | timedelta | None = None,
        variables: Variables | None = None,
    ) -> None:
        if retries is not None and retries < 0:
            raise ValueError("JobFailure retries must be >= 0")
        super().__init__(message)
        self.message = message
        self.retries = retries
        self.retry_back_off = retry_back_off
        self.variables = variables

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_failure, (self.message, self.retries, self.retry_back_off,
                                   self.variables))


def _rebuild_error(code: str, message: str, variables: Variables | None) -> JobError:
    return JobError(code, message, variables=variables)


def _rebuild_failure(message: str, retries: int | None, retry_back_off: float | timedelta | None,
                     variables: Variables | None) -> JobFailure:
    return JobFailure(message, retries=retries, retry_back_off=retry_back_off, variables=variables)
