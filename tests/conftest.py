"""Shared fixtures: an isolated environment, settings, both clients, and ``invoke`` which
calls one operation on the sync or the async client (parametrized over both)."""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings, _otel

if TYPE_CHECKING:
    from tests.otel import Otel

BASE = "http://camunda.test/v2"


# Where the test data lives, not SDK configuration: kept for the tests that read it.
TEST_VARIABLES = frozenset({"CAMUNDA_SPEC_DIR"})


def is_setting(name: str) -> bool:
    """Whether an environment variable configures the SDK (CAMUNDA_*/ZEEBE_*, except
    ``TEST_VARIABLES``): no test may see the developer's."""
    return name.startswith(("CAMUNDA_", "ZEEBE_")) and name not in TEST_VARIABLES


def isolate_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the variables that configure the SDK (see ``is_setting``)."""
    for name in list(os.environ):
        if is_setting(name):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's CAMUNDA_*/ZEEBE_* settings."""
    isolate_environment(monkeypatch)


@pytest.fixture(autouse=True)
def _no_telemetry(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenTelemetry (installed by the test extra) stays off unless a test turns it on
    (tests/unit/test_telemetry.py): the others see what a user without it sees."""
    monkeypatch.setattr(_otel, "telemetry", lambda: None)


@pytest.fixture
def otel(monkeypatch: pytest.MonkeyPatch) -> Otel:
    """The SDK's telemetry on for this test, into in-memory exporters (``tests/otel.py``)."""
    from tests.otel import Otel

    recorded = Otel.in_memory()
    monkeypatch.setattr(_otel, "telemetry", lambda: recorded.telemetry)
    return recorded


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings() -> CamundaSettings:
    return CamundaSettings(
        rest_address="http://camunda.test",
        max_retries=3,
        retry_initial_delay=0.001,
        retry_max_delay=0.01,
    )


@pytest.fixture
def client(settings: CamundaSettings) -> Iterator[CamundaClient]:
    with CamundaClient(settings) as c:
        yield c


@pytest.fixture
async def async_client(settings: CamundaSettings) -> AsyncIterator[CamundaAsyncClient]:
    async with CamundaAsyncClient(settings) as c:
        yield c


Invoke = Callable[..., Awaitable[Any]]


@pytest.fixture(params=["sync", "async"])
async def invoke(
    request: pytest.FixtureRequest, settings: CamundaSettings
) -> AsyncIterator[Invoke]:
    """``await invoke("jobs.complete", "123", variables={...})`` on either client."""
    sync = request.param == "sync"
    the_client: Any = CamundaClient(settings) if sync else CamundaAsyncClient(settings)

    async def call(method: str, *args: Any, **kwargs: Any) -> Any:
        target: Any = the_client
        for part in method.split("."):
            target = getattr(target, part)
        result = target(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    yield call
    closed = the_client.close()
    if inspect.isawaitable(closed):
        await closed
