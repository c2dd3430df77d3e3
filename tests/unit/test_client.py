# pyright: reportPrivateUsage=false
from __future__ import annotations

import importlib.metadata
import logging
from typing import Any

import pytest

import camunda
from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings, ClientUsageError
from tests.conftest import BASE
from tests.unit._core import (
    PING,
    SECRET,
    FakeServer,
    call,
    close,
    make_client,
    oauth_settings,
    ok,
    token_response,
)

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_an_injected_client_gets_base_url_auth_and_headers_and_stays_open(
    kind: str,
) -> None:
    server = FakeServer(token=[token_response("tok-1")], api=[ok()])
    http = server.http_client(kind)
    http.headers["X-Mine"] = "kept"
    client = make_client(kind, oauth_settings(), http_client=http)
    assert await call(client, PING) == {"ok": True}
    sent = server.api_requests[0]
    assert str(sent.url) == f"{BASE}/ping"
    assert sent.headers["Authorization"] == "Bearer tok-1"
    assert sent.headers["User-Agent"] == f"camunda-sdk-python/{camunda.__version__}"
    assert sent.headers["X-Mine"] == "kept"  # the injected client's own headers stay
    await close(client)
    assert not http.is_closed
    if kind == "sync":
        assert http.get("http://other.test/").status_code == 200  # still usable
        http.close()
    else:
        assert (await http.get("http://other.test/")).status_code == 200
        await http.aclose()


async def test_an_owned_client_is_closed(kind: str) -> None:
    client = make_client(kind)
    http = client._transport._pools.get()
    await close(client)
    assert http.is_closed


def test_sync_context_manager_closes() -> None:
    with CamundaClient(CamundaSettings()) as client:
        http = client._transport._pools.get()
        assert not http.is_closed
    assert http.is_closed


async def test_async_context_manager_closes() -> None:
    async with CamundaAsyncClient(CamundaSettings()) as client:
        http = client._transport._pools.get()
        assert not http.is_closed
    assert http.is_closed


async def test_the_async_client_has_aclose_and_keeps_close() -> None:
    for method in ("aclose", "close"):
        client = CamundaAsyncClient(CamundaSettings())
        http = client._transport._pools.get()
        await getattr(client, method)()
        assert http.is_closed, method
    assert not hasattr(CamundaClient, "aclose")  # the sync client closes with close()


