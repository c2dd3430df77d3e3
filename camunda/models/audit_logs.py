"""Models of the ``audit_logs`` resource group: who changed what, and with what outcome.

:class:`AuditLog` is also what ``user_tasks.search_audit_logs`` returns.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum
from camunda.models.batch_operations import AuditLogActorType, BatchOperationType
from camunda.models.common import (
    DateTimeFilterProperty,
    EnumFilterProperty,
    KeyFilter,
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import (
    AuditLogKey,
    BatchOperationKey,
    DecisionDefinitionKey,
    DecisionEvaluationKey,
    DecisionRequirementsKey,
    DeploymentKey,
    ElementInstanceKey,
    FormKey,
    JobKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
    ResourceKey,
    UserTaskKey,
)

__all__ = [
    "AuditLog",
    "AuditLogActorType",
    "AuditLogCategory",
    "AuditLogEntityType",
    "AuditLogFilter",
    "AuditLogOperationType",
    "AuditLogOutcome",
    "AuditLogSearchRequest",
    "AuditLogSortField",
]


class AuditLogOperationType(WireEnum):
    """Spec: `AuditLogOperationTypeEnum`"""

    ASSIGN = "ASSIGN"
    CANCEL = "CANCEL"
    COMPLETE = "COMPLETE"
    CREATE = "CREATE"
    DELETE = "DELETE"
    EVALUATE = "EVALUATE"
    MIGRATE = "MIGRATE"
    MODIFY = "MODIFY"
    RESOLVE = "RESOLVE"
    RESUME = "RESUME"
    SUSPEND = "SUSPEND"
    UNASSIGN = "UNASSIGN"
    UNKNOWN = "UNKNOWN"
    UPDATE = "UPDATE"


class AuditLogOutcome(WireEnum):
    """Whether the audited operation succeeded (the wire field is ``result``).

    Spec: `AuditLogResultEnum`
    """

    FAIL = "FAIL"
    SUCCESS = "SUCCESS"


class AuditLogEntityType(WireEnum):
    """Spec: `AuditLogEntityTypeEnum`"""

    AUTHORIZATION = "AUTHORIZATION"
    BATCH = "BATCH"
    DECISION = "DECISION"
    GROUP = "GROUP"
    INCIDENT = "INCIDENT"
    JOB = "JOB"
    MAPPING_RULE = "MAPPING_RULE"
    PROCESS_INSTANCE = "PROCESS_INSTANCE"
    RESOURCE = "RESOURCE"
    ROLE = "ROLE"
    TENANT = "TENANT"
    USER = "USER"
    USER_TASK = "USER_TASK"
    VARIABLE = "VARIABLE"
    CLIENT = "CLIENT"


class AuditLogCategory(WireEnum):
    """Spec: `AuditLogCategoryEnum`"""

    ADMIN = "ADMIN"
    DEPLOYED_RESOURCES = "DEPLOYED_RESOURCES"
    USER_TASKS = "USER_TASKS"


class AuditLog(ResponseModel):
    """One audited operation: what was done to which entity, by whom, and the outcome.

    The ``*_key`` / ``*_id`` fields that do not apply to the entity are ``None``.
    ``entity_key`` is a string because not every audited entity has a numeric key.

    Spec: `AuditLogResult`
    """

    audit_log_key: AuditLogKey
    entity_key: str
    entity_type: Lenient[AuditLogEntityType]
    operation_type: Lenient[AuditLogOperationType]
    batch_operation_key: BatchOperationKey | None = None
    batch_operation_type: Lenient[BatchOperationType] | None = None
    timestamp: datetime
    actor_id: str | None = None
    actor_type: Lenient[AuditLogActorType] | None = None
    agent_element_id: str | None = None
    tenant_id: str | None = None
    result: Lenient[AuditLogOutcome]
    category: Lenient[AuditLogCategory]
    process_definition_id: str | None = None
    process_definition_key: ProcessDefinitionKey | None = None
    process_instance_key: ProcessInstanceKey | None = None
    root_process_instance_key: ProcessInstanceKey | None = None
    element_instance_key: ElementInstanceKey | None = None
    job_key: JobKey | None = None
    user_task_key: UserTaskKey | None = None
    decision_requirements_id: str | None = None
    decision_requirements_key: DecisionRequirementsKey | None = None
    decision_definition_id: str | None = None
    decision_definition_key: DecisionDefinitionKey | None = None
    decision_evaluation_key: DecisionEvaluationKey | None = None
    deployment_key: DeploymentKey | None = None
    form_key: FormKey | None = None
    resource_key: ResourceKey | None = None
    related_entity_key: str | None = None
    related_entity_type: Lenient[AuditLogEntityType] | None = None
    entity_description: str | None = None


class AuditLogFilter(RequestModel):
    """Spec: `AuditLogFilter`"""

    audit_log_key: KeyFilterProperty[AuditLogKey] | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    operation_type: EnumFilterProperty[AuditLogOperationType] | None = None
    result: EnumFilterProperty[AuditLogOutcome] | None = None
    timestamp: DateTimeFilterProperty | None = None
    actor_id: StringFilterProperty | None = None
    actor_type: EnumFilterProperty[AuditLogActorType] | None = None
    agent_element_id: StringFilterProperty | None = None
    entity_key: str | KeyFilter[str] | None = None
    entity_type: EnumFilterProperty[AuditLogEntityType] | None = None
    tenant_id: StringFilterProperty | None = None
    category: EnumFilterProperty[AuditLogCategory] | None = None
    deployment_key: KeyFilterProperty[DeploymentKey] | None = None
    form_key: KeyFilterProperty[FormKey] | None = None
    resource_key: KeyFilterProperty[ResourceKey] | None = None
    batch_operation_type: EnumFilterProperty[BatchOperationType] | None = None
    process_definition_id: StringFilterProperty | None = None
    job_key: KeyFilterProperty[JobKey] | None = None
    user_task_key: KeyFilterProperty[UserTaskKey] | None = None
    decision_requirements_id: StringFilterProperty | None = None
    decision_requirements_key: KeyFilterProperty[DecisionRequirementsKey] | None = None
    decision_definition_id: StringFilterProperty | None = None
    decision_definition_key: KeyFilterProperty[DecisionDefinitionKey] | None = None
    decision_evaluation_key: KeyFilterProperty[DecisionEvaluationKey] | None = None
    related_entity_key: str | KeyFilter[str] | None = None
    related_entity_type: EnumFilterProperty[AuditLogEntityType] | None = None
    entity_description: StringFilterProperty | None = None


AuditLogSortField = Literal[
    "actorId",
    "actorType",
    "auditLogKey",
    "batchOperationKey",
    "batchOperationType",
    "category",
    "decisionDefinitionId",
    "decisionDefinitionKey",
    "decisionEvaluationKey",
    "decisionRequirementsId",
    "decisionRequirementsKey",
    "elementInstanceKey",
    "entityKey",
    "entityType",
    "jobKey",
    "operationType",
    "processDefinitionId",
    "processDefinitionKey",
    "processInstanceKey",
    "result",
    "tenantId",
    "timestamp",
    "userTaskKey",
]


class AuditLogSearchRequest(SearchQuery[AuditLogFilter, AuditLogSortField]):
    """Spec: `AuditLogSearchQueryRequest`"""
