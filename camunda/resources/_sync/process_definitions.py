# Derived by scripts/unasync.py from _async/process_definitions.py; do not edit.
"""The ``process_definitions`` resource group: deployed processes, their XML, start forms
and statistics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.message_subscriptions import MessageSubscriptionFilter
from camunda.models.process_definitions import (
    ProcessDefinition,
    ProcessDefinitionElementStatistics,
    ProcessDefinitionElementStatisticsRequest,
    ProcessDefinitionFilter,
    ProcessDefinitionInstanceStatistics,
    ProcessDefinitionInstanceStatisticsRequest,
    ProcessDefinitionInstanceStatisticsSortField,
    ProcessDefinitionInstanceVersionStatistics,
    ProcessDefinitionInstanceVersionStatisticsFilter,
    ProcessDefinitionInstanceVersionStatisticsRequest,
    ProcessDefinitionInstanceVersionStatisticsSortField,
    ProcessDefinitionMessageSubscriptionStatistics,
    ProcessDefinitionMessageSubscriptionStatisticsRequest,
    ProcessDefinitionSearchRequest,
    ProcessDefinitionSortField,
    ProcessDefinitionStatisticsFilter,
)
from camunda.models.user_tasks import Form
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven, ProcessDefinitionKey

__all__ = ["ProcessDefinitions"]

_GET = Operation(
    "GET",
    "/process-definitions/{processDefinitionKey}",
    "getProcessDefinition",
    returns=ProcessDefinition,
)
_GET_XML = Operation(
    "GET", "/process-definitions/{processDefinitionKey}/xml", "getProcessDefinitionXML", returns=str
)
_GET_START_FORM = Operation(
    "GET",
    "/process-definitions/{processDefinitionKey}/form",
    "getStartProcessForm",
    returns=cast("type[Form | None]", Form | None),  # a 204 (no form) parses as None
)
_SEARCH = Operation(
    "POST",
    "/process-definitions/search",
    "searchProcessDefinitions",
    body=ProcessDefinitionSearchRequest,
    returns=ProcessDefinition,
    paged=True,
)
_GET_ELEMENT_STATISTICS = Operation(
    "POST",
    "/process-definitions/{processDefinitionKey}/statistics/element-instances",
    "getProcessDefinitionStatistics",
    body=ProcessDefinitionElementStatisticsRequest,
    returns=ProcessDefinitionElementStatistics,
)
_GET_INSTANCE_STATISTICS = Operation(
    "POST",
    "/process-definitions/statistics/process-instances",
    "getProcessDefinitionInstanceStatistics",
    body=ProcessDefinitionInstanceStatisticsRequest,
    returns=ProcessDefinitionInstanceStatistics,
    paged=True,
)
_GET_INSTANCE_VERSION_STATISTICS = Operation(
    "POST",
    "/process-definitions/statistics/process-instances-by-version",
    "getProcessDefinitionInstanceVersionStatistics",
    body=ProcessDefinitionInstanceVersionStatisticsRequest,
    returns=ProcessDefinitionInstanceVersionStatistics,
    paged=True,
)
_GET_MESSAGE_SUBSCRIPTION_STATISTICS = Operation(
    "POST",
    "/process-definitions/statistics/message-subscriptions",
    "getProcessDefinitionMessageSubscriptionStatistics",
    body=ProcessDefinitionMessageSubscriptionStatisticsRequest,
    returns=ProcessDefinitionMessageSubscriptionStatistics,
    paged=True,
)


class ProcessDefinitions(APIResource):
    """Deployed process definitions (one per deployed version of a BPMN process)."""

    __slots__ = ()

    @endpoint(_GET)
    def get(self, process_definition_key: ProcessDefinitionKey) -> ProcessDefinition:
        """A process definition by its key.

        ``GET /process-definitions/{processDefinitionKey}`` (getProcessDefinition)

        Args:
            process_definition_key: the key of the process definition.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_GET_XML)
    def get_xml(self, process_definition_key: ProcessDefinitionKey) -> str | None:
        """The BPMN XML of a process definition, or None if the cluster has none for it
        (its 204, which has no body).

        ``GET /process-definitions/{processDefinitionKey}/xml`` (getProcessDefinitionXML)

        Args:
            process_definition_key: the key of the process definition.
        """
        return self._transport.request(_GET_XML, locals()) or None

    @endpoint(_GET_START_FORM)
    def get_start_form(self, process_definition_key: ProcessDefinitionKey) -> Form | None:
        """The form linked to the process's start event, or None if it has none.

        ``GET /process-definitions/{processDefinitionKey}/form`` (getStartProcessForm)

        Args:
            process_definition_key: the key of the process definition.
        """
        return self._transport.request(_GET_START_FORM, locals())

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: ProcessDefinitionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[ProcessDefinitionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ProcessDefinition]:
        """Search process definitions; iterating the page walks every page.

        ``POST /process-definitions/search`` (searchProcessDefinitions)

        Args:
            filter: criteria the process definitions (or their instances) must match.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())

    @endpoint(_GET_ELEMENT_STATISTICS)
    def get_element_statistics(
        self,
        process_definition_key: ProcessDefinitionKey,
        *,
        filter: ProcessDefinitionStatisticsFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> ProcessDefinitionElementStatistics:
        """Per BPMN element, how many of its instances are active, completed, canceled or
        have an incident, over the process instances matching ``filter``.

        ``POST /process-definitions/{processDefinitionKey}/statistics/element-instances``
        (getProcessDefinitionStatistics)

        Args:
            process_definition_key: the key of the process definition.
            filter: criteria the process definitions (or their instances) must match.
        """
        return self._transport.request(_GET_ELEMENT_STATISTICS, locals())

    @endpoint(_GET_INSTANCE_STATISTICS)
    def get_instance_statistics(
        self,
        *,
        sort: Sequence[
            SortRequest[ProcessDefinitionInstanceStatisticsSortField] | Mapping[str, Any]
        ]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ProcessDefinitionInstanceStatistics]:
        """Active process instances per process, with and without incidents.

        ``POST /process-definitions/statistics/process-instances``
        (getProcessDefinitionInstanceStatistics)

        Paged by offset only: ask for further results with ``page={"from": n, "limit": m}``.

        Args:
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_GET_INSTANCE_STATISTICS, locals())

    @endpoint(_GET_INSTANCE_VERSION_STATISTICS)
    def get_instance_version_statistics(
        self,
        *,
        filter: ProcessDefinitionInstanceVersionStatisticsFilter | Mapping[str, Any],
        sort: Sequence[
            SortRequest[ProcessDefinitionInstanceVersionStatisticsSortField] | Mapping[str, Any]
        ]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ProcessDefinitionInstanceVersionStatistics]:
        """Active process instances per version of one process, with and without incidents.

        ``POST /process-definitions/statistics/process-instances-by-version``
        (getProcessDefinitionInstanceVersionStatistics)

        ``filter`` names the process (``process_definition_id``). Paged by offset only, as
        :meth:`get_instance_statistics`.

        Args:
            filter: criteria the process definitions (or their instances) must match.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_GET_INSTANCE_VERSION_STATISTICS, locals())

    @endpoint(_GET_MESSAGE_SUBSCRIPTION_STATISTICS)
    def get_message_subscription_statistics(
        self,
        *,
        filter: MessageSubscriptionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ProcessDefinitionMessageSubscriptionStatistics]:
        """Active message subscriptions per process definition; iterating the page walks
        every page.

        ``POST /process-definitions/statistics/message-subscriptions``
        (getProcessDefinitionMessageSubscriptionStatistics)

        Args:
            filter: criteria the process definitions (or their instances) must match.
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_GET_MESSAGE_SUBSCRIPTION_STATISTICS, locals())
