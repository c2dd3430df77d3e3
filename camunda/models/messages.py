"""Models of the ``messages`` resource group: publishing and correlating messages."""

from __future__ import annotations

from typing import Any

from camunda.models._base import RequestModel, ResponseModel
from camunda.types import MessageKey, ProcessInstanceKey

__all__ = [
    "CorrelateMessageRequest",
    "MessageCorrelation",
    "MessagePublication",
    "PublishMessageRequest",
]


class CorrelateMessageRequest(RequestModel):
    """Spec: `MessageCorrelationRequest`"""

    name: str
    correlation_key: str | None = None
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class MessageCorrelation(ResponseModel):
    """The message that was correlated and the process instance it reached.

    Spec: `MessageCorrelationResult`
    """

    message_key: MessageKey
    process_instance_key: ProcessInstanceKey
    tenant_id: str


class PublishMessageRequest(RequestModel):
    """Spec: `MessagePublicationRequest`"""

    name: str
    correlation_key: str | None = None
    time_to_live: int | None = None
    message_id: str | None = None
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class MessagePublication(ResponseModel):
    """Spec: `MessagePublicationResult`"""

    message_key: MessageKey
    tenant_id: str
