"""``ClusterClock``: move the cluster's clock in a test (timers fire when it passes them).

The cluster answers ``PUT /clock`` and ``POST /clock/reset`` only when its clock is
controllable: always on the fake cluster; on a real one only if it was started with
``ZEEBE_CLOCK_CONTROLLED=true`` (as Camunda Process Test starts its container). Tests that
need it carry the ``camunda_controlled_clock`` marker.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from camunda import CamundaClient

__all__ = ["ClusterClock"]


class ClusterClock:
    """Pins the cluster's clock and moves it forward.

    ``advance`` pins the clock ``delta`` after the instant pinned last (or after now, the
    first time), so a timer due in one hour fires after ``clock.advance(hours=1)``.

    Args:
        client: the client to send the clock commands with.
    """

    def __init__(self, client: CamundaClient) -> None:
        self._client = client
        self.now: datetime | None = None
        """The instant the clock is pinned to (``None``: it runs freely)."""

    def pin(self, at: datetime) -> datetime:
        """Freeze the cluster's clock at ``at`` (an aware datetime); returns it."""
        if at.tzinfo is None:
            raise ValueError("pin() needs an aware datetime (e.g. with tzinfo=timezone.utc)")
        self._client.clock.pin(timestamp=at)
        self.now = at
        return at

    def advance(
        self,
        delta: timedelta | None = None,
        *,
        hours: float = 0,
        minutes: float = 0,
        seconds: float = 0,
        days: float = 0,
    ) -> datetime:
        """Pin the clock ``delta`` (or the given units) later; returns the new instant."""
        step = (delta or timedelta()) + timedelta(
            days=days, hours=hours, minutes=minutes, seconds=seconds
        )
        if step < timedelta():
            raise ValueError(f"the clock only moves forward, got {step}")
        start = self.now or datetime.now(timezone.utc)
        return self.pin(start + step)

    def reset(self) -> None:
        """Let the cluster's clock run with the system time again."""
        self._client.clock.reset()
        self.now = None
