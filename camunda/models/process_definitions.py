"""Models of the ``process_definitions`` resource group: deployed processes, their search
and statistics."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from camunda.models._base import KEY, RequestModel, ResponseModel, wire
from camunda.models.common import PageRequest, SearchQuery, SortRequest, StringFilterProperty
from camunda.models.message_subscriptions import MessageSubscriptionFilter
from camunda.models.process_instances import BaseProcessInstanceFilter, ProcessElementStatistics
from camunda.types import ProcessDefinitionKey

__all__ = [
    "ProcessDefinition",
    "ProcessDefinitionElementStatistics",
    "ProcessDefinitionElementStatisticsRequest",
    "ProcessDefinitionFilter",
    "ProcessDefinitionInstanceStatistics",
    "ProcessDefinitionInstanceStatisticsRequest",
    "ProcessDefinitionInstanceStatisticsSortField",
    "ProcessDefinitionInstanceVersionStatistics",
    "ProcessDefinitionInstanceVersionStatisticsFilter",
    "ProcessDefinitionInstanceVersionStatisticsRequest",
    "ProcessDefinitionInstanceVersionStatisticsSortField",
    "ProcessDefinitionMessageSubscriptionStatistics",
    "ProcessDefinitionMessageSubscriptionStatisticsRequest",
    "ProcessDefinitionSearchRequest",
    "ProcessDefinitionSortField",
    "ProcessDefinitionStatisticsFilter",
]

ProcessDefinitionSortField = Literal[
    "processDefinitionKey",
    "name",
    "resourceName",
    "version",
    "versionTag",
    "processDefinitionId",
    "tenantId",
]
ProcessDefinitionInstanceStatisticsSortField = Literal[
    "processDefinitionId",
    "activeInstancesWithIncidentCount",
    "activeInstancesWithoutIncidentCount",
]
ProcessDefinitionInstanceVersionStatisticsSortField = Literal[
    "processDefinitionId",
    "processDefinitionKey",
    "processDefinitionName",
    "processDefinitionVersion",
    "activeInstancesWithIncidentCount",
    "activeInstancesWithoutIncidentCount",
]


class ProcessDefinition(ResponseModel):
    """A deployed version of a BPMN process.

    Spec: `ProcessDefinitionResult`
    """

    name: str | None = None
    resource_name: str
    version: int
    version_tag: str | None = None
    process_definition_id: str
    tenant_id: str
    process_definition_key: ProcessDefinitionKey
    has_start_form: bool


class ProcessDefinitionFilter(RequestModel):
    """Spec: `ProcessDefinitionFilter`"""

    name: StringFilterProperty | None = None
    is_latest_version: bool | None = None
    resource_name: str | None = None
    version: int | None = None
    version_tag: str | None = None
    process_definition_id: StringFilterProperty | None = None
    tenant_id: str | None = None
    process_definition_key: Annotated[ProcessDefinitionKey, KEY] | None = None
    has_start_form: bool | None = None


class ProcessDefinitionSearchRequest(
    SearchQuery[ProcessDefinitionFilter, ProcessDefinitionSortField]
):
    """Spec: `ProcessDefinitionSearchQuery`"""


class ProcessDefinitionStatisticsFilter(BaseProcessInstanceFilter):
    """Which process instances of the definition are counted; ``or_`` is ``$or``.

    Spec: `ProcessDefinitionStatisticsFilter`
    """

    or_: list[BaseProcessInstanceFilter] | None = wire("$or")


class ProcessDefinitionElementStatisticsRequest(RequestModel):
    """Spec: `ProcessDefinitionElementStatisticsQuery`"""

    filter: ProcessDefinitionStatisticsFilter | None = None


class ProcessDefinitionElementStatistics(ResponseModel):
    """Spec: `ProcessDefinitionElementStatisticsQueryResult`"""

    items: list[ProcessElementStatistics]


class ProcessDefinitionInstanceStatisticsRequest(RequestModel):
    """Spec: `ProcessDefinitionInstanceStatisticsQuery`"""

    page: PageRequest | None = None
    sort: list[SortRequest[ProcessDefinitionInstanceStatisticsSortField]] | None = None


class ProcessDefinitionInstanceStatistics(ResponseModel):
    """Active process instances of one process (over all its versions), with and
    without incidents.

    Spec: `ProcessDefinitionInstanceStatisticsResult`
    """

    process_definition_id: str
    tenant_id: str
    latest_process_definition_name: str | None = None
    has_multiple_versions: bool
    active_instances_without_incident_count: int
    active_instances_with_incident_count: int


class ProcessDefinitionInstanceVersionStatisticsFilter(RequestModel):
    """Spec: `ProcessDefinitionInstanceVersionStatisticsFilter`"""

    process_definition_id: str = Field(min_length=1)
    tenant_id: str | None = None


class ProcessDefinitionInstanceVersionStatisticsRequest(RequestModel):
    """Spec: `ProcessDefinitionInstanceVersionStatisticsQuery`"""

    filter: ProcessDefinitionInstanceVersionStatisticsFilter
    page: PageRequest | None = None
    sort: list[SortRequest[ProcessDefinitionInstanceVersionStatisticsSortField]] | None = None


class ProcessDefinitionInstanceVersionStatistics(ResponseModel):
    """Active process instances of one version of a process, with and without incidents.

    Spec: `ProcessDefinitionInstanceVersionStatisticsResult`
    """

    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_definition_name: str | None = None
    tenant_id: str
    process_definition_version: int
    active_instances_with_incident_count: int
    active_instances_without_incident_count: int


class ProcessDefinitionMessageSubscriptionStatisticsRequest(RequestModel):
    """Spec: `ProcessDefinitionMessageSubscriptionStatisticsQuery`"""

    filter: MessageSubscriptionFilter | None = None
    page: PageRequest | None = None


class ProcessDefinitionMessageSubscriptionStatistics(ResponseModel):
    """Active message subscriptions of one process definition.

    Spec: `ProcessDefinitionMessageSubscriptionStatisticsResult`
    """

    process_definition_id: str
    tenant_id: str
    process_definition_key: ProcessDefinitionKey
    process_instances_with_active_subscriptions: int
    active_subscriptions: int
