"""Adaptive backpressure: a client-side limit on concurrent calls that follows the cluster.

Retries alone make every client hammer an overloaded cluster in lockstep. The gate adds an
AIMD concurrency limit, shared by all calls of one client (and its ``with_options``
copies):

* no limit at all until the cluster signals backpressure (429, or 500/503 titled
  ``RESOURCE_EXHAUSTED``);
* the first signal caps the calls in flight at the profile's ``initial_limit``;
* further signals shrink the cap by ``decrease`` (multiplicative), at most once per
  ``decrease_window``: a burst of rejections for calls that were already in flight is one
  congestion event, not twenty; the cap never goes below ``floor``;
* after ``quiet`` seconds without a signal, each answer may grow the cap again, one step
  per ``step_interval``: by one permit up to ``initial_limit`` (additive), then by
  ``growth`` (multiplicative); after ``uncap_after`` quiet seconds the cap is lifted.

:class:`Backpressure` is the sans-I/O state machine (time is passed in);
:class:`AsyncBackpressureGate` and :class:`BackpressureGate` make calls wait for a permit
(anyio events; a lock and a condition for threads). Job completion, failure and error
calls never wait, and a long poll takes its turn but holds no permit while it waits on
the server (see the transports).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import anyio

from camunda._settings import BackpressureProfile
from camunda._transport._fork import reset_after_fork

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "AsyncBackpressureGate",
    "Backpressure",
    "BackpressureGate",
    "BackpressureState",
    "Tuning",
]


@dataclass(frozen=True)
class Tuning:
    """The knobs of one profile (seconds for times)."""

    initial_limit: int
    floor: int
    decrease: float
    decrease_window: float
    quiet: float
    step_interval: float
    growth: float
    uncap_after: float


PROFILES: Final[dict[BackpressureProfile, Tuning | None]] = {
    BackpressureProfile.BALANCED: Tuning(
        initial_limit=16,
        floor=1,
        decrease=0.7,
        decrease_window=0.2,
        quiet=1.0,
        step_interval=0.5,
        growth=1.5,
        uncap_after=30.0,
    ),
    BackpressureProfile.CONSERVATIVE: Tuning(
        initial_limit=8,
        floor=1,
        decrease=0.5,
        decrease_window=0.2,
        quiet=2.0,
        step_interval=1.0,
        growth=1.25,
        uncap_after=60.0,
    ),
    BackpressureProfile.AGGRESSIVE: Tuning(
        initial_limit=32,
        floor=2,
        decrease=0.8,
        decrease_window=0.2,
        quiet=0.5,
        step_interval=0.25,
        growth=2.0,
        uncap_after=10.0,
    ),
    BackpressureProfile.LEGACY: None,  # retries only: signals are counted, never acted on
}


@dataclass(frozen=True)
class BackpressureState:
    """A snapshot of a client's backpressure gate (``client.backpressure_state``).

    Attributes:
        profile: the profile in use (``CAMUNDA_SDK_BACKPRESSURE_PROFILE``).
        limit: the most calls allowed in flight; ``None`` while uncapped.
        in_use: calls holding a permit now (drained job calls and long polls hold none).
        waiting: calls waiting for a permit.
        signals: backpressure answers seen since the client was created.
        last_signal_at: when the last one arrived (``time.time()``), ``None`` if never.
    """

    profile: BackpressureProfile
    limit: int | None
    in_use: int
    waiting: int
    signals: int
    last_signal_at: float | None


class Backpressure:
    """The AIMD state machine: permits in use, the limit, and how answers move it.

    Sans-I/O and not thread-safe: the gates serialise access and wake waiters.
    """

    __slots__ = (
        "_changed_at",
        "_last_signal",
        "_tuning",
        "in_use",
        "last_signal_at",
        "limit",
        "profile",
        "signals",
    )

    def __init__(self, profile: BackpressureProfile) -> None:
        self.profile = profile
        self._tuning = PROFILES[profile]
        self.limit: int | None = None
        self.in_use = 0
        self.signals = 0
        self.last_signal_at: float | None = None
        self._last_signal = -math.inf  # monotonic
        self._changed_at = -math.inf  # monotonic: last decrease or growth step

    def try_acquire(self) -> bool:
        if self.limit is not None and self.in_use >= self.limit:
            return False
        self.in_use += 1
        return True

    def release(self) -> None:
        self.in_use -= 1

    def on_signal(self, now: float) -> None:
        """A backpressure answer: cap on the first one, then shrink once per window."""
        self.signals += 1
        self.last_signal_at = time.time()
        self._last_signal = now
        tuning = self._tuning
        if tuning is None:
            return
        if self.limit is None:
            self.limit = tuning.initial_limit
            self._changed_at = now
        elif now - self._changed_at >= tuning.decrease_window:
            self.limit = max(tuning.floor, math.floor(self.limit * tuning.decrease))
            self._changed_at = now

    def on_success(self, now: float) -> None:
        """Any other answer: after a quiet spell, grow the cap step by step, then lift it."""
        tuning = self._tuning
        if (
            self.limit is None
            or tuning is None
            or now - self._last_signal < tuning.quiet
            or now - self._changed_at < tuning.step_interval
        ):
            return
        self._changed_at = now
        if now - self._last_signal >= tuning.uncap_after:
            self.limit = None
        elif self.limit < tuning.initial_limit:
            self.limit += 1
        else:
            self.limit = math.ceil(self.limit * tuning.growth)

    def snapshot(self, waiting: int) -> BackpressureState:
        return BackpressureState(
            self.profile, self.limit, self.in_use, waiting, self.signals, self.last_signal_at
        )


class AsyncBackpressureGate:
    """Permits for the async client: waiters queue in order; release never awaits."""

    def __init__(
        self, profile: BackpressureProfile, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._state = Backpressure(profile)
        self._clock = clock
        self._waiters: deque[anyio.Event] = deque()
        reset_after_fork(self)

    def reset_after_fork(self) -> None:
        """In a forked child: the parent's calls, and their permits, are not here."""
        self._state.in_use = 0
        self._waiters.clear()

    @property
    def state(self) -> BackpressureState:
        return self._state.snapshot(len(self._waiters))

    async def acquire(self) -> None:
        """Wait for a permit (in arrival order). Cancellation while waiting leaves none held."""
        if not self._waiters and self._state.try_acquire():
            return
        event = anyio.Event()
        self._waiters.append(event)
        try:
            await event.wait()
        except BaseException:
            if event.is_set():  # handed a permit while being cancelled: pass it on
                self.release()
            else:
                self._waiters.remove(event)
            raise

    def release(self) -> None:
        self._state.release()
        self._wake()

    def record(self, *, signal: bool) -> None:
        """Feed the gate one answer from the cluster."""
        if signal:
            self._state.on_signal(self._clock())
        else:
            self._state.on_success(self._clock())
            self._wake()

    def _wake(self) -> None:
        waiters = self._waiters
        while waiters and self._state.try_acquire():
            waiters.popleft().set()  # the permit is taken on the waiter's behalf


