"""Models of the ``process_instances`` resource group: creating, changing and finding
process instances, their batch operations and statistics."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, Discriminator, Field, StringConstraints, Tag

from camunda.models._base import (
    KEY,
    Lenient,
    OperationReference,
    RequestModel,
    ResponseModel,
    TaggedRequest,
    WireEnum,
    wire,
)
from camunda.models.common import (
    DateTimeFilterProperty,
    EnumFilterProperty,
    IntegerFilterProperty,
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.models.element_instances import ElementInstanceState
from camunda.models.variables import VariableValueFilter
from camunda.types import ElementInstanceKey, ProcessDefinitionKey, ProcessInstanceKey

__all__ = [
    "AncestorScopeInstruction",
    "BaseProcessInstanceFilter",
    "BatchMoveInstruction",
    "CancelProcessInstanceRequest",
    "CancelProcessInstancesBatchRequest",
    "CreateProcessInstanceByIdRequest",
    "CreateProcessInstanceByKeyRequest",
    "CreateProcessInstanceRequest",
    "CreatedProcessInstance",
    "DeleteProcessInstanceRequest",
    "DeleteProcessInstancesBatchRequest",
    "DirectAncestorScope",
    "InferredAncestorScope",
    "MigrateProcessInstanceRequest",
    "MigrateProcessInstancesBatchRequest",
    "MigrationMappingInstruction",
    "MigrationPlan",
    "ModificationActivateInstruction",
    "ModificationMoveInstruction",
    "ModificationTerminateInstruction",
    "ModificationVariableInstruction",
    "ModifyProcessInstanceRequest",
    "ModifyProcessInstancesBatchRequest",
    "ProcessElementStatistics",
    "ProcessInstance",
    "ProcessInstanceCallHierarchyEntry",
    "ProcessInstanceElementStatistics",
    "ProcessInstanceFilter",
    "ProcessInstanceFilterFields",
    "ProcessInstanceSearchRequest",
    "ProcessInstanceSequenceFlow",
    "ProcessInstanceSequenceFlows",
    "ProcessInstanceSortField",
    "ProcessInstanceState",
    "ResolveIncidentsBatchRequest",
    "SourceElementById",
    "SourceElementByKey",
    "SourceElementInstruction",
    "SourceParentAncestorScope",
    "StartInstruction",
    "TerminateByElementId",
    "TerminateByElementInstanceKey",
    "TerminateInstruction",
]

ProcessInstanceSortField = Literal[
    "processInstanceKey",
    "processDefinitionId",
    "processDefinitionName",
    "processDefinitionVersion",
    "processDefinitionVersionTag",
    "processDefinitionKey",
    "parentProcessInstanceKey",
    "parentElementInstanceKey",
    "startDate",
    "endDate",
    "state",
    "hasIncident",
    "tenantId",
    "businessId",
]

TagValue = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$", max_length=100)
]
"""A tag on a process instance: a letter, then up to 99 letters, digits, ``_-:.``."""

BusinessId = Annotated[str, StringConstraints(min_length=1, max_length=256)]


class ProcessInstanceState(WireEnum):
    """Spec: `ProcessInstanceStateEnum`"""

    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    TERMINATED = "TERMINATED"


# ------------------------------------------------------------------------------ results


class ProcessInstance(ResponseModel):
    """A process instance, running or finished.

    Spec: `ProcessInstanceResult`
    """

    process_definition_id: str
    process_definition_name: str | None = None
    process_definition_version: int
    process_definition_version_tag: str | None = None
    start_date: datetime
    end_date: datetime | None = None
    state: Lenient[ProcessInstanceState]
    has_incident: bool
    tenant_id: str
    process_instance_key: ProcessInstanceKey
    process_definition_key: ProcessDefinitionKey
    parent_process_instance_key: ProcessInstanceKey | None = None
    parent_element_instance_key: ElementInstanceKey | None = None
    root_process_instance_key: ProcessInstanceKey | None = None
    tags: list[str]
    business_id: str | None = None


class CreatedProcessInstance(ResponseModel):
    """A process instance just created; ``variables`` are its final variables when the
    call waited for completion (``await_completion=True``).

    Spec: `CreateProcessInstanceResult`
    """

    process_definition_id: str
    process_definition_version: int
    tenant_id: str
    variables: dict[str, Any]
    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey
    tags: list[str]
    business_id: str | None = None


class ProcessInstanceCallHierarchyEntry(ResponseModel):
    """One level of the chain of call activities that led to a process instance.

    Spec: `ProcessInstanceCallHierarchyEntry`
    """

    process_instance_key: ProcessInstanceKey
    process_definition_key: ProcessDefinitionKey
    process_definition_name: str


class ProcessElementStatistics(ResponseModel):
    """How many element instances of one BPMN element are in each state.

    Spec: `ProcessElementStatisticsResult`
    """

    element_id: str
    active: int
    canceled: int
    incidents: int
    completed: int


class ProcessInstanceElementStatistics(ResponseModel):
    """Spec: `ProcessInstanceElementStatisticsQueryResult`"""

    items: list[ProcessElementStatistics]


class ProcessInstanceSequenceFlow(ResponseModel):
    """A sequence flow a process instance has taken.

    Spec: `ProcessInstanceSequenceFlowResult`
    """

    sequence_flow_id: str
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    process_definition_key: ProcessDefinitionKey
    process_definition_id: str
    element_id: str
    tenant_id: str


class ProcessInstanceSequenceFlows(ResponseModel):
    """Spec: `ProcessInstanceSequenceFlowsQueryResult`"""

    items: list[ProcessInstanceSequenceFlow]


# ------------------------------------------------------------------------------ filters


class BaseProcessInstanceFilter(RequestModel):
    """The process-instance criteria shared by searches and statistics.

    Spec: `BaseProcessInstanceFilterFields`
    """

    start_date: DateTimeFilterProperty | None = None
    end_date: DateTimeFilterProperty | None = None
    state: EnumFilterProperty[ProcessInstanceState] | None = None
    has_incident: bool | None = None
    tenant_id: StringFilterProperty | None = None
    variables: list[VariableValueFilter] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    parent_process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    parent_element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    batch_operation_id: StringFilterProperty | None = None
    batch_operation_key: StringFilterProperty | None = None
    error_message: StringFilterProperty | None = None
    has_retries_left: bool | None = None
    element_instance_state: EnumFilterProperty[ElementInstanceState] | None = None
    element_id: StringFilterProperty | None = None
    has_element_instance_incident: bool | None = None
    incident_error_hash_code: IntegerFilterProperty | None = None
    tags: list[TagValue] | None = None
    business_id: StringFilterProperty | None = None


class ProcessInstanceFilterFields(BaseProcessInstanceFilter):
    """Spec: `ProcessInstanceFilterFields`"""

    process_definition_id: StringFilterProperty | None = None
    process_definition_name: StringFilterProperty | None = None
    process_definition_version: IntegerFilterProperty | None = None
    process_definition_version_tag: StringFilterProperty | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None


class ProcessInstanceFilter(ProcessInstanceFilterFields):
    """Which process instances a search or batch operation covers: every field given must
    match, and at least one of the ``or_`` alternatives (wire name ``$or``) if given.

    Spec: `ProcessInstanceFilter`
    """

    or_: list[ProcessInstanceFilterFields] | None = wire("$or")


class ProcessInstanceSearchRequest(SearchQuery[ProcessInstanceFilter, ProcessInstanceSortField]):
    """Spec: `ProcessInstanceSearchQuery`"""


# ----------------------------------------------------------------------------- creation


class StartInstruction(RequestModel):
    """Start the new instance at this element instead of the none start event.

    Spec: `ProcessInstanceCreationStartInstruction`
    """

    element_id: str


class TerminateInstruction(TaggedRequest):
    """Terminate the new instance once the element ``after_element_id`` has completed.

    Spec: `ProcessInstanceCreationTerminateInstruction`
    """

    type: Literal["TERMINATE_PROCESS_INSTANCE"] = "TERMINATE_PROCESS_INSTANCE"
    after_element_id: str


class _CreateProcessInstance(RequestModel):
    process_definition_version: int | None = None
    variables: dict[str, Any] | None = None
    start_instructions: list[StartInstruction] | None = None
    runtime_instructions: list[TerminateInstruction] | None = None
    tenant_id: str | None = None
    operation_reference: OperationReference | None = None
    await_completion: bool | None = None
    request_timeout: int | None = None
    fetch_variables: list[str] | None = None
    tags: list[TagValue] | None = None
    business_id: BusinessId | None = None


class CreateProcessInstanceByKeyRequest(_CreateProcessInstance):
    """Create an instance of the process definition with this key.

    Spec: `ProcessInstanceCreationInstructionByKey`
    """

    process_definition_key: Annotated[ProcessDefinitionKey, KEY]


class CreateProcessInstanceByIdRequest(_CreateProcessInstance):
    """Create an instance of the latest (or ``process_definition_version``) version of the
    process with this BPMN id.

    Spec: `ProcessInstanceCreationInstructionById`
    """

    process_definition_id: str = Field(min_length=1)


def _creation_kind(value: Any) -> str | None:
    """``ByKey`` or ``ById`` after which of the two identifiers is given; None unless one is."""
    if isinstance(value, BaseModel):
        return "ByKey" if isinstance(value, CreateProcessInstanceByKeyRequest) else "ById"
    if not isinstance(value, Mapping):
        return None
    fields: Mapping[str, Any] = value  # pyright: ignore[reportUnknownVariableType]
    by_key = "process_definition_key" in fields or "processDefinitionKey" in fields
    by_id = "process_definition_id" in fields or "processDefinitionId" in fields
    if by_key == by_id:
        return None
    return "ByKey" if by_key else "ById"


CreateProcessInstanceRequest = Annotated[
    Union[  # noqa: UP007
        Annotated[CreateProcessInstanceByKeyRequest, Tag("ByKey")],
        Annotated[CreateProcessInstanceByIdRequest, Tag("ById")],
    ],
    Discriminator(
        _creation_kind,
        custom_error_type="one_process_definition",
        custom_error_message=(
            "give exactly one of process_definition_key and process_definition_id"
        ),
    ),
]
"""Spec: `ProcessInstanceCreationInstruction`"""


# ----------------------------------------------------------------------- single changes


class CancelProcessInstanceRequest(RequestModel):
    """Spec: `cancelProcessInstance` (inline request body)"""

    operation_reference: OperationReference | None = None


class DeleteProcessInstanceRequest(CancelProcessInstanceRequest):
    """Spec: `deleteProcessInstance` (inline request body)"""


class MigrationMappingInstruction(RequestModel):
    """Map an element of the source process to one of the target process.

    Spec: `MigrateProcessInstanceMappingInstruction`
    """

    source_element_id: str
    target_element_id: str


class MigrateProcessInstanceRequest(RequestModel):
    """Spec: `ProcessInstanceMigrationInstruction`"""

    target_process_definition_key: Annotated[ProcessDefinitionKey, KEY]
    mapping_instructions: list[MigrationMappingInstruction]
    operation_reference: OperationReference | None = None


class ModificationVariableInstruction(RequestModel):
    """Variables to set when an element is activated, in the scope of element
    ``scope_id`` (default: the activated element itself).

    Spec: `ModifyProcessInstanceVariableInstruction`
    """

    variables: dict[str, Any]
    scope_id: str | None = None


class ModificationActivateInstruction(RequestModel):
    """Activate an element, optionally inside a given ancestor element instance.

    Spec: `ProcessInstanceModificationActivateInstruction`
    """

    element_id: str
    variable_instructions: list[ModificationVariableInstruction] | None = None
    ancestor_element_instance_key: Annotated[ElementInstanceKey, KEY] | None = None


class SourceElementById(TaggedRequest):
    """Move every active instance of the element ``source_element_id``.

    Spec: `SourceElementIdInstruction`
    """

    tag_field: ClassVar[str] = "source_type"
    source_type: Literal["byId"] = "byId"
    source_element_id: str


class SourceElementByKey(TaggedRequest):
    """Move one element instance.

    Spec: `SourceElementInstanceKeyInstruction`
    """

    tag_field: ClassVar[str] = "source_type"
    source_type: Literal["byKey"] = "byKey"
    source_element_instance_key: Annotated[ElementInstanceKey, KEY]


SourceElementInstruction = SourceElementById | SourceElementByKey
"""Spec: `SourceElementInstruction`"""


class DirectAncestorScope(TaggedRequest):
    """Create the moved element inside this ancestor element instance.

    Spec: `DirectAncestorKeyInstruction`
    """

    tag_field: ClassVar[str] = "ancestor_scope_type"
    ancestor_scope_type: Literal["direct"] = "direct"
    ancestor_element_instance_key: Annotated[ElementInstanceKey, KEY]


class InferredAncestorScope(TaggedRequest):
    """Let the cluster find the ancestor scope of the target element.

    Spec: `InferredAncestorKeyInstruction`
    """

    tag_field: ClassVar[str] = "ancestor_scope_type"
    ancestor_scope_type: Literal["inferred"] = "inferred"


class SourceParentAncestorScope(TaggedRequest):
    """Create the moved element in the parent scope of the source element instance.

    Spec: `UseSourceParentKeyInstruction`
    """

    tag_field: ClassVar[str] = "ancestor_scope_type"
    ancestor_scope_type: Literal["sourceParent"] = "sourceParent"


AncestorScopeInstruction = Annotated[
    DirectAncestorScope | InferredAncestorScope | SourceParentAncestorScope,
    Field(discriminator="ancestor_scope_type"),
]
"""Spec: `AncestorScopeInstruction`"""


class ModificationMoveInstruction(RequestModel):
    """Terminate the source element instance(s) and activate ``target_element_id``.

    Spec: `ProcessInstanceModificationMoveInstruction`
    """

    source_element_instruction: SourceElementInstruction
    target_element_id: str
    ancestor_scope_instruction: AncestorScopeInstruction | None = None
    variable_instructions: list[ModificationVariableInstruction] | None = None


class TerminateByElementId(RequestModel):
    """Terminate every active instance of an element.

    Spec: `ProcessInstanceModificationTerminateByIdInstruction`
    """

    element_id: str


class TerminateByElementInstanceKey(RequestModel):
    """Terminate one element instance.

    Spec: `ProcessInstanceModificationTerminateByKeyInstruction`
    """

    element_instance_key: Annotated[ElementInstanceKey, KEY]


ModificationTerminateInstruction = TerminateByElementId | TerminateByElementInstanceKey
"""Spec: `ProcessInstanceModificationTerminateInstruction`"""


class ModifyProcessInstanceRequest(RequestModel):
    """Spec: `ProcessInstanceModificationInstruction`"""

    operation_reference: OperationReference | None = None
    activate_instructions: list[ModificationActivateInstruction] | None = None
    move_instructions: list[ModificationMoveInstruction] | None = None
    terminate_instructions: list[ModificationTerminateInstruction] | None = None


# ---------------------------------------------------------------------- batch operations


class _FilteredBatchRequest(RequestModel):
    filter: ProcessInstanceFilter
    operation_reference: OperationReference | None = None


class CancelProcessInstancesBatchRequest(_FilteredBatchRequest):
    """Spec: `ProcessInstanceCancellationBatchOperationRequest`"""


class DeleteProcessInstancesBatchRequest(_FilteredBatchRequest):
    """Spec: `ProcessInstanceDeletionBatchOperationRequest`"""


class ResolveIncidentsBatchRequest(_FilteredBatchRequest):
    """Spec: `ProcessInstanceIncidentResolutionBatchOperationRequest`"""


class MigrationPlan(RequestModel):
    """Spec: `ProcessInstanceMigrationBatchOperationPlan`"""

    target_process_definition_key: Annotated[ProcessDefinitionKey, KEY]
    mapping_instructions: list[MigrationMappingInstruction]


class MigrateProcessInstancesBatchRequest(_FilteredBatchRequest):
    """Spec: `ProcessInstanceMigrationBatchOperationRequest`"""

    migration_plan: MigrationPlan


class BatchMoveInstruction(RequestModel):
    """Move the active instances of one element to another, in every matched instance.

    Spec: `ProcessInstanceModificationMoveBatchOperationInstruction`
    """

    source_element_id: str
    target_element_id: str


class ModifyProcessInstancesBatchRequest(_FilteredBatchRequest):
    """Spec: `ProcessInstanceModificationBatchOperationRequest`"""

    move_instructions: list[BatchMoveInstruction]
