# Derived by scripts/unasync.py from _async/clock.py; do not edit.
"""The ``clock`` resource group: freeze the cluster's clock for tests, and release it."""

from __future__ import annotations

from datetime import datetime
from types import NoneType

from camunda._transport import Operation
from camunda.models.clock import PinClockRequest
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource

__all__ = ["Clock"]

_PIN = Operation("PUT", "/clock", "pinClock", body=PinClockRequest, returns=NoneType)
_RESET = Operation("POST", "/clock/reset", "resetClock", returns=NoneType)


class Clock(APIResource):
    """The cluster's clock, which tests may pin to a fixed instant (timers, due dates)."""

    __slots__ = ()

    @endpoint(_PIN)
    def pin(self, *, timestamp: int | datetime) -> None:
        """Freeze the cluster's clock at ``timestamp`` (epoch milliseconds or an aware datetime).

        ``PUT /clock`` (pinClock)

        Only available when the cluster enables the controlled clock.

        Args:
            timestamp: the instant to pin the clock to (milliseconds since the epoch, or an ISO 8601
                date-time).
        """
        return self._transport.request(_PIN, locals())

    @endpoint(_RESET)
    def reset(self) -> None:
        """Let the cluster's clock follow the system time again.

        ``POST /clock/reset`` (resetClock)
        """
        return self._transport.request(_RESET, locals())
