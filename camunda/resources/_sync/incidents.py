# Derived by scripts/unasync.py from _async/incidents.py; do not edit.
"""The ``incidents`` resource group: read, search and resolve incidents; statistics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.incidents import (
    Incident,
    IncidentFilter,
    IncidentSearchRequest,
    IncidentSortField,
    IncidentStatisticsByDefinition,
    IncidentStatisticsByDefinitionFilter,
    IncidentStatisticsByDefinitionRequest,
    IncidentStatisticsByDefinitionSortField,
    IncidentStatisticsByError,
    IncidentStatisticsByErrorRequest,
    IncidentStatisticsByErrorSortField,
    ResolveIncidentRequest,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, IncidentKey, NotGiven

__all__ = ["Incidents"]

_GET = Operation("GET", "/incidents/{incidentKey}", "getIncident", returns=Incident)
_SEARCH = Operation(
    "POST",
    "/incidents/search",
    "searchIncidents",
    body=IncidentSearchRequest,
    returns=Incident,
    paged=True,
)
_RESOLVE = Operation(
    "POST",
    "/incidents/{incidentKey}/resolution",
    "resolveIncident",
    body=ResolveIncidentRequest,
    returns=NoneType,
)
_STATISTICS_BY_DEFINITION = Operation(
    "POST",
    "/incidents/statistics/process-instances-by-definition",
    "getProcessInstanceStatisticsByDefinition",
    body=IncidentStatisticsByDefinitionRequest,
    returns=IncidentStatisticsByDefinition,
    paged=True,
)
_STATISTICS_BY_ERROR = Operation(
    "POST",
    "/incidents/statistics/process-instances-by-error",
    "getProcessInstanceStatisticsByError",
    body=IncidentStatisticsByErrorRequest,
    returns=IncidentStatisticsByError,
    paged=True,
)


class Incidents(APIResource):
    """Incidents: problems that hold a process instance until they are resolved."""

    __slots__ = ()

    @endpoint(_GET)
    def get(self, incident_key: IncidentKey) -> Incident:
        """An incident by its key.

        ``GET /incidents/{incidentKey}`` (getIncident)

        Args:
            incident_key: the key of the incident.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: IncidentFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[IncidentSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[Incident]:
        """Search incidents; iterate the page to walk every match.

        ``POST /incidents/search`` (searchIncidents)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())

    @endpoint(_RESOLVE)
    def resolve(
        self,
        incident_key: IncidentKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Mark an incident resolved so the process instance continues.

        ``POST /incidents/{incidentKey}/resolution`` (resolveIncident)

        Fix the cause first (for a job incident, give the job retries with
        ``jobs.update``), or the incident comes back.

        Args:
            incident_key: the key of the incident.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return self._transport.request(_RESOLVE, locals())

    @endpoint(_STATISTICS_BY_ERROR)
    def get_statistics_by_error(
        self,
        *,
        sort: Sequence[SortRequest[IncidentStatisticsByErrorSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[IncidentStatisticsByError]:
        """Count process instances with active incidents, per error message.

        ``POST /incidents/statistics/process-instances-by-error``
        (getProcessInstanceStatisticsByError)

        Paged by offset only: ask for further results with ``page={"from": n, "limit": m}``.

        Args:
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_STATISTICS_BY_ERROR, locals())

    @endpoint(_STATISTICS_BY_DEFINITION)
    def get_statistics_by_definition(
        self,
        *,
        filter: IncidentStatisticsByDefinitionFilter | Mapping[str, Any],
        sort: Sequence[SortRequest[IncidentStatisticsByDefinitionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[IncidentStatisticsByDefinition]:
        """Count process instances with an incident of one error, per process definition.

        ``POST /incidents/statistics/process-instances-by-definition``
        (getProcessInstanceStatisticsByDefinition)

        ``filter`` names the error by the ``error_hash_code`` that
        :meth:`get_statistics_by_error` reports. Paged by offset only, as that method.

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_STATISTICS_BY_DEFINITION, locals())
