from __future__ import annotations

import email.utils
import logging
import ssl
import time
from typing import Any

import httpx
import pytest

from camunda import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    CamundaSettings,
    GatewayTimeoutError,
    ServiceUnavailableError,
)
from camunda._exceptions import AuthenticationError, error_for_status, is_retryable
from camunda._transport._operation import TransportOptions, options_from_settings
from camunda._transport._retry import backoff_delay, retry_after
from tests.unit._core import (
    CREATE,
    PING,
    SEARCH,
    FakeServer,
    call,
    close,
    make_client,
    ok,
    problem,
)

pytestmark = pytest.mark.anyio

EXHAUSTED = "RESOURCE_EXHAUSTED"


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _settings(**overrides: Any) -> CamundaSettings:
    values: dict[str, Any] = {
        "rest_address": "http://camunda.test",
        "max_retries": 5,
        "retry_initial_delay": 0.001,
        "retry_max_delay": 0.01,
    }
    values.update(overrides)
    return CamundaSettings(**values)


async def _run(
    kind: str, api: list[Any], op: Any = PING, **settings: Any
) -> tuple[Any, FakeServer]:
    """Call ``op`` against a server answering ``api``; return (result or error, server)."""
    server = FakeServer(api=api)
    client = make_client(kind, _settings(**settings), http_client=server.http_client(kind))
    args = {"name": "x"} if op.body is not None else {}
    try:
        outcome: Any = await call(client, op, **args)
    except Exception as exc:
        outcome = exc
    await close(client)
    return outcome, server


@pytest.mark.parametrize("op", [PING, CREATE], ids=["GET", "create-POST"])
async def test_backpressure_twice_then_success_takes_three_attempts(kind: str, op: Any) -> None:
    outcome, server = await _run(kind, [problem(503, EXHAUSTED), problem(503, EXHAUSTED), ok()], op)
    assert outcome == {"ok": True}
    assert len(server.api_requests) == 3


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_backpressure_is_retried_even_for_create(kind: str, status: int) -> None:
    title = None if status == 429 else EXHAUSTED
    outcome, server = await _run(kind, [problem(status, title), ok()], CREATE)
    assert outcome == {"ok": True}
    assert len(server.api_requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 500, 412])
@pytest.mark.parametrize("op", [PING, CREATE], ids=["GET", "create-POST"])
async def test_other_errors_are_not_retried(kind: str, status: int, op: Any) -> None:
    outcome, server = await _run(kind, [problem(status, "Nope"), ok()], op)
    assert isinstance(outcome, APIStatusError)
    assert outcome.status_code == status
    assert len(server.api_requests) == 1


@pytest.mark.parametrize("status", [502, 503, 504])
async def test_gateway_errors_are_retried_only_for_idempotent_operations(
    kind: str, status: int
) -> None:
    outcome, server = await _run(kind, [problem(status), ok()], CREATE)
    assert isinstance(outcome, APIStatusError) and outcome.status_code == status
    assert len(server.api_requests) == 1
    for op in (PING, SEARCH):
        outcome, server = await _run(kind, [problem(status), ok()], op)
        assert outcome == {"ok": True}
        assert len(server.api_requests) == 2


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow connect"),
        httpx.PoolTimeout("pool full"),
    ],
)
@pytest.mark.parametrize("op", [PING, CREATE], ids=["GET", "create-POST"])
async def test_connection_errors_are_always_retried(kind: str, error: Exception, op: Any) -> None:
    outcome, server = await _run(kind, [error, ok()], op)
    assert outcome == {"ok": True}
    assert len(server.api_requests) == 2


async def test_a_rejected_server_certificate_is_not_retried(kind: str) -> None:
    error = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error.__cause__ = ssl.SSLCertVerificationError(1, "certificate verify failed")
    outcome, server = await _run(kind, [error, ok()], PING)
    assert isinstance(outcome, APIConnectionError)
    assert outcome.transient is False and outcome.request_sent is False
    assert len(server.api_requests) == 1  # retrying cannot make the certificate valid


@pytest.mark.parametrize(
    "error", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("closed mid-answer")]
)
async def test_failures_after_sending_are_retried_only_for_idempotent_operations(
    kind: str, error: Exception
) -> None:
    outcome, server = await _run(kind, [error, ok()], CREATE)
    assert isinstance(outcome, APIConnectionError)
    assert outcome.request_sent is True
    assert len(server.api_requests) == 1
    outcome, server = await _run(kind, [error, ok()], PING)
    assert outcome == {"ok": True}
    assert len(server.api_requests) == 2


async def test_a_read_timeout_is_an_api_timeout_error(kind: str) -> None:
    outcome, server = await _run(kind, [httpx.ReadTimeout("slow")], CREATE)
    assert isinstance(outcome, APITimeoutError)
    assert outcome.operation_id == "createThing"
    assert len(server.api_requests) == 1


async def test_max_retries_is_respected(kind: str) -> None:
    outcome, server = await _run(kind, [problem(503, EXHAUSTED)], PING, max_retries=2)
    assert isinstance(outcome, ServiceUnavailableError) and outcome.is_backpressure
    assert len(server.api_requests) == 3


