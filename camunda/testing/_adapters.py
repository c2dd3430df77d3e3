"""Ways to reach the engine: an ASGI app, and httpx transports (sync and async) in-process.

The in-process transports keep the request's read timeout as a socket would: an answer
that takes longer (latency, a long poll) raises ``httpx.ReadTimeout`` at the timeout; a
request that times out during the latency is not executed. The async path waits for jobs
on an anyio ``Event`` that the engine sets through a :class:`_Waker`, which also works when
the change comes from another thread or event loop; the sync path waits on the engine's
``threading.Condition``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any

import anyio
import anyio.lowlevel
import httpx
import sniffio

from camunda.testing._protocol import Call, Pending, Reply

if TYPE_CHECKING:
    from camunda.testing._engine import Engine

__all__ = ["AsgiApp", "AsyncFakeTransport", "SyncFakeTransport"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class ConnectionDropped(Exception):
    """Raised by the in-process ASGI app for a dropped connection."""


class _Waker:
    """Sets an anyio Event of the current event loop from any thread."""

    def __init__(self) -> None:
        self.event = anyio.Event()
        self._thread = threading.get_ident()
        self._soon: Callable[[Callable[[], object]], object]
        if sniffio.current_async_library() == "trio":
            import trio

            self._soon = trio.lowlevel.current_trio_token().run_sync_soon
        else:
            import asyncio

            self._soon = asyncio.get_running_loop().call_soon_threadsafe

    def rearm(self) -> None:
        self.event = anyio.Event()

    def __call__(self) -> None:
        event = self.event
        if threading.get_ident() == self._thread:
            event.set()
            return
        with contextlib.suppress(RuntimeError):  # a finished loop has no waiter left
            self._soon(event.set)


async def _finish_async(engine: Engine, result: Reply | Pending) -> Reply:
    if isinstance(result, Reply):
        return result
    waker = _Waker()
    engine.subscribe(waker)
    try:
        while True:
            waker.rearm()
            with engine.lock:
                outcome = engine.retry(result)
            if isinstance(outcome, Reply):
                return outcome
            with anyio.move_on_after(outcome):
                await waker.event.wait()
    finally:
        engine.unsubscribe(waker)


async def _finish_watching(
    engine: Engine, result: Reply | Pending, receive: Receive
) -> Reply | None:
    """Like ``_finish_async``, but a long poll whose client disconnects ends without
    taking a job (None). Activation runs between awaits, under the lock, so a poll that
    saw the disconnect never activates again."""
    if isinstance(result, Reply):
        return result
    gone = False
    reply: Reply | None = None
    async with anyio.create_task_group() as group:

        async def watch() -> None:
            nonlocal gone
            while (await receive())["type"] != "http.disconnect":
                pass
            gone = True
            group.cancel_scope.cancel()

        group.start_soon(watch)
        reply = await _finish_async(engine, result)
        group.cancel_scope.cancel()
    if gone:
        with engine.lock:
            engine.abandoned_polls += 1
        return None
    return reply


def _finish_sync(engine: Engine, result: Reply | Pending, deadline: float | None) -> Reply | None:
    """The reply, or None once ``deadline`` (``time.monotonic()``) passes first."""
    if isinstance(result, Reply):
        return result
    with engine.condition:
        while True:
            outcome = engine.retry(result)
            if isinstance(outcome, Reply):
                return outcome
            if deadline is not None:
                outcome = min(outcome, deadline - time.monotonic())
                if outcome <= 0:
                    return None
            engine.condition.wait(outcome)


class AsgiApp:
    """The fake cluster as an ASGI 3 application (serve it with uvicorn, or in-process).

    A dropped connection is emulated by answering with a body shorter than its
    ``Content-Length``; with ``raise_on_drop`` the app raises :class:`ConnectionDropped`
    instead (the in-process transport turns it into an httpx transport error).
    """

    def __init__(self, engine: Engine, *, raise_on_drop: bool = False) -> None:
        self._engine = engine
        self._raise_on_drop = raise_on_drop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        engine = self._engine
        call = engine.begin(scope["method"], scope["path"])
        if call.latency:
            await anyio.sleep(call.latency)
        if call.fault == "dropped":
            await self._drop(send)
            return
        content_type = _header(scope, b"content-type")
        reply = await _finish_watching(
            engine, engine.execute(call, b"".join(chunks), content_type), receive
        )
        if reply is None:
            return
        headers = [(b"content-length", str(len(reply.body)).encode())]
        if reply.content_type:
            headers.append((b"content-type", reply.content_type.encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": reply.body})

    async def _drop(self, send: Send) -> None:
        if self._raise_on_drop:
            raise ConnectionDropped
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]}
        )
        await send({"type": "http.response.body", "body": b"{"})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


def _dropped(request: httpx.Request) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(
        "Server disconnected without sending a response (fake cluster: dropped connection)",
        request=request,
    )


def _closed(request: httpx.Request) -> httpx.ConnectError:
    return httpx.ConnectError("the fake cluster is closed", request=request)


def _read_timeout(request: httpx.Request) -> float | None:
    """The request's read timeout: as over a socket, the longest wait for the answer."""
    timeout: dict[str, float | None] = request.extensions.get("timeout", {})
    return timeout.get("read")


def _timed_out(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("timed out waiting for the fake cluster's answer", request=request)


class AsyncFakeTransport(httpx.AsyncBaseTransport):
    """Sends requests to the ASGI app in-process; dropped connections raise httpx errors."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._asgi = httpx.ASGITransport(app=AsgiApp(engine, raise_on_drop=True))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # A socket round trip yields to the event loop; the in-process app never does. Without
        # this, a loop of calls starves the worker's tasks and ignores its own cancel scopes.
        await anyio.lowlevel.checkpoint()
        if self._engine.closed:
            raise _closed(request)
        with anyio.move_on_after(_read_timeout(request)):
            try:
                return await self._asgi.handle_async_request(request)
            except ConnectionDropped:
                raise _dropped(request) from None
        raise _timed_out(request)


class SyncFakeTransport(httpx.BaseTransport):
    """Calls the engine directly from the calling thread."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        engine = self._engine
        if engine.closed:
            raise _closed(request)
        call: Call = engine.begin(request.method, request.url.path)
        body = request.read()
        read_timeout = _read_timeout(request)
        deadline = None if read_timeout is None else time.monotonic() + read_timeout
        if call.latency:
            if read_timeout is not None and call.latency > read_timeout:
                time.sleep(read_timeout)
                raise _timed_out(request)
            time.sleep(call.latency)
        if call.fault == "dropped":
            raise _dropped(request)
        content_type = request.headers.get("content-type", "")
        reply = _finish_sync(engine, engine.execute(call, body, content_type), deadline)
        if reply is None:
            raise _timed_out(request)
        headers = {"content-type": reply.content_type} if reply.content_type else {}
        return httpx.Response(reply.status, headers=headers, content=reply.body, request=request)
