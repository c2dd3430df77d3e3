"""Models of the ``decision_definitions`` resource group: DMN decisions and their evaluation.

The evaluation details (:class:`EvaluatedDecisionInput`, :class:`MatchedDecisionRule`)
are also part of a stored decision instance; ``decision_instances`` imports them from here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from camunda.models._base import KEY, RequestModel, ResponseModel
from camunda.models.common import SearchQuery
from camunda.types import (
    DecisionDefinitionKey,
    DecisionEvaluationInstanceKey,
    DecisionEvaluationKey,
    DecisionInstanceKey,
    DecisionRequirementsKey,
)

__all__ = [
    "DecisionDefinition",
    "DecisionDefinitionFilter",
    "DecisionDefinitionSearchRequest",
    "DecisionDefinitionSortField",
    "DecisionEvaluation",
    "DecisionEvaluationById",
    "DecisionEvaluationByKey",
    "EvaluatedDecision",
    "EvaluatedDecisionInput",
    "EvaluatedDecisionOutput",
    "MatchedDecisionRule",
]


class DecisionEvaluationById(RequestModel):
    """Evaluate the latest version of a decision, named by its DMN id.

    Spec: `DecisionEvaluationById`
    """

    decision_definition_id: str
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class DecisionEvaluationByKey(RequestModel):
    """Evaluate one exact version of a decision, named by its key.

    Spec: `DecisionEvaluationByKey`
    """

    decision_definition_key: Annotated[DecisionDefinitionKey, KEY]
    variables: dict[str, Any] | None = None
    tenant_id: str | None = None


class EvaluatedDecisionInput(ResponseModel):
    """One input of a decision table and the value it evaluated to (as JSON text).

    Spec: `EvaluatedDecisionInputItem`
    """

    input_id: str
    input_name: str
    input_value: str


class EvaluatedDecisionOutput(ResponseModel):
    """One output of a matched rule and its value (as JSON text).

    Spec: `EvaluatedDecisionOutputItem`
    """

    output_id: str
    output_name: str
    output_value: str
    rule_id: str | None = None
    rule_index: int | None = None


class MatchedDecisionRule(ResponseModel):
    """A rule of a decision table that matched the inputs.

    Spec: `MatchedDecisionRuleItem`
    """

    rule_id: str
    rule_index: int
    evaluated_outputs: list[EvaluatedDecisionOutput]


class EvaluatedDecision(ResponseModel):
    """One decision evaluated on the way to the requested one (or the requested one itself).

    Spec: `EvaluatedDecisionResult`
    """

    decision_definition_id: str
    decision_definition_name: str
    decision_definition_version: int
    decision_definition_type: str
    output: str
    tenant_id: str
    matched_rules: list[MatchedDecisionRule]
    evaluated_inputs: list[EvaluatedDecisionInput]
    decision_definition_key: DecisionDefinitionKey
    decision_evaluation_instance_key: DecisionEvaluationInstanceKey


class DecisionEvaluation(ResponseModel):
    """The outcome of evaluating a decision: its output (JSON text) and every step taken.

    When the evaluation failed, ``failure_message`` says why and
    ``failed_decision_definition_id`` names the decision that failed.

    Spec: `EvaluateDecisionResult`
    """

    decision_definition_id: str
    decision_definition_key: DecisionDefinitionKey
    decision_definition_name: str
    decision_definition_version: int
    decision_evaluation_key: DecisionEvaluationKey
    decision_instance_key: DecisionInstanceKey
    decision_requirements_id: str
    decision_requirements_key: DecisionRequirementsKey
    evaluated_decisions: list[EvaluatedDecision]
    failed_decision_definition_id: str | None = None
    failure_message: str | None = None
    output: str
    tenant_id: str


class DecisionDefinition(ResponseModel):
    """A deployed decision, one version of it.

    Spec: `DecisionDefinitionResult`
    """

    decision_definition_id: str
    decision_definition_key: DecisionDefinitionKey
    decision_requirements_id: str
    decision_requirements_key: DecisionRequirementsKey
    decision_requirements_name: str
    decision_requirements_version: int
    name: str
    tenant_id: str
    version: int


class DecisionDefinitionFilter(RequestModel):
    """Every field is an exact match.

    Spec: `DecisionDefinitionFilter`
    """

    decision_definition_id: str | None = None
    name: str | None = None
    is_latest_version: bool | None = None
    version: int | None = None
    decision_requirements_id: str | None = None
    tenant_id: str | None = None
    decision_definition_key: Annotated[DecisionDefinitionKey, KEY] | None = None
    decision_requirements_key: Annotated[DecisionRequirementsKey, KEY] | None = None
    decision_requirements_name: str | None = None
    decision_requirements_version: int | None = None


DecisionDefinitionSortField = Literal[
    "decisionDefinitionKey",
    "decisionDefinitionId",
    "name",
    "version",
    "decisionRequirementsId",
    "decisionRequirementsKey",
    "decisionRequirementsName",
    "decisionRequirementsVersion",
    "tenantId",
]


class DecisionDefinitionSearchRequest(
    SearchQuery[DecisionDefinitionFilter, DecisionDefinitionSortField]
):
    """Spec: `DecisionDefinitionSearchQuery`"""
