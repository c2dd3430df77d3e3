from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda.models.expressions import ExpressionEvaluation
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

URL = f"{BASE}/expression/evaluation"


async def test_evaluate(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=URL, json={"expression": "=x + y", "result": 30, "warnings": []}
    )
    result = await invoke(
        "expressions.evaluate", expression="=x + y", variables={"x": 10, "y": 20}, tenant_id="acme"
    )
    assert isinstance(result, ExpressionEvaluation)
    assert result.result == 30
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "expression": "=x + y",
        "variables": {"x": 10, "y": 20},
        "tenantId": "acme",
    }


async def test_evaluate_null_result_with_warnings(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        json={
            "expression": "=missing",
            "result": None,
            "warnings": [{"message": "No variable found with name 'missing'"}],
        },
    )
    result = await invoke("expressions.evaluate", expression="=missing", variables=None)
    assert result.result is None
    assert result.warnings[0].message.startswith("No variable")
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "expression": "=missing",
        "variables": None,
    }


async def test_evaluate_is_retried_on_502(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=URL, status_code=502)
    httpx_mock.add_response(
        method="POST", url=URL, json={"expression": "=1", "result": 1, "warnings": []}
    )
    result = await invoke("expressions.evaluate", expression="=1")
    assert result.result == 1
    assert len(httpx_mock.get_requests()) == 2
