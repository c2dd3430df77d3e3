from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda import CamundaClient, CamundaSettings, InvalidArgumentError
from camunda.models.messages import MessageCorrelation, MessagePublication
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio


async def test_publish(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/messages/publication",
        json={"messageKey": "2251799813690500", "tenantId": "<default>"},
    )
    result = await invoke(
        "messages.publish",
        name="payment-received",
        correlation_key="order-7",
        time_to_live=60_000,
        message_id="m-1",
        variables={"paid": True},
    )
    assert isinstance(result, MessagePublication)
    assert result.message_key == "2251799813690500"
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {
        "name": "payment-received",
        "correlationKey": "order-7",
        "timeToLive": 60000,
        "messageId": "m-1",
        "variables": {"paid": True},
    }


async def test_correlate(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/messages/correlation",
        json={
            "messageKey": "2251799813690501",
            "processInstanceKey": "2251799813689000",
            "tenantId": "acme",
        },
    )
    result = await invoke(
        "messages.correlate", name="cancel", correlation_key="order-7", tenant_id="acme"
    )
    assert isinstance(result, MessageCorrelation)
    assert result.process_instance_key == "2251799813689000"
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {
        "name": "cancel",
        "correlationKey": "order-7",
        "tenantId": "acme",
    }


async def test_name_is_required(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(TypeError):
        await invoke("messages.publish", correlation_key="order-7")
    assert httpx_mock.get_requests() == []


def test_default_tenant_is_filled_in(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/messages/publication",
        json={"messageKey": "1", "tenantId": "acme"},
    )
    settings = CamundaSettings(rest_address="http://camunda.test", tenant_id="acme")
    with CamundaClient(settings) as client:
        client.messages.publish(name="ping")
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {"name": "ping", "tenantId": "acme"}


async def test_variables_must_be_an_object(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="variables"):
        await invoke("messages.correlate", name="cancel", variables=["not", "a", "dict"])
    assert httpx_mock.get_requests() == []
