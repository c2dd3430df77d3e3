"""Models of the ``incidents`` resource group: incidents, their search, and statistics."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from camunda.models._base import Lenient, OperationReference, RequestModel, ResponseModel, WireEnum
from camunda.models.common import (
    DateTimeFilterProperty,
    KeyFilterProperty,
    MatchFilter,
    PageRequest,
    SearchQuery,
    SortRequest,
    StringFilterProperty,
)
from camunda.types import (
    ElementInstanceKey,
    IncidentKey,
    JobKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
)

__all__ = [
    "Incident",
    "IncidentErrorType",
    "IncidentFilter",
    "IncidentSearchRequest",
    "IncidentSortField",
    "IncidentState",
    "IncidentStatisticsByDefinition",
    "IncidentStatisticsByDefinitionFilter",
    "IncidentStatisticsByDefinitionRequest",
    "IncidentStatisticsByDefinitionSortField",
    "IncidentStatisticsByError",
    "IncidentStatisticsByErrorRequest",
    "IncidentStatisticsByErrorSortField",
    "ResolveIncidentRequest",
]


class IncidentErrorType(WireEnum):
    """Spec: `IncidentErrorTypeEnum`"""

    AD_HOC_SUB_PROCESS_NO_RETRIES = "AD_HOC_SUB_PROCESS_NO_RETRIES"
    CALLED_DECISION_ERROR = "CALLED_DECISION_ERROR"
    CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR"
    CONDITION_ERROR = "CONDITION_ERROR"
    DECISION_EVALUATION_ERROR = "DECISION_EVALUATION_ERROR"
    EXECUTION_LISTENER_NO_RETRIES = "EXECUTION_LISTENER_NO_RETRIES"
    EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR"
    FORM_NOT_FOUND = "FORM_NOT_FOUND"
    IO_MAPPING_ERROR = "IO_MAPPING_ERROR"
    JOB_NO_RETRIES = "JOB_NO_RETRIES"
    MESSAGE_SIZE_EXCEEDED = "MESSAGE_SIZE_EXCEEDED"
    RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND"
    TASK_LISTENER_NO_RETRIES = "TASK_LISTENER_NO_RETRIES"
    UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT"
    UNKNOWN = "UNKNOWN"
    UNSPECIFIED = "UNSPECIFIED"


class IncidentState(WireEnum):
    """Spec: `IncidentStateEnum`"""

    ACTIVE = "ACTIVE"
    MIGRATED = "MIGRATED"
    PENDING = "PENDING"
    RESOLVED = "RESOLVED"
    UNKNOWN = "UNKNOWN"


class Incident(ResponseModel):
    """A problem that stopped a process instance at one element until it is resolved.

    Spec: `IncidentResult`
    """

    incident_key: IncidentKey
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    element_id: str
    element_instance_key: ElementInstanceKey
    job_key: JobKey | None = None
    error_type: Lenient[IncidentErrorType]
    error_message: str
    creation_time: datetime
    state: Lenient[IncidentState]
    tenant_id: str


class IncidentFilter(RequestModel):
    """Which incidents a search returns; every field given must match.

    Spec: `IncidentFilter`
    """

    incident_key: KeyFilterProperty[IncidentKey] | None = None
    process_definition_id: StringFilterProperty | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    element_id: StringFilterProperty | None = None
    element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    job_key: KeyFilterProperty[JobKey] | None = None
    error_type: IncidentErrorType | MatchFilter[IncidentErrorType] | None = None
    error_message: StringFilterProperty | None = None
    creation_time: DateTimeFilterProperty | None = None
    state: IncidentState | MatchFilter[IncidentState] | None = None
    tenant_id: StringFilterProperty | None = None


IncidentSortField = Literal[
    "incidentKey",
    "processDefinitionKey",
    "processDefinitionId",
    "processInstanceKey",
    "errorType",
    "elementId",
    "elementInstanceKey",
    "creationTime",
    "state",
    "jobKey",
    "tenantId",
]


class IncidentSearchRequest(SearchQuery[IncidentFilter, IncidentSortField]):
    """Spec: `IncidentSearchQuery`"""


class ResolveIncidentRequest(RequestModel):
    """Spec: `IncidentResolutionRequest`"""

    operation_reference: OperationReference | None = None


class IncidentStatisticsByDefinitionFilter(RequestModel):
    """Spec: `IncidentProcessInstanceStatisticsByDefinitionFilter`"""

    error_hash_code: int


IncidentStatisticsByDefinitionSortField = Literal[
    "activeInstancesWithErrorCount",
    "processDefinitionKey",
    "tenantId",
]


class IncidentStatisticsByDefinitionRequest(RequestModel):
    """Spec: `IncidentProcessInstanceStatisticsByDefinitionQuery`"""

    filter: IncidentStatisticsByDefinitionFilter
    sort: list[SortRequest[IncidentStatisticsByDefinitionSortField]] | None = None
    page: PageRequest | None = None


class IncidentStatisticsByDefinition(ResponseModel):
    """How many active process instances of one definition have an incident of an error.

    Spec: `IncidentProcessInstanceStatisticsByDefinitionResult`
    """

    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_definition_name: str
    process_definition_version: int
    tenant_id: str
    active_instances_with_error_count: int


IncidentStatisticsByErrorSortField = Literal["errorMessage", "activeInstancesWithErrorCount"]


class IncidentStatisticsByErrorRequest(RequestModel):
    """Spec: `IncidentProcessInstanceStatisticsByErrorQuery`"""

    sort: list[SortRequest[IncidentStatisticsByErrorSortField]] | None = None
    page: PageRequest | None = None


class IncidentStatisticsByError(ResponseModel):
    """How many active process instances have an incident with one error message.

    Pass ``error_hash_code`` to ``incidents.get_statistics_by_definition`` to break the
    count down by process definition.

    Spec: `IncidentProcessInstanceStatisticsByErrorResult`
    """

    error_hash_code: int
    error_message: str
    active_instances_with_error_count: int
