"""The adaptive backpressure gate: the AIMD state machine, and how both transports use it."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, cast

import anyio
import httpx
import pytest

from camunda import (
    APIConnectionError,
    BackpressureProfile,
    BackpressureState,
    CamundaAsyncClient,
    CamundaClient,
    CamundaSettings,
    ConfigurationError,
    NotFoundError,
    ServiceUnavailableError,
)
from camunda._transport import Operation
from camunda._transport._backpressure import (
    PROFILES,
    AsyncBackpressureGate,
    Backpressure,
    BackpressureGate,
    Tuning,
)
from tests.unit._core import PING, FakeServer, call, close, make_client, ok, problem

EXHAUSTED = "RESOURCE_EXHAUSTED"
BALANCED = BackpressureProfile.BALANCED
LEGACY = BackpressureProfile.LEGACY
TUNING = cast("Tuning", PROFILES[BALANCED])

DRAIN = Operation(
    "POST", "/things/{thingKey}/completion", "completeThing", returns=type(None), drains=True
)
POLL = Operation(
    "POST",
    "/things/activation",
    "activateThings",
    returns=dict[str, Any],
    server_wait="request_timeout",
)


def _settings(profile: BackpressureProfile = BALANCED, **overrides: Any) -> CamundaSettings:
    values: dict[str, Any] = {
        "rest_address": "http://camunda.test",
        "max_retries": 5,
        "retry_initial_delay": 0.001,
        "retry_max_delay": 0.01,
        "backpressure_profile": profile,
    }
    values.update(overrides)
    return CamundaSettings(**values)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def squeeze(state: Backpressure, limit: int, clock: Clock) -> None:
    """Signal, one decrease window apart, until the limit is ``limit``."""
    while state.limit != limit:
        state.on_signal(clock.now)
        clock.now += TUNING.decrease_window


def gated(kind: str, limit: int, http: Any) -> Any:
    """A client whose gate already caps the calls in flight at ``limit`` (its clock stands
    still, so the limit does not recover during the test)."""
    client = make_client(kind, _settings(), http_client=http)
    clock = Clock()
    gate: Any = (BackpressureGate if kind == "sync" else AsyncBackpressureGate)(BALANCED, clock)
    squeeze(gate._state, limit, clock)
    client._transport.gate = gate
    return client


def mock(handler: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


# ------------------------------------------------------------------ the state machine


def test_no_limit_until_the_first_signal() -> None:
    state = Backpressure(BALANCED)
    assert all(state.try_acquire() for _ in range(500))
    assert state.limit is None and state.in_use == 500
    state.on_signal(0.0)
    assert state.limit == TUNING.initial_limit == 16
    assert not state.try_acquire()  # 500 still in flight: newcomers wait
    assert state.signals == 1 and state.last_signal_at is not None


def test_repeated_signals_shrink_the_limit_once_per_window() -> None:
    state = Backpressure(BALANCED)
    state.on_signal(0.0)
    for n in range(20):  # a burst for calls already in flight: one congestion event
        state.on_signal(0.001 * n)
    assert state.limit == 16
    state.on_signal(0.2)
    assert state.limit == 11  # floor(16 * 0.7)
    state.on_signal(0.3)
    assert state.limit == 11
    state.on_signal(0.4)
    assert state.limit == 7
    assert state.signals == 24


def test_the_limit_never_goes_below_the_floor() -> None:
    state = Backpressure(BALANCED)
    for n in range(50):
        state.on_signal(n * 1.0)
    assert state.limit == TUNING.floor == 1
    assert state.try_acquire()  # one call can always go


def test_recovery_is_additive_then_multiplicative_then_uncapped() -> None:
    state = Backpressure(BALANCED)
    clock = Clock()
    squeeze(state, 1, clock)
    last_signal = clock.now
    state.on_success(last_signal + 0.5)  # still within the quiet period
    assert state.limit == 1
    limits: list[int | None] = []
    now = last_signal + TUNING.quiet
    while limits[-1:] != [None]:
        state.on_success(now)
        state.on_success(now + 0.01)  # within the step interval: no second step
        limits.append(state.limit)
        now += TUNING.step_interval
    assert limits[:15] == list(range(2, 17))  # +1 per step up to the initial limit
    assert limits[15:18] == [24, 36, 54]  # then x1.5 per step
    assert now - last_signal >= TUNING.uncap_after  # lifted after a long quiet spell
    assert limits[-1] is None


def test_a_signal_during_recovery_restarts_the_quiet_period() -> None:
    state = Backpressure(BALANCED)
    state.on_signal(0.0)
    state.on_signal(1.0)
    assert state.limit == 11
    state.on_success(2.0)
    assert state.limit == 12
    state.on_signal(2.5)
    assert state.limit == 8
    state.on_success(3.0)  # only 0.5 s since the last signal
    assert state.limit == 8


def test_legacy_counts_signals_but_never_limits() -> None:
    state = Backpressure(LEGACY)
    for n in range(30):
        state.on_signal(n * 1.0)
    assert state.limit is None and state.signals == 30
    assert all(state.try_acquire() for _ in range(1000))


@pytest.mark.parametrize(("profile", "cap"), [("CONSERVATIVE", 8), ("AGGRESSIVE", 32)])
def test_profiles_differ_in_how_hard_they_back_off(profile: str, cap: int) -> None:
    state = Backpressure(BackpressureProfile(profile))
    state.on_signal(0.0)
    assert state.limit == cap


# ---------------------------------------------------------------------- configuration


def test_the_setting_selects_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    assert CamundaClient(_settings()).backpressure_state.profile is BALANCED
    monkeypatch.setenv("CAMUNDA_SDK_BACKPRESSURE_PROFILE", "LEGACY")
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://camunda.test")
    assert CamundaSettings().backpressure_profile is LEGACY
    client = CamundaAsyncClient()
    assert client.backpressure_state == BackpressureState(LEGACY, None, 0, 0, 0, None)


def test_an_unknown_profile_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_SDK_BACKPRESSURE_PROFILE", "TURBO")
    with pytest.raises(ConfigurationError, match="CAMUNDA_SDK_BACKPRESSURE_PROFILE"):
        CamundaSettings()


# -------------------------------------------------------------------- the transports


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.anyio
@pytest.mark.parametrize("status", [429, 500, 503])
async def test_every_answer_feeds_the_gate(kind: str, status: int) -> None:
    title = None if status == 429 else EXHAUSTED
    server = FakeServer(api=[problem(status, title), problem(503), problem(404), ok()])
    client = make_client(kind, _settings(), http_client=server.http_client(kind))
    with pytest.raises(ServiceUnavailableError):  # a plain 503 of a create: not retried
        await call(client.with_options(max_retries=1), POST_THING)
    state = client.backpressure_state
    assert state.signals == 1 and state.limit == 16  # the plain 503 is no signal
    with pytest.raises(NotFoundError):
        await call(client, PING)
    assert await call(client, PING) == {"ok": True}
    assert client.backpressure_state.in_use == 0
    await close(client)


POST_THING = Operation("POST", "/things", "createThing", returns=dict[str, Any])


@pytest.mark.anyio
async def test_with_options_copies_share_one_gate(kind: str) -> None:
    server = FakeServer(api=[problem(429), ok()])
    client = make_client(kind, _settings(), http_client=server.http_client(kind))
    copy = client.with_options(timeout=5)
    assert await call(copy, PING) == {"ok": True}
    assert client.backpressure_state.signals == 1
    assert copy.with_options(max_retries=0)._transport.gate is client._transport.gate
    await close(client)


async def _storm(profile: BackpressureProfile, calls: int) -> tuple[int, BackpressureState]:
    """One backpressure answer, then ``calls`` concurrent calls: the most seen in flight."""
    in_flight = peak = 0
    answered = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak, answered
        answered += 1
        if answered == 1:
            return problem(503, EXHAUSTED)
        in_flight += 1
        peak = max(peak, in_flight)
        await anyio.sleep(0.01)
        in_flight -= 1
        return ok()

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with CamundaAsyncClient(_settings(profile), http_client=http) as client:
        await call(client, PING)  # rejected once, then retried
        async with anyio.create_task_group() as tg:
            for _ in range(calls):
                tg.start_soon(call, client, PING)
        return peak, client.backpressure_state


@pytest.mark.anyio
async def test_after_a_signal_concurrent_calls_are_capped() -> None:
    peak, state = await _storm(BALANCED, 60)
    assert peak == 16 == state.limit
    assert state.in_use == 0 and state.waiting == 0
    peak, state = await _storm(LEGACY, 60)
    assert peak == 60 and state.limit is None and state.signals == 1


def test_sync_calls_from_many_threads_are_capped() -> None:
    lock = threading.Lock()
    in_flight = peak = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.01)
        with lock:
            in_flight -= 1
        return ok()

    client = gated("sync", 4, httpx.Client(transport=httpx.MockTransport(handler)))

    def one(_: int) -> Any:
        return client._transport.request(PING, {})

    with ThreadPoolExecutor(24) as pool:
        results = list(pool.map(one, range(48)))
    assert results == [{"ok": True}] * 48
    assert peak == 4
    assert client.backpressure_state.in_use == 0


@pytest.mark.anyio
async def test_drained_calls_and_long_polls_never_hold_permits() -> None:
    release = anyio.Event()
    seen: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/ping"):
            await release.wait()
        return ok()

    serve = [handler]  # the server's behaviour; replaced below

    async def current(request: httpx.Request) -> httpx.Response:
        return await serve[0](request)

    client = gated("async", 1, mock(current))
    async with anyio.create_task_group() as tg:
        tg.start_soon(call, client, PING)  # takes the only permit and hangs
        await _until(lambda: client.backpressure_state.in_use == 1)
        tg.start_soon(call, client, PING)  # waits
        await _until(lambda: client.backpressure_state.waiting == 1)
        with anyio.fail_after(2):
            await call(client, DRAIN, thing_key="1")  # goes past the full gate
        state = client.backpressure_state
        assert (state.limit, state.in_use, state.waiting) == (1, 1, 1)
        release.set()
    assert seen.count("/v2/ping") == 2 and "/v2/things/1/completion" in seen
    assert client.backpressure_state.in_use == 0
    # A long poll waits its turn but holds no permit while the server keeps it open.
    parked = anyio.Event()
    polls = 0

    async def poll_handler(request: httpx.Request) -> httpx.Response:
        nonlocal polls
        if request.url.path.endswith("/activation"):
            polls += 1
            await parked.wait()
        return ok()

    serve[0] = poll_handler
    async with anyio.create_task_group() as tg:
        for _ in range(5):
            tg.start_soon(call, client, POLL)
        await _until(lambda: polls == 5)  # all parked on the server at once, limit 1
        with anyio.fail_after(2):
            assert await call(client, PING) == {"ok": True}
        assert client.backpressure_state.in_use == 0
        parked.set()
    await close(client)


@pytest.mark.anyio
async def test_an_instance_awaited_to_completion_holds_no_permit_while_it_runs() -> None:
    """``create(await_completion=True)``: the server holds the call until the instance ends;
    with the limit down to 1, no other call of the client may wait for that instance."""
    parked = anyio.Event()
    created = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal created
        if request.url.path.endswith("/process-instances"):
            created += 1
            await parked.wait()  # the instance runs on
            return ok(
                {
                    "processDefinitionId": "order",
                    "processDefinitionVersion": 1,
                    "tenantId": "<default>",
                    "variables": {},
                    "processDefinitionKey": "1",
                    "processInstanceKey": "2",
                    "tags": [],
                }
            )
        return ok()

    client = gated("async", 1, mock(handler))
    async with anyio.create_task_group() as tg:
        for _ in range(3):
            tg.start_soon(
                partial(
                    client.process_instances.create,
                    process_definition_id="order",
                    await_completion=True,
                    request_timeout=60_000,
                )
            )
        await _until(lambda: created == 3)  # all three held by the server at once
        with anyio.fail_after(2):
            assert await call(client, PING) == {"ok": True}
        assert client.backpressure_state.in_use == 0
        # without await_completion the call holds its permit, as any other does
        tg.start_soon(partial(client.process_instances.create, process_definition_id="order"))
        await _until(lambda: created == 4)
        assert client.backpressure_state.in_use == 1
        parked.set()
    await close(client)


async def _until(condition: Any) -> None:
    with anyio.fail_after(2):
        while not condition():
            await anyio.sleep(0.001)


@pytest.mark.anyio
async def test_permits_are_released_on_errors(kind: str) -> None:
    server = FakeServer(
        api=[
            httpx.ConnectError("refused"),
            problem(404),
            httpx.ReadTimeout("slow"),
            problem(503, EXHAUSTED),
        ]
    )
    client = gated(kind, 2, server.http_client(kind))
    with pytest.raises(APIConnectionError):
        await call(client.with_options(max_retries=0), PING)
    with pytest.raises(NotFoundError):
        await call(client, PING)
    with pytest.raises(APIConnectionError):
        await call(client, POST_THING)  # sent, then timed out: not retried
    with pytest.raises(ServiceUnavailableError):
        await call(client.with_options(max_retries=2), PING)
    state = client.backpressure_state
    assert state.in_use == 0 and state.waiting == 0
    assert len(server.api_requests) == 6
    await close(client)


@pytest.mark.anyio
async def test_each_retry_attempt_takes_its_own_permit(kind: str) -> None:
    in_use: list[int] = []
    server: Any = FakeServer(api=[problem(429), problem(429), ok()])
    client = gated(kind, 1, server.http_client(kind))
    reply = server._reply

    def spy(request: httpx.Request) -> httpx.Response:
        in_use.append(client.backpressure_state.in_use)
        return reply(request)

    server._reply = spy
    assert await call(client, PING) == {"ok": True}
    assert in_use == [1, 1, 1]  # held while sent; given back during the backoff
    assert client.backpressure_state.in_use == 0
    await close(client)


@pytest.mark.anyio
async def test_cancelled_calls_give_their_permits_back() -> None:
    hang = anyio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        await hang.wait()
        return ok()

    client = gated("async", 1, mock(handler))
    async with anyio.create_task_group() as tg:
        tg.start_soon(call, client, PING)
        tg.start_soon(call, client, PING)
        await _until(lambda: client.backpressure_state.waiting == 1)
        tg.cancel_scope.cancel()  # one cancelled in flight, one while waiting
    assert client.backpressure_state.in_use == 0
    assert client.backpressure_state.waiting == 0
    hang.set()
    assert await call(client, PING) == {"ok": True}
    await close(client)


@pytest.mark.anyio
async def test_a_waiter_cancelled_as_it_is_woken_passes_the_permit_on() -> None:
    clock = Clock()
    gate: Any = AsyncBackpressureGate(BALANCED, clock)
    squeeze(gate._state, 1, clock)
    await gate.acquire()
    first_scope = anyio.CancelScope()
    got_it = anyio.Event()

    async def first() -> None:  # as the transport does: release in a finally
        with first_scope:
            await gate.acquire()
            try:
                await anyio.sleep_forever()
            finally:
                gate.release()

    async def second() -> None:
        await gate.acquire()
        got_it.set()

    async with anyio.create_task_group() as tg:
        tg.start_soon(first)
        await _until(lambda: gate.state.waiting == 1)
        tg.start_soon(second)
        await _until(lambda: gate.state.waiting == 2)
        gate.release()  # hands the permit to the first waiter, which is cancelled at once
        first_scope.cancel()
    assert got_it.is_set()
    assert gate.state.in_use == 1 and gate.state.waiting == 0


@pytest.mark.anyio
async def test_a_call_that_succeeds_at_once_never_builds_a_retry_controller(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FakeServer(api=[ok(), problem(429), ok()])
    client = make_client(kind, _settings(), http_client=server.http_client(kind))
    copies: list[Any] = []
    for retrying in client._transport._retrying.values():
        original = retrying.copy

        def counting(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            copies.append(1)
            return _original(*args, **kwargs)

        monkeypatch.setattr(retrying, "copy", counting)
    assert await call(client, PING) == {"ok": True}
    assert copies == []
    assert await call(client, PING) == {"ok": True}  # 429, then retried under tenacity
    assert copies == [1]
    assert len(server.api_requests) == 3
    await close(client)
