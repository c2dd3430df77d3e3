"""Models of the ``element_instances`` resource group: running and finished BPMN elements."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from camunda.models._base import (
    KEY,
    Lenient,
    OperationReference,
    RequestModel,
    ResponseModel,
    WireEnum,
)
from camunda.models.common import (
    DateTimeFilterProperty,
    EnumFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import (
    ElementInstanceKey,
    IncidentKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
)

__all__ = [
    "ActivateAdHocActivitiesRequest",
    "AdHocActivityReference",
    "ElementInstance",
    "ElementInstanceFilter",
    "ElementInstanceSearchRequest",
    "ElementInstanceSortField",
    "ElementInstanceState",
    "ElementInstanceType",
    "SetVariablesRequest",
]

ElementInstanceSortField = Literal[
    "elementInstanceKey",
    "processInstanceKey",
    "processDefinitionKey",
    "processDefinitionId",
    "startDate",
    "endDate",
    "elementId",
    "elementName",
    "type",
    "state",
    "incidentKey",
    "tenantId",
]


class ElementInstanceState(WireEnum):
    """Spec: `ElementInstanceStateEnum`"""

    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    TERMINATED = "TERMINATED"


class ElementInstanceType(WireEnum):
    """The kind of BPMN element an element instance runs."""

    UNSPECIFIED = "UNSPECIFIED"
    PROCESS = "PROCESS"
    SUB_PROCESS = "SUB_PROCESS"
    EVENT_SUB_PROCESS = "EVENT_SUB_PROCESS"
    AD_HOC_SUB_PROCESS = "AD_HOC_SUB_PROCESS"
    AD_HOC_SUB_PROCESS_INNER_INSTANCE = "AD_HOC_SUB_PROCESS_INNER_INSTANCE"
    START_EVENT = "START_EVENT"
    INTERMEDIATE_CATCH_EVENT = "INTERMEDIATE_CATCH_EVENT"
    INTERMEDIATE_THROW_EVENT = "INTERMEDIATE_THROW_EVENT"
    BOUNDARY_EVENT = "BOUNDARY_EVENT"
    END_EVENT = "END_EVENT"
    SERVICE_TASK = "SERVICE_TASK"
    RECEIVE_TASK = "RECEIVE_TASK"
    USER_TASK = "USER_TASK"
    MANUAL_TASK = "MANUAL_TASK"
    TASK = "TASK"
    EXCLUSIVE_GATEWAY = "EXCLUSIVE_GATEWAY"
    INCLUSIVE_GATEWAY = "INCLUSIVE_GATEWAY"
    PARALLEL_GATEWAY = "PARALLEL_GATEWAY"
    EVENT_BASED_GATEWAY = "EVENT_BASED_GATEWAY"
    SEQUENCE_FLOW = "SEQUENCE_FLOW"
    MULTI_INSTANCE_BODY = "MULTI_INSTANCE_BODY"
    CALL_ACTIVITY = "CALL_ACTIVITY"
    BUSINESS_RULE_TASK = "BUSINESS_RULE_TASK"
    SCRIPT_TASK = "SCRIPT_TASK"
    SEND_TASK = "SEND_TASK"
    UNKNOWN = "UNKNOWN"


class ElementInstance(ResponseModel):
    """One run of a BPMN element inside a process instance.

    Spec: `ElementInstanceResult`
    """

    process_definition_id: str
    start_date: datetime
    end_date: datetime | None = None
    element_id: str
    element_name: str
    type: Lenient[ElementInstanceType]
    state: Lenient[ElementInstanceState]
    has_incident: bool
    tenant_id: str
    element_instance_key: ElementInstanceKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    process_definition_key: ProcessDefinitionKey
    incident_key: IncidentKey | None = None


class ElementInstanceFilter(RequestModel):
    """``element_instance_scope_key`` matches the instances inside a scope (a process
    instance or a sub-process's element instance).

    Spec: `ElementInstanceFilter`
    """

    process_definition_id: str | None = None
    state: EnumFilterProperty[ElementInstanceState] | None = None
    type: ElementInstanceType | None = None
    element_id: StringFilterProperty | None = None
    element_name: StringFilterProperty | None = None
    has_incident: bool | None = None
    tenant_id: str | None = None
    element_instance_key: Annotated[ElementInstanceKey, KEY] | None = None
    process_instance_key: Annotated[ProcessInstanceKey, KEY] | None = None
    process_definition_key: Annotated[ProcessDefinitionKey, KEY] | None = None
    incident_key: Annotated[IncidentKey, KEY] | None = None
    start_date: DateTimeFilterProperty | None = None
    end_date: DateTimeFilterProperty | None = None
    element_instance_scope_key: Annotated[ElementInstanceKey | ProcessInstanceKey, KEY] | None = (
        None
    )


class ElementInstanceSearchRequest(SearchQuery[ElementInstanceFilter, ElementInstanceSortField]):
    """Spec: `ElementInstanceSearchQuery`"""


class AdHocActivityReference(RequestModel):
    """An element of an ad-hoc sub-process to activate, with variables for it.

    Spec: `AdHocSubProcessActivateActivityReference`
    """

    element_id: str
    variables: dict[str, Any] | None = None


class ActivateAdHocActivitiesRequest(RequestModel):
    """Spec: `AdHocSubProcessActivateActivitiesInstruction`"""

    elements: list[AdHocActivityReference]
    cancel_remaining_instances: bool | None = None


class SetVariablesRequest(RequestModel):
    """Spec: `SetVariableRequest`"""

    variables: dict[str, Any]
    local: bool | None = None
    operation_reference: OperationReference | None = None
