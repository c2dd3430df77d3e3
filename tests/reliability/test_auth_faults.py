"""Scenario 4: the OAuth token endpoint misbehaves; calls fail typed and bounded, or recover.

A real token endpoint and an API gateway (checking bearer tokens) run on loopback in front
of a served FakeCluster; the counts are the servers' own.
"""

# pyright: reportPrivateUsage=false
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import anyio
import pytest
from pydantic import SecretStr

from camunda import AuthenticationError, CamundaAsyncClient, CamundaClient, CamundaSettings
from camunda._transport import _auth
from camunda._transport._auth import OAuth
from camunda.testing import FakeCluster
from tests.reliability._gateway import Gateway, gateway_in_front_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.reliability.conftest import ScenarioReport

SECRET = "reliability-Secret-0f-the-client"
CONCURRENT = 50


@pytest.fixture(autouse=True)
def _fast_token_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_auth, "_TOKEN_BACKOFF_BASE", 0.01)


@pytest.fixture
def served() -> Iterator[tuple[Gateway, str]]:
    with FakeCluster() as cluster, gateway_in_front_of(cluster) as pair:
        yield pair


def _settings(url: str, **overrides: Any) -> CamundaSettings:
    values: dict[str, Any] = {
        "rest_address": url,
        "client_id": "reliability",
        "client_secret": SECRET,
        "oauth_url": f"{url}/oauth/token",
        "token_disk_cache_disable": True,
        "max_retries": 2,
        "retry_initial_delay": 0.01,
        "retry_max_delay": 0.05,
    }
    values.update(overrides)
    return CamundaSettings(**values)


async def _burst(client: CamundaAsyncClient, count: int) -> list[BaseException | None]:
    """``count`` concurrent calls; the error of each (``None`` for success)."""
    outcomes: list[BaseException | None] = []

    async def one() -> None:
        try:
            await client.cluster.get_topology()
        except AuthenticationError as exc:
            outcomes.append(exc)
        else:
            outcomes.append(None)

    async with anyio.create_task_group() as group:
        for _ in range(count):
            group.start_soon(one)
    return outcomes


def _assert_secret_free(exc: BaseException) -> None:
    assert SECRET not in str(exc) and SECRET not in repr(exc)


# -- 500s --------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_token_endpoint_500s_are_retried_and_recover(served: tuple[Gateway, str]) -> None:
    gateway, url = served
    gateway.token_mode, gateway.token_faults = "error", 2
    async with CamundaAsyncClient(_settings(url)) as client:
        assert (await client.cluster.get_topology()).brokers is not None
    assert gateway.token_requests == 3  # two 500s, then a token
    assert gateway.api_requests == 1


def test_token_endpoint_500s_are_retried_and_recover_sync(served: tuple[Gateway, str]) -> None:
    gateway, url = served
    gateway.token_mode, gateway.token_faults = "error", 2
    with CamundaClient(_settings(url)) as client:
        assert client.cluster.get_topology().brokers is not None
    assert gateway.token_requests == 3
    assert gateway.api_requests == 1


@pytest.mark.anyio
async def test_token_endpoint_500s_that_persist_fail_typed_with_one_refresh_for_all(
    served: tuple[Gateway, str], scenario_report: ScenarioReport
) -> None:
    gateway, url = served
    gateway.token_mode = "error"
    started = time.monotonic()
    async with CamundaAsyncClient(_settings(url)) as client:
        outcomes = await _burst(client, CONCURRENT)
    elapsed = time.monotonic() - started
    assert len(outcomes) == CONCURRENT
    for exc in outcomes:
        assert isinstance(exc, AuthenticationError)
        assert not exc.transient
        assert "HTTP 500 from the token endpoint (server_error)" in str(exc)
        _assert_secret_free(exc)
    # One refresh flow's attempts, shared by all 50 waiting calls: not 50 x 4 requests.
    assert gateway.token_requests == _auth._TOKEN_ATTEMPTS
    assert gateway.api_requests == 0
    assert elapsed < 5
    scenario_report(
        f"auth: token endpoint 500s, {CONCURRENT} calls",
        requests=gateway.token_requests + gateway.api_requests,
        outcome=f"{CONCURRENT}x AuthenticationError after "
        f"{gateway.token_requests} token attempts, {elapsed:.2f}s",
    )


