"""Bounded polling: call something until its answer is what you need.

Search results lag behind writes (the secondary store is eventually consistent), so a key
returned by ``create`` may answer 404 for a moment, and a search may not list it yet::

    instance = wait_for(lambda: client.process_instances.get(key))
    page = wait_for(
        lambda: client.incidents.search(filter={"processInstanceKey": key}),
        until=lambda page: len(page.items) > 0,
        description=f"an incident of process instance {key}",
    )

``NotFoundError`` counts as "not yet"; any other error propagates at once. The pauses
between calls start at ``interval`` and double up to ``max_interval``; once ``timeout``
seconds have passed, :class:`~camunda.WaitTimeoutError` names what was awaited and the last
result or error. Each call is bounded by the client's own request timeout, so a wait never
runs much past ``timeout``.

``wait_for`` is the blocking one, for ``CamundaClient``; ``await wait_for_async(...)`` serves
``CamundaAsyncClient`` (plain = sync, as everywhere in the SDK).
"""

from __future__ import annotations

import inspect
import time
import warnings
from collections.abc import Awaitable, Callable  # noqa: TC003 (typing.get_type_hints needs them)
from typing import Any, Generic, TypeVar

import anyio
from typing_extensions import deprecated

from camunda._backoff import backoff_ceiling
from camunda._exceptions import InvalidArgumentError, NotFoundError, WaitTimeoutError

__all__ = ["wait_for", "wait_for_async", "wait_for_sync"]

T = TypeVar("T")

_clock = time.monotonic
_sleep = time.sleep
_PREVIEW = 200


def _any(_: object) -> bool:
    return True


class _Poll(Generic[T]):
    """The sans-I/O part shared by both waits: deadline, backoff and the last outcome."""

    def __init__(
        self,
        fn: Callable[[], object],
        until: Callable[[T], object],
        *,
        timeout: float,
        interval: float,
        max_interval: float,
        description: str | None,
    ) -> None:
        if timeout < 0 or interval <= 0 or max_interval < interval:
            raise InvalidArgumentError(
                "wait_for needs timeout >= 0 and 0 < interval <= max_interval, got "
                f"timeout={timeout}, interval={interval}, max_interval={max_interval}",
                fields=("timeout", "interval", "max_interval"),
            )
        self.until = until
        self.what = description or getattr(fn, "__qualname__", None) or repr(fn)
        self.timeout = timeout
        self.deadline = _clock() + timeout
        self.interval = interval
        self.max_interval = max_interval
        self.attempts = 0
        self.last = "no call finished"
        self.error: NotFoundError | None = None

    def accepts(self, result: T) -> bool:
        self.attempts += 1
        if self.until(result):
            return True
        text = repr(result)
        self.last = "last result: " + (text if len(text) <= _PREVIEW else text[:_PREVIEW] + "...")
        self.error = None
        return False

    def not_found(self, error: NotFoundError) -> None:
        self.attempts += 1
        self.last = f"last error: {error}"
        self.error = error

    def pause(self) -> float:
        """Seconds to sleep before the next call; raises once the deadline has passed."""
        remaining = self.deadline - _clock()
        if remaining <= 0:
            raise WaitTimeoutError(
                f"gave up waiting for {self.what} after {self.timeout:g}s "
                f"({self.attempts} calls); {self.last}"
            ) from self.error
        return min(backoff_ceiling(self.attempts, self.interval, self.max_interval), remaining)


def wait_for(
    fn: Callable[[], T],
    *,
    until: Callable[[T], Any] = _any,
    timeout: float = 10.0,
    interval: float = 0.2,
    max_interval: float = 2.0,
    description: str | None = None,
) -> T:
    """Call ``fn()`` until it returns a result that satisfies ``until``; return that result.

    For ``CamundaClient``; :func:`wait_for_async` is its twin for ``CamundaAsyncClient``.

    Args:
        fn: the call to repeat, e.g. ``lambda: client.jobs.search(...)``.
        until: whether a result is the one awaited (default: any result, i.e. until
            ``fn`` stops raising ``NotFoundError``).
        timeout: seconds after which to give up.
        interval: the first pause in seconds; it doubles after each call.
        max_interval: the longest pause in seconds.
        description: what is awaited, for the error message (default: ``fn``'s name).

    Raises:
        WaitTimeoutError: ``timeout`` passed first (its cause is the last ``NotFoundError``).
    """
    poll: _Poll[T] = _Poll(
        fn,
        until,
        timeout=timeout,
        interval=interval,
        max_interval=max_interval,
        description=description,
    )
    while True:
        try:
            result = fn()
        except NotFoundError as error:
            poll.not_found(error)
        else:
            if inspect.isawaitable(result):  # the 0.1 form: ``await wait_for(async_fn)``
                return _async_form(  # type: ignore[return-value]
                    fn,
                    result,
                    until=until,
                    timeout=timeout,
                    interval=interval,
                    max_interval=max_interval,
                    description=description,
                )
            if poll.accepts(result):
                return result
        _sleep(poll.pause())


async def wait_for_async(
    fn: Callable[[], Awaitable[T]],
    *,
    until: Callable[[T], Any] = _any,
    timeout: float = 10.0,
    interval: float = 0.2,
    max_interval: float = 2.0,
    description: str | None = None,
) -> T:
    """The async twin of :func:`wait_for`, for ``CamundaAsyncClient``; same arguments."""
    poll: _Poll[T] = _Poll(
        fn,
        until,
        timeout=timeout,
        interval=interval,
        max_interval=max_interval,
        description=description,
    )
    while True:
        try:
            result = await fn()
        except NotFoundError as error:
            poll.not_found(error)
        else:
            if poll.accepts(result):
                return result
        await anyio.sleep(poll.pause())


def _async_form(fn: Callable[[], Any], first: Awaitable[Any], **options: Any) -> Awaitable[Any]:
    """``await wait_for(async_fn)``, the form of 0.1 (where ``wait_for`` was the async one):
    still served, by :func:`wait_for_async`, with a ``DeprecationWarning``."""
    warnings.warn(
        "wait_for() with an async function is deprecated: await wait_for_async() instead "
        "(wait_for is the blocking one, like CamundaClient)",
        DeprecationWarning,
        stacklevel=3,
    )
    if inspect.iscoroutine(first):
        first.close()  # not started: wait_for_async makes its own first call
    return wait_for_async(fn, **options)


wait_for_sync = deprecated("wait_for_sync() is deprecated: use wait_for()")(wait_for)
"""Deprecated: the name of :func:`wait_for` in 0.1 (calling it warns)."""
