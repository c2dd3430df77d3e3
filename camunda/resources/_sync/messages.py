# Derived by scripts/unasync.py from _async/messages.py; do not edit.
"""The ``messages`` resource group: publish messages and correlate them at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda._transport import Operation
from camunda.models.messages import (
    CorrelateMessageRequest,
    MessageCorrelation,
    MessagePublication,
    PublishMessageRequest,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["Messages"]

_CORRELATE = Operation(
    "POST",
    "/messages/correlation",
    "correlateMessage",
    body=CorrelateMessageRequest,
    returns=MessageCorrelation,
)
_PUBLISH = Operation(
    "POST",
    "/messages/publication",
    "publishMessage",
    body=PublishMessageRequest,
    returns=MessagePublication,
)


class Messages(APIResource):
    """Messages that start or continue process instances."""

    __slots__ = ()

    @endpoint(_CORRELATE)
    def correlate(
        self,
        *,
        name: str,
        correlation_key: str | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> MessageCorrelation:
        """Correlate a message to a waiting subscription now, or fail if none waits.

        ``POST /messages/correlation`` (correlateMessage)

        Unlike :meth:`publish`, the message is not buffered: the answer names the process
        instance that received it.

        Args:
            name: the message name, as in the BPMN message event.
            correlation_key: the value that picks the receiving instance (its subscription's
                correlation key).
            variables: variables for the receiving instance, as a JSON object.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return self._transport.request(_CORRELATE, locals())

    @endpoint(_PUBLISH)
    def publish(
        self,
        *,
        name: str,
        correlation_key: str | NotGiven = NOT_GIVEN,
        time_to_live: int | NotGiven = NOT_GIVEN,
        message_id: str | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> MessagePublication:
        """Publish a message, buffered for ``time_to_live`` ms until a subscription takes it.

        ``POST /messages/publication`` (publishMessage)

        A ``message_id`` makes publishing idempotent while the first message is buffered.

        Args:
            name: the message name, as in the BPMN message event.
            correlation_key: the value that picks the receiving instance (its subscription's
                correlation key).
            time_to_live: how long the message is buffered for a subscription to open, in
                milliseconds.
            message_id: a unique id; the cluster ignores a second message with the same id while the
                first is buffered.
            variables: variables for the receiving instance, as a JSON object.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return self._transport.request(_PUBLISH, locals())