# -- timeouts ----------------------------------------------------------------------------


def _short_timeout_oauth(url: str) -> OAuth:
    return OAuth(
        client_id="reliability",
        client_secret=SecretStr(SECRET),
        token_url=f"{url}/oauth/token",
        timeout=0.3,
    )


def _assert_timed_out(exc: AuthenticationError, gateway: Gateway, elapsed: float) -> None:
    assert exc.transient  # the call never left: the transport retried it
    assert "the OAuth token endpoint http://127.0.0.1:" in str(exc)  # names the URL tried
    assert "/oauth/token (set by CAMUNDA_OAUTH_URL) timed out" in str(exc)
    _assert_secret_free(exc)
    assert gateway.token_requests == 3  # max_retries=2: three attempts of 0.3 s
    assert gateway.api_requests == 0
    assert elapsed < 2.5


@pytest.mark.anyio
async def test_a_hanging_token_endpoint_fails_typed_and_bounded(
    served: tuple[Gateway, str],
) -> None:
    gateway, url = served
    gateway.token_mode, gateway.hang_seconds = "hang", 1.0
    started = time.monotonic()
    async with CamundaAsyncClient(_settings(url), auth=_short_timeout_oauth(url)) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.cluster.get_topology()
    _assert_timed_out(caught.value, gateway, time.monotonic() - started)


