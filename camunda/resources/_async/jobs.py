"""The ``jobs`` resource group: activate, complete, fail, throw errors, update, search."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from camunda._transport._base import Operation
from camunda._types import NOT_GIVEN, JobKey, NotGiven
from camunda.models.jobs import (
    ActivatedJobs,
    ActivateJobsRequest,
    CompleteJobRequest,
    FailJobRequest,
    JobChangeset,
    JobResultAdHocSubProcess,
    JobResultUserTask,
    TenantFilter,
    ThrowJobErrorRequest,
    UpdateJobRequest,
)
from camunda.resources._async._resource import AsyncResource

__all__ = ["AsyncJobs"]

_NONE = type(None)
_ACTIVATE = Operation("POST", "/jobs/activation", "activateJobs",
                      body=ActivateJobsRequest, returns=ActivatedJobs)
_COMPLETE = Operation("POST", "/jobs/{jobKey}/completion", "completeJob",
                      body=CompleteJobRequest, returns=_NONE, drains=True)
_FAIL = Operation("POST", "/jobs/{jobKey}/failure", "failJob",
                  body=FailJobRequest, returns=_NONE, drains=True)
_THROW_ERROR = Operation("POST", "/jobs/{jobKey}/error", "throwJobError",
                         body=ThrowJobErrorRequest, returns=_NONE, drains=True)
_UPDATE = Operation("PATCH", "/jobs/{jobKey}", "updateJob",
                    body=UpdateJobRequest, returns=_NONE)

_LONG_POLL_MARGIN = 10.0  # seconds beyond the long poll before the HTTP call times out


def _poll_timeout(request_timeout: int | NotGiven) -> float | None:
    if isinstance(request_timeout, NotGiven) or request_timeout <= 0:
        return None
    return request_timeout / 1000 + _LONG_POLL_MARGIN


class AsyncJobs(AsyncResource):
    """Jobs of service tasks and listeners: what job workers work on."""

    __slots__ = ()

    async def activate(
        self,
        *,
        type: str,
        timeout: int,
        max_jobs_to_activate: int,
        worker: str | NotGiven = NOT_GIVEN,
        fetch_variable: Sequence[str] | NotGiven = NOT_GIVEN,
        request_timeout: int | NotGiven = NOT_GIVEN,
        tenant_ids: Sequence[str] | NotGiven = NOT_GIVEN,
        tenant_filter: TenantFilter | Literal["PROVIDED", "ASSIGNED"] | NotGiven = NOT_GIVEN,
    ) -> ActivatedJobs:
        """Activate up to ``max_jobs_to_activate`` jobs of a type for ``timeout`` ms.

        ``POST /jobs/activation`` (activateJobs)

        When no job is ready the call long-polls up to ``request_timeout`` ms (``0``: the
        cluster's default; negative: return at once); the HTTP timeout grows to match.
        """
        return await self._transport.request(
            _ACTIVATE, locals(), timeout=_poll_timeout(request_timeout)
        )

    async def complete(
        self,
        job_key: JobKey,
        *,
        variables: Mapping[str, Any] | None | NotGiven = NOT_GIVEN,
        result: JobResultUserTask | JobResultAdHocSubProcess | Mapping[str, Any] | None
        | NotGiven = NOT_GIVEN,
    ) -> None:
        """Complete a job, optionally with variables and a listener or ad-hoc result.

        ``POST /jobs/{jobKey}/completion`` (completeJob)
        """
        return await self._transport.request(_COMPLETE, locals())

    async def fail(
        self,
        job_key: JobKey,
        *,
        retries: int | NotGiven = NOT_GIVEN,
        error_message: str | NotGiven = NOT_GIVEN,
        retry_back_off: int | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> None:
        """Report a failed job; with ``retries`` at 0 the cluster raises an incident.

        ``POST /jobs/{jobKey}/failure`` (failJob)

        ``retry_back_off`` is in milliseconds.
        """
        return await self._transport.request(_FAIL, locals())

    async def throw_error(
        self,
        job_key: JobKey,
        *,
        error_code: str,
        error_message: str | None | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | None | NotGiven = NOT_GIVEN,
    ) -> None:
        """Throw a BPMN error from a job, to be caught by an error event.

        ``POST /jobs/{jobKey}/error`` (throwJobError)
        """
        return await self._transport.request(_THROW_ERROR, locals())

    async def update(
        self,
        job_key: JobKey,
        *,
        changeset: JobChangeset | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Change a job's retries or timeout (``timeout`` in ms, counted from now).

        ``PATCH /jobs/{jobKey}`` (updateJob)
        """
        return await self._transport.request(_UPDATE, locals())
