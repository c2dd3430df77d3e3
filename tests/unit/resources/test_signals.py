from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda.models.signals import SignalBroadcast
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio


async def test_broadcast(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/signals/broadcast",
        json={"signalKey": "2251799813690600", "tenantId": "<default>"},
    )
    result = await invoke("signals.broadcast", signal_name="stop-all", variables={"why": "audit"})
    assert isinstance(result, SignalBroadcast)
    assert result.signal_key == "2251799813690600"
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {"signalName": "stop-all", "variables": {"why": "audit"}}
