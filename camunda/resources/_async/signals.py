"""The ``signals`` resource group: broadcast signals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.signals import BroadcastSignalRequest, SignalBroadcast
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["AsyncSignals"]

_BROADCAST = Operation("POST", "/signals/broadcast", "broadcastSignal",
                       body=BroadcastSignalRequest, returns=SignalBroadcast)


class AsyncSignals(AsyncResource):
    """Signals: one broadcast reaches every process waiting for its name."""

    __slots__ = ()

    async def broadcast(
        self,
        *,
        signal_name: str,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> SignalBroadcast:
        """Broadcast a signal to every signal event with this name.

        ``POST /signals/broadcast`` (broadcastSignal)
        """
        return await self._transport.request(_BROADCAST, locals())
