from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda.models.decision_requirements import DecisionRequirements
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

DRD = {
    "decisionRequirementsId": "orders",
    "decisionRequirementsKey": "2251799813686748",
    "decisionRequirementsName": "Order decisions",
    "resourceName": "orders.dmn",
    "tenantId": "<default>",
    "version": 2,
}


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/decision-requirements/2251799813686748", json=DRD
    )
    result = await invoke("decision_requirements.get", "2251799813686748")
    assert isinstance(result, DecisionRequirements)
    assert result.resource_name == "orders.dmn"


async def test_get_xml_returns_text(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    xml = '<?xml version="1.0" encoding="UTF-8"?><definitions name="Order decisions"/>'
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/decision-requirements/2251799813686748/xml",
        text=xml,
        headers={"Content-Type": "text/xml"},
    )
    assert await invoke("decision_requirements.get_xml", "2251799813686748") == xml


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/decision-requirements/search",
        json={
            "items": [DRD],
            "page": {
                "totalItems": 1,
                "hasMoreTotalItems": False,
                "startCursor": "YQ==",
                "endCursor": "YQ==",
            },
        },
    )
    result = await invoke(
        "decision_requirements.search",
        filter={"decisionRequirementsId": "orders", "version": 2},
        sort=[{"field": "version", "order": "DESC"}],
    )
    assert isinstance(result.items[0], DecisionRequirements)
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {"decisionRequirementsId": "orders", "version": 2},
        "sort": [{"field": "version", "order": "DESC"}],
    }
