"""The ``jobs`` resource group: activate, complete, fail, throw errors, update, search,
statistics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from types import NoneType
from typing import Any, Literal

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.jobs import (
    ActivatedJobs,
    ActivateJobsRequest,
    CompleteJobRequest,
    FailJobRequest,
    GlobalJobStatistics,
    Job,
    JobChangeset,
    JobErrorStatistics,
    JobErrorStatisticsFilter,
    JobErrorStatisticsRequest,
    JobFilter,
    JobResultAdHocSubProcess,
    JobResultUserTask,
    JobSearchRequest,
    JobSortField,
    JobTimeSeriesStatistics,
    JobTimeSeriesStatisticsFilter,
    JobTimeSeriesStatisticsRequest,
    JobTypeStatistics,
    JobTypeStatisticsFilter,
    JobTypeStatisticsRequest,
    JobWorkerStatistics,
    JobWorkerStatisticsFilter,
    JobWorkerStatisticsRequest,
    TenantFilter,
    ThrowJobErrorRequest,
    UpdateJobRequest,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, JobKey, NotGiven

__all__ = ["AsyncJobs"]

_ACTIVATE = Operation(
    "POST",
    "/jobs/activation",
    "activateJobs",
    body=ActivateJobsRequest,
    returns=ActivatedJobs,
    server_wait="request_timeout",
)
_COMPLETE = Operation(
    "POST",
    "/jobs/{jobKey}/completion",
    "completeJob",
    body=CompleteJobRequest,
    returns=NoneType,
    drains=True,
)
_FAIL = Operation(
    "POST", "/jobs/{jobKey}/failure", "failJob", body=FailJobRequest, returns=NoneType, drains=True
)
_THROW_ERROR = Operation(
    "POST",
    "/jobs/{jobKey}/error",
    "throwJobError",
    body=ThrowJobErrorRequest,
    returns=NoneType,
    drains=True,
)
_UPDATE = Operation("PATCH", "/jobs/{jobKey}", "updateJob", body=UpdateJobRequest, returns=NoneType)
_SEARCH = Operation(
    "POST", "/jobs/search", "searchJobs", body=JobSearchRequest, returns=Job, paged=True
)
_GLOBAL_STATISTICS = Operation(
    "GET",
    "/jobs/statistics/global",
    "getGlobalJobStatistics",
    returns=GlobalJobStatistics,
    query=("from_", "to", "job_type"),
)
_ERROR_STATISTICS = Operation(
    "POST",
    "/jobs/statistics/errors",
    "getJobErrorStatistics",
    body=JobErrorStatisticsRequest,
    returns=JobErrorStatistics,
    paged=True,
)
_TIME_SERIES_STATISTICS = Operation(
    "POST",
    "/jobs/statistics/time-series",
    "getJobTimeSeriesStatistics",
    body=JobTimeSeriesStatisticsRequest,
    returns=JobTimeSeriesStatistics,
    paged=True,
)
_TYPE_STATISTICS = Operation(
    "POST",
    "/jobs/statistics/by-types",
    "getJobTypeStatistics",
    body=JobTypeStatisticsRequest,
    returns=JobTypeStatistics,
    paged=True,
)
_WORKER_STATISTICS = Operation(
    "POST",
    "/jobs/statistics/by-workers",
    "getJobWorkerStatistics",
    body=JobWorkerStatisticsRequest,
    returns=JobWorkerStatistics,
    paged=True,
)


class AsyncJobs(AsyncAPIResource):
    """Jobs of service tasks and listeners: what job workers work on."""

    __slots__ = ()

    @endpoint(_ACTIVATE)
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

        Args:
            type: the job type.
            timeout: how long the jobs stay locked to this worker, in milliseconds.
            max_jobs_to_activate: the most jobs to activate in one call.
            worker: the name of the worker activating the jobs (for logs and statistics).
            fetch_variable: the variable names to fetch with each job (default: all).
            request_timeout: how long the cluster may wait before answering, in milliseconds.
            tenant_ids: the tenants to activate jobs of.
            tenant_filter: ``PROVIDED``: the tenants in ``tenant_ids``; ``ASSIGNED``: every tenant
                the client is assigned to.
        """
        return await self._transport.request(_ACTIVATE, locals())

    @endpoint(_COMPLETE)
    async def complete(
        self,
        job_key: JobKey,
        *,
        variables: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
        result: JobResultUserTask
        | JobResultAdHocSubProcess
        | Mapping[str, Any]
        | NotGiven
        | None = NOT_GIVEN,
    ) -> None:
        """Complete a job, optionally with variables and a listener or ad-hoc result.

        ``POST /jobs/{jobKey}/completion`` (completeJob)

        Args:
            job_key: the key of the job.
            variables: variables to set in the job's scope, as a JSON object.
            result: a result for a task listener or an ad-hoc sub-process (corrections, activities
                to activate).
        """
        return await self._transport.request(_COMPLETE, locals())

    @endpoint(_FAIL)
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

        Args:
            job_key: the key of the job.
            retries: how many retries the job has left.
            error_message: a message for operators, kept with the job or incident.
            retry_back_off: how long to wait before the job is retried, in milliseconds.
            variables: variables to set in the job's scope, as a JSON object.
        """
        return await self._transport.request(_FAIL, locals())

    @endpoint(_THROW_ERROR)
    async def throw_error(
        self,
        job_key: JobKey,
        *,
        error_code: str,
        error_message: str | NotGiven | None = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
    ) -> None:
        """Throw a BPMN error from a job, to be caught by an error event.

        ``POST /jobs/{jobKey}/error`` (throwJobError)

        Args:
            job_key: the key of the job.
            error_code: the BPMN error code an error event catches.
            error_message: a message for operators, kept with the job or incident.
            variables: variables to set in the job's scope, as a JSON object.
        """
        return await self._transport.request(_THROW_ERROR, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        job_key: JobKey,
        *,
        changeset: JobChangeset | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Change a job's retries or timeout (``timeout`` in ms, counted from now).

        ``PATCH /jobs/{jobKey}`` (updateJob)

        Args:
            job_key: the key of the job.
            changeset: ``retries`` and/or ``timeout`` (ms, counted from now) to set.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: JobFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[JobSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Job]:
        """Search jobs in any state; iterate the page to walk every match.

        ``POST /jobs/search`` (searchJobs)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_GLOBAL_STATISTICS)
    async def get_global_statistics(
        self,
        *,
        from_: datetime,
        to: datetime,
        job_type: str | NotGiven = NOT_GIVEN,
    ) -> GlobalJobStatistics:
        """Jobs created, completed and failed between ``from_`` and ``to``, cluster-wide.

        ``GET /jobs/statistics/global`` (getGlobalJobStatistics)

        ``job_type`` narrows the counts to one job type.

        Args:
            from_: the start of the time window.
            to: the end of the time window.
            job_type: count only jobs of this type.
        """
        return await self._transport.request(_GLOBAL_STATISTICS, locals())

    @endpoint(_TYPE_STATISTICS)
    async def get_type_statistics(
        self,
        *,
        filter: JobTypeStatisticsFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[JobTypeStatistics]:
        """Job counts per job type in a time window; iterate the page to walk every type.

        ``POST /jobs/statistics/by-types`` (getJobTypeStatistics)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_TYPE_STATISTICS, locals())

    @endpoint(_WORKER_STATISTICS)
    async def get_worker_statistics(
        self,
        *,
        filter: JobWorkerStatisticsFilter | Mapping[str, Any],
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[JobWorkerStatistics]:
        """Job counts per worker for one job type in a time window.

        ``POST /jobs/statistics/by-workers`` (getJobWorkerStatistics)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_WORKER_STATISTICS, locals())

    @endpoint(_TIME_SERIES_STATISTICS)
    async def get_time_series_statistics(
        self,
        *,
        filter: JobTimeSeriesStatisticsFilter | Mapping[str, Any],
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[JobTimeSeriesStatistics]:
        """Job counts of one job type per time bucket (``filter.resolution`` wide).

        ``POST /jobs/statistics/time-series`` (getJobTimeSeriesStatistics)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_TIME_SERIES_STATISTICS, locals())

    @endpoint(_ERROR_STATISTICS)
    async def get_error_statistics(
        self,
        *,
        filter: JobErrorStatisticsFilter | Mapping[str, Any],
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[JobErrorStatistics]:
        """The errors jobs of one type failed with in a time window, and how many workers hit each.

        ``POST /jobs/statistics/errors`` (getJobErrorStatistics)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_ERROR_STATISTICS, locals())
