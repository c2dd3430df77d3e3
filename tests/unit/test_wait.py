"""``wait_for`` / ``wait_for_async``: bounded polling with backoff that gives up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

import camunda
from camunda import (
    InvalidArgumentError,
    NotFoundError,
    WaitTimeoutError,
    wait_for,
    wait_for_async,
    wait_for_sync,
)
from camunda import _wait as wait_module
from camunda._exceptions import ConflictError, error_for_status

if TYPE_CHECKING:
    from collections.abc import Iterator


def not_found() -> NotFoundError:
    error = error_for_status(404, "getProcessInstance", b'{"title":"NOT_FOUND","detail":"gone"}')
    assert isinstance(error, NotFoundError)
    return error


class Script:
    """Answers from a list: exceptions are raised, other values returned; counts calls."""

    def __init__(self, *answers: Any) -> None:
        self.answers: Iterator[Any] = iter(answers)
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        answer = next(self.answers)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    async def call_async(self) -> Any:
        return self()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(wait_module, "_clock", fake.monotonic)
    monkeypatch.setattr(wait_module, "_sleep", fake.sleep)
    return fake


def test_exported_from_the_package() -> None:
    assert camunda.wait_for is wait_for and camunda.wait_for_async is wait_for_async
    assert {"wait_for", "wait_for_async", "wait_for_sync"} <= set(camunda.__all__)


# --------------------------------------------------------------------------- async


@pytest.mark.anyio
async def test_async_returns_first_result_that_satisfies_until() -> None:
    script = Script(not_found(), [], [], ["found"], ["later"])
    result = await wait_for_async(
        script.call_async, until=lambda items: len(items) > 0, timeout=5, interval=0.001
    )
    assert result == ["found"]
    assert script.calls == 4


@pytest.mark.anyio
async def test_async_default_until_waits_only_for_not_found_to_stop() -> None:
    script = Script(not_found(), not_found(), None)
    assert await wait_for_async(script.call_async, timeout=5, interval=0.001) is None
    assert script.calls == 3


@pytest.mark.anyio
async def test_async_other_errors_propagate_at_once() -> None:
    conflict = error_for_status(409, "createProcessInstance", b"{}")
    assert isinstance(conflict, ConflictError)
    script = Script(conflict, "never reached")
    with pytest.raises(ConflictError):
        await wait_for_async(script.call_async, timeout=5, interval=0.001)
    assert script.calls == 1


@pytest.mark.anyio
async def test_async_gives_up_naming_what_and_the_last_result() -> None:
    script = Script(*([{"state": "ACTIVE"}] * 1000))
    with pytest.raises(WaitTimeoutError) as caught:
        await wait_for_async(
            script.call_async,
            until=lambda r: r["state"] == "COMPLETED",
            timeout=0.05,
            interval=0.001,
            max_interval=0.005,
            description="process instance 42 to complete",
        )
    message = str(caught.value)
    assert "process instance 42 to complete" in message
    assert "last result: {'state': 'ACTIVE'}" in message
    assert 2 <= script.calls < 1000
    assert isinstance(caught.value, TimeoutError)


@pytest.mark.anyio
async def test_async_gives_up_with_the_last_not_found_as_cause() -> None:
    error = not_found()
    script = Script(*([error] * 1000))
    with pytest.raises(WaitTimeoutError) as caught:
        await wait_for_async(script.call_async, timeout=0.02, interval=0.001, max_interval=0.002)
    assert caught.value.__cause__ is error
    assert "last error: 404 getProcessInstance: NOT_FOUND: gone" in str(caught.value)
    assert "call_async" in str(caught.value)  # fn's name when no description is given


# ---------------------------------------------------------------------------- sync


def test_sync_returns_first_result_that_satisfies_until(clock: FakeClock) -> None:
    script = Script(not_found(), 1, 2, 3)
    assert wait_for(script, until=lambda n: n >= 2, timeout=10, interval=0.2) == 2
    assert clock.sleeps == [0.2, 0.4]


def test_sync_backoff_doubles_up_to_the_cap_and_stops_at_the_deadline(clock: FakeClock) -> None:
    script = Script(*([False] * 100))
    with pytest.raises(WaitTimeoutError) as caught:
        wait_for(
            script, until=bool, timeout=10, interval=0.5, max_interval=3.0, description="the flag"
        )
    # capped at 3 s; the last pause only reaches the deadline (0.5 + 1 + 2 + 3 + 3 + 0.5)
    assert clock.sleeps == [0.5, 1.0, 2.0, 3.0, 3.0, 0.5]
    assert script.calls == 7  # one call after the last pause, at the deadline
    assert "gave up waiting for the flag after 10s (7 calls); last result: False" in str(
        caught.value
    )


def test_sync_timeout_zero_calls_once(clock: FakeClock) -> None:
    script = Script(not_found(), "unused")
    with pytest.raises(WaitTimeoutError):
        wait_for(script, timeout=0)
    assert script.calls == 1 and clock.sleeps == []


def test_sync_result_repr_is_shortened(clock: FakeClock) -> None:
    script = Script(*(["x" * 5000] * 10))
    with pytest.raises(WaitTimeoutError) as caught:
        wait_for(script, until=lambda _: False, timeout=1)
    assert len(str(caught.value)) < 400 and str(caught.value).endswith("...")


@pytest.mark.parametrize(
    "options",
    [{"timeout": -1}, {"interval": 0}, {"interval": 5, "max_interval": 1}],
)
def test_rejects_settings_that_cannot_work(options: dict[str, float]) -> None:
    with pytest.raises(InvalidArgumentError):
        wait_for(Script(), **options)


# ---------------------------------------------------------------------- the 0.1 names


def test_wait_for_sync_still_works_with_a_deprecation_warning(clock: FakeClock) -> None:
    script = Script(not_found(), 1, 2)
    with pytest.warns(DeprecationWarning, match=r"use wait_for\(\)"):
        assert wait_for_sync(script, until=lambda n: n >= 2, timeout=10) == 2
    assert script.calls == 3


@pytest.mark.anyio
async def test_awaiting_wait_for_with_an_async_function_still_works_and_warns() -> None:
    script = Script(not_found(), [], ["found"])
    with pytest.warns(DeprecationWarning, match=r"wait_for_async\(\)"):
        result = await wait_for(
            script.call_async, until=lambda items: len(items) > 0, timeout=5, interval=0.001
        )
    assert result == ["found"]
    assert script.calls == 3  # the probing call was never started: nothing ran twice


@pytest.mark.parametrize("name", ["wait_for", "wait_for_async"])
def test_signatures_resolve_at_runtime(name: str) -> None:
    import inspect
    import typing

    function = getattr(camunda, name)
    assert set(typing.get_type_hints(function)) >= {"fn", "until", "timeout", "return"}
    assert not any(
        isinstance(p.annotation, str)
        for p in inspect.signature(function, eval_str=True).parameters.values()
    )
