"""A small fault-injecting server on loopback for the auth and malformed-answer scenarios.

One Starlette app under uvicorn (in a thread) plays two parts:

* an OAuth token endpoint (``/oauth/token``) whose behaviour a test switches (answer, 500,
  hang, invalid JSON, short-lived tokens) and which counts the requests it saw;
* a gateway in front of a :class:`~camunda.testing.FakeCluster` served on loopback
  (``/v2/...``): it checks the bearer token when asked to, forwards the request, and can
  rewrite the answer (``mutate``) to play a misbehaving server.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.reliability._support import serve_asgi

if TYPE_CHECKING:
    from starlette.requests import Request

    from camunda.testing import FakeCluster

TokenMode = Literal["ok", "error", "hang", "invalid_json"]


@dataclass(frozen=True)
class Answer:
    """An upstream answer as the gateway is about to return it."""

    status: int
    body: bytes
    content_type: str


Mutation = Callable[[str, Answer], Answer]
"""``mutate(path, answer)``: the answer to send instead (e.g. a broken one)."""


@dataclass
class Gateway:
    """The switches and counters of the server; change them at any time."""

    upstream: str = ""
    token_mode: TokenMode = "ok"
    token_faults: int | None = None
    """How many token requests ``token_mode`` applies to (``None``: all); then tokens."""
    token_lifetime: float = 300.0
    hang_seconds: float = 3.0
    require_auth: bool = False
    mutate: Mutation | None = None
    token_requests: int = 0
    api_requests: int = 0
    unauthorized: int = 0
    _valid: dict[str, float] = field(default_factory=dict[str, float])
    _serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _upstream: httpx.AsyncClient | None = None

    def revoke_tokens(self) -> None:
        """Every token issued so far is rejected from now on (e.g. a key rotation)."""
        with self._lock:
            self._valid.clear()

    # -- endpoints ---------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        with self._lock:
            self.token_requests += 1
            mode = (
                self.token_mode
                if self.token_faults is None or self.token_requests <= self.token_faults
                else "ok"
            )
        await request.body()
        if mode == "hang":
            await asyncio.sleep(self.hang_seconds)
        if mode == "error":
            return JSONResponse({"error": "server_error"}, status_code=500)
        if mode == "invalid_json":
            return Response(
                b'{"access_token": "tok-x", "expires_in": 30', media_type="application/json"
            )
        with self._lock:
            value = f"tok-{next(self._serial)}"
            self._valid[value] = time.monotonic() + self.token_lifetime
        return JSONResponse(
            {"access_token": value, "token_type": "Bearer", "expires_in": self.token_lifetime}
        )

    async def api(self, request: Request) -> Response:
        body = await request.body()
        path = request.url.path
        with self._lock:
            self.api_requests += 1
        if self.require_auth and not self._authorized(request.headers.get("authorization")):
            with self._lock:
                self.unauthorized += 1
            return JSONResponse(
                {"title": "UNAUTHORIZED", "status": 401},
                status_code=401,
                media_type="application/problem+json",
            )
        if self._upstream is None:  # made on the server's own event loop, kept open
            self._upstream = httpx.AsyncClient(base_url=self.upstream, timeout=30, verify=False)
        answer = await self._upstream.request(
            request.method,
            path,
            params=request.query_params,
            content=body,
            headers={"content-type": request.headers.get("content-type", "")},
        )
        result = Answer(
            answer.status_code,
            answer.content,
            answer.headers.get("content-type", "application/json"),
        )
        if self.mutate is not None:
            result = self.mutate(path, result)
        return Response(
            result.body, status_code=result.status, headers={"content-type": result.content_type}
        )

    def _authorized(self, header: str | None) -> bool:
        if not header or not header.startswith("Bearer "):
            return False
        with self._lock:
            expires = self._valid.get(header.removeprefix("Bearer "))
        return expires is not None and time.monotonic() < expires


def _app(gateway: Gateway) -> Starlette:
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(
        routes=[
            Route("/oauth/token", gateway.token, methods=["POST"]),
            Route("/v2/{rest:path}", gateway.api, methods=methods),
        ]
    )


@contextmanager
def gateway_in_front_of(cluster: FakeCluster) -> Generator[tuple[Gateway, str]]:
    """Serve ``cluster`` on loopback and a :class:`Gateway` in front of it.

    Yields the gateway and its base URL (the token endpoint is ``URL/oauth/token``; the
    API is ``URL`` as a ``rest_address``).
    """
    with cluster.serve() as upstream:
        gateway = Gateway(upstream=upstream)
        with serve_asgi(_app(gateway)) as port:
            yield gateway, f"http://127.0.0.1:{port}"
