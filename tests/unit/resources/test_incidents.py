from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest

from camunda import InvalidArgumentError
from camunda._pagination import AsyncSearchPage, SearchPage
from camunda.models.common import KeyFilter, MatchFilter
from camunda.models.incidents import (
    Incident,
    IncidentErrorType,
    IncidentFilter,
    IncidentState,
    IncidentStatisticsByDefinition,
    IncidentStatisticsByError,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

INCIDENT = {
    "incidentKey": "2251799813690001",
    "processDefinitionId": "order",
    "processDefinitionKey": "2251799813685000",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": None,
    "elementId": "charge",
    "elementInstanceKey": "2251799813689005",
    "jobKey": "2251799813689007",
    "errorType": "JOB_NO_RETRIES",
    "errorMessage": "card declined",
    "creationTime": "2025-05-01T10:15:30.123Z",
    "state": "ACTIVE",
    "tenantId": "<default>",
}
PAGE = {"totalItems": 1, "hasMoreTotalItems": False, "startCursor": None, "endCursor": None}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/incidents/2251799813690001", json=INCIDENT)
    incident = await invoke("incidents.get", "2251799813690001")
    assert isinstance(incident, Incident)
    assert incident.error_type is IncidentErrorType.JOB_NO_RETRIES
    assert incident.state is IncidentState.ACTIVE
    assert incident.creation_time == datetime(2025, 5, 1, 10, 15, 30, 123000, tzinfo=timezone.utc)
    assert incident.job_key == "2251799813689007"
    assert incident.root_process_instance_key is None


async def test_search_with_advanced_filters_in_wire_form(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    unknown = {
        **INCIDENT,
        "incidentKey": "2251799813690002",
        "errorType": "BRAND_NEW_ERROR",
        "state": "SLEEPING",
    }
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/incidents/search",
        json={"items": [INCIDENT, unknown], "page": {**PAGE, "totalItems": 2}},
    )
    page = await invoke(
        "incidents.search",
        filter={
            "state": {"$in": ["ACTIVE", "PENDING"]},
            "errorType": {"$notIn": ["UNKNOWN"]},
            "processInstanceKey": "2251799813689000",
            "creationTime": {"$gte": "2025-05-01T00:00:00Z"},
        },
        sort=[{"field": "creationTime", "order": "DESC"}],
        page={"limit": 50},
    )
    assert isinstance(page, SearchPage | AsyncSearchPage)
    assert [type(item) for item in page.items] == [Incident, Incident]
    assert page.items[1].error_type == "BRAND_NEW_ERROR"  # unknown values are kept
    assert page.items[1].state == "SLEEPING"
    assert sent(httpx_mock) == {
        "filter": {
            "state": {"$in": ["ACTIVE", "PENDING"]},
            "errorType": {"$notIn": ["UNKNOWN"]},
            "processInstanceKey": "2251799813689000",
            "creationTime": {"$gte": "2025-05-01T00:00:00Z"},
        },
        "sort": [{"field": "creationTime", "order": "DESC"}],
        "page": {"limit": 50},
    }


async def test_search_with_filter_models(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/incidents/search", json={"items": [INCIDENT], "page": PAGE}
    )
    await invoke(
        "incidents.search",
        filter=IncidentFilter(
            state=MatchFilter[IncidentState](in_=[IncidentState.ACTIVE]),
            job_key=KeyFilter(exists=True),
            error_type=IncidentErrorType.IO_MAPPING_ERROR,
        ),
    )
    assert sent(httpx_mock) == {
        "filter": {
            "state": {"$in": ["ACTIVE"]},
            "jobKey": {"$exists": True},
            "errorType": "IO_MAPPING_ERROR",
        }
    }


async def test_search_rejects_a_bad_key_and_an_unknown_filter_field(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"filter\.process_instance_key"):
        await invoke("incidents.search", filter={"processInstanceKey": "abc"})
    with pytest.raises(InvalidArgumentError, match=r"filter\.colour"):
        await invoke("incidents.search", filter={"colour": "red"})
    assert httpx_mock.get_requests() == []


async def test_resolve(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/incidents/2251799813690001/resolution", status_code=204
    )
    assert await invoke("incidents.resolve", "2251799813690001", operation_reference=7) is None
    assert sent(httpx_mock) == {"operationReference": 7}


async def test_resolve_without_arguments_sends_no_body(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/incidents/2251799813690001/resolution", status_code=204
    )
    await invoke("incidents.resolve", "2251799813690001")
    request = httpx_mock.get_request()
    assert request is not None
    assert json.loads(request.content) == {}


async def test_get_statistics_by_error(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/incidents/statistics/process-instances-by-error",
        json={
            "items": [
                {
                    "errorHashCode": 17,
                    "errorMessage": "card declined",
                    "activeInstancesWithErrorCount": 12,
                }
            ],
            "page": PAGE,
        },
    )
    result = await invoke(
        "incidents.get_statistics_by_error",
        sort=[{"field": "activeInstancesWithErrorCount", "order": "DESC"}],
        page={"from": 0, "limit": 10},
    )
    assert isinstance(result, SearchPage | AsyncSearchPage)
    assert isinstance(result.items[0], IncidentStatisticsByError)
    assert result.items[0].error_hash_code == 17
    assert result.page.total_items == 1
    assert sent(httpx_mock) == {
        "sort": [{"field": "activeInstancesWithErrorCount", "order": "DESC"}],
        "page": {"from": 0, "limit": 10},
    }


async def test_get_statistics_by_definition(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/incidents/statistics/process-instances-by-definition",
        json={
            "items": [
                {
                    "processDefinitionId": "order",
                    "processDefinitionKey": "2251799813685000",
                    "processDefinitionName": "Order",
                    "processDefinitionVersion": 3,
                    "tenantId": "<default>",
                    "activeInstancesWithErrorCount": 4,
                }
            ],
            "page": PAGE,
        },
    )
    result = await invoke("incidents.get_statistics_by_definition", filter={"errorHashCode": 17})
    item = result.items[0]
    assert isinstance(item, IncidentStatisticsByDefinition)
    assert (item.process_definition_key, item.active_instances_with_error_count) == (
        "2251799813685000",
        4,
    )
    assert sent(httpx_mock) == {"filter": {"errorHashCode": 17}}
