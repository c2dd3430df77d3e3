# Derived by scripts/unasync.py from _async/signals.py; do not edit.
"""The ``signals`` resource group: broadcast signals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.signals import BroadcastSignalRequest, SignalBroadcast
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Signals"]

_BROADCAST = Operation("POST", "/signals/broadcast", "broadcastSignal",
                       body=BroadcastSignalRequest, returns=SignalBroadcast)


class Signals(Resource):
    """Signals: one broadcast reaches every process waiting for its name."""

    __slots__ = ()

    def broadcast(
        self,
        *,
        signal_name: str,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> SignalBroadcast:
        """Broadcast a signal to every signal event with this name.

        ``POST /signals/broadcast`` (broadcastSignal)
        """
        return self._transport.request(_BROADCAST, locals())
