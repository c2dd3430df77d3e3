"""Helpers for the core tests: test-only operations, a scripted fake server, and calls
that work the same on the sync and the async client."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import anyio
import httpx
from pydantic import Field

from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings
from camunda._transport import Operation
from camunda.models._base import RequestModel

TOKEN_URL = "http://auth.test/oauth/token"
SECRET = "s3cr3t-Value-that-must-never-leak"
PROBLEM = "application/problem+json"


class Thing(RequestModel):
    """A test-only request body with a top-level tenant."""

    name: str
    tenant_id: str | None = None


class ByName(RequestModel):
    kind: Literal["name"]
    name: str
    tenant_id: str | None = None


class ByKey(RequestModel):
    kind: Literal["key"]
    key: str


# A GET (idempotent), a create-like POST (not idempotent), a search-like POST, and a
# discriminated-union body wrapped in Annotated.
PING = Operation("GET", "/ping", "getPing", returns=dict[str, Any])
CREATE = Operation("POST", "/things", "createThing", body=Thing, returns=dict[str, Any])
SEARCH = Operation("POST", "/things/search", "searchThings", body=Thing, returns=dict[str, Any])
PICK = Operation(
    "POST",
    "/picks",
    "createPick",
    body=Annotated[ByName | ByKey, Field(discriminator="kind")],
    returns=dict[str, Any],
)


def make_client(kind: str, settings: CamundaSettings | None = None, **kwargs: Any) -> Any:
    """A sync or async client (``kind`` is ``"sync"`` or ``"async"``)."""
    settings = settings or CamundaSettings(
        rest_address="http://camunda.test", retry_initial_delay=0.001, retry_max_delay=0.01
    )
    cls = CamundaClient if kind == "sync" else CamundaAsyncClient
    return cls(settings, **kwargs)


async def call(client: Any, op: Operation[Any], **args: Any) -> Any:
    """Send ``op`` through either client's transport."""
    result = client._transport.request(op, args)
    return await result if inspect.isawaitable(result) else result


async def close(client: Any) -> None:
    result = client.close()
    if inspect.isawaitable(result):
        await result


Reply = httpx.Response | Exception
Route = Callable[[httpx.Request], Reply]


@dataclass
class FakeServer:
    """A scripted server behind ``httpx.MockTransport`` (sync and async).

    ``token`` and ``api`` hold the answers to give, in order (the last one repeats).
    Every request is recorded.
    """

    token: list[Reply] = field(default_factory=list[Reply])
    api: list[Reply] = field(default_factory=list[Reply])
    token_delay: float = 0.0
    requests: list[httpx.Request] = field(default_factory=list[httpx.Request])

    @property
    def token_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if str(r.url) == TOKEN_URL]

    @property
    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if str(r.url) != TOKEN_URL]

    def _reply(self, request: httpx.Request) -> httpx.Response:
        # A snapshot: the auth flow resends the same object with other headers.
        self.requests.append(
            httpx.Request(
                request.method,
                request.url,
                headers=request.headers.copy(),
                content=request.read(),
                extensions=dict(request.extensions),
            )
        )
        script = self.token if str(request.url) == TOKEN_URL else self.api
        index = len(self.token_requests if script is self.token else self.api_requests) - 1
        answer = script[min(index, len(script) - 1)]
        if isinstance(answer, Exception):
            raise answer
        # A fresh copy: a response object can be sent only once.
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    def sync_client(self) -> httpx.Client:
        def handler(request: httpx.Request) -> httpx.Response:
            if str(request.url) == TOKEN_URL and self.token_delay:
                import time

                time.sleep(self.token_delay)
            return self._reply(request)

        return httpx.Client(transport=httpx.MockTransport(handler))

    def async_client(self) -> httpx.AsyncClient:
        async def handler(request: httpx.Request) -> httpx.Response:
            if str(request.url) == TOKEN_URL and self.token_delay:
                await anyio.sleep(self.token_delay)
            return self._reply(request)

        return httpx.AsyncClient(transport=httpx.MockTransport(handler))

    def http_client(self, kind: str) -> Any:
        return self.sync_client() if kind == "sync" else self.async_client()


def token_response(value: str = "tok-1", expires_in: Any = 300) -> httpx.Response:
    return httpx.Response(
        200, json={"access_token": value, "expires_in": expires_in, "token_type": "Bearer"}
    )


def ok(payload: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"ok": True} if payload is None else payload)


def problem(
    status: int,
    title: str | None = None,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"type": "about:blank", "status": status}
    if title is not None:
        body["title"] = title
    if detail is not None:
        body["detail"] = detail
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"Content-Type": PROBLEM, **(headers or {})},
    )


def oauth_settings(**overrides: Any) -> CamundaSettings:
    values: dict[str, Any] = {
        "rest_address": "http://camunda.test",
        "client_id": "my-client",
        "client_secret": SECRET,
        "oauth_url": TOKEN_URL,
        "retry_initial_delay": 0.001,
        "retry_max_delay": 0.01,
    }
    values.update(overrides)
    return CamundaSettings(**values)
