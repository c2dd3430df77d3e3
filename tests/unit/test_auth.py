# pyright: reportPrivateUsage=false
from __future__ import annotations

import base64
import json
import stat
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import anyio
import httpx
import pytest
from pydantic import SecretStr

from camunda import AuthenticationError, CamundaSettings, UnauthorizedError
from camunda._transport import _auth
from camunda._transport._auth import OAuth
from tests.conftest import BASE
from tests.unit._core import (
    PING,
    SECRET,
    TOKEN_URL,
    FakeServer,
    call,
    close,
    make_client,
    oauth_settings,
    ok,
    problem,
    token_response,
)

if TYPE_CHECKING:
    from collections.abc import Generator
    from pathlib import Path

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def _fast_token_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_auth, "_TOKEN_BACKOFF_BASE", 0.001)


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def _oauth(clock: Clock | None = None, cache_dir: Path | None = None) -> OAuth:
    return OAuth(
        client_id="my-client",
        client_secret=SecretStr(SECRET),
        token_url=TOKEN_URL,
        audience="zeebe.camunda.io",
        cache_dir=cache_dir,
        clock=clock or Clock(),
    )


def _bearer(request: httpx.Request) -> str | None:
    return request.headers.get("Authorization")


async def test_fifty_concurrent_calls_share_one_token_request() -> None:
    server = FakeServer(token=[token_response("tok-1")], api=[ok()], token_delay=0.02)
    client = make_client("async", oauth_settings(), http_client=server.async_client())
    async with anyio.create_task_group() as group:
        for _ in range(50):
            group.start_soon(call, client, PING)
    assert len(server.token_requests) == 1
    assert len(server.api_requests) == 50
    assert {_bearer(r) for r in server.api_requests} == {"Bearer tok-1"}
    await close(client)


async def test_fifty_concurrent_calls_after_expiry_share_one_refresh() -> None:
    clock = Clock()
    server = FakeServer(
        token=[token_response("tok-1"), token_response("tok-2")], api=[ok()], token_delay=0.02
    )
    client = make_client("async", auth=_oauth(clock), http_client=server.async_client())
    await call(client, PING)
    clock.now += 3600  # long expired
    async with anyio.create_task_group() as group:
        for _ in range(50):
            group.start_soon(call, client, PING)
    assert len(server.token_requests) == 2
    assert [_bearer(r) for r in server.api_requests[1:]] == ["Bearer tok-2"] * 50
    await close(client)


def test_threads_on_the_sync_client_share_one_token_request() -> None:
    server = FakeServer(token=[token_response("tok-1")], api=[ok()], token_delay=0.05)
    client = make_client("sync", oauth_settings(), http_client=server.sync_client())
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda _: client._transport.request(PING, {}), range(32)))  # pyright: ignore[reportUnknownLambdaType, reportUnknownArgumentType]
    assert results == [{"ok": True}] * 32
    assert len(server.token_requests) == 1
    assert {_bearer(r) for r in server.api_requests} == {"Bearer tok-1"}
    client.close()


async def test_a_401_refreshes_once_and_retries_once(kind: str) -> None:
    server = FakeServer(
        token=[token_response("tok-1"), token_response("tok-2")],
        api=[problem(401, "Unauthorized"), ok()],
    )
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    assert await call(client, PING) == {"ok": True}
    assert len(server.token_requests) == 2
    assert [_bearer(r) for r in server.api_requests] == ["Bearer tok-1", "Bearer tok-2"]
    await close(client)


async def test_a_second_401_is_returned_without_a_loop(kind: str) -> None:
    server = FakeServer(
        token=[token_response("tok-1"), token_response("tok-2")],
        api=[problem(401, "Unauthorized", "bad token")],
    )
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    with pytest.raises(UnauthorizedError) as info:
        await call(client, PING)
    assert info.value.status_code == 401
    assert len(server.api_requests) == 2
    assert len(server.token_requests) == 2
    await close(client)


async def test_a_401_on_a_non_idempotent_post_is_also_retried_once(kind: str) -> None:
    server = FakeServer(
        token=[token_response("tok-1"), token_response("tok-2")],
        api=[problem(401), httpx.Response(204)],
    )
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    await client.jobs.complete("1") if kind == "async" else client.jobs.complete("1")
    assert [r.content for r in server.api_requests] == [b"{}", b"{}"]  # body resent intact
    await close(client)


