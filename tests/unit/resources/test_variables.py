from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from camunda.models.common import KeyFilter, PageRequest, SortOrder, SortRequest, StringFilter
from camunda.models.variables import Variable, VariableFilter, VariableSearchItem
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

VARIABLE = {
    "variableKey": "2251799813689100",
    "name": "amount",
    "value": "12.5",
    "scopeKey": "2251799813689000",
    "processInstanceKey": "2251799813689000",
    "rootProcessInstanceKey": "2251799813689000",
    "tenantId": "<default>",
}


def sent(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_request()
    assert request is not None
    return json.loads(request.content)


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/variables/2251799813689100", json=VARIABLE)
    variable = await invoke("variables.get", "2251799813689100")
    assert type(variable) is Variable
    assert (variable.name, variable.value, variable.scope_key) == (
        "amount",
        "12.5",
        "2251799813689000",
    )


async def test_search_with_models_and_query_parameter(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/variables/search?truncateValues=false",
        json={
            "items": [{**VARIABLE, "isTruncated": False}],
            "page": {
                "totalItems": 1,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "YQ==",
            },
        },
    )
    page = await invoke(
        "variables.search",
        filter=VariableFilter(
            name=StringFilter(like="amo*"), process_instance_key=KeyFilter(in_=["2251799813689000"])
        ),
        sort=[SortRequest(field="name", order=SortOrder.ASC)],
        page=PageRequest(limit=1),
        truncate_values=False,
    )
    assert isinstance(page.items[0], VariableSearchItem)
    assert page.items[0].is_truncated is False
    assert sent(httpx_mock) == {
        "filter": {"name": {"$like": "amo*"}, "processInstanceKey": {"$in": ["2251799813689000"]}},
        "sort": [{"field": "name", "order": "ASC"}],
        "page": {"limit": 1},
    }


async def test_search_without_arguments_sends_an_empty_query(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/variables/search",
        json={
            "items": [],
            "page": {
                "totalItems": 0,
                "hasMoreTotalItems": False,
                "startCursor": None,
                "endCursor": None,
            },
        },
    )
    page = await invoke("variables.search")
    assert page.items == []
    assert sent(httpx_mock) == {}
