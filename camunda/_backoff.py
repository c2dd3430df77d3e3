"""The SDK's one backoff curve: a delay that doubles per attempt from ``initial`` up to
``cap``, and the two ways it is jittered.

* Full jitter (uniform below the curve): the transport's retries and the OAuth token
  refresh, where spreading many clients apart matters most.
* Equal jitter (between half and all of the curve): the job worker's polls and reports,
  loops that must never spin with near-zero pauses.
* No jitter: ``wait_for``, whose pauses are documented as ``interval`` doubled up to
  ``max_interval``.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Backoff", "backoff_ceiling", "full_jitter"]


def backoff_ceiling(attempt: int, initial: float, cap: float) -> float:
    """``initial`` doubled per ``attempt`` (1-based), at most ``cap``."""
    return min(cap, initial * 2 ** min(attempt - 1, 32))


def full_jitter(attempt: int, initial: float, cap: float, rand: Callable[[], float]) -> float:
    """A uniform delay below :func:`backoff_ceiling`."""
    return rand() * backoff_ceiling(attempt, initial, cap)


class Backoff:
    """Consecutive failures of a loop, and the pause after each: equal jitter, so each
    delay is between half and all of :func:`backoff_ceiling` and never collapses to zero."""

    def __init__(
        self, initial: float, cap: float, rand: Callable[[], float] = random.random
    ) -> None:
        self.initial = initial
        self.cap = cap
        self._rand = rand
        self._failures = 0

    def next(self) -> float:
        self._failures += 1
        ceiling = backoff_ceiling(self._failures, self.initial, self.cap)
        return ceiling / 2 + self._rand() * ceiling / 2

    def reset(self) -> None:
        self._failures = 0
