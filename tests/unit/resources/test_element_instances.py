from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from camunda import InvalidArgumentError
from camunda.models.element_instances import (
    AdHocActivityReference,
    ElementInstance,
    ElementInstanceFilter,
    ElementInstanceState,
    ElementInstanceType,
)
from camunda.models.incidents import Incident
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

KEY = "2251799813689005"
ELEMENT = {
    "processDefinitionId": "order",
    "startDate": "2025-05-01T10:15:00.000Z",
    "endDate": None,
    "elementId": "charge",
    "elementName": "Charge card",
    "type": "SERVICE_TASK",
    "state": "ACTIVE",
    "hasIncident": True,
    "tenantId": "<default>",
    "elementInstanceKey": KEY,
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": "2251799813689000",
    "processDefinitionKey": "2251799813685301",
    "incidentKey": "2251799813690001",
}
INCIDENT = {
    "incidentKey": "2251799813690001",
    "processDefinitionId": "order",
    "processDefinitionKey": "2251799813685301",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": None,
    "elementId": "charge",
    "elementInstanceKey": KEY,
    "jobKey": "2251799813689007",
    "errorType": "JOB_NO_RETRIES",
    "errorMessage": "card declined",
    "creationTime": "2025-05-01T10:15:30.123Z",
    "state": "ACTIVE",
    "tenantId": "<default>",
}
LAST_PAGE = {"totalItems": 1, "hasMoreTotalItems": False, "startCursor": None, "endCursor": None}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/element-instances/{KEY}", json=ELEMENT)
    element = await invoke("element_instances.get", KEY)
    assert isinstance(element, ElementInstance)
    assert element.type is ElementInstanceType.SERVICE_TASK
    assert element.state is ElementInstanceState.ACTIVE
    assert element.start_date == datetime(2025, 5, 1, 10, 15, tzinfo=timezone.utc)
    assert element.end_date is None


async def test_search_with_a_filter_model(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    new_kind = {**ELEMENT, "type": "QUANTUM_TASK", "state": "SUSPENDED"}
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/element-instances/search",
        json={"items": [ELEMENT, new_kind], "page": {**LAST_PAGE, "totalItems": 2}},
    )
    page = await invoke(
        "element_instances.search",
        filter=ElementInstanceFilter(
            element_instance_scope_key="2251799813689000",
            type=ElementInstanceType.SERVICE_TASK,
            state={"$in": ["ACTIVE", "COMPLETED"]},
            start_date={"$gte": datetime(2025, 5, 1, tzinfo=timezone.utc)},
        ),
        sort=[{"field": "startDate"}],
    )
    assert page.items[1].type == "QUANTUM_TASK"  # unknown enum values are kept
    assert sent(httpx_mock) == {
        "filter": {
            "elementInstanceScopeKey": "2251799813689000",
            "type": "SERVICE_TASK",
            "state": {"$in": ["ACTIVE", "COMPLETED"]},
            "startDate": {"$gte": "2025-05-01T00:00:00Z"},
        },
        "sort": [{"field": "startDate"}],
    }


async def test_search_rejects_a_bad_scope_key(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match=r"filter\.element_instance_scope_key"):
        await invoke("element_instances.search", filter={"elementInstanceScopeKey": "main"})
    assert httpx_mock.get_requests() == []


async def test_search_incidents(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/element-instances/{KEY}/incidents/search",
        json={"items": [INCIDENT], "page": LAST_PAGE},
    )
    page = await invoke(
        "element_instances.search_incidents", KEY, filter={"errorType": "JOB_NO_RETRIES"}
    )
    assert [type(i) for i in page.items] == [Incident]
    assert page.items[0].error_message == "card declined"
    assert sent(httpx_mock) == {"filter": {"errorType": "JOB_NO_RETRIES"}}


async def test_search_incidents_sends_an_empty_query(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/element-instances/{KEY}/incidents/search",
        json={"items": [], "page": {**LAST_PAGE, "totalItems": 0}},
    )
    page = await invoke("element_instances.search_incidents", KEY)
    assert page.items == []
    assert sent(httpx_mock) == {}


async def test_set_variables(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="PUT", url=f"{BASE}/element-instances/{KEY}/variables", status_code=204
    )
    result = await invoke(
        "element_instances.set_variables",
        KEY,
        variables={"approved": True, "limit": {"eur": 500}},
        local=True,
    )
    assert result is None
    assert sent(httpx_mock) == {
        "variables": {"approved": True, "limit": {"eur": 500}},
        "local": True,
    }


async def test_activate_ad_hoc_activities(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    url = f"{BASE}/element-instances/ad-hoc-activities/2251799813689010/activation"
    httpx_mock.add_response(method="POST", url=url, status_code=204)
    result = await invoke(
        "element_instances.activate_ad_hoc_activities",
        "2251799813689010",
        elements=[
            AdHocActivityReference(element_id="check-stock", variables={"sku": "A-1"}),
            {"elementId": "notify"},
        ],
        cancel_remaining_instances=False,
    )
    assert result is None
    assert sent(httpx_mock) == {
        "elements": [
            {"elementId": "check-stock", "variables": {"sku": "A-1"}},
            {"elementId": "notify"},
        ],
        "cancelRemainingInstances": False,
    }


async def test_activate_ad_hoc_activities_validates_the_key(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidArgumentError, match="ad_hoc_sub_process_instance_key"):
        await invoke("element_instances.activate_ad_hoc_activities", "sub-1", elements=[])
    assert httpx_mock.get_requests() == []
