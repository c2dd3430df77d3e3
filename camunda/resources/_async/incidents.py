"""The ``incidents`` resource group: read, search and resolve incidents; statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.incidents import (
    Incident,
    IncidentSearchRequest,
    IncidentStatisticsByDefinition,
    IncidentStatisticsByDefinitionRequest,
    IncidentStatisticsByError,
    IncidentStatisticsByErrorRequest,
    ResolveIncidentRequest,
)
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, IncidentKey, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.incidents import (
        IncidentFilter,
        IncidentSortField,
        IncidentStatisticsByDefinitionFilter,
        IncidentStatisticsByDefinitionSortField,
        IncidentStatisticsByErrorSortField,
    )

__all__ = ["AsyncIncidents"]

_GET = Operation("GET", "/incidents/{incidentKey}", "getIncident", returns=Incident)
_SEARCH = Operation("POST", "/incidents/search", "searchIncidents",
                    body=IncidentSearchRequest, returns=Incident, paged=True)
_RESOLVE = Operation("POST", "/incidents/{incidentKey}/resolution", "resolveIncident",
                     body=ResolveIncidentRequest, returns=type(None))
_STATISTICS_BY_DEFINITION = Operation(
    "POST", "/incidents/statistics/process-instances-by-definition",
    "getProcessInstanceStatisticsByDefinition",
    body=IncidentStatisticsByDefinitionRequest,
    returns=IncidentStatisticsByDefinition, paged=True,
)
_STATISTICS_BY_ERROR = Operation(
    "POST", "/incidents/statistics/process-instances-by-error",
    "getProcessInstanceStatisticsByError",
    body=IncidentStatisticsByErrorRequest,
    returns=IncidentStatisticsByError, paged=True,
)


class AsyncIncidents(AsyncResource):
    """Incidents: problems that hold a process instance until they are resolved."""

    __slots__ = ()

    async def get(self, incident_key: IncidentKey) -> Incident:
        """An incident by its key.

        ``GET /incidents/{incidentKey}`` (getIncident)
        """
        return await self._transport.request(_GET, locals())

    async def search(
        self,
        *,
        filter: IncidentFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[IncidentSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Incident]:
        """Search incidents; iterate the page to walk every match.

        ``POST /incidents/search`` (searchIncidents)
        """
        return await self._transport.search(_SEARCH, locals())

    async def resolve(
        self,
        incident_key: IncidentKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Mark an incident resolved so the process instance continues.

        ``POST /incidents/{incidentKey}/resolution`` (resolveIncident)

        Fix the cause first (for a job incident, give the job retries with
        ``jobs.update``), or the incident comes back.
        """
        return await self._transport.request(_RESOLVE, locals())

    async def get_statistics_by_error(
        self,
        *,
        sort: Sequence[SortRequest[IncidentStatisticsByErrorSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[IncidentStatisticsByError]:
        """Count process instances with active incidents, per error message.

        ``POST /incidents/statistics/process-instances-by-error``
        (getProcessInstanceStatisticsByError)

        Paged by offset only: ask for further results with ``page={"from": n, "limit": m}``.
        """
        return await self._transport.search(_STATISTICS_BY_ERROR, locals())

    async def get_statistics_by_definition(
        self,
        *,
        filter: IncidentStatisticsByDefinitionFilter | Mapping[str, Any],
        sort: Sequence[SortRequest[IncidentStatisticsByDefinitionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[IncidentStatisticsByDefinition]:
        """Count process instances with an incident of one error, per process definition.

        ``POST /incidents/statistics/process-instances-by-definition``
        (getProcessInstanceStatisticsByDefinition)

        ``filter`` names the error by the ``error_hash_code`` that
        :meth:`get_statistics_by_error` reports. Paged by offset only, as that method.
        """
        return await self._transport.search(_STATISTICS_BY_DEFINITION, locals())
