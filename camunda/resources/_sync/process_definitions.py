# Derived by scripts/unasync.py from _async/process_definitions.py; do not edit.
"""The ``process_definitions`` resource group: deployed processes, their XML, start forms
and statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from camunda._transport import Operation
from camunda.models.process_definitions import (
    ProcessDefinition,
    ProcessDefinitionElementStatistics,
    ProcessDefinitionElementStatisticsRequest,
    ProcessDefinitionInstanceStatistics,
    ProcessDefinitionInstanceStatisticsRequest,
    ProcessDefinitionInstanceVersionStatistics,
    ProcessDefinitionInstanceVersionStatisticsRequest,
    ProcessDefinitionMessageSubscriptionStatistics,
    ProcessDefinitionMessageSubscriptionStatisticsRequest,
    ProcessDefinitionSearchRequest,
)
from camunda.models.user_tasks import Form
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven, ProcessDefinitionKey

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.message_subscriptions import MessageSubscriptionFilter
    from camunda.models.process_definitions import (
        ProcessDefinitionFilter,
        ProcessDefinitionInstanceStatisticsSortField,
        ProcessDefinitionInstanceVersionStatisticsFilter,
        ProcessDefinitionInstanceVersionStatisticsSortField,
        ProcessDefinitionSortField,
        ProcessDefinitionStatisticsFilter,
    )

__all__ = ["ProcessDefinitions"]

_GET = Operation("GET", "/process-definitions/{processDefinitionKey}", "getProcessDefinition",
                 returns=ProcessDefinition)
_GET_XML = Operation("GET", "/process-definitions/{processDefinitionKey}/xml",
                     "getProcessDefinitionXML", returns=str)
_GET_START_FORM = Operation(
    "GET", "/process-definitions/{processDefinitionKey}/form", "getStartProcessForm",
    returns=cast("type[Form | None]", Form | None),  # a 204 (no form) parses as None
)
_SEARCH = Operation("POST", "/process-definitions/search", "searchProcessDefinitions",
                    body=ProcessDefinitionSearchRequest, returns=ProcessDefinition, paged=True)
_GET_ELEMENT_STATISTICS = Operation(
    "POST", "/process-definitions/{processDefinitionKey}/statistics/element-instances",
    "getProcessDefinitionStatistics", body=ProcessDefinitionElementStatisticsRequest,
    returns=ProcessDefinitionElementStatistics,
)
_GET_INSTANCE_STATISTICS = Operation(
    "POST", "/process-definitions/statistics/process-instances",
    "getProcessDefinitionInstanceStatistics", body=ProcessDefinitionInstanceStatisticsRequest,
    returns=ProcessDefinitionInstanceStatistics, paged=True,
)
_GET_INSTANCE_VERSION_STATISTICS = Operation(
    "POST", "/process-definitions/statistics/process-instances-by-version",
    "getProcessDefinitionInstanceVersionStatistics",
    body=ProcessDefinitionInstanceVersionStatisticsRequest,
    returns=ProcessDefinitionInstanceVersionStatistics, paged=True,
)
_GET_MESSAGE_SUBSCRIPTION_STATISTICS = Operation(
    "POST", "/process-definitions/statistics/message-subscriptions",
    "getProcessDefinitionMessageSubscriptionStatistics",
    body=ProcessDefinitionMessageSubscriptionStatisticsRequest,
    returns=ProcessDefinitionMessageSubscriptionStatistics, paged=True,
)


class ProcessDefinitions(Resource):
    """Deployed process definitions (one per deployed version of a BPMN process)."""

    __slots__ = ()

    def get(self, process_definition_key: ProcessDefinitionKey) -> ProcessDefinition:
        """A process definition by its key.

        ``GET /process-definitions/{processDefinitionKey}`` (getProcessDefinition)
        """
        return self._transport.request(_GET, locals())

    def get_xml(self, process_definition_key: ProcessDefinitionKey) -> str:
        """The BPMN XML of a process definition (empty if the cluster has none for it).

        ``GET /process-definitions/{processDefinitionKey}/xml`` (getProcessDefinitionXML)
        """
        return self._transport.request(_GET_XML, locals())

    def get_start_form(self, process_definition_key: ProcessDefinitionKey) -> Form | None:
        """The form linked to the process's start event, or None if it has none.

        ``GET /process-definitions/{processDefinitionKey}/form`` (getStartProcessForm)
        """
        return self._transport.request(_GET_START_FORM, locals())

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
        """
        return self._transport.search(_SEARCH, locals())

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
        """
        return self._transport.request(_GET_ELEMENT_STATISTICS, locals())

    def get_instance_statistics(
        self,
        *,
        sort: Sequence[SortRequest[ProcessDefinitionInstanceStatisticsSortField]
                       | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ProcessDefinitionInstanceStatistics]:
        """Active process instances per process, with and without incidents.

        ``POST /process-definitions/statistics/process-instances``
        (getProcessDefinitionInstanceStatistics)

        Paged by offset only: ask for further results with ``page={"from": n, "limit": m}``.
        """
        return self._transport.search(_GET_INSTANCE_STATISTICS, locals())

    def get_instance_version_statistics(
        self,
        *,
        filter: ProcessDefinitionInstanceVersionStatisticsFilter | Mapping[str, Any],
        sort: Sequence[SortRequest[ProcessDefinitionInstanceVersionStatisticsSortField]
                       | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[ProcessDefinitionInstanceVersionStatistics]:
        """Active process instances per version of one process, with and without incidents.

        ``POST /process-definitions/statistics/process-instances-by-version``
        (getProcessDefinitionInstanceVersionStatistics)

        ``filter`` names the process (``process_definition_id``). Paged by offset only, as
        :meth:`get_instance_statistics`.
        """
        return self._transport.search(_GET_INSTANCE_VERSION_STATISTICS, locals())

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
        """
        return self._transport.search(_GET_MESSAGE_SUBSCRIPTION_STATISTICS, locals())
