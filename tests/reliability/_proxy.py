"""A fault-injecting HTTP/1.1 front for the fake cluster, for the reliability suite.

The SDK talks real HTTP over loopback TCP to the proxy; the proxy hands each request it
lets through to the ``FakeCluster``'s ASGI app in-process. Every connection-level fault
happens on that real socket (refused, reset, closed mid long poll, answer held back). It
runs on the test's own event loop (anyio: asyncio and trio), because serving the fake over
uvicorn in a second thread made each request several times costlier under the GIL::

    async with FaultProxy(cluster.app, seed=1) as proxy:
        proxy.backpressure_rate = 0.2          # 20% answered 503 RESOURCE_EXHAUSTED
        proxy.capacity = 8                     # a 9th concurrent request: 503 at once
        proxy.add_fault("reset", path="/process-instances")
        await proxy.refuse(); await proxy.listen()

It counts every request it receives and forwards, per route (``POST /jobs/{key}/completion``)
and per request identity (method, path and body), so a test can prove how often a call
was attempted and whether it reached the cluster. HTTP support is what httpx sends:
``Content-Length`` bodies and keep-alive.
"""

from __future__ import annotations

import json
import random
import re
import socket
import struct
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import anyio
import httpx
from anyio.abc import SocketAttribute
from anyio.streams.buffered import BufferedByteReceiveStream

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping
    from types import TracebackType

    from anyio.abc import Listener, SocketStream, TaskGroup

    Asgi = Callable[
        [
            MutableMapping[str, Any],
            Callable[[], Awaitable[Any]],
            Callable[[MutableMapping[str, Any]], Awaitable[None]],
        ],
        Awaitable[None],
    ]

__all__ = ["FaultProxy", "Request", "route_of"]

# What a real cluster never answers with backpressure: the calls that drain work.
DRAIN_PATHS = ("/completion", "/failure", "/error")
_KEY_SEGMENT = re.compile(r"/-?\d+(?=/|$)")
_LINGER_RESET = struct.pack("ii", 1, 0)

FaultAction = Literal["reset", "delay"]
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
"""Status, headers and body."""


def route_of(method: str, path: str) -> str:
    """``POST /jobs/{key}/completion`` for ``POST /v2/jobs/2251799813685250/completion``."""
    path = path.split("?", 1)[0].removeprefix("/v2")
    return f"{method} {_KEY_SEGMENT.sub('/{key}', path)}"


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def route(self) -> str:
        return route_of(self.method, self.target)

    @property
    def identity(self) -> tuple[str, str, bytes]:
        return (self.method, self.target, self.body)


@dataclass
class _Fault:
    action: FaultAction
    path: str
    forward: bool
    delay: float
    times: int


class _Reset(Exception):
    """Reset the client connection instead of answering."""


