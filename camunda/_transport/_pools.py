"""The connection pools of a client and its ``with_options`` copies, and when they may be used.

* Created on first use (a client that sends nothing loads no CA bundle).
* Two owned pools: calls the server holds open (job long polls, instances awaited to
  completion) get their own, so however many job types poll, the calls that settle jobs
  never wait behind them for a connection.
* After ``os.fork()`` the child opens fresh pools: the inherited ones share their sockets
  with the parent, and answers would cross between the processes. A borrowed
  ``http_client`` cannot be replaced: using it in a child raises.
* After ``close()`` every call raises :class:`~camunda.ClientUsageError`, whether or not
  the client was used before; closing again does nothing.
* An async client is bound to the event loop it first sends on; a call from another loop
  raises :class:`~camunda.ClientUsageError` (its connections belong to the first loop).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Final, Generic, TypeVar

import anyio.lowlevel
import httpx

from camunda._exceptions import ClientUsageError
from camunda._transport._fork import reset_after_fork
from camunda._transport._request import SDK_HEADERS
from camunda._transport._tls import default_ssl_context

if TYPE_CHECKING:
    import ssl

__all__ = ["AsyncPools", "Pools"]

PoolT = TypeVar("PoolT", httpx.Client, httpx.AsyncClient)

# Ordinary calls: sized to real concurrency (httpx's per-request CPU grows with the pool).
_CALL_LIMITS: Final = httpx.Limits(max_connections=64, max_keepalive_connections=64)
# Calls the server holds open: a job worker has one long poll per job type at a time, an
# application as many awaited instances as it starts. Wide, so a worker with hundreds of
# job types never queues one poll behind another; bounded, so a flood of awaited
# instances cannot exhaust the process's file descriptors.
_HELD_LIMITS: Final = httpx.Limits(max_connections=512, max_keepalive_connections=64)

_CLOSED: Final = (
    "this client was closed: open a new one (or use it as a context manager around "
    "all of its calls)"
)


class _Pools(Generic[PoolT]):
    """The pools one client and its copies share; see the module docstring."""

    __slots__ = (
        "__weakref__",
        "_borrowed",
        "_calls",
        "_closed",
        "_forked_from",
        "_held",
        "_lock",
        "_timeout",
        "_verify",
    )

    def __init__(
        self, borrowed: PoolT | None, *, verify: ssl.SSLContext | None, timeout: httpx.Timeout
    ) -> None:
        self._borrowed = borrowed
        self._verify = verify
        self._timeout = timeout
        self._calls: PoolT | None = borrowed
        self._held: PoolT | None = borrowed
        self._lock = threading.Lock()  # threads sharing a sync client: create exactly one
        self._closed = False
        self._forked_from: int | None = None  # the parent's pid, in a child with a borrowed pool
        reset_after_fork(self)

    @property
    def borrowed(self) -> bool:
        """Whether the pool is the caller's ``http_client`` (left open on close)."""
        return self._borrowed is not None

    def get(self, *, held_open: bool = False) -> PoolT:
        """The pool for a call (``held_open``: one the server may hold open)."""
        if self._closed:
            raise ClientUsageError(_CLOSED)
        if self._forked_from is not None:
            raise ClientUsageError(
                f"this client's http_client was created in process {self._forked_from} and "
                f"this is process {os.getpid()}, forked from it: sharing its connections "
                "would mix up the answers of both. Create the client (and its http_client) "
                "in the child process"
            )
        pool = self._held if held_open else self._calls
        if pool is None:
            with self._lock:
                pool = self._held if held_open else self._calls
                if pool is None:
                    pool = self._create(_HELD_LIMITS if held_open else _CALL_LIMITS)
                    if held_open:
                        self._held = pool
                    else:
                        self._calls = pool
        return pool

    def _create(self, limits: httpx.Limits) -> PoolT:
        raise NotImplementedError

    def reset_after_fork(self) -> None:
        """In a child of ``os.fork()``: forget the parent's pools, never closing them
        (their sockets are the parent's too); a borrowed one cannot be replaced."""
        self._lock = threading.Lock()  # another thread of the parent may have held it
        if self._borrowed is not None:
            self._forked_from = self._forked_from or os.getppid()
        else:
            self._calls = self._held = None

    def _closing(self) -> list[PoolT]:
        """Refuse calls from now on; the owned pools, to close."""
        self._closed = True
        pools = (
            []
            if self._borrowed is not None
            else [pool for pool in {id(p): p for p in (self._calls, self._held) if p}.values()]
        )
        self._calls = self._held = None
        return pools


class Pools(_Pools[httpx.Client]):
    """The pools of a :class:`~camunda.CamundaClient`."""

    __slots__ = ()

    def _create(self, limits: httpx.Limits) -> httpx.Client:
        return httpx.Client(
            verify=self._verify or default_ssl_context(),
            headers=SDK_HEADERS,
            timeout=self._timeout,
            limits=limits,
        )

    def close(self) -> None:
        for pool in self._closing():
            pool.close()


class AsyncPools(_Pools[httpx.AsyncClient]):
    """The pools of a :class:`~camunda.CamundaAsyncClient`, bound to one event loop."""

    __slots__ = ("_loop",)

    def __init__(
        self,
        borrowed: httpx.AsyncClient | None,
        *,
        verify: ssl.SSLContext | None,
        timeout: httpx.Timeout,
    ) -> None:
        super().__init__(borrowed, verify=verify, timeout=timeout)
        self._loop: anyio.lowlevel.EventLoopToken | None = None

    def reset_after_fork(self) -> None:
        super().reset_after_fork()
        self._loop = None

    def get(self, *, held_open: bool = False) -> httpx.AsyncClient:
        loop = anyio.lowlevel.current_token()
        if self._loop is None:
            self._loop = loop
        elif loop != self._loop and not self._closed:
            raise ClientUsageError(
                "this CamundaAsyncClient first sent a request on another event loop, and "
                "its connections belong to that loop (asyncio.run() called twice with one "
                "client? one client shared between threads?): create one client per event "
                "loop, inside it (async with CamundaAsyncClient() as client: ...), or use "
                "CamundaClient from threads"
            )
        return super().get(held_open=held_open)

    def _create(self, limits: httpx.Limits) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            verify=self._verify or default_ssl_context(),
            headers=SDK_HEADERS,
            timeout=self._timeout,
            limits=limits,
        )

    async def aclose(self) -> None:
        pools = self._closing()
        if self._loop is not None and anyio.lowlevel.current_token() != self._loop:
            return  # the connections belong to another loop (perhaps gone): let them be
        for pool in pools:
            await pool.aclose()
