"""``HandlerThreads``: the daemon threads sync handlers run in.

Daemon threads, so a handler stuck for good cannot keep the process from exiting once
the worker has failed its job back; idle threads are reused, one per busy slot at most.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import queue
import threading
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import anyio.lowlevel

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["HandlerThreads"]

T = TypeVar("T")
_Work = tuple["Callable[[], Any]", "Callable[[bool, Any], object]"]


class HandlerThreads:
    """Runs sync calls in daemon threads, at most ``max_threads`` at once (``None``: as
    many as are asked for, when the callers bound their own concurrency)."""

    def __init__(self, max_threads: int | None) -> None:
        self._limiter = None if max_threads is None else anyio.CapacityLimiter(max_threads)
        self._work: queue.SimpleQueue[_Work | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0
        self._count = 0

    async def run(self, call: Callable[[], T]) -> T:
        """Run ``call`` in a thread (with the caller's context variables) and return its
        result or raise its exception. Cancelled, the call is abandoned to its thread."""
        # The loop's own "call this soon" (asyncio's call_soon_threadsafe, trio's
        # run_sync_soon): the thread hands the answer over without waiting for the loop.
        loop: Any = anyio.lowlevel.current_token().native_token
        call_soon = getattr(loop, "call_soon_threadsafe", None) or loop.run_sync_soon
        done = anyio.Event()
        answer: list[tuple[bool, Any]] = []

        def deliver(returned: bool, value: Any) -> None:
            answer.append((returned, value))
            done.set()

        def report(returned: bool, value: Any) -> None:
            # The event loop may be gone: then nobody waits for this any more.
            with contextlib.suppress(RuntimeError):
                call_soon(deliver, returned, value)

        context = contextvars.copy_context()
        work = (functools.partial(context.run, call), report)
        if self._limiter is None:
            self._submit(work)
            await done.wait()
        else:
            async with self._limiter:
                self._submit(work)
                await done.wait()
        returned, value = answer[0]
        if not returned:
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Let idle threads end; busy ones end after their call."""
        with self._lock:
            for _ in range(self._count):
                self._work.put(None)
            self._count = 0

    def _submit(self, work: _Work) -> None:
        with self._lock:
            if self._idle == 0:
                self._count += 1
                threading.Thread(
                    target=self._serve, name=f"camunda-handler-{self._count}", daemon=True
                ).start()
            else:
                self._idle -= 1
        self._work.put(work)

    def _serve(self) -> None:
        while True:
            work = self._work.get()
            if work is None:
                return
            call, report = work
            try:
                result = call()
            except BaseException as exc:  # handed to the waiting task, whatever it is
                report(False, exc)
            else:
                report(True, result)
            del work, call, report
            with self._lock:
                self._idle += 1
