"""What a handler raises to choose the outcome of its job."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from pydantic import BaseModel

__all__ = ["JobError", "JobFailure"]

Variables = Mapping[str, Any] | BaseModel


class JobError(Exception):
    """Throw a BPMN error from the job, to be caught by an error boundary event.

    Sent as ``POST /jobs/{jobKey}/error`` (throwJobError).

    Args:
        code: the BPMN error code the boundary event matches on.
        message: a human-readable explanation, shown in Operate.
        variables: variables to set at the error's catch scope.

    Raises:
        TypeError: ``code`` or ``message`` is not a string.
        ValueError: ``code`` is empty.
    """

    def __init__(self, code: str, message: str = "", *, variables: Variables | None = None) -> None:
        _check_str("JobError", "code", code)
        _check_str("JobError", "message", message)
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

    Raises:
        TypeError: ``message`` is not a string, ``retries`` not an int, ``retry_back_off``
            not a number or ``timedelta``.
        ValueError: ``retries`` is negative, ``retry_back_off`` negative or not finite.
    """

    def __init__(
        self,
        message: str,
        *,
        retries: int | None = None,
        retry_back_off: float | timedelta | None = None,
        variables: Variables | None = None,
    ) -> None:
        _check_str("JobFailure", "message", message)
        if retries is not None:
            if not isinstance(retries, int) or isinstance(retries, bool):  # pyright: ignore[reportUnnecessaryIsInstance]
                raise TypeError(f"JobFailure retries must be an int, not {type(retries).__name__}")
            if retries < 0:
                raise ValueError("JobFailure retries must be >= 0")
        if retry_back_off is not None:
            _check_back_off(retry_back_off)
        super().__init__(message)
        self.message = message
        self.retries = retries
        self.retry_back_off = retry_back_off
        self.variables = variables

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_failure, (self.message, self.retries, self.retry_back_off, self.variables))


def _check_str(owner: str, name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{owner} {name} must be a str, not {type(value).__name__}")


def _check_back_off(value: object) -> None:
    seconds = value.total_seconds() if isinstance(value, timedelta) else value
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise TypeError(
            f"JobFailure retry_back_off must be seconds or a timedelta, not {type(value).__name__}"
        )
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"JobFailure retry_back_off must be finite and >= 0, not {seconds}")


def _rebuild_error(code: str, message: str, variables: Variables | None) -> JobError:
    return JobError(code, message, variables=variables)


def _rebuild_failure(
    message: str,
    retries: int | None,
    retry_back_off: float | timedelta | None,
    variables: Variables | None,
) -> JobFailure:
    return JobFailure(message, retries=retries, retry_back_off=retry_back_off, variables=variables)
