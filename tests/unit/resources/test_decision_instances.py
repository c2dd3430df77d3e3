from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda import InvalidArgumentError
from camunda.models.batch_operations import BatchOperationCreated, BatchOperationType
from camunda.models.decision_instances import (
    DecisionDefinitionType,
    DecisionInstance,
    DecisionInstanceDetails,
    DecisionInstanceState,
)
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

INSTANCE = {
    "decisionDefinitionId": "approve-order",
    "decisionDefinitionKey": "2251799813686749",
    "decisionDefinitionName": "Approve order",
    "decisionDefinitionType": "DECISION_TABLE",
    "decisionDefinitionVersion": 2,
    "decisionEvaluationInstanceKey": "2251799813690001-1",
    "decisionEvaluationKey": "2251799813690001",
    "elementInstanceKey": "2251799813690000",
    "evaluationDate": "2025-05-01T10:15:30.123Z",
    "evaluationFailure": None,
    "processDefinitionKey": "2251799813685000",
    "processInstanceKey": "2251799813689000",
    "result": '"approved"',
    "rootDecisionDefinitionKey": "2251799813686749",
    "rootProcessInstanceKey": "2251799813689000",
    "state": "EVALUATED",
    "tenantId": "<default>",
}


async def test_delete_posts_the_operation_reference(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/decision-instances/2251799813690001/deletion", status_code=204
    )
    assert (
        await invoke("decision_instances.delete", "2251799813690001", operation_reference=7) is None
    )
    assert json.loads(httpx_mock.get_request().content) == {"operationReference": 7}  # type: ignore[union-attr]


async def test_delete_without_arguments_sends_an_empty_object(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/decision-instances/2251799813690001/deletion", status_code=204
    )
    assert await invoke("decision_instances.delete", "2251799813690001") is None
    assert json.loads(httpx_mock.get_request().content) == {}  # type: ignore[union-attr]


async def test_delete_batch_returns_the_batch_operation(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/decision-instances/deletion",
        json={
            "batchOperationKey": "2251799813700000",
            "batchOperationType": "DELETE_DECISION_INSTANCE",
        },
    )
    result = await invoke(
        "decision_instances.delete_batch",
        filter={
            "state": "FAILED",
            "decisionDefinitionId": "approve-order",
            "evaluationDate": {"$lt": "2025-01-01T00:00:00Z"},
        },
    )
    assert isinstance(result, BatchOperationCreated)
    assert result.batch_operation_type is BatchOperationType.DELETE_DECISION_INSTANCE
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {
            "state": "FAILED",
            "decisionDefinitionId": "approve-order",
            "evaluationDate": {"$lt": "2025-01-01T00:00:00Z"},
        }
    }


async def test_delete_batch_requires_a_filter(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(TypeError):
        await invoke("decision_instances.delete_batch")
    assert httpx_mock.get_requests() == []


async def test_get_takes_the_hyphenated_instance_key(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    url = f"{BASE}/decision-instances/2251799813690001-1"
    httpx_mock.add_response(
        method="GET",
        url=url,
        json={
            **INSTANCE,
            "evaluatedInputs": [{"inputId": "in", "inputName": "amount", "inputValue": "120"}],
            "matchedRules": [{"ruleId": "rule-1", "ruleIndex": 1, "evaluatedOutputs": []}],
        },
    )
    result = await invoke("decision_instances.get", "2251799813690001-1")
    assert isinstance(result, DecisionInstanceDetails)
    assert result.evaluated_inputs[0].input_value == "120"
    assert result.state is DecisionInstanceState.EVALUATED
    assert result.decision_definition_type is DecisionDefinitionType.DECISION_TABLE
    assert result.evaluation_date.tzinfo is not None


async def test_search_keeps_unknown_states(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/decision-instances/search",
        json={
            "items": [
                {
                    **INSTANCE,
                    "state": "ARCHIVED",
                    "processInstanceKey": None,
                    "processDefinitionKey": None,
                    "elementInstanceKey": None,
                    "rootProcessInstanceKey": None,
                }
            ],
            "page": {
                "totalItems": 1,
                "hasMoreTotalItems": False,
                "startCursor": None,
                "endCursor": None,
            },
        },
    )
    result = await invoke(
        "decision_instances.search",
        filter={
            "state": {"$in": ["EVALUATED", "FAILED"]},
            "processInstanceKey": "2251799813689000",
        },
        sort=[{"field": "evaluationDate"}],
    )
    item = result.items[0]
    assert isinstance(item, DecisionInstance)
    assert item.state == "ARCHIVED"
    assert item.process_instance_key is None
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {
            "state": {"$in": ["EVALUATED", "FAILED"]},
            "processInstanceKey": "2251799813689000",
        },
        "sort": [{"field": "evaluationDate"}],
    }


async def test_search_rejects_a_bad_key_in_the_filter(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidArgumentError, match=r"filter\.process_instance_key"):
        await invoke("decision_instances.search", filter={"processInstanceKey": "abc"})
    assert httpx_mock.get_requests() == []