async def test_with_options_max_retries_zero_disables_retries(kind: str) -> None:
    server = FakeServer(api=[problem(504), ok()])
    client = make_client(kind, _settings(), http_client=server.http_client(kind))
    with pytest.raises(GatewayTimeoutError):
        await call(client.with_options(max_retries=0), PING)
    assert len(server.api_requests) == 1
    assert await call(client, PING) == {"ok": True}  # the original still retries
    await close(client)


async def test_retries_are_logged_at_info(kind: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="camunda")
    await _run(kind, [problem(503, EXHAUSTED, "partition 1 busy"), ok()])
    records = [
        r for r in caplog.records if r.name == "camunda.transport" and r.levelno == logging.INFO
    ]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "retrying in" in message and "attempt 1" in message
    assert "503 getPing: RESOURCE_EXHAUSTED: partition 1 busy" in message


def _logged_delays(caplog: pytest.LogCaptureFixture) -> list[float]:
    return [
        float(r.getMessage().split("retrying in ")[1].split("s ")[0])
        for r in caplog.records
        if "retrying in" in r.getMessage()
    ]


async def test_retry_after_is_honoured_and_capped(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="camunda")
    answers = [
        problem(429, headers={"Retry-After": "0.03"}),
        problem(429, headers={"Retry-After": "3600"}),
        ok(),
    ]
    started = time.monotonic()
    outcome, server = await _run(kind, answers, CREATE, retry_max_delay=0.05)
    assert outcome == {"ok": True}
    assert len(server.api_requests) == 3
    assert _logged_delays(caplog) == [0.03, 0.05]
    assert time.monotonic() - started < 2  # the hour-long Retry-After was capped


# ---------------------------------------------------------------- the policy, directly

OPTIONS = TransportOptions(
    httpx.Timeout(5), max_retries=10, retry_initial_delay=0.1, retry_max_delay=2.0
)


def test_backoff_is_exponential_and_capped() -> None:
    ceilings = [backoff_delay(n, None, OPTIONS, lambda: 1.0) for n in range(1, 8)]
    assert ceilings == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0])


def test_backoff_has_full_jitter() -> None:
    assert backoff_delay(3, None, OPTIONS, lambda: 0.0) == 0.0
    assert backoff_delay(3, None, OPTIONS, lambda: 0.5) == pytest.approx(0.2)
    import random

    rng = random.Random(7)
    delays = [backoff_delay(4, None, OPTIONS, rng.random) for _ in range(500)]
    assert all(0 <= d <= 0.8 for d in delays)
    assert min(delays) < 0.1 and max(delays) > 0.7  # spread over the whole range


def test_backoff_prefers_retry_after_but_caps_it() -> None:
    err = error_for_status(429, "op", b"", retry_after=1.5)
    assert backoff_delay(1, err, OPTIONS, lambda: 0.0) == 1.5
    err = error_for_status(429, "op", b"", retry_after=999)
    assert backoff_delay(1, err, OPTIONS, lambda: 0.0) == 2.0


def test_retry_after_header_forms() -> None:
    assert retry_after(httpx.Headers({"Retry-After": "7"})) == 7.0
    assert retry_after(httpx.Headers({"Retry-After": "-3"})) == 0.0
    assert retry_after(httpx.Headers({})) is None
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < (retry_after(httpx.Headers({"Retry-After": future})) or 0) <= 30


@pytest.mark.parametrize(
    ("exc", "idempotent", "expected"),
    [
        (error_for_status(429, "op", b""), False, True),
        (error_for_status(503, "op", b'{"title": "RESOURCE_EXHAUSTED"}'), False, True),
        (error_for_status(500, "op", b'{"title": "RESOURCE_EXHAUSTED"}'), False, True),
        (error_for_status(500, "op", b""), True, False),
        (error_for_status(503, "op", b""), False, False),
        (error_for_status(503, "op", b""), True, True),
        (error_for_status(502, "op", b""), True, True),
        (error_for_status(504, "op", b""), False, False),
        (error_for_status(401, "op", b""), True, False),
        (error_for_status(409, "op", b""), True, False),
        (APIConnectionError("x", request_sent=False), False, True),
        (APIConnectionError("x", request_sent=True), False, False),
        (APITimeoutError("x", request_sent=True), True, True),
        (APIConnectionError("x", request_sent=False, transient=False), True, False),
        (AuthenticationError("refused"), True, False),
        (AuthenticationError("unreachable", transient=True), False, True),
        (ValueError("not ours"), True, False),
    ],
)
def test_is_retryable_table(exc: BaseException, idempotent: bool, expected: bool) -> None:
    assert is_retryable(exc, idempotent) is expected


def test_options_follow_the_settings() -> None:
    options = options_from_settings(_settings(request_timeout=12, connect_timeout=3, max_retries=4))
    assert options.timeout == httpx.Timeout(12, connect=3)
    assert options.max_retries == 4
