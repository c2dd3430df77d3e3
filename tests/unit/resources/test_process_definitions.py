from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda._pagination import AsyncSearchPage, SearchPage
from camunda.models.process_definitions import (
    ProcessDefinition,
    ProcessDefinitionElementStatistics,
    ProcessDefinitionInstanceStatistics,
    ProcessDefinitionInstanceVersionStatistics,
    ProcessDefinitionMessageSubscriptionStatistics,
    ProcessDefinitionStatisticsFilter,
)
from camunda.models.user_tasks import Form
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

KEY = "2251799813685301"
DEFINITION = {
    "name": "Order handling",
    "resourceName": "order.bpmn",
    "version": 4,
    "versionTag": "v4.0",
    "processDefinitionId": "order",
    "tenantId": "<default>",
    "processDefinitionKey": KEY,
    "hasStartForm": True,
}
LAST_PAGE = {"totalItems": 1, "hasMoreTotalItems": False, "startCursor": None, "endCursor": None}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/process-definitions/{KEY}", json=DEFINITION)
    definition = await invoke("process_definitions.get", KEY)
    assert isinstance(definition, ProcessDefinition)
    assert definition.process_definition_key == KEY
    assert definition.has_start_form


async def test_get_xml_returns_text(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions id="order">ü</bpmn:definitions>'
    )
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-definitions/{KEY}/xml",
        content=xml.encode(),
        headers={"Content-Type": "text/xml"},
    )
    assert await invoke("process_definitions.get_xml", KEY) == xml


async def test_get_xml_answers_none_when_the_definition_has_no_xml(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/process-definitions/{KEY}/xml", status_code=204
    )
    assert await invoke("process_definitions.get_xml", KEY) is None


async def test_get_start_form(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/process-definitions/{KEY}/form",
        json={
            "tenantId": "<default>",
            "formId": "order-start",
            "version": 2,
            "formKey": "2251799813685400",
            "schema": '{"components":[{"key":"amount","type":"number"}]}',
        },
    )
    form = await invoke("process_definitions.get_start_form", KEY)
    assert isinstance(form, Form)
    assert json.loads(form.schema_)["components"][0]["key"] == "amount"


async def test_get_start_form_is_none_without_a_form(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/process-definitions/{KEY}/form", status_code=204
    )
    assert await invoke("process_definitions.get_start_form", KEY) is None


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-definitions/search",
        json={"items": [DEFINITION], "page": LAST_PAGE},
    )
    page = await invoke(
        "process_definitions.search",
        filter={"processDefinitionId": "order", "isLatestVersion": True},
        page={"limit": 10},
    )
    assert [type(d) for d in page.items] == [ProcessDefinition]
    assert sent(httpx_mock) == {
        "filter": {"processDefinitionId": "order", "isLatestVersion": True},
        "page": {"limit": 10},
    }


async def test_get_element_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-definitions/{KEY}/statistics/element-instances",
        json={
            "items": [
                {
                    "elementId": "charge",
                    "active": 12,
                    "canceled": 1,
                    "incidents": 2,
                    "completed": 310,
                }
            ]
        },
    )
    stats = await invoke(
        "process_definitions.get_element_statistics",
        KEY,
        filter=ProcessDefinitionStatisticsFilter(
            has_incident=True,
            or_=[{"state": "ACTIVE"}, {"tenantId": {"$in": ["a", "b"]}}],
        ),
    )
    assert isinstance(stats, ProcessDefinitionElementStatistics)
    assert stats.items[0].incidents == 2
    assert sent(httpx_mock) == {
        "filter": {
            "hasIncident": True,
            "$or": [{"state": "ACTIVE"}, {"tenantId": {"$in": ["a", "b"]}}],
        }
    }


async def test_get_instance_statistics_is_offset_paged(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-definitions/statistics/process-instances",
        json={
            "items": [
                {
                    "processDefinitionId": "order",
                    "tenantId": "<default>",
                    "latestProcessDefinitionName": None,
                    "hasMultipleVersions": True,
                    "activeInstancesWithoutIncidentCount": 40,
                    "activeInstancesWithIncidentCount": 3,
                }
            ],
            "page": {**LAST_PAGE, "totalItems": 21},
        },
    )
    result = await invoke(
        "process_definitions.get_instance_statistics",
        sort=[{"field": "activeInstancesWithIncidentCount", "order": "DESC"}],
        page={"from": 20, "limit": 20},
    )
    assert isinstance(result, SearchPage | AsyncSearchPage)
    assert isinstance(result.items[0], ProcessDefinitionInstanceStatistics)
    assert result.items[0].latest_process_definition_name is None
    assert result.page.total_items == 21
    assert sent(httpx_mock) == {
        "sort": [{"field": "activeInstancesWithIncidentCount", "order": "DESC"}],
        "page": {"from": 20, "limit": 20},
    }


async def test_get_instance_version_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-definitions/statistics/process-instances-by-version",
        json={
            "items": [
                {
                    "processDefinitionId": "order",
                    "processDefinitionKey": KEY,
                    "processDefinitionName": "Order handling",
                    "tenantId": "<default>",
                    "processDefinitionVersion": 4,
                    "activeInstancesWithIncidentCount": 1,
                    "activeInstancesWithoutIncidentCount": 9,
                }
            ],
            "page": LAST_PAGE,
        },
    )
    result = await invoke(
        "process_definitions.get_instance_version_statistics",
        filter={"process_definition_id": "order"},
    )
    assert isinstance(result.items[0], ProcessDefinitionInstanceVersionStatistics)
    assert result.items[0].process_definition_version == 4
    assert sent(httpx_mock) == {"filter": {"processDefinitionId": "order"}}


async def test_get_message_subscription_statistics(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/process-definitions/statistics/message-subscriptions",
        json={
            "items": [
                {
                    "processDefinitionId": "order",
                    "tenantId": "<default>",
                    "processDefinitionKey": KEY,
                    "processInstancesWithActiveSubscriptions": 5,
                    "activeSubscriptions": 6,
                }
            ],
            "page": LAST_PAGE,
        },
    )
    page = await invoke(
        "process_definitions.get_message_subscription_statistics",
        filter={"messageName": "payment-received"},
    )
    item = page.items[0]
    assert isinstance(item, ProcessDefinitionMessageSubscriptionStatistics)
    assert item.active_subscriptions == 6
    assert sent(httpx_mock) == {"filter": {"messageName": "payment-received"}}
