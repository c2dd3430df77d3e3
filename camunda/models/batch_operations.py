"""Models of the ``batch_operations`` resource group: batch operations and their items.

:class:`BatchOperationCreated` is the answer of every call that starts a batch operation
(``process_instances.cancel_batch``, ``decision_instances.delete_batch``, ...): those
groups import it from here. The actor-type enum also lives here, because both batch
operations and audit logs use it and this module must not depend on the audit logs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum
from camunda.models.common import (
    EnumFilterProperty,
    KeyFilter,
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import BatchOperationKey, ProcessInstanceKey

__all__ = [
    "AuditLogActorType",
    "BatchOperation",
    "BatchOperationCreated",
    "BatchOperationError",
    "BatchOperationErrorType",
    "BatchOperationFilter",
    "BatchOperationItem",
    "BatchOperationItemFilter",
    "BatchOperationItemSearchRequest",
    "BatchOperationItemSortField",
    "BatchOperationItemState",
    "BatchOperationSearchRequest",
    "BatchOperationSortField",
    "BatchOperationState",
    "BatchOperationType",
]


class BatchOperationType(WireEnum):
    """Spec: `BatchOperationTypeEnum`"""

    ADD_VARIABLE = "ADD_VARIABLE"
    CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE"
    DELETE_DECISION_DEFINITION = "DELETE_DECISION_DEFINITION"
    DELETE_DECISION_INSTANCE = "DELETE_DECISION_INSTANCE"
    DELETE_PROCESS_DEFINITION = "DELETE_PROCESS_DEFINITION"
    DELETE_PROCESS_INSTANCE = "DELETE_PROCESS_INSTANCE"
    MIGRATE_PROCESS_INSTANCE = "MIGRATE_PROCESS_INSTANCE"
    MODIFY_PROCESS_INSTANCE = "MODIFY_PROCESS_INSTANCE"
    RESOLVE_INCIDENT = "RESOLVE_INCIDENT"
    UPDATE_VARIABLE = "UPDATE_VARIABLE"


class BatchOperationState(WireEnum):
    """Spec: `BatchOperationStateEnum`"""

    ACTIVE = "ACTIVE"
    CANCELED = "CANCELED"
    COMPLETED = "COMPLETED"
    CREATED = "CREATED"
    FAILED = "FAILED"
    PARTIALLY_COMPLETED = "PARTIALLY_COMPLETED"
    SUSPENDED = "SUSPENDED"


class BatchOperationItemState(WireEnum):
    """The state of one item (answers may also say ``SKIPPED``, kept as a plain string).

    Spec: `BatchOperationItemStateEnum`
    """

    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    CANCELED = "CANCELED"
    FAILED = "FAILED"


class BatchOperationErrorType(WireEnum):
    """Why a partition could not take part in a batch operation."""

    QUERY_FAILED = "QUERY_FAILED"
    RESULT_BUFFER_SIZE_EXCEEDED = "RESULT_BUFFER_SIZE_EXCEEDED"


class AuditLogActorType(WireEnum):
    """Who did something: a user, an OAuth client, or nobody authenticated.

    Spec: `AuditLogActorTypeEnum`
    """

    ANONYMOUS = "ANONYMOUS"
    CLIENT = "CLIENT"
    UNKNOWN = "UNKNOWN"
    USER = "USER"


class BatchOperationCreated(ResponseModel):
    """The answer to a call that starts a batch operation: its key, to follow it with.

    Spec: `BatchOperationCreatedResult`
    """

    batch_operation_key: BatchOperationKey
    batch_operation_type: Lenient[BatchOperationType]


class BatchOperationError(ResponseModel):
    """Spec: `BatchOperationError`"""

    partition_id: int
    type: Lenient[BatchOperationErrorType]
    message: str


class BatchOperation(ResponseModel):
    """A batch operation and how far it has come.

    Spec: `BatchOperationResponse`
    """

    batch_operation_key: BatchOperationKey
    state: Lenient[BatchOperationState]
    batch_operation_type: Lenient[BatchOperationType]
    start_date: datetime | None = None
    end_date: datetime | None = None
    actor_type: Lenient[AuditLogActorType] | None = None
    actor_id: str | None = None
    operations_total_count: int
    operations_failed_count: int
    operations_completed_count: int
    errors: list[BatchOperationError]


class BatchOperationItem(ResponseModel):
    """One entity (usually a process instance) that a batch operation works on.

    Spec: `BatchOperationItemResponse`
    """

    operation_type: Lenient[BatchOperationType]
    batch_operation_key: BatchOperationKey
    item_key: str
    process_instance_key: ProcessInstanceKey | None = None
    root_process_instance_key: ProcessInstanceKey | None = None
    state: Lenient[BatchOperationItemState]
    processed_date: datetime | None = None
    error_message: str | None = None


# Batch operation keys may be numeric or (for older operations) UUIDs: not checked as keys.
_BatchKeyFilter = BatchOperationKey | KeyFilter[BatchOperationKey]


class BatchOperationFilter(RequestModel):
    """Spec: `BatchOperationFilter`"""

    batch_operation_key: _BatchKeyFilter | None = None
    operation_type: EnumFilterProperty[BatchOperationType] | None = None
    state: EnumFilterProperty[BatchOperationState] | None = None
    actor_type: AuditLogActorType | None = None
    actor_id: StringFilterProperty | None = None


BatchOperationSortField = Literal[
    "batchOperationKey",
    "operationType",
    "state",
    "startDate",
    "endDate",
    "actorType",
    "actorId",
]


class BatchOperationSearchRequest(SearchQuery[BatchOperationFilter, BatchOperationSortField]):
    """Spec: `BatchOperationSearchQuery`"""


class BatchOperationItemFilter(RequestModel):
    """Spec: `BatchOperationItemFilter`"""

    batch_operation_key: _BatchKeyFilter | None = None
    item_key: str | KeyFilter[str] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    state: EnumFilterProperty[BatchOperationItemState] | None = None
    operation_type: EnumFilterProperty[BatchOperationType] | None = None


BatchOperationItemSortField = Literal[
    "batchOperationKey",
    "itemKey",
    "processInstanceKey",
    "processedDate",
    "state",
]


class BatchOperationItemSearchRequest(
    SearchQuery[BatchOperationItemFilter, BatchOperationItemSortField]
):
    """Spec: `BatchOperationItemSearchQuery`"""