class FaultProxy:
    """Serves ``app`` (an ASGI app, e.g. ``FakeCluster.app``) on ``127.0.0.1`` with faults.

    Knobs (plain attributes, change them at any time):

    * ``backpressure_rate``: fraction of requests answered with backpressure without
      reaching the cluster: ``backpressure_status`` 503 ``RESOURCE_EXHAUSTED`` or 429, with
      ``Retry-After: retry_after`` when set; drawn from a RNG seeded with ``seed``.
      Completion, failure and error calls are exempt, as on a real cluster.
    * ``capacity``: the most requests the cluster works on at once (``None``: no limit).
      A request arriving while ``capacity`` are in flight is answered 503
      ``RESOURCE_EXHAUSTED`` at once (drain calls are exempt, but count as in flight, as
      does a long poll the cluster holds open). Give requests a service time with a
      ``delay`` fault, else each one is over before the next arrives.
    * ``outage``: every request, drain calls included, answered 503 ``RESOURCE_EXHAUSTED``.
    * :meth:`add_fault`: reset or delay the next requests whose path matches.
    * :meth:`refuse`, :meth:`listen`, :meth:`restart`, :meth:`close_connections`.

    Counters: ``received`` / ``forwarded`` per route, ``attempts`` per request identity,
    ``answered`` per (route, status), ``in_flight`` (forwarded,
    not yet answered) and its ``peak_in_flight``.
    """

    def __init__(self, app: Asgi, *, seed: int = 0) -> None:
        self._app = app
        self.backpressure_rate = 0.0
        self.backpressure_status = 503
        self.retry_after: int | None = None
        self.outage = False
        self.capacity: int | None = None
        self._rng = random.Random(seed)
        self._faults: list[_Fault] = []
        self.received: Counter[str] = Counter()
        self.forwarded: Counter[str] = Counter()
        self.attempts: Counter[tuple[str, str, bytes]] = Counter()
        self.answered: Counter[tuple[str, int]] = Counter()
        self.in_flight = 0
        self.peak_in_flight = 0
        self.port = 0
        self._group: TaskGroup | None = None
        self._listening: anyio.CancelScope | None = None
        self._open: dict[anyio.CancelScope, anyio.Event] = {}  # connection -> closed

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __repr__(self) -> str:
        return f"FaultProxy(url={self.url!r})"

    # -- lifecycle ----------------------------------------------------------------------

    async def __aenter__(self) -> FaultProxy:
        self._group = anyio.create_task_group()
        await self._group.__aenter__()
        await self.listen()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._group is not None
        self._group.cancel_scope.cancel()
        await self._group.__aexit__(exc_type, exc, tb)

    async def listen(self) -> None:
        """Accept connections (again, on the same port)."""
        if self._listening is None:
            assert self._group is not None
            listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=self.port)
            self.port = listener.extra(SocketAttribute.local_port)
            self._listening = anyio.CancelScope()
            self._group.start_soon(self._accept, listener, self._listening)

    async def refuse(self) -> None:
        """Stop listening (new connections are refused) and close every open connection."""
        if self._listening is not None:
            self._listening.cancel()
            self._listening = None
        await self.close_connections()

    async def close_connections(self) -> None:
        """Reset every client connection now, also those waiting for an answer (a long
        poll: its activation in the cluster is cancelled with it)."""
        connections = list(self._open.items())
        for scope, _ in connections:
            scope.cancel()
        for _, closed in connections:
            await closed.wait()

    async def restart(self, down_for: float = 0.0) -> None:
        """Like a server restart: refuse, stay down ``down_for`` seconds, listen again."""
        await self.refuse()
        await anyio.sleep(down_for)
        await self.listen()

    def add_fault(
        self,
        action: FaultAction,
        *,
        path: str = "",
        forward: bool = True,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Break the next ``times`` requests whose path contains ``path`` (-1: every one).

        ``reset``: reset the connection instead of answering; with ``forward`` the request
        reaches the cluster first (it acts on it), without it never does.
        ``delay``: forward the request and hold its answer back ``delay`` seconds.
        """
        self._faults.append(_Fault(action, path, forward, delay, times))

    # -- counters -----------------------------------------------------------------------

    @property
    def total_received(self) -> int:
        return sum(self.received.values())

    def max_attempts(self, route: str) -> int:
        """The most times one request (same method, path and body) of ``route`` came in."""
        return max(
            (
                n
                for (method, target, _), n in self.attempts.items()
                if route_of(method, target) == route
            ),
            default=0,
        )

    # -- serving ------------------------------------------------------------------------

    async def _accept(self, listener: Listener[SocketStream], scope: anyio.CancelScope) -> None:
        with scope:
            async with listener:
                assert self._group is not None
                await listener.serve(self._connection, self._group)

    async def _connection(self, stream: SocketStream) -> None:
        reader = BufferedByteReceiveStream(stream)
        scope, closed = anyio.CancelScope(), anyio.Event()
        self._open[scope] = closed
        reset = True  # unless the client closed it
        try:
            with scope:
                while (request := await _read_request(reader)) is not None:
                    await stream.send(_serialize(*await self.answer(request)))
                reset = False
        except (_Reset, anyio.EndOfStream, anyio.BrokenResourceError, OSError):
            pass
        finally:
            if reset:
                sock = stream.extra(SocketAttribute.raw_socket)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)
            with anyio.CancelScope(shield=True):
                await stream.aclose()
            del self._open[scope]
            closed.set()

    def transport(self) -> httpx.AsyncBaseTransport:
        """An in-process httpx transport with the same request-level faults and counters
        (no socket: for load scenarios whose cost must stay low; pair it with
        ``base_url=proxy.url``)."""
        return _InProcess(self)

    async def answer(self, request: Request) -> Answer:
        """The answer to one request; raises ``_Reset`` to reset the connection instead."""
        route = request.route
        self.received[route] += 1
        self.attempts[request.identity] += 1
        fault = next((f for f in self._faults if f.times and f.path in request.target), None)
        if fault is not None:
            fault.times -= 1
        drain = request.target.endswith(DRAIN_PATHS)
        overloaded = not drain and self.capacity is not None and self.in_flight >= self.capacity
        if (
            self.outage
            or overloaded
            or (
                not drain and self.backpressure_rate and self._rng.random() < self.backpressure_rate
            )
        ):
            status = 503 if self.outage or overloaded else self.backpressure_status
            self.answered[(route, status)] += 1
            return _problem(status, request.target, self.retry_after)
        if fault is not None and fault.action == "reset" and not fault.forward:
            raise _Reset
        self.forwarded[route] += 1
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            answer = await _call_asgi(self._app, request)
            if fault is not None and fault.action == "reset":
                raise _Reset
            if fault is not None:
                await anyio.sleep(fault.delay)
        finally:
            self.in_flight -= 1
        self.answered[(route, answer[0])] += 1
        return answer


class _InProcess(httpx.AsyncBaseTransport):
    def __init__(self, proxy: FaultProxy) -> None:
        self._proxy = proxy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        target = request.url.raw_path.decode("ascii")
        headers = [(name.lower(), value) for name, value in request.headers.raw]
        try:
            status, answer_headers, body = await self._proxy.answer(
                Request(request.method, target, headers, await request.aread())
            )
        except _Reset:
            raise httpx.ReadError("the fault proxy reset the connection", request=request) from None
        return httpx.Response(status, headers=answer_headers, content=body, request=request)


async def _read_request(reader: BufferedByteReceiveStream) -> Request | None:
    try:
        head = await reader.receive_until(b"\r\n\r\n", 65536)
    except anyio.IncompleteRead:
        return None  # the client closed the connection between requests
    request_line, *lines = head.decode("latin-1").split("\r\n")
    method, target, _ = request_line.split(" ", 2)
    headers: list[tuple[bytes, bytes]] = []
    length = 0
    for line in lines:
        name, _, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding":
            raise _Reset  # not something httpx sends for our bodies
        headers.append((name.encode("latin-1"), value.encode("latin-1")))
    body = await reader.receive_exactly(length) if length else b""
    return Request(method, target, headers, body)


async def _call_asgi(app: Asgi, request: Request) -> Answer:
    """Run one request through the ASGI app."""
    path, _, query = request.target.partition("?")
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": request.headers,
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 0),
    }
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            await anyio.sleep_forever()
        delivered = True
        return {"type": "http.request", "body": request.body, "more_body": False}

    start: dict[str, Any] = {}
    body: list[bytes] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        else:
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    content = b"".join(body)
    headers = [(bytes(name).lower(), bytes(value)) for name, value in start.get("headers", [])]
    if any(name == b"content-length" and int(value) != len(content) for name, value in headers):
        raise _Reset  # the app emulates a dropped connection
    return int(start["status"]), headers, content


def _serialize(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status} -".encode(), *(name + b": " + value for name, value in headers)]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _problem(status: int, path: str, retry_after: int | None) -> Answer:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "RESOURCE_EXHAUSTED",
            "status": status,
            "detail": "the fault proxy answers with backpressure",
            "instance": path,
        }
    ).encode()
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    return status, headers, body
