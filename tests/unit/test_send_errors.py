"""Every error the SDK lets out is one of its own, with the cause chained, and names what
to fix: the URL tried, the token endpoint and the setting that chose it, the address."""

from __future__ import annotations

import sys
from typing import Any

import httpx
import pytest

from camunda import (
    APIConnectionError,
    APIResponseValidationError,
    AuthenticationError,
    CamundaError,
    CamundaSettings,
    ConfigurationError,
    InvalidArgumentError,
    NotFoundError,
)
from camunda._transport import Operation
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
)

pytestmark = pytest.mark.anyio

DOWNLOAD = Operation("GET", "/files/{fileId}", "getFile", returns=bytes, query=("store_id",))


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class BrokenGzip:
    """A proxy that says gzip and sends something else; counts the requests."""

    def __init__(self) -> None:
        self.requests = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return httpx.Response(
            200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"plain")
        )

    def client(self, kind: str) -> Any:
        http = (httpx.Client if kind == "sync" else httpx.AsyncClient)(
            transport=httpx.MockTransport(self.handle)
        )
        return make_client(kind, http_client=http)


async def test_an_answer_that_cannot_be_decoded_is_a_response_validation_error(kind: str) -> None:
    server = BrokenGzip()
    client = server.client(kind)
    with pytest.raises(APIResponseValidationError) as caught:
        await call(client, PING)
    assert isinstance(caught.value.__cause__, httpx.DecodingError)
    assert "getPing: the answer for GET http://camunda.test/v2/ping could not be decoded" in (
        str(caught.value)
    )
    assert server.requests == 1  # not retried: the same proxy would break it again
    await close(client)


async def test_a_download_read_in_the_block_maps_its_errors_too(kind: str) -> None:
    client = BrokenGzip().client(kind)
    with pytest.raises(APIResponseValidationError) as caught:
        if kind == "sync":
            with client.documents.open_download("doc-1") as response:
                response.read()
        else:
            async with client.documents.open_download("doc-1") as response:
                await response.aread()
    assert isinstance(caught.value.__cause__, httpx.DecodingError)
    await close(client)


async def test_an_argument_httpx_cannot_encode_is_an_invalid_argument(kind: str) -> None:
    server = FakeServer(api=[ok()])
    client = make_client(kind, http_client=server.http_client(kind))
    with pytest.raises(InvalidArgumentError, match="getFile: the request cannot be built") as c:
        await call(client, DOWNLOAD, file_id="f", store_id="\ud800")  # a lone surrogate
    assert isinstance(c.value.__cause__, UnicodeError)
    with pytest.raises(InvalidArgumentError, match="file_id '\\\\ud800' cannot be encoded"):
        await call(client, DOWNLOAD, file_id="\ud800")
    assert server.api_requests == []
    await close(client)


async def test_a_connection_error_names_the_url_it_tried(kind: str) -> None:
    server = FakeServer(api=[httpx.ConnectError("connection refused")])
    client = make_client(kind, http_client=server.http_client(kind))
    with pytest.raises(APIConnectionError) as caught:
        await call(client.with_options(max_retries=0), DOWNLOAD, file_id="f", store_id="s")
    message = str(caught.value)
    assert message == (
        "getFile: ConnectError for GET http://camunda.test/v2/files/f: connection refused"
    )  # the query string is left out
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    await close(client)


async def test_an_unreachable_token_endpoint_is_named_with_its_setting(kind: str) -> None:
    server = FakeServer(token=[httpx.ConnectError("refused")], api=[ok()])
    client = make_client(kind, oauth_settings(max_retries=0), http_client=server.http_client(kind))
    with pytest.raises(AuthenticationError) as caught:
        await call(client, PING)
    assert (
        f"the OAuth token endpoint {TOKEN_URL} (set by CAMUNDA_OAUTH_URL) could not be "
        "reached" in str(caught.value)
    )
    assert SECRET not in str(caught.value)
    await close(client)


async def test_a_refusing_token_endpoint_is_named_with_its_setting(kind: str) -> None:
    server = FakeServer(token=[httpx.Response(401, json={"error": "invalid_client"})])
    client = make_client(kind, oauth_settings(max_retries=0), http_client=server.http_client(kind))
    with pytest.raises(AuthenticationError) as caught:
        await call(client, PING)
    assert (
        f"could not obtain an OAuth token from {TOKEN_URL} (set by CAMUNDA_OAUTH_URL): "
        "HTTP 401" in str(caught.value)
    )
    await close(client)


async def test_the_default_token_url_says_it_is_the_saas_default(kind: str) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    http = (httpx.Client if kind == "sync" else httpx.AsyncClient)(
        transport=httpx.MockTransport(refuse)
    )
    settings = CamundaSettings(
        rest_address="http://camunda.test", client_id="id", client_secret=SECRET, max_retries=0
    )
    client = make_client(kind, settings, http_client=http)
    with pytest.raises(AuthenticationError) as caught:
        await call(client, PING)
    assert (
        "https://login.cloud.camunda.io/oauth/token (the SaaS default: for a "
        "self-managed cluster set CAMUNDA_OAUTH_URL"
    ) in str(caught.value)
    await close(client)


def test_a_token_url_that_cannot_work_is_refused_at_construction() -> None:
    with pytest.raises(ConfigurationError, match=r"oauth_url \(CAMUNDA_OAUTH_URL\): must be"):
        oauth_settings(oauth_url="login.example.com/token")
    CamundaSettings(oauth_url="not used without OAuth credentials")  # not checked then


async def test_an_html_page_is_cut_short_and_explained(kind: str) -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body>"
        + b"<p>lorem ipsum</p>" * 2000
        + b"</body></html>"
    )
    server = FakeServer(
        api=[httpx.Response(404, headers={"Content-Type": "text/html"}, content=page)]
    )
    client = make_client(kind, http_client=server.http_client(kind))
    with pytest.raises(NotFoundError) as caught:
        await call(client, PING)
    message = str(caught.value)
    assert message == (
        f"404 getPing: an HTML page titled 'Welcome to nginx!' ({len(page)} bytes) instead of "
        "a problem detail: not a Camunda REST API? (check CAMUNDA_REST_ADDRESS)"
    )
    await close(client)


async def test_a_long_text_answer_is_cut_short(kind: str) -> None:
    server = FakeServer(api=[httpx.Response(502, text="bad gateway " * 500)])
    client = make_client(kind, http_client=server.http_client(kind))
    with pytest.raises(CamundaError) as caught:
        await call(client.with_options(max_retries=0), PING)
    assert len(str(caught.value)) < 260 and str(caught.value).endswith("(6000 bytes)")
    await close(client)


def test_serving_the_fake_without_uvicorn_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from camunda.testing import FakeCluster

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn fails
    with FakeCluster() as cluster, pytest.raises(ModuleNotFoundError) as caught:  # noqa: SIM117
        with cluster.serve():
            pass
    assert "camunda-sdk[fake-cluster]" in str(caught.value)