async def test_token_endpoint_500_then_200_is_retried(kind: str) -> None:
    server = FakeServer(token=[problem(500), token_response()], api=[ok()])
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    assert await call(client, PING) == {"ok": True}
    assert len(server.token_requests) == 2
    await close(client)


@pytest.mark.parametrize("status", [400, 401, 403])
async def test_token_endpoint_4xx_fails_at_once(kind: str, status: int) -> None:
    server = FakeServer(
        token=[
            httpx.Response(
                status,
                json={"error": "invalid_client", "error_description": "Invalid client secret"},
            )
        ],
        api=[ok()],
    )
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    with pytest.raises(AuthenticationError) as info:
        await call(client, PING)
    assert len(server.token_requests) == 1
    assert server.api_requests == []
    assert f"HTTP {status}" in str(info.value)
    assert "invalid_client" in str(info.value)
    assert SECRET not in str(info.value)
    await close(client)


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, content=b"<html>login</html>"),
        httpx.Response(200, json={"token_type": "Bearer"}),  # no access_token
        httpx.Response(200, json=["x"]),
    ],
)
async def test_an_unusable_token_answer_is_retried_then_fails(
    kind: str, answer: httpx.Response
) -> None:
    server = FakeServer(token=[answer], api=[ok()])
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    with pytest.raises(AuthenticationError, match="could not obtain an OAuth token"):
        await call(client, PING)
    assert len(server.token_requests) == _auth._TOKEN_ATTEMPTS
    assert server.api_requests == []
    await close(client)


async def test_an_unreachable_token_endpoint_is_retried_by_the_call(kind: str) -> None:
    server = FakeServer(token=[httpx.ConnectError("refused"), token_response()], api=[ok()])
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    assert await call(client, PING) == {"ok": True}
    assert len(server.token_requests) == 2
    await close(client)


async def test_an_unreachable_token_endpoint_finally_fails(kind: str) -> None:
    server = FakeServer(token=[httpx.ConnectError("refused")], api=[ok()])
    client = make_client(kind, oauth_settings(max_retries=2), http_client=server.http_client(kind))
    with pytest.raises(AuthenticationError, match="could not be reached") as info:
        await call(client, PING)
    assert info.value.operation_id == "getPing"
    assert len(server.token_requests) == 3
    await close(client)


async def test_the_token_request_has_a_timeout_and_the_right_form(kind: str) -> None:
    server = FakeServer(token=[token_response()], api=[ok()])
    settings = oauth_settings(token_scope="api://x/.default", token_audience="aud")
    client = make_client(kind, settings, http_client=server.http_client(kind))
    await call(client, PING)
    token_request = server.token_requests[0]
    assert token_request.method == "POST"
    timeout = token_request.extensions["timeout"]
    assert all(value == _auth._TOKEN_TIMEOUT for value in timeout.values())
    form = dict(httpx.QueryParams(token_request.content.decode()))
    assert form == {
        "grant_type": "client_credentials",
        "client_id": "my-client",
        "client_secret": SECRET,
        "audience": "aud",
        "scope": "api://x/.default",
    }
    await close(client)


async def test_the_token_is_refreshed_ahead_of_expiry_with_skew(kind: str) -> None:
    clock = Clock()
    server = FakeServer(
        token=[token_response("tok-1", 300), token_response("tok-2", 40), token_response("tok-3")],
        api=[ok()],
    )
    client = make_client(kind, auth=_oauth(clock), http_client=server.http_client(kind))
    await call(client, PING)
    clock.now += 269  # 300 s lifetime, 30 s skew: still good
    await call(client, PING)
    assert len(server.token_requests) == 1
    clock.now += 1  # 270 s: refresh now, ahead of the real expiry
    await call(client, PING)
    assert len(server.token_requests) == 2
    clock.now += 19  # 40 s lifetime: short tokens refresh at half their life (20 s)
    await call(client, PING)
    assert len(server.token_requests) == 2
    clock.now += 1
    await call(client, PING)
    assert len(server.token_requests) == 3
    assert [_bearer(r) for r in server.api_requests] == [
        "Bearer tok-1",
        "Bearer tok-1",
        "Bearer tok-2",
        "Bearer tok-2",
        "Bearer tok-3",
    ]
    await close(client)


