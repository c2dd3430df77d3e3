"""The ``clock`` resource group: freeze the cluster's clock for tests, and release it."""

from __future__ import annotations

from datetime import datetime
from types import NoneType

from camunda._transport import Operation
from camunda.models.clock import PinClockRequest
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint

__all__ = ["AsyncClock"]

_PIN = Operation("PUT", "/clock", "pinClock", body=PinClockRequest, returns=NoneType)
_RESET = Operation("POST", "/clock/reset", "resetClock", returns=NoneType)


class AsyncClock(AsyncAPIResource):
    """The cluster's clock, which tests may pin to a fixed instant (timers, due dates)."""

    __slots__ = ()

    @endpoint(_PIN)
    async def pin(self, *, timestamp: int | datetime) -> None:
        """Freeze the cluster's clock at ``timestamp`` (epoch milliseconds or an aware datetime).

        ``PUT /clock`` (pinClock)

        Only available when the cluster enables the controlled clock.

        Args:
            timestamp: the instant to pin the clock to (milliseconds since the epoch, or an ISO 8601
                date-time).
        """
        return await self._transport.request(_PIN, locals())

    @endpoint(_RESET)
    async def reset(self) -> None:
        """Let the cluster's clock follow the system time again.

        ``POST /clock/reset`` (resetClock)
        """
        return await self._transport.request(_RESET, locals())