class BackpressureGate:
    """Permits for the sync client, whose calls may come from many threads."""

    def __init__(
        self, profile: BackpressureProfile, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._state = Backpressure(profile)
        self._clock = clock
        self._lock = threading.Lock()  # taken directly on the fast paths: cheaper than
        self._freed = threading.Condition(self._lock)  # entering the condition
        self._waiting = 0
        reset_after_fork(self)

    def reset_after_fork(self) -> None:
        """In a forked child: the parent's calls, their permits and the lock one of its
        threads may have held are not here."""
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)
        self._waiting = 0
        self._state.in_use = 0

    @property
    def state(self) -> BackpressureState:
        with self._lock:
            return self._state.snapshot(self._waiting)

    def acquire(self) -> None:
        """Block until a permit is free."""
        with self._lock:
            if self._state.try_acquire():
                return
            self._waiting += 1
            try:
                while not self._state.try_acquire():
                    self._freed.wait()
            finally:
                self._waiting -= 1

    def release(self) -> None:
        with self._lock:
            self._state.release()
            if self._waiting:
                self._freed.notify()

    def record(self, *, signal: bool) -> None:
        """Feed the gate one answer from the cluster."""
        with self._lock:
            if signal:
                self._state.on_signal(self._clock())
            else:
                self._state.on_success(self._clock())
                if self._waiting:
                    self._freed.notify_all()