async def test_disk_cache_is_private_atomic_and_shared(kind: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    server = FakeServer(token=[token_response("tok-disk")], api=[ok()])
    settings = oauth_settings(token_cache_dir=str(cache))
    first = make_client(kind, settings, http_client=server.http_client(kind))
    await call(first, PING)
    files = list(cache.iterdir())
    assert len(files) == 1  # no temporary file left behind
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    stored = json.loads(files[0].read_text())
    assert stored["access_token"] == "tok-disk"
    assert SECRET not in files[0].read_text()

    second = make_client(kind, settings, http_client=server.http_client(kind))
    await call(second, PING)
    assert len(server.token_requests) == 1  # the second client used the file
    assert _bearer(server.api_requests[-1]) == "Bearer tok-disk"
    await close(first)
    await close(second)


async def test_disk_cache_can_be_disabled(kind: str, tmp_path: Path) -> None:
    server = FakeServer(token=[token_response()], api=[ok()])
    settings = oauth_settings(token_cache_dir=str(tmp_path), token_disk_cache_disable=True)
    client = make_client(kind, settings, http_client=server.http_client(kind))
    await call(client, PING)
    assert list(tmp_path.iterdir()) == []
    await close(client)


def test_an_unwritable_cache_directory_only_warns(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    oauth = _oauth(cache_dir=blocker / "sub")  # a directory below a file cannot exist
    flow = oauth._refresh_flow()
    request = next(flow)
    assert isinstance(request, httpx.Request)
    with pytest.raises(StopIteration) as done:
        flow.send(token_response("tok-x"))
    assert done.value.value.value == "tok-x"
    assert "could not write the OAuth token cache" in caplog.text


async def test_a_corrupt_cache_file_is_ignored(kind: str, tmp_path: Path) -> None:
    oauth = _oauth(cache_dir=tmp_path)
    assert oauth._cache_file is not None
    oauth._cache_file.write_text("{not json")
    server = FakeServer(token=[token_response("fresh")], api=[ok()])
    client = make_client(kind, auth=oauth, http_client=server.http_client(kind))
    await call(client, PING)
    assert _bearer(server.api_requests[0]) == "Bearer fresh"
    await close(client)


async def test_basic_auth_header(kind: str) -> None:
    server = FakeServer(api=[ok()])
    settings = CamundaSettings(
        rest_address="http://camunda.test", basic_auth_username="demo", basic_auth_password=SECRET
    )
    client = make_client(kind, settings, http_client=server.http_client(kind))
    await call(client, PING)
    expected = "Basic " + base64.b64encode(f"demo:{SECRET}".encode()).decode()
    assert _bearer(server.api_requests[0]) == expected
    assert server.token_requests == []
    assert SECRET not in repr(client._transport.auth)
    await close(client)


async def test_no_auth_sends_no_authorization_header(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(kind, http_client=server.http_client(kind))
    await call(client, PING)
    assert "Authorization" not in server.api_requests[0].headers
    await close(client)


class _HeaderAuth(httpx.Auth):
    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Custom-Auth"] = "yes"
        yield request


async def test_a_custom_auth_replaces_the_settings_chain(kind: str) -> None:
    server = FakeServer(token=[token_response()], api=[ok()])
    client = make_client(
        kind, oauth_settings(), auth=_HeaderAuth(), http_client=server.http_client(kind)
    )
    await call(client, PING)
    sent = server.api_requests[0]
    assert sent.headers["X-Custom-Auth"] == "yes"
    assert "Authorization" not in sent.headers
    assert server.token_requests == []
    await close(client)


async def test_the_api_request_goes_to_the_base_url(kind: str) -> None:
    server = FakeServer(token=[token_response()], api=[ok()])
    client = make_client(kind, oauth_settings(), http_client=server.http_client(kind))
    await call(client, PING)
    assert str(server.api_requests[0].url) == f"{BASE}/ping"
    await close(client)


def test_reprs_hide_the_secret_and_the_token() -> None:
    oauth = _oauth()
    oauth._token = _auth._Token("the-access-token", 1e12)
    for text in (repr(oauth), repr(oauth._token), str(vars(oauth).get("_secret"))):
        assert SECRET not in text
        assert "the-access-token" not in text