@pytest.mark.parametrize("client_class", [CamundaClient, CamundaAsyncClient])
def test_a_mapping_of_variable_names_configures_the_client_over_the_environment(
    client_class: type[CamundaClient | CamundaAsyncClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://from-env:9")
    monkeypatch.setenv("CAMUNDA_TENANT_ID", "from-env")
    client = client_class({"CAMUNDA_REST_ADDRESS": "http://given:8", "max_retries": 1})
    assert client.settings.rest_address == "http://given:8/v2"
    assert client.settings.max_retries == 1
    assert client.settings.tenant_id == "from-env"  # what the mapping leaves out still counts


@pytest.mark.parametrize("client_class", [CamundaClient, CamundaAsyncClient])
def test_settings_of_another_type_or_an_unknown_name_are_a_type_error(
    client_class: type[CamundaClient | CamundaAsyncClient],
) -> None:
    with pytest.raises(
        TypeError,
        match=rf"{client_class.__name__}\(settings\) takes a "
        r"CamundaSettings, a mapping .* not str",
    ):
        client_class("http://localhost:8080")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="CAMUNDA_REST_ADRESS"):
        client_class({"CAMUNDA_REST_ADRESS": "http://localhost:8080"})


def test_no_settings_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZEEBE_REST_ADDRESS", "http://from-env:9")
    with CamundaClient() as client:
        assert client.settings.rest_address == "http://from-env:9/v2"
        assert client._transport.base_url == "http://from-env:9/v2"


def test_repr_shows_the_address_and_no_secret() -> None:
    with CamundaClient(oauth_settings()) as client:
        assert repr(client) == "CamundaClient(rest_address='http://camunda.test/v2')"
        assert SECRET not in repr(client._transport.auth)


async def test_with_options_returns_a_client_of_the_same_kind(kind: str) -> None:
    client = make_client(kind)
    other = client.with_options(max_retries=1)
    assert type(other) is type(client)
    assert other.settings is client.settings
    assert other._transport.options.max_retries == 1
    assert client._transport.options.max_retries == client.settings.max_retries
    await close(client)


async def test_resource_groups_are_created_once_on_first_use(kind: str) -> None:
    client = make_client(kind)
    assert "jobs" not in vars(client)
    jobs = client.jobs
    assert client.jobs is jobs
    assert jobs._transport is client._transport
    await close(client)


def test_log_level_setting_configures_the_camunda_logger(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("camunda")
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    with CamundaClient(CamundaSettings()):
        assert logger.level == logging.NOTSET  # unset: logging is left alone
    with CamundaClient(CamundaSettings(log_level="debug")):
        assert logger.level == logging.DEBUG
    with CamundaClient(CamundaSettings(log_level="silent")):
        assert logger.level > logging.CRITICAL


def test_public_names_resolve_and_are_sorted() -> None:
    names: list[str] = list(camunda.__all__)
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    for name in names:
        value: Any = getattr(camunda, name)
        assert value is not None, name
    with pytest.raises(AttributeError):
        camunda.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018


def test_an_injected_client_is_used_for_the_token_too() -> None:
    server = FakeServer(token=[token_response()], api=[ok()])
    with server.sync_client() as http:
        client = CamundaClient(oauth_settings(), http_client=http)
        client._transport.request(PING, {})
        client.close()
        assert [r.method for r in server.requests] == ["POST", "GET"]
        assert not http.is_closed


async def test_the_owned_pool_is_created_on_first_use_only(kind: str) -> None:
    client = make_client(kind)
    assert client._transport._pools._calls is None  # constructing loads no CA bundle
    await close(client)  # closing an unused client is fine
    client = make_client(kind)
    pool = client._transport._pools.get()
    assert client._transport._pools.get() is pool
    await close(client)
    assert pool.is_closed


def test_threads_create_exactly_one_pool() -> None:
    from concurrent.futures import ThreadPoolExecutor

    client = CamundaClient(CamundaSettings())
    with ThreadPoolExecutor(max_workers=8) as pool:
        pools = set(pool.map(lambda _: id(client._transport._pools.get()), range(64)))  # pyright: ignore[reportUnknownLambdaType, reportUnknownArgumentType]
    assert len(pools) == 1
    client.close()


def test_the_version_is_written_once() -> None:
    # pyproject.toml reads camunda/_version.py: the installed metadata agrees with it.
    assert importlib.metadata.version("camunda-sdk") == camunda.__version__


# ------------------------------------------------------------------------- lifecycle


@pytest.mark.parametrize("used", [True, False], ids=["used", "never-used"])
async def test_a_call_after_close_raises_one_clear_error(kind: str, used: bool) -> None:
    server = FakeServer(api=[ok()])
    owned = make_client(kind)  # its own pool, toward an address that does not resolve
    borrowed = make_client(kind, http_client=server.http_client(kind))
    if used:
        pool = owned._transport._pools.get()  # opened, as by a first call
        assert await call(borrowed, PING) == {"ok": True}
    for client in (owned, borrowed):
        copy = client.with_options(max_retries=0)
        await close(client)
        await close(client)  # closing again is fine
        for caller in (client, copy):
            with pytest.raises(ClientUsageError, match="this client was closed"):
                await call(caller, PING)
    if used:
        assert pool.is_closed  # pyright: ignore[reportPossiblyUnboundVariable]
    assert owned._transport._pools._calls is None  # and no pool was opened after close
    assert len(server.api_requests) == (1 if used else 0)


async def test_closing_a_copy_leaves_the_client_open(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(kind, http_client=server.http_client(kind))
    await close(client.with_options(timeout=5))
    assert await call(client, PING) == {"ok": True}
    await close(client)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_one_async_client_on_two_event_loops_is_explained(backend: str) -> None:
    import anyio

    server = FakeServer(api=[ok()])
    client = CamundaAsyncClient(
        CamundaSettings(rest_address="http://camunda.test"), http_client=server.async_client()
    )
    assert anyio.run(call, client, PING, backend=backend) == {"ok": True}
    with pytest.raises(ClientUsageError, match="another event loop") as caught:
        anyio.run(call, client, PING, backend=backend)
    assert "one client per event loop" in str(caught.value)
    anyio.run(client.close, backend=backend)  # closing from the other loop is fine
    assert len(server.api_requests) == 1
