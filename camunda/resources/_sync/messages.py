# Derived by scripts/unasync.py from _async/messages.py; do not edit.
"""The ``messages`` resource group: publish messages and correlate them at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.messages import (
    CorrelateMessageRequest,
    MessageCorrelation,
    MessagePublication,
    PublishMessageRequest,
)
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Messages"]

_CORRELATE = Operation("POST", "/messages/correlation", "correlateMessage",
                       body=CorrelateMessageRequest, returns=MessageCorrelation)
_PUBLISH = Operation("POST", "/messages/publication", "publishMessage",
                     body=PublishMessageRequest, returns=MessagePublication)


class Messages(Resource):
    """Messages that start or continue process instances."""

    __slots__ = ()

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
        """
        return self._transport.request(_CORRELATE, locals())

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
        """
        return self._transport.request(_PUBLISH, locals())
