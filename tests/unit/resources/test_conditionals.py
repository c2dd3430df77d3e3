from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda import InvalidArgumentError
from camunda.models.conditionals import ConditionalEvaluation, ProcessInstanceReference
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

URL = f"{BASE}/conditionals/evaluation"


async def test_evaluate(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=URL,
        json={
            "conditionalEvaluationKey": "2251799813720000",
            "tenantId": "<default>",
            "processInstances": [
                {
                    "processDefinitionKey": "2251799813685000",
                    "processInstanceKey": "2251799813689001",
                }
            ],
        },
    )
    result = await invoke(
        "conditionals.evaluate",
        variables={"temperature": 42},
        process_definition_key="2251799813685000",
    )
    assert isinstance(result, ConditionalEvaluation)
    assert result.process_instances == [
        ProcessInstanceReference.model_validate(
            {"processDefinitionKey": "2251799813685000", "processInstanceKey": "2251799813689001"}
        )
    ]
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "variables": {"temperature": 42},
        "processDefinitionKey": "2251799813685000",
    }


async def test_evaluate_rejects_a_bad_key(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="process_definition_key"):
        await invoke("conditionals.evaluate", variables={}, process_definition_key="order")
    assert httpx_mock.get_requests() == []