def test_a_hanging_token_endpoint_fails_typed_and_bounded_sync(
    served: tuple[Gateway, str],
) -> None:
    gateway, url = served
    gateway.token_mode, gateway.hang_seconds = "hang", 1.0
    started = time.monotonic()
    with (
        CamundaClient(_settings(url), auth=_short_timeout_oauth(url)) as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.cluster.get_topology()
    _assert_timed_out(caught.value, gateway, time.monotonic() - started)


@pytest.mark.anyio
async def test_concurrent_calls_on_a_hanging_token_endpoint_wait_for_one_request(
    served: tuple[Gateway, str], scenario_report: ScenarioReport
) -> None:
    gateway, url = served
    gateway.token_mode, gateway.hang_seconds = "hang", 1.0
    started = time.monotonic()
    async with CamundaAsyncClient(
        _settings(url, max_retries=1), auth=_short_timeout_oauth(url)
    ) as client:
        outcomes = await _burst(client, CONCURRENT)
    elapsed = time.monotonic() - started
    assert all(isinstance(exc, AuthenticationError) and exc.transient for exc in outcomes)
    assert len(outcomes) == CONCURRENT
    # Each of the two attempts of the burst waits on one token request at a time; never
    # one timeout per waiting call in turn.
    assert gateway.token_requests <= 4
    assert gateway.api_requests == 0
    assert elapsed < 3
    scenario_report(
        f"auth: token endpoint hangs, {CONCURRENT} calls",
        requests=gateway.token_requests,
        outcome=f"{CONCURRENT}x AuthenticationError (timed out) in {elapsed:.2f}s",
    )


# -- invalid JSON ------------------------------------------------------------------------


def _assert_invalid_json(exc: AuthenticationError, gateway: Gateway) -> None:
    assert "invalid JSON" in str(exc)
    assert "tok-x" not in str(exc)  # nothing of the answer is echoed
    _assert_secret_free(exc)
    assert gateway.token_requests == _auth._TOKEN_ATTEMPTS
    assert gateway.api_requests == 0


@pytest.mark.anyio
async def test_invalid_json_from_the_token_endpoint_is_a_typed_error_without_the_secret(
    served: tuple[Gateway, str], scenario_report: ScenarioReport
) -> None:
    gateway, url = served
    gateway.token_mode = "invalid_json"
    async with CamundaAsyncClient(_settings(url)) as client:
        with pytest.raises(AuthenticationError) as caught:
            await client.cluster.get_topology()
    _assert_invalid_json(caught.value, gateway)
    scenario_report(
        "auth: token endpoint invalid JSON",
        requests=gateway.token_requests,
        outcome="AuthenticationError naming invalid JSON, no secret",
    )


def test_invalid_json_from_the_token_endpoint_sync(served: tuple[Gateway, str]) -> None:
    gateway, url = served
    gateway.token_mode = "invalid_json"
    with CamundaClient(_settings(url)) as client, pytest.raises(AuthenticationError) as caught:
        client.cluster.get_topology()
    _assert_invalid_json(caught.value, gateway)


@pytest.mark.anyio
async def test_invalid_json_once_then_a_token_recovers(served: tuple[Gateway, str]) -> None:
    gateway, url = served
    gateway.token_mode, gateway.token_faults = "invalid_json", 1
    async with CamundaAsyncClient(_settings(url)) as client:
        await client.cluster.get_topology()
    assert gateway.token_requests == 2


# -- short-lived tokens ------------------------------------------------------------------


@pytest.mark.anyio
async def test_a_token_that_expires_in_one_second_is_refreshed_in_time(
    served: tuple[Gateway, str], scenario_report: ScenarioReport
) -> None:
    gateway, url = served
    gateway.token_lifetime, gateway.require_auth = 1.0, True
    calls = 0
    async with CamundaAsyncClient(_settings(url)) as client:
        with anyio.move_on_after(3.0):
            while True:
                await client.cluster.get_topology()
                calls += 1
                await anyio.sleep(0.02)
    assert calls >= 20
    assert gateway.unauthorized == 0  # refreshed before the gateway ever saw it expired
    assert calls <= gateway.api_requests <= calls + 1  # the last may be cut off in flight
    # Refreshed at half its lifetime: about six tokens in three seconds.
    assert 4 <= gateway.token_requests <= 10
    scenario_report(
        "auth: 1 s tokens over 3 s",
        requests=gateway.token_requests + gateway.api_requests,
        outcome=f"{calls} calls ok, {gateway.token_requests} refreshes, 0 x 401",
    )


# -- 401 burst ---------------------------------------------------------------------------


@pytest.mark.anyio
async def test_a_401_burst_of_50_calls_refreshes_once_and_all_succeed(
    served: tuple[Gateway, str], scenario_report: ScenarioReport
) -> None:
    gateway, url = served
    gateway.require_auth = True
    async with CamundaAsyncClient(_settings(url)) as client:
        await client.cluster.get_topology()  # caches a token
        gateway.revoke_tokens()  # which the server now rejects
        outcomes = await _burst(client, CONCURRENT)
    assert outcomes == [None] * CONCURRENT
    assert gateway.token_requests == 2  # the first token and exactly one refresh
    assert gateway.unauthorized == CONCURRENT
    assert gateway.api_requests == 1 + 2 * CONCURRENT
    scenario_report(
        f"auth: 401 burst, {CONCURRENT} calls",
        requests=gateway.api_requests + gateway.token_requests,
        outcome=f"{CONCURRENT}/{CONCURRENT} ok after 1 refresh",
    )


def test_a_401_burst_on_threads_of_the_sync_client_refreshes_once(
    served: tuple[Gateway, str],
) -> None:
    gateway, url = served
    gateway.require_auth = True
    with CamundaClient(_settings(url)) as client:
        client.cluster.get_topology()
        gateway.revoke_tokens()
        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(client.cluster.get_topology) for _ in range(32)]
            results = [future.result() for future in futures]
    assert len(results) == 32
    assert gateway.token_requests == 2  # the first token and exactly one refresh
    assert 1 <= gateway.unauthorized <= 16  # only calls in flight at the rotation see a 401
