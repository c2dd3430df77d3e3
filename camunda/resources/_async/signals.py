"""The ``signals`` resource group: broadcast signals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda._transport import Operation
from camunda.models.signals import BroadcastSignalRequest, SignalBroadcast
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncSignals"]

_BROADCAST = Operation(
    "POST",
    "/signals/broadcast",
    "broadcastSignal",
    body=BroadcastSignalRequest,
    returns=SignalBroadcast,
)


class AsyncSignals(AsyncAPIResource):
    """Signals: one broadcast reaches every process waiting for its name."""

    __slots__ = ()

    @endpoint(_BROADCAST)
    async def broadcast(
        self,
        *,
        signal_name: str,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> SignalBroadcast:
        """Broadcast a signal to every signal event with this name.

        ``POST /signals/broadcast`` (broadcastSignal)

        Args:
            signal_name: the name of the signal; every signal event with this name receives it.
            variables: variables for the instances the signal reaches, as a JSON object.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return await self._transport.request(_BROADCAST, locals())
