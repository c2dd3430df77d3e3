# pyright: reportPrivateUsage=false
"""No secret reaches a log line (at DEBUG, through a real socket), a repr or an error."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import pytest

from camunda import (
    AuthenticationError,
    CamundaClient,
    CamundaSettings,
    ConfigurationError,
    UnauthorizedError,
)
from camunda._transport import _auth
from tests.unit._core import PING, SECRET

if TYPE_CHECKING:
    from collections.abc import Iterator

ACCESS_TOKEN = "eyJ-access-token-also-secret"
PASSWORD = "basic-" + SECRET


class _Handler(BaseHTTPRequestHandler):
    """Token endpoint at /token; the API at /v2/*. Behaviour set on the server object."""

    server: _Server  # pyright: ignore[reportIncompatibleVariableOverride]

    def log_message(self, format: str, *args: Any) -> None:  # silence stderr
        pass

    def _send(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.server.seen.append(self.rfile.read(length).decode())
        if self.server.token_status == 200:
            self._send(200, {"access_token": ACCESS_TOKEN, "expires_in": 300})
        else:
            self._send(self.server.token_status, {"error": "invalid_client"})

    def do_GET(self) -> None:
        self.server.seen.append(self.headers.get("Authorization", ""))
        self._send(
            self.server.api_status,
            {"title": "T", "detail": "D"} if self.server.api_status >= 400 else {"ok": True},
        )


class _Server(ThreadingHTTPServer):
    token_status = 200
    api_status = 200
    seen: list[str]


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _oauth_client(server: _Server, **overrides: Any) -> CamundaClient:
    host, port = server.server_address[:2]
    values: dict[str, Any] = {
        "rest_address": f"http://{host!s}:{port}",
        "client_id": "cid",
        "client_secret": SECRET,
        "oauth_url": f"http://{host!s}:{port}/token",
        "max_retries": 1,
        "retry_initial_delay": 0.001,
        "retry_max_delay": 0.01,
        "log_level": "debug",
    }
    values.update(overrides)
    return CamundaClient(CamundaSettings(**values))


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # root: camunda, httpx, httpcore, everything
    return caplog


def _assert_clean(text: str) -> None:
    for secret in (SECRET, ACCESS_TOKEN, PASSWORD):
        assert secret not in text


def test_oauth_success_and_refresh_log_no_secret(
    server: _Server, all_logs: pytest.LogCaptureFixture
) -> None:
    server.api_status = 401
    with _oauth_client(server) as client:
        with pytest.raises(UnauthorizedError) as info:
            client._transport.request(PING, {})
        _assert_clean(str(info.value))
        _assert_clean(repr(info.value))
        _assert_clean(repr(client) + repr(client.settings) + repr(client._transport.auth))
    assert any(SECRET in body for body in server.seen)  # it was sent, to the token endpoint
    assert f"Bearer {ACCESS_TOKEN}" in server.seen  # and the token to the API
    assert any(r.name.startswith("httpcore") for r in all_logs.records)  # DEBUG really on
    assert any(r.name == "camunda.auth" for r in all_logs.records)
    _assert_clean(all_logs.text)
    _assert_clean("\n".join(str(r.args) for r in all_logs.records))


def test_token_refusal_logs_and_raises_no_secret(
    server: _Server, all_logs: pytest.LogCaptureFixture
) -> None:
    server.token_status = 401
    with _oauth_client(server) as client, pytest.raises(AuthenticationError) as info:
        client._transport.request(PING, {})
    assert "invalid_client" in str(info.value)
    _assert_clean(str(info.value))
    _assert_clean(all_logs.text)


def test_token_server_errors_log_no_secret(
    server: _Server, all_logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_auth, "_TOKEN_BACKOFF_BASE", 0.001)
    server.token_status = 503
    with _oauth_client(server) as client, pytest.raises(AuthenticationError) as info:
        client._transport.request(PING, {})
    _assert_clean(str(info.value))
    assert "OAuth token request failed" in all_logs.text
    _assert_clean(all_logs.text)


def test_basic_auth_logs_no_password(server: _Server, all_logs: pytest.LogCaptureFixture) -> None:
    host, port = server.server_address[:2]
    settings = CamundaSettings(
        rest_address=f"http://{host!s}:{port}",
        basic_auth_username="u",
        basic_auth_password=PASSWORD,
        log_level="debug",
    )
    with CamundaClient(settings) as client:
        assert client._transport.request(PING, {}) == {"ok": True}
        _assert_clean(repr(client._transport.auth) + repr(settings) + str(settings))
    assert server.seen[0].startswith("Basic ")
    _assert_clean(all_logs.text)


def test_configuration_errors_do_not_echo_secrets() -> None:
    with pytest.raises(ConfigurationError) as info:
        CamundaSettings(client_secret=SECRET, basic_auth_password=PASSWORD, basic_auth_username="u")
    _assert_clean(str(info.value))
    settings = CamundaSettings(mtls_cert=SECRET, mtls_key=PASSWORD)
    _assert_clean(repr(settings))
    with pytest.raises(ConfigurationError, match="mTLS") as info:
        CamundaClient(settings)  # not PEM: cannot be loaded
    _assert_clean(str(info.value))
