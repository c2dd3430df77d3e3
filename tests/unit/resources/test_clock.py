from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from camunda import InvalidArgumentError
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio


async def test_pin_sends_epoch_millis(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/clock", status_code=204)
    assert await invoke("clock.pin", timestamp=1_767_225_600_000) is None
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {"timestamp": 1767225600000}


async def test_pin_converts_an_aware_datetime(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/clock", status_code=204)
    cet = timezone(timedelta(hours=1))
    await invoke("clock.pin", timestamp=datetime(2026, 1, 1, 1, 0, 0, 250_000, tzinfo=cet))
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {"timestamp": 1767225600250}


async def test_pin_rejects_a_naive_datetime(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="timezone-aware"):
        await invoke("clock.pin", timestamp=datetime(2026, 1, 1))
    assert httpx_mock.get_requests() == []


async def test_reset(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/clock/reset", status_code=204)
    assert await invoke("clock.reset") is None
    request = httpx_mock.get_request()
    assert request is not None and request.content == b""
