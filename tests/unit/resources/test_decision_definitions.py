from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from camunda import CamundaClient, CamundaSettings, InvalidArgumentError
from camunda.models.decision_definitions import DecisionDefinition, DecisionEvaluation
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

DEFINITION = {
    "decisionDefinitionId": "approve-order",
    "decisionDefinitionKey": "2251799813686749",
    "decisionRequirementsId": "orders",
    "decisionRequirementsKey": "2251799813686748",
    "decisionRequirementsName": "Order decisions",
    "decisionRequirementsVersion": 2,
    "name": "Approve order",
    "tenantId": "<default>",
    "version": 2,
}
EVALUATION = {
    "decisionDefinitionId": "approve-order",
    "decisionDefinitionKey": "2251799813686749",
    "decisionDefinitionName": "Approve order",
    "decisionDefinitionVersion": 2,
    "decisionEvaluationKey": "2251799813690001",
    "decisionInstanceKey": "2251799813690001",
    "decisionRequirementsId": "orders",
    "decisionRequirementsKey": "2251799813686748",
    "evaluatedDecisions": [
        {
            "decisionDefinitionId": "approve-order",
            "decisionDefinitionName": "Approve order",
            "decisionDefinitionVersion": 2,
            "decisionDefinitionType": "DECISION_TABLE",
            "output": '"approved"',
            "tenantId": "<default>",
            "matchedRules": [
                {
                    "ruleId": "rule-1",
                    "ruleIndex": 1,
                    "evaluatedOutputs": [
                        {
                            "outputId": "out",
                            "outputName": "verdict",
                            "outputValue": '"approved"',
                            "ruleId": "rule-1",
                            "ruleIndex": 1,
                        }
                    ],
                }
            ],
            "evaluatedInputs": [{"inputId": "in", "inputName": "amount", "inputValue": "120"}],
            "decisionDefinitionKey": "2251799813686749",
            "decisionEvaluationInstanceKey": "2251799813690001-1",
        }
    ],
    "failedDecisionDefinitionId": None,
    "failureMessage": None,
    "output": '"approved"',
    "tenantId": "<default>",
}
PAGE_INFO = {
    "totalItems": 1,
    "hasMoreTotalItems": False,
    "startCursor": "YQ==",
    "endCursor": "YQ==",
}


async def test_evaluate_by_id(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/decision-definitions/evaluation", json=EVALUATION
    )
    result = await invoke(
        "decision_definitions.evaluate",
        decision_definition_id="approve-order",
        variables={"amount": 120},
    )
    assert isinstance(result, DecisionEvaluation)
    assert result.output == '"approved"'
    assert result.evaluated_decisions[0].matched_rules[0].evaluated_outputs[0].output_name == (
        "verdict"
    )
    assert result.failure_message is None
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {"decisionDefinitionId": "approve-order", "variables": {"amount": 120}}


async def test_evaluate_by_key(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/decision-definitions/evaluation", json=EVALUATION
    )
    result = await invoke(
        "decision_definitions.evaluate",
        decision_definition_key="2251799813686749",
        tenant_id="acme",
    )
    assert isinstance(result, DecisionEvaluation)
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {"decisionDefinitionKey": "2251799813686749", "tenantId": "acme"}


def test_evaluate_fills_in_the_default_tenant(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/decision-definitions/evaluation", json=EVALUATION
    )
    settings = CamundaSettings(rest_address="http://camunda.test", tenant_id="acme")
    with CamundaClient(settings) as client:
        client.decision_definitions.evaluate(decision_definition_key="2251799813686749")
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {"decisionDefinitionKey": "2251799813686749", "tenantId": "acme"}


@pytest.mark.parametrize(
    "arguments",
    [
        {"decision_definition_id": "approve-order", "decision_definition_key": "1"},
        {"variables": {"amount": 1}},
        {"decision_definition_key": "not-a-key"},
    ],
)
async def test_evaluate_needs_exactly_one_valid_reference(
    invoke: Invoke, httpx_mock: HTTPXMock, arguments: dict[str, object]
) -> None:
    with pytest.raises(InvalidArgumentError):
        await invoke("decision_definitions.evaluate", **arguments)
    assert httpx_mock.get_requests() == []


async def test_get(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="GET", url=f"{BASE}/decision-definitions/2251799813686749", json=DEFINITION
    )
    result = await invoke("decision_definitions.get", "2251799813686749")
    assert isinstance(result, DecisionDefinition)
    assert (result.decision_definition_id, result.version) == ("approve-order", 2)


async def test_get_xml_returns_text(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    xml = '<?xml version="1.0"?><definitions id="orders"/>'
    httpx_mock.add_response(
        method="GET",
        url=f"{BASE}/decision-definitions/2251799813686749/xml",
        text=xml,
        headers={"Content-Type": "text/xml"},
    )
    assert await invoke("decision_definitions.get_xml", "2251799813686749") == xml


async def test_search(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/decision-definitions/search",
        json={"items": [DEFINITION], "page": PAGE_INFO},
    )
    result = await invoke(
        "decision_definitions.search",
        filter={"decisionDefinitionId": "approve-order", "isLatestVersion": True},
        sort=[{"field": "version", "order": "DESC"}],
        page={"limit": 10},
    )
    assert isinstance(result.items[0], DecisionDefinition)
    assert result.page.total_items == 1
    body = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert body == {
        "filter": {"decisionDefinitionId": "approve-order", "isLatestVersion": True},
        "sort": [{"field": "version", "order": "DESC"}],
        "page": {"limit": 10},
    }


async def test_search_rejects_an_unknown_sort_field(invoke: Invoke, httpx_mock: HTTPXMock) -> None:
    with pytest.raises(InvalidArgumentError, match="sort"):
        await invoke("decision_definitions.search", sort=[{"field": "nope"}])
    assert httpx_mock.get_requests() == []
