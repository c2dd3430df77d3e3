# pyright: reportPrivateUsage=false
"""Scenario 8, secrets: no credential leaks, TLS is verified, mTLS works, redirects are safe.

Every flow runs against real servers on loopback (uvicorn serving the fake cluster behind a
small recording gate that also plays the OAuth token endpoint and injects error answers),
with DEBUG logging on for the root logger, ``camunda``, ``httpx`` and ``httpcore``. Each
test then scans every log record, the reprs and strs of what the user can hold, and every
exception (message, args, notes, attributes, cause/context chain, formatted traceback) for
the client secret, the basic password (also base64-encoded, as a header would carry it),
the access token and the client's private key.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import ssl
import stat
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
import pytest
import trustme
from pydantic import SecretStr

from camunda import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    CamundaAsyncClient,
    CamundaClient,
    CamundaSettings,
    ConfigurationError,
    ForbiddenError,
    InternalServerError,
    UnauthorizedError,
)
from camunda._transport import _auth
from camunda.testing import FakeCluster
from tests.reliability._support import serve_asgi

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from tests.reliability.conftest import ScenarioReport

CLIENT_SECRET = "cs-7f3a9b1e-client-secret-LEAKCHECK"
PASSWORD = "pw-4c2d8e6f-basic-password-LEAKCHECK"
ACCESS_TOKEN = "at-9e1b5c3a-access-token-LEAKCHECK"
USERNAME = "alice"
BASIC_HEADER = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
FAST = {"max_retries": 1, "retry_initial_delay": 0.001, "retry_max_delay": 0.01}

Scope = dict[str, Any]
E = TypeVar("E", bound=BaseException)


# ------------------------------------------------------------------------ loopback servers


@dataclass
class Gate:
    """ASGI app in front of the fake cluster: records every request; answers ``/token``
    as an OAuth token endpoint; answers queued API faults or a redirect instead of the
    cluster when told to."""

    cluster: FakeCluster
    token_status: int = 200
    faults: list[int] = field(default_factory=list[int])
    redirect_to: str | None = None
    seen: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list[Any])

    def authorizations(self) -> list[str]:
        return [
            headers.get("authorization", "") for path, headers, _ in self.seen if path != "/token"
        ]

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        path: str = scope["path"]
        self.seen.append((path, headers, body))
        if path == "/token":
            ok = self.token_status == 200
            payload = (
                {"access_token": ACCESS_TOKEN, "token_type": "Bearer", "expires_in": 300}
                if ok
                else {"error": "server_error"}
            )
            await _answer(send, self.token_status, payload)
        elif self.redirect_to is not None:
            await _answer(send, 307, None, [(b"location", (self.redirect_to + path).encode())])
        elif self.faults:
            status = self.faults.pop(0)
            await _answer(
                send,
                status,
                {
                    "type": "about:blank",
                    "title": f"TITLE_{status}",
                    "status": status,
                    "detail": f"injected {status} answer",
                    "instance": path,
                },
                [(b"content-type", b"application/problem+json")],
            )
        else:
            sent = False

            async def replay_body() -> dict[str, Any]:
                nonlocal sent
                if sent:
                    return {"type": "http.disconnect"}
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            await self.cluster.app(scope, replay_body, send)


async def _answer(
    send: Any, status: int, payload: object, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    data = b"" if payload is None else json.dumps(payload).encode()
    head = headers or [(b"content-type", b"application/json")]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-length", str(len(data)).encode()), *head],
        }
    )
    await send({"type": "http.response.body", "body": data})


@pytest.fixture
def gate() -> Iterator[tuple[Gate, str]]:
    with FakeCluster() as cluster:
        the_gate = Gate(cluster)
        with serve_asgi(the_gate) as port:
            yield the_gate, f"http://127.0.0.1:{port}"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ------------------------------------------------------------------------------ scanning


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    for name in ("camunda", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


class Scanner:
    """Collects everything a user or a log could show, then looks for the secrets."""

    def __init__(self, *secrets: str) -> None:
        self.secrets = [s for s in secrets if s]
        self.texts: list[tuple[str, str]] = []

    def add(self, label: str, *objects: object) -> None:
        for obj in objects:
            self.texts += [(f"{label} repr", repr(obj)), (f"{label} str", str(obj))]

    def add_exception(self, exc: BaseException) -> None:
        self.texts.append(("traceback", "".join(traceback.format_exception(exc))))
        seen: set[int] = set()
        todo: list[BaseException] = [exc]
        while todo:
            current = todo.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            label = type(current).__name__
            self.add(label, current, *current.args, *getattr(current, "__notes__", ()))
            self.add(f"{label} attribute", *vars(current).values())
            todo += [e for e in (current.__cause__, current.__context__) if e is not None]

    def add_logs(self, caplog: pytest.LogCaptureFixture) -> None:
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        for record in caplog.records:
            self.texts += [
                (f"log {record.name}", record.getMessage()),
                (f"log {record.name} msg", str(record.msg)),
                (f"log {record.name} args", repr(record.args)),
                (f"log {record.name} formatted", formatter.format(record)),
                (f"log {record.name} record", repr(vars(record))),
            ]

    def leaks(self) -> list[str]:
        return [
            f"{label}: {secret[:12]}..."
            for label, text in self.texts
            for secret in self.secrets
            if secret in text
        ]


def test_the_scanner_finds_a_leak_in_a_log_argument_and_an_exception_cause(
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    logging.getLogger("camunda.test").debug("sending %s", {"Authorization": BASIC_HEADER})
    try:
        try:
            raise ValueError("x", {"token": ACCESS_TOKEN})
        except ValueError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        scanner = Scanner(BASIC_HEADER, ACCESS_TOKEN)
        scanner.add_exception(outer)
    scanner.add_logs(debug_logs)
    leaks = scanner.leaks()
    assert any(leak.startswith("ValueError") for leak in leaks)
    assert any(leak.startswith("log camunda.test args") for leak in leaks)


def _pem_lines(pem: str) -> list[str]:
    """The base64 body lines of a PEM: distinctive, unlike its BEGIN/END armour."""
    return [line for line in pem.splitlines() if line and not line.startswith("-----")]


def _capture(scanner: Scanner, error: type[E], call: Callable[[], object]) -> E:
    with pytest.raises(error) as info:
        call()
    scanner.add_exception(info.value)
    return info.value


def _assert_debug_was_on(caplog: pytest.LogCaptureFixture) -> None:
    names = {record.name for record in caplog.records}
    assert {"httpx", "camunda.transport"} <= names
    assert any(name.startswith("httpcore") for name in names)


# ---------------------------------------------------------------------------- OAuth, basic


def test_oauth_flows_and_failures_leak_nothing(
    gate: tuple[Gate, str],
    debug_logs: pytest.LogCaptureFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scenario_report: ScenarioReport,
) -> None:
    monkeypatch.setattr(_auth, "_TOKEN_BACKOFF_BASE", 0.001)
    server, url = gate
    scanner = Scanner(CLIENT_SECRET, ACCESS_TOKEN)
    settings = CamundaSettings(
        rest_address=url,
        client_id="worker-1",
        client_secret=CLIENT_SECRET,
        oauth_url=f"{url}/token",
        token_cache_dir=tmp_path / "tokens",
        log_level="debug",
        **FAST,
    )
    with CamundaClient(settings) as client:
        topology = client.cluster.get_topology()
        scanner.add("topology", topology)
        server.faults = [401, 401]  # a refresh, one retry, then the 401 surfaces
        _capture(scanner, UnauthorizedError, client.cluster.get_topology)
        server.faults = [403]
        forbidden = _capture(scanner, ForbiddenError, client.cluster.get_topology)
        server.faults = [500]
        failed = _capture(scanner, InternalServerError, client.cluster.get_topology)
        assert "injected 500 answer" in str(failed) and "injected 403" in str(forbidden)
        scanner.add(
            "client",
            client,
            client.settings,
            client._transport,
            client._transport.auth,
            client._transport._pools.get(),
            client.cluster,
            client.with_options(timeout=5),
            client.settings.model_dump(),
        )

    # the token endpoint fails (after retries), then cannot be reached at all
    server.token_status = 500
    no_cache = settings.model_copy(update={"token_cache_dir": None})
    with CamundaClient(no_cache) as client:
        _capture(scanner, AuthenticationError, client.cluster.get_topology)
    unreachable = no_cache.model_copy(
        update={"oauth_url": f"http://127.0.0.1:{_closed_port()}/token"}
    )
    with CamundaClient(unreachable) as client:
        _capture(scanner, AuthenticationError, client.cluster.get_topology)
    refused = settings.model_copy(update={"rest_address": f"http://127.0.0.1:{_closed_port()}/v2"})
    with CamundaClient(refused) as client:  # the cached token is valid; the API is not there
        _capture(scanner, APIConnectionError, client.cluster.get_topology)

    # the secrets really were in play: sent to the token endpoint, the token to the API
    token_bodies = [body.decode() for path, _, body in server.seen if path == "/token"]
    assert all(CLIENT_SECRET in body for body in token_bodies) and len(token_bodies) >= 2
    assert f"Bearer {ACCESS_TOKEN}" in server.authorizations()
    _assert_debug_was_on(debug_logs)
    scanner.add_logs(debug_logs)
    assert scanner.leaks() == []
    scenario_report(
        "secrets: OAuth flows + 401/403/500/token/refused",
        requests=len(server.seen),
        outcome=f"{len(scanner.texts)} texts scanned, 0 leaks",
    )


@pytest.mark.anyio
async def test_async_oauth_and_basic_leak_nothing(
    gate: tuple[Gate, str],
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    server, url = gate
    scanner = Scanner(CLIENT_SECRET, ACCESS_TOKEN, PASSWORD, BASIC_HEADER)
    oauth = CamundaSettings(
        rest_address=url,
        client_id="worker-1",
        client_secret=CLIENT_SECRET,
        oauth_url=f"{url}/token",
        log_level="debug",
        **FAST,
    )
    basic = CamundaSettings(
        rest_address=url,
        basic_auth_username=USERNAME,
        basic_auth_password=PASSWORD,
        log_level="debug",
        **FAST,
    )
    for settings in (oauth, basic):
        async with CamundaAsyncClient(settings) as client:
            await client.cluster.get_topology()
            server.faults = [401, 401]
            with pytest.raises(UnauthorizedError) as info:
                await client.cluster.get_topology()
            scanner.add_exception(info.value)
            scanner.add("client", client, client.settings, client._transport.auth)
    assert f"Bearer {ACCESS_TOKEN}" in server.authorizations()
    assert f"Basic {BASIC_HEADER}" in server.authorizations()
    _assert_debug_was_on(debug_logs)
    scanner.add_logs(debug_logs)
    assert scanner.leaks() == []


def test_basic_auth_flows_and_failures_leak_nothing(
    gate: tuple[Gate, str],
    debug_logs: pytest.LogCaptureFixture,
    scenario_report: ScenarioReport,
) -> None:
    server, url = gate
    scanner = Scanner(PASSWORD, BASIC_HEADER)
    settings = CamundaSettings(
        rest_address=url,
        basic_auth_username=USERNAME,
        basic_auth_password=PASSWORD,
        log_level="debug",
        **FAST,
    )
    with CamundaClient(settings) as client:
        client.cluster.get_topology()
        for status, error in (
            (401, UnauthorizedError),
            (403, ForbiddenError),
            (500, InternalServerError),
        ):
            server.faults = [status]
            _capture(scanner, error, client.cluster.get_topology)
        scanner.add(
            "client",
            client,
            client.settings,
            client._transport,
            client._transport.auth,
            client.settings.model_dump(),
        )
    refused = settings.model_copy(update={"rest_address": f"http://127.0.0.1:{_closed_port()}/v2"})
    with CamundaClient(refused) as client:
        _capture(scanner, APIConnectionError, client.cluster.get_topology)
    assert set(server.authorizations()) == {f"Basic {BASIC_HEADER}"}
    _assert_debug_was_on(debug_logs)
    scanner.add_logs(debug_logs)
    assert scanner.leaks() == []
    scenario_report(
        "secrets: basic auth + 401/403/500/refused",
        requests=len(server.seen),
        outcome=f"{len(scanner.texts)} texts scanned, 0 leaks",
    )


# ------------------------------------------------------------------------ token disk cache


def test_token_cache_file_is_private_and_replaced_atomically(
    gate: tuple[Gate, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    scenario_report: ScenarioReport,
) -> None:
    server, url = gate
    cache = tmp_path / "tokens"
    replaced: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy_replace(src: str | Path, dst: str | Path) -> None:
        source, target = Path(src), Path(dst)
        # the whole token is already on disk, private, next to the target
        assert source.parent == target.parent and source != target
        assert stat.S_IMODE(source.stat().st_mode) == 0o600
        assert json.loads(source.read_text())["access_token"] == ACCESS_TOKEN
        replaced.append((source, target))
        real_replace(src, dst)

    monkeypatch.setattr(_auth.os, "replace", spy_replace)
    settings = CamundaSettings(
        rest_address=url,
        client_id="worker-1",
        client_secret=CLIENT_SECRET,
        oauth_url=f"{url}/token",
        token_cache_dir=cache,
    )
    with CamundaClient(settings) as client:
        client.cluster.get_topology()
    assert len(replaced) == 1
    files = list(cache.iterdir())
    assert files == [replaced[0][1]]  # the temporary file is gone
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert CLIENT_SECRET not in files[0].read_text()
    scenario_report(
        "secrets: token cache 0600, atomic replace",
        requests=len(server.seen),
        outcome="one temp file + os.replace, mode 0600, dir 0700, no secret",
    )


def test_a_concurrent_reader_never_sees_a_partial_token_file(tmp_path: Path) -> None:
    auth = _auth.OAuth(
        client_id="c",
        client_secret=SecretStr(CLIENT_SECRET),
        token_url="http://auth.test/token",
        cache_dir=tmp_path,
    )
    assert auth._cache_file is not None
    target = auth._cache_file
    done = threading.Event()
    reads: list[str] = []
    partial: list[str] = []

    def reader() -> None:
        while not done.is_set():
            try:
                text = target.read_text()
            except FileNotFoundError:
                continue
            try:
                reads.append(json.loads(text)["access_token"][:8])
            except ValueError:
                partial.append(text[:40])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(40):  # large tokens: a non-atomic write would be seen half done
            auth._store_cached(_auth._Token(f"tok{n:05d}" + "x" * 100_000, time.time() + 60))
    finally:
        done.set()
        thread.join()
    assert reads  # the reader did race the writer
    assert partial == []
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# ---------------------------------------------------------------------------------- TLS


@dataclass
class Pki:
    ca_pem: str
    ca_path: Path
    server: dict[str, Any]
    client_cert_path: Path
    client_key_pem: str
    other_key_pem: str


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    ca = trustme.CA()
    server_cert = ca.issue_cert("127.0.0.1", "localhost")
    client_cert = ca.issue_cert("worker.camunda.test")
    paths = {name: tmp_path / f"{name}.pem" for name in ("ca", "server", "server-key", "client")}
    ca.cert_pem.write_to_path(paths["ca"])
    server_cert.private_key_pem.write_to_path(paths["server-key"])
    for blob in server_cert.cert_chain_pems:
        blob.write_to_path(paths["server"], append=True)
    client_cert.cert_chain_pems[0].write_to_path(paths["client"])
    return Pki(
        ca_pem=ca.cert_pem.bytes().decode(),
        ca_path=paths["ca"],
        server={
            "ssl_certfile": str(paths["server"]),
            "ssl_keyfile": str(paths["server-key"]),
            "ssl_ca_certs": str(paths["ca"]),
            "ssl_cert_reqs": ssl.CERT_REQUIRED,
        },
        client_cert_path=paths["client"],
        client_key_pem=client_cert.private_key_pem.bytes().decode(),
        other_key_pem=ca.issue_cert("x.test").private_key_pem.bytes().decode(),
    )


def test_mtls_against_a_real_tls_server_and_verification_by_default(
    pki: Pki,
    debug_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    scenario_report: ScenarioReport,
) -> None:
    scanner = Scanner(*_pem_lines(pki.client_key_pem), PASSWORD, BASIC_HEADER)
    with FakeCluster() as cluster:
        server = Gate(cluster)
        with serve_asgi(server, **pki.server) as port:
            # configured through the CAMUNDA_* variables, the key inline as a secret value
            for name, value in {
                "CAMUNDA_REST_ADDRESS": f"https://127.0.0.1:{port}",
                "CAMUNDA_BASIC_AUTH_USERNAME": USERNAME,
                "CAMUNDA_BASIC_AUTH_PASSWORD": PASSWORD,
                "CAMUNDA_MTLS_CA_PATH": str(pki.ca_path),
                "CAMUNDA_MTLS_CERT_PATH": str(pki.client_cert_path),
                "CAMUNDA_MTLS_KEY": pki.client_key_pem,
                "CAMUNDA_SDK_LOG_LEVEL": "debug",
                "CAMUNDA_MAX_RETRIES": "0",
            }.items():
                monkeypatch.setenv(name, value)
            settings = CamundaSettings()
            for name in ("CAMUNDA_MTLS_CERT_PATH", "CAMUNDA_MTLS_KEY", "CAMUNDA_MTLS_CA_PATH"):
                monkeypatch.delenv(name)  # the following clients must not inherit them
            with CamundaClient(settings) as client:
                assert client.cluster.get_topology().cluster_size >= 1
                scanner.add(
                    "client",
                    client,
                    settings,
                    client._transport,
                    client._transport._pools.get(),
                    settings.model_dump(),
                )
            assert len(server.seen) == 1
            assert server.seen[0][1]["authorization"] == f"Basic {BASIC_HEADER}"

            # without the client certificate the server refuses the handshake
            no_cert = CamundaSettings(
                rest_address=f"https://127.0.0.1:{port}", mtls_ca=pki.ca_pem, max_retries=0
            )
            with CamundaClient(no_cert) as client:
                _capture(scanner, APIConnectionError, client.cluster.get_topology)
            # verification is on by default: the test CA is in no trust store
            default = CamundaSettings(rest_address=f"https://127.0.0.1:{port}", max_retries=0)
            with CamundaClient(default) as client:
                unverified = _capture(scanner, APIConnectionError, client.cluster.get_topology)
            assert "CERTIFICATE_VERIFY_FAILED" in str(unverified)
            assert not unverified.request_sent and not unverified.transient  # not retried
            assert len(server.seen) == 1  # neither reached the application
    # a key that does not match the certificate is a configuration error, without the PEM
    mismatched = CamundaSettings(mtls_cert_path=pki.client_cert_path, mtls_key=pki.other_key_pem)
    scanner.secrets += _pem_lines(pki.other_key_pem)
    _capture(scanner, ConfigurationError, lambda: CamundaClient(mismatched))
    scanner.add("settings", mismatched)
    _assert_debug_was_on(debug_logs)
    scanner.add_logs(debug_logs)
    assert scanner.leaks() == []
    scenario_report(
        "secrets: mTLS (trustme CA, uvicorn CERT_REQUIRED)",
        requests=3,
        outcome="cert accepted; no cert refused; unknown CA refused; 0 leaks",
    )


# ---------------------------------------------------------------------------- redirects


@pytest.mark.parametrize("auth", ["oauth", "basic"])
def test_credentials_do_not_follow_a_redirect_to_another_host(
    auth: str,
    scenario_report: ScenarioReport,
) -> None:
    with FakeCluster() as cluster:
        first, second = Gate(cluster), Gate(cluster)
        with serve_asgi(first) as first_port, serve_asgi(second) as second_port:
            first.redirect_to = f"http://localhost:{second_port}"
            url = f"http://127.0.0.1:{first_port}"
            values: dict[str, Any] = (
                {
                    "client_id": "worker-1",
                    "client_secret": CLIENT_SECRET,
                    "oauth_url": f"{url}/token",
                }
                if auth == "oauth"
                else {"basic_auth_username": USERNAME, "basic_auth_password": PASSWORD}
            )
            settings = CamundaSettings(rest_address=url, **values, **FAST)

            # the SDK's own pool does not follow redirects: a typed error, nothing sent on
            with CamundaClient(settings) as client, pytest.raises(APIStatusError) as info:
                client.cluster.get_topology()
            assert info.value.status_code == 307
            assert second.seen == []

            # a user's pool that follows redirects: httpx drops Authorization off-origin
            with (
                httpx.Client(follow_redirects=True) as pool,
                CamundaClient(settings, http_client=pool) as client,
            ):
                assert client.cluster.get_topology().cluster_size >= 1
            assert [path for path, _, _ in second.seen] == ["/v2/topology"]
            assert "authorization" not in second.seen[0][1]
            assert first.authorizations()[-1] != ""  # it was sent to the first host
            assert all(CLIENT_SECRET.encode() not in body for _, _, body in second.seen)
    scenario_report(
        f"secrets: redirect to another host ({auth})",
        requests=len(first.seen) + len(second.seen),
        outcome="no follow by default; followed hop carried no Authorization",
    )
