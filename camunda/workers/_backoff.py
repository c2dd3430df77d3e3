"""``Backoff``: the delays between attempts after failed polls and extensions."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Backoff"]


class Backoff:
    """Exponential backoff with "equal jitter": each delay is between half and all of
    ``min(cap, initial * 2**n)``, so it spreads out yet never collapses to zero."""

    def __init__(self, initial: float, cap: float,
                 rand: Callable[[], float] = random.random) -> None:
        self.initial = initial
        self.cap = cap
        self._rand = rand
        self._failures = 0

    def next(self) -> float:
        ceiling = min(self.cap, self.initial * 2 ** min(self._failures, 32))
        self._failures += 1
        return ceiling / 2 + self._rand() * ceiling / 2

    def reset(self) -> None:
        self._failures = 0
