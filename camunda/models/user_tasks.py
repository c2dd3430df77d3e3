"""Models of the ``user_tasks`` resource group: tasks for people, their forms and variables."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from camunda.models._base import KEY, Lenient, RequestModel, ResponseModel, WireEnum, wire
from camunda.models.audit_logs import (
    AuditLogActorType,
    AuditLogOperationType,
    AuditLogOutcome,
    AuditLogSortField,
)
from camunda.models.common import (
    DateTimeFilterProperty,
    EnumFilterProperty,
    IntegerFilterProperty,
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.models.variables import VariableSortField, VariableValueFilter
from camunda.types import (
    ElementInstanceKey,
    FormKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
    UserTaskKey,
)

__all__ = [
    "AssignUserTaskRequest",
    "CompleteUserTaskRequest",
    "Form",
    "UpdateUserTaskRequest",
    "UserTask",
    "UserTaskAuditLogFilter",
    "UserTaskAuditLogSearchRequest",
    "UserTaskChangeset",
    "UserTaskEffectiveVariableSearchRequest",
    "UserTaskFilter",
    "UserTaskSearchRequest",
    "UserTaskSortField",
    "UserTaskState",
    "UserTaskVariableFilter",
    "UserTaskVariableSearchRequest",
]


class UserTaskState(WireEnum):
    """Spec: `UserTaskStateEnum`"""

    CREATING = "CREATING"
    CREATED = "CREATED"
    ASSIGNING = "ASSIGNING"
    UPDATING = "UPDATING"
    COMPLETING = "COMPLETING"
    COMPLETED = "COMPLETED"
    CANCELING = "CANCELING"
    CANCELED = "CANCELED"
    FAILED = "FAILED"


class UserTask(ResponseModel):
    """A task for a person, created when a process reaches a user task element.

    Spec: `UserTaskResult`
    """

    user_task_key: UserTaskKey
    name: str | None = None
    state: Lenient[UserTaskState]
    assignee: str | None = None
    candidate_groups: list[str]
    candidate_users: list[str]
    priority: int
    creation_date: datetime
    completion_date: datetime | None = None
    due_date: datetime | None = None
    follow_up_date: datetime | None = None
    form_key: FormKey | None = None
    external_form_reference: str | None = None
    custom_headers: dict[str, str]
    tags: list[str]
    element_id: str
    element_instance_key: ElementInstanceKey
    process_name: str | None = None
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_definition_version: int
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    tenant_id: str


class Form(ResponseModel):
    """A deployed form; ``schema`` is its JSON document as a string.

    Spec: `FormResult`
    """

    form_key: FormKey
    form_id: str
    version: int
    schema_: str = wire("schema", ...)
    tenant_id: str


class AssignUserTaskRequest(RequestModel):
    """Spec: `UserTaskAssignmentRequest`"""

    assignee: Annotated[str, Field(min_length=1)] | None = None
    allow_override: bool | None = None
    action: str | None = None


class CompleteUserTaskRequest(RequestModel):
    """Spec: `UserTaskCompletionRequest`"""

    variables: dict[str, Any] | None = None
    action: str | None = None


class UserTaskChangeset(RequestModel):
    """The task attributes to change; a field set to ``None`` is cleared.

    Spec: `Changeset`
    """

    due_date: datetime | None = None
    follow_up_date: datetime | None = None
    candidate_users: list[str] | None = None
    candidate_groups: list[str] | None = None
    priority: int | None = Field(default=None, ge=0, le=100)


class UpdateUserTaskRequest(RequestModel):
    """Spec: `UserTaskUpdateRequest`"""

    changeset: UserTaskChangeset | None = None
    action: str | None = None


class UserTaskFilter(RequestModel):
    """Which user tasks a search returns; every field given must match.

    ``process_instance_variables`` and ``local_variables`` match tasks having all of the
    listed variables.

    Spec: `UserTaskFilter`
    """

    user_task_key: Annotated[UserTaskKey, KEY] | None = None
    state: EnumFilterProperty[UserTaskState] | None = None
    name: StringFilterProperty | None = None
    assignee: StringFilterProperty | None = None
    candidate_group: StringFilterProperty | None = None
    candidate_user: StringFilterProperty | None = None
    priority: IntegerFilterProperty | None = None
    creation_date: DateTimeFilterProperty | None = None
    completion_date: DateTimeFilterProperty | None = None
    due_date: DateTimeFilterProperty | None = None
    follow_up_date: DateTimeFilterProperty | None = None
    tags: list[str] | None = None
    element_id: str | None = None
    element_instance_key: Annotated[ElementInstanceKey, KEY] | None = None
    process_definition_id: StringFilterProperty | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    process_instance_variables: list[VariableValueFilter] | None = None
    local_variables: list[VariableValueFilter] | None = None
    tenant_id: StringFilterProperty | None = None


UserTaskSortField = Literal[
    "creationDate",
    "completionDate",
    "followUpDate",
    "dueDate",
    "priority",
    "name",
]


class UserTaskSearchRequest(SearchQuery[UserTaskFilter, UserTaskSortField]):
    """Spec: `UserTaskSearchQuery`"""


class UserTaskAuditLogFilter(RequestModel):
    """Which audit-log entries of a user task a search returns.

    Spec: `UserTaskAuditLogFilter`
    """

    operation_type: EnumFilterProperty[AuditLogOperationType] | None = None
    result: EnumFilterProperty[AuditLogOutcome] | None = None
    timestamp: DateTimeFilterProperty | None = None
    actor_type: EnumFilterProperty[AuditLogActorType] | None = None
    actor_id: StringFilterProperty | None = None


class UserTaskAuditLogSearchRequest(SearchQuery[UserTaskAuditLogFilter, AuditLogSortField]):
    """Spec: `UserTaskAuditLogSearchQueryRequest`"""


class UserTaskVariableFilter(RequestModel):
    """Spec: `UserTaskVariableFilter`"""

    name: StringFilterProperty | None = None


class UserTaskVariableSearchRequest(SearchQuery[UserTaskVariableFilter, VariableSortField]):
    """Spec: `UserTaskVariableSearchQueryRequest`"""


class UserTaskEffectiveVariableSearchRequest(UserTaskVariableSearchRequest):
    """Paged by offset only (``from`` and ``limit``).

    Spec: `UserTaskEffectiveVariableSearchQueryRequest`
    """
