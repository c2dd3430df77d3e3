from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda.models.common import EnumFilter
from camunda.models.message_subscriptions import (
    CorrelatedMessageSubscription,
    MessageSubscription,
    MessageSubscriptionFilter,
    MessageSubscriptionState,
    MessageSubscriptionType,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

SUBSCRIPTION = {
    "messageSubscriptionKey": "2251799813690700",
    "processDefinitionId": "order",
    "processDefinitionKey": "2251799813685000",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": "2251799813689000",
    "elementId": "wait-for-payment",
    "elementInstanceKey": "2251799813689010",
    "messageSubscriptionState": "CREATED",
    "lastUpdatedDate": "2025-05-01T10:15:30Z",
    "messageName": "payment-received",
    "correlationKey": "order-7",
    "messageSubscriptionType": "PROCESS_EVENT",
    "extensionProperties": {"source": "bank"},
    "processDefinitionName": "Order",
    "processDefinitionVersion": 3,
    "toolName": None,
    "inboundConnectorType": None,
    "tenantId": "<default>",
}
START_EVENT = {
    **SUBSCRIPTION,
    "messageSubscriptionKey": "2251799813690701",
    "processInstanceKey": None,
    "rootProcessInstanceKey": None,
    "elementInstanceKey": None,
    "correlationKey": None,
    "messageSubscriptionType": "START_EVENT",
    "messageSubscriptionState": "SUSPENDED",
}
PAGE = {"totalItems": 2, "hasMoreTotalItems": False, "startCursor": "YQ==", "endCursor": "Yg=="}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/message-subscriptions/search",
        json={"items": [SUBSCRIPTION, START_EVENT], "page": PAGE},
    )
    page = await invoke(
        "message_subscriptions.search",
        filter=MessageSubscriptionFilter(
            message_subscription_state=EnumFilter(in_=[MessageSubscriptionState.CREATED]),
            message_name={"$like": "payment-*"},
            process_definition_version={"$gte": 2},
        ),
        sort=[{"field": "lastUpdatedDate"}],
    )
    first, second = page.items
    assert isinstance(first, MessageSubscription)
    assert first.message_subscription_type is MessageSubscriptionType.PROCESS_EVENT
    assert first.extension_properties == {"source": "bank"}
    assert second.process_instance_key is None
    assert second.message_subscription_state == "SUSPENDED"  # unknown value kept
    assert sent(httpx_mock) == {
        "filter": {
            "messageSubscriptionState": {"$in": ["CREATED"]},
            "messageName": {"$like": "payment-*"},
            "processDefinitionVersion": {"$gte": 2},
        },
        "sort": [{"field": "lastUpdatedDate"}],
    }


async def test_search_correlated(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    correlated = {
        "correlationKey": "order-7",
        "correlationTime": "2025-05-01T10:16:00Z",
        "elementId": "wait-for-payment",
        "elementInstanceKey": "2251799813689010",
        "messageKey": "2251799813690500",
        "messageName": "payment-received",
        "partitionId": 1,
        "processDefinitionId": "order",
        "processDefinitionKey": "2251799813685000",
        "processInstanceKey": "2251799813689000",
        "rootProcessInstanceKey": None,
        "subscriptionKey": "2251799813690700",
        "tenantId": "<default>",
    }
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/correlated-message-subscriptions/search",
        json={"items": [correlated], "page": {**PAGE, "totalItems": 1}},
    )
    page = await invoke(
        "message_subscriptions.search_correlated",
        filter={"messageKey": {"$in": ["2251799813690500"]}, "partitionId": 1},
        page={"after": "YQ==", "limit": 5},
    )
    item = page.items[0]
    assert isinstance(item, CorrelatedMessageSubscription)
    assert (item.subscription_key, item.partition_id) == ("2251799813690700", 1)
    assert item.correlation_time.utcoffset() is not None
    assert sent(httpx_mock) == {
        "filter": {"messageKey": {"$in": ["2251799813690500"]}, "partitionId": 1},
        "page": {"after": "YQ==", "limit": 5},
    }
