from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from camunda import APITimeoutError, CamundaSettings, InvalidArgumentError
from camunda._transport import Operation
from camunda._transport._request import build_request_parts
from tests.conftest import BASE
from tests.unit._core import (
    CREATE,
    PICK,
    PING,
    SEARCH,
    ByKey,
    ByName,
    FakeServer,
    call,
    close,
    make_client,
    ok,
)

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _settings(**overrides: Any) -> CamundaSettings:
    values: dict[str, Any] = {
        "rest_address": "http://camunda.test",
        "max_retries": 2,
        "retry_initial_delay": 0.001,
        "retry_max_delay": 0.01,
    }
    values.update(overrides)
    return CamundaSettings(**values)


def _timeout(request: httpx.Request) -> dict[str, float | None]:
    return dict(request.extensions["timeout"])


async def test_every_request_carries_the_default_timeout(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(
        kind, _settings(request_timeout=12, connect_timeout=3), http_client=server.http_client(kind)
    )
    await call(client, PING)
    await call(client, CREATE, name="x")
    for request in server.api_requests:
        assert _timeout(request) == {"connect": 3, "read": 12, "write": 12, "pool": 12}
    await close(client)


async def test_with_options_changes_the_timeout_and_shares_the_pool(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(
        kind, _settings(request_timeout=12, connect_timeout=3), http_client=server.http_client(kind)
    )
    quick = client.with_options(timeout=0.5)
    slow = client.with_options(timeout=httpx.Timeout(120, connect=5))
    assert quick._transport._pools.get() is client._transport._pools.get()
    assert slow._transport._pools.get() is client._transport._pools.get()
    assert quick._transport.auth is client._transport.auth
    await call(quick, PING)
    await call(slow, PING)
    await call(client, PING)
    timeouts = [_timeout(r) for r in server.api_requests]
    assert timeouts[0] == {"connect": 0.5, "read": 0.5, "write": 0.5, "pool": 0.5}
    assert timeouts[1] == {"connect": 5, "read": 120, "write": 120, "pool": 120}
    assert timeouts[2]["read"] == 12  # the original is unchanged
    await close(quick)  # a copy never closes the shared pool
    assert not client._transport._pools.get().is_closed
    await close(client)


async def test_with_options_rejects_negative_retries(kind: str) -> None:
    client = make_client(kind, _settings())
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        client.with_options(max_retries=-1)
    await close(client)


async def test_the_owned_pool_has_a_timeout_too(kind: str) -> None:
    client = make_client(kind, _settings(request_timeout=7, connect_timeout=2))
    assert client._transport._pools.get().timeout == httpx.Timeout(7, connect=2)
    await close(client)


async def test_a_hanging_server_gives_api_timeout_error(kind: str) -> None:
    seen: list[httpx.Request] = []

    def hang(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    transport = httpx.MockTransport(hang)
    http = (
        httpx.Client(transport=transport)
        if kind == "sync"
        else httpx.AsyncClient(transport=transport)
    )
    client = make_client(kind, _settings(max_retries=2), http_client=http)
    with pytest.raises(APITimeoutError) as info:
        await call(client, PING)
    assert info.value.operation_id == "getPing"
    assert "ReadTimeout" in str(info.value)
    assert len(seen) == 3  # a GET: retried, then given up
    with pytest.raises(APITimeoutError):
        await call(client, CREATE, name="x")
    assert len(seen) == 4  # a create: never retried after a read timeout
    await close(client)


async def test_long_poll_activation_stretches_the_timeout(kind: str) -> None:
    server = FakeServer(api=[ok({"jobs": []})])
    client = make_client(
        kind, _settings(request_timeout=5, connect_timeout=2), http_client=server.http_client(kind)
    )
    result = client.jobs.activate(
        type="t", timeout=1000, max_jobs_to_activate=1, request_timeout=60_000
    )
    if kind == "async":
        await result
    timeout = _timeout(server.api_requests[0])
    assert timeout["read"] == 70 and timeout["connect"] == 2
    await close(client)


async def test_default_tenant_fills_an_omitted_tenant(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(kind, _settings(tenant_id="acme"), http_client=server.http_client(kind))
    await call(client, CREATE, name="a")
    await call(client, CREATE, name="b", tenant_id="other")
    await call(client, CREATE, name="c", tenant_id=None)  # explicit null is the caller's
    await call(client, PING)  # no body: nothing to fill
    bodies = [json.loads(r.content) if r.content else None for r in server.api_requests]
    assert bodies == [
        {"name": "a", "tenantId": "acme"},
        {"name": "b", "tenantId": "other"},
        {"name": "c", "tenantId": None},
        None,
    ]
    await close(client)


async def test_environment_tenant_variable_is_used(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMUNDA_TENANT_ID", "from-env")
    server = FakeServer(api=[ok()])
    client = make_client(
        kind,
        CamundaSettings(rest_address="http://camunda.test"),
        http_client=server.http_client(kind),
    )
    await call(client, CREATE, name="a")
    assert json.loads(server.api_requests[0].content)["tenantId"] == "from-env"
    await close(client)


def test_no_tenant_without_a_default() -> None:
    parts = build_request_parts(CREATE, {"name": "a"}, BASE, None)
    assert json.loads(parts.content or b"") == {"name": "a"}


def test_takes_tenant_sees_through_annotated_unions() -> None:
    assert CREATE.takes_tenant is True
    assert PICK.takes_tenant is True
    assert PING.takes_tenant is False
    only_key = Operation("POST", "/k", "k", body=ByKey, returns=dict[str, Any])
    assert only_key.takes_tenant is False


def test_tenant_goes_only_into_the_union_member_that_has_one() -> None:
    by_name = build_request_parts(PICK, {"kind": "name", "name": "n"}, BASE, "acme")
    assert json.loads(by_name.content or b"") == {"kind": "name", "name": "n", "tenantId": "acme"}
    by_key = build_request_parts(PICK, {"kind": "key", "key": "1"}, BASE, "acme")
    assert json.loads(by_key.content or b"") == {"kind": "key", "key": "1"}


def test_tenant_in_a_plain_union_body() -> None:
    op = Operation("POST", "/u", "u", body=ByName | ByKey, returns=dict[str, Any])
    assert op.takes_tenant is True
    parts = build_request_parts(op, {"kind": "key", "key": "1"}, BASE, "acme")
    assert json.loads(parts.content or b"") == {"kind": "key", "key": "1"}


async def test_requests_carry_the_sdk_headers_on_an_injected_client(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(kind, _settings(), http_client=server.http_client(kind))
    await call(client, SEARCH, name="x")
    sent = server.api_requests[0]
    assert str(sent.url) == f"{BASE}/things/search"
    assert sent.headers["User-Agent"].startswith("camunda-sdk-python/")
    assert "application/problem+json" in sent.headers["Accept"]
    assert sent.headers["Content-Type"] == "application/json"
    await close(client)


async def test_an_owned_pool_carries_the_sdk_headers_itself(kind: str) -> None:
    client = make_client(kind, _settings())
    for transport in (client._transport, client.with_options(timeout=3)._transport):
        assert transport._pools.get().headers["User-Agent"].startswith("camunda-sdk-python/")
        assert "application/problem+json" in transport._pools.get().headers["Accept"]
        assert transport._sdk_headers is None  # not repeated on every request
    await close(client)


def test_a_body_typo_is_an_invalid_argument_before_sending() -> None:
    with pytest.raises(InvalidArgumentError, match="nmae"):
        build_request_parts(CREATE, {"nmae": "x"}, BASE)


UNASSIGN = Operation(
    "DELETE", "/roles/{roleId}/users/{username}", "unassignRoleFromUser", returns=type(None)
)
GET_INSTANCE = Operation(
    "GET", "/process-instances/{processInstanceKey}", "getProcessInstance", returns=dict[str, Any]
)


@pytest.mark.parametrize(
    ("op", "args", "field"),
    [
        (UNASSIGN, {"role_id": "admin", "username": ".."}, "username"),
        (UNASSIGN, {"role_id": ".", "username": "bob"}, "role_id"),
        (UNASSIGN, {"role_id": "admin", "username": "../../users/bob"}, "username"),
        (UNASSIGN, {"role_id": "admin", "username": "a\\..\\b"}, "username"),
        (GET_INSTANCE, {"process_instance_key": "123\n"}, "process_instance_key"),
    ],
)
def test_a_path_argument_that_would_leave_its_segment_is_refused(
    op: Operation[Any], args: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        build_request_parts(op, args, BASE)
    assert caught.value.fields == (field,)


def test_a_path_argument_is_one_percent_encoded_segment() -> None:
    parts = build_request_parts(UNASSIGN, {"role_id": "a b", "username": "..x;%2E"}, BASE)
    request = httpx.Request(parts.method, parts.url)
    assert request.url.raw_path == b"/v2/roles/a%20b/users/..x%3B%252E"
