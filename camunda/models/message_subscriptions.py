"""Models of the ``message_subscriptions`` resource group: open and correlated subscriptions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum
from camunda.models.common import (
    DateTimeFilterProperty,
    EnumFilterProperty,
    IntegerFilterProperty,
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import (
    ElementInstanceKey,
    MessageKey,
    MessageSubscriptionKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
)

__all__ = [
    "CorrelatedMessageSubscription",
    "CorrelatedMessageSubscriptionFilter",
    "CorrelatedMessageSubscriptionSearchRequest",
    "CorrelatedMessageSubscriptionSortField",
    "MessageSubscription",
    "MessageSubscriptionFilter",
    "MessageSubscriptionSearchRequest",
    "MessageSubscriptionSortField",
    "MessageSubscriptionState",
    "MessageSubscriptionType",
]


class MessageSubscriptionState(WireEnum):
    """Spec: `MessageSubscriptionStateEnum`"""

    CORRELATED = "CORRELATED"
    CREATED = "CREATED"
    DELETED = "DELETED"
    MIGRATED = "MIGRATED"


class MessageSubscriptionType(WireEnum):
    """Spec: `MessageSubscriptionTypeEnum`"""

    START_EVENT = "START_EVENT"
    PROCESS_EVENT = "PROCESS_EVENT"


class MessageSubscription(ResponseModel):
    """A message event waiting for (or done waiting for) a message.

    Start-event subscriptions belong to a definition and have no process instance.

    Spec: `MessageSubscriptionResult`
    """

    message_subscription_key: MessageSubscriptionKey
    message_subscription_type: Lenient[MessageSubscriptionType]
    message_subscription_state: Lenient[MessageSubscriptionState]
    message_name: str
    correlation_key: str | None = None
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey | None = None
    process_definition_name: str | None = None
    process_definition_version: int | None = None
    process_instance_key: ProcessInstanceKey | None = None
    root_process_instance_key: ProcessInstanceKey | None = None
    element_id: str
    element_instance_key: ElementInstanceKey | None = None
    last_updated_date: datetime
    extension_properties: dict[str, str]
    tool_name: str | None = None
    inbound_connector_type: str | None = None
    tenant_id: str


class MessageSubscriptionFilter(RequestModel):
    """Which message subscriptions a search returns; every field given must match.

    Spec: `MessageSubscriptionFilter`
    """

    message_subscription_key: KeyFilterProperty[MessageSubscriptionKey] | None = None
    message_subscription_type: EnumFilterProperty[MessageSubscriptionType] | None = None
    message_subscription_state: EnumFilterProperty[MessageSubscriptionState] | None = None
    message_name: StringFilterProperty | None = None
    correlation_key: StringFilterProperty | None = None
    process_definition_id: StringFilterProperty | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None
    process_definition_name: StringFilterProperty | None = None
    process_definition_version: IntegerFilterProperty | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    element_id: StringFilterProperty | None = None
    element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    last_updated_date: DateTimeFilterProperty | None = None
    tool_name: StringFilterProperty | None = None
    inbound_connector_type: StringFilterProperty | None = None
    tenant_id: StringFilterProperty | None = None


MessageSubscriptionSortField = Literal[
    "messageSubscriptionKey",
    "processDefinitionId",
    "processDefinitionName",
    "processDefinitionVersion",
    "processInstanceKey",
    "elementId",
    "elementInstanceKey",
    "messageSubscriptionState",
    "messageSubscriptionType",
    "lastUpdatedDate",
    "messageName",
    "correlationKey",
    "tenantId",
    "toolName",
    "inboundConnectorType",
]


class MessageSubscriptionSearchRequest(
    SearchQuery[MessageSubscriptionFilter, MessageSubscriptionSortField]
):
    """Spec: `MessageSubscriptionSearchQuery`"""


class CorrelatedMessageSubscription(ResponseModel):
    """A message that was correlated to a subscription, and when.

    Spec: `CorrelatedMessageSubscriptionResult`
    """

    subscription_key: MessageSubscriptionKey
    message_key: MessageKey
    message_name: str
    correlation_key: str | None = None
    correlation_time: datetime
    partition_id: int
    process_definition_id: str
    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    element_id: str
    element_instance_key: ElementInstanceKey | None = None
    tenant_id: str


class CorrelatedMessageSubscriptionFilter(RequestModel):
    """Which correlations a search returns; every field given must match.

    Spec: `CorrelatedMessageSubscriptionFilter`
    """

    subscription_key: KeyFilterProperty[MessageSubscriptionKey] | None = None
    message_key: KeyFilterProperty[MessageKey] | None = None
    message_name: StringFilterProperty | None = None
    correlation_key: StringFilterProperty | None = None
    correlation_time: DateTimeFilterProperty | None = None
    partition_id: IntegerFilterProperty | None = None
    process_definition_id: StringFilterProperty | None = None
    process_definition_key: KeyFilterProperty[ProcessDefinitionKey] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None
    element_id: StringFilterProperty | None = None
    element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    tenant_id: StringFilterProperty | None = None


CorrelatedMessageSubscriptionSortField = Literal[
    "correlationKey",
    "correlationTime",
    "elementId",
    "elementInstanceKey",
    "messageKey",
    "messageName",
    "partitionId",
    "processDefinitionId",
    "processDefinitionKey",
    "processInstanceKey",
    "subscriptionKey",
    "tenantId",
]


class CorrelatedMessageSubscriptionSearchRequest(
    SearchQuery[CorrelatedMessageSubscriptionFilter, CorrelatedMessageSubscriptionSortField]
):
    """Spec: `CorrelatedMessageSubscriptionSearchQuery`"""
