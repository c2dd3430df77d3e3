"""``sync_client_of``: the ``CamundaClient`` sync handlers get, sending through the worker's
own async client (its connection pool, its auth), on the worker's event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio.from_thread
import httpx

if TYPE_CHECKING:
    from collections.abc import Callable

    from anyio.lowlevel import EventLoopToken

    from camunda.resources._async._client import CamundaAsyncClient
    from camunda.resources._sync._client import CamundaClient

__all__ = ["sync_client_of"]

# Set by the async pool from the bytes it decoded; the bridged answer carries those bytes.
_DROPPED = ("content-encoding", "content-length", "transfer-encoding")


class _LoopBridge(httpx.BaseTransport):
    """An httpx transport for handler threads: each request is sent by the async pool on
    the event loop, and its whole answer handed back."""

    def __init__(
        self, pool: Callable[[], httpx.AsyncClient], auth_by_pool: bool, token: EventLoopToken
    ) -> None:
        self._pool = pool
        # The SDK's own auth is applied by the sync client; the pool adds its own only
        # when the SDK has none (as the async transport does).
        self._auth_by_pool = auth_by_pool
        self._token = token

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        content = request.read()
        return anyio.from_thread.run(self._send, request, content, token=self._token)

    async def _send(self, request: httpx.Request, content: bytes) -> httpx.Response:
        forwarded = httpx.Request(
            request.method,
            request.url,
            headers=request.headers,
            content=content,
            extensions=request.extensions,
        )
        pool = self._pool()
        answer = await (
            pool.send(forwarded) if self._auth_by_pool else pool.send(forwarded, auth=None)
        )
        headers = [(k, v) for k, v in answer.headers.multi_items() if k.lower() not in _DROPPED]
        return httpx.Response(
            answer.status_code, headers=headers, content=answer.content, request=request
        )


def sync_client_of(client: CamundaAsyncClient, token: EventLoopToken) -> CamundaClient:
    """A ``CamundaClient`` with ``client``'s settings and auth whose requests go through
    ``client``'s pool; to be used from threads while the event loop of ``token`` runs."""
    from camunda.resources._sync._client import CamundaClient

    # The same package's transport: its pool and auth are what the worker sends with.
    transport = client._transport  # pyright: ignore[reportPrivateUsage]
    bridge = _LoopBridge(transport.connection_pool, transport.auth is None, token)
    return CamundaClient(
        client.settings, http_client=httpx.Client(transport=bridge), auth=transport.auth
    )
