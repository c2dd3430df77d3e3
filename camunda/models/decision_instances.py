"""Models of the ``decision_instances`` resource group: stored decision evaluations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from camunda.models._base import (
    KEY,
    Lenient,
    OperationReference,
    RequestModel,
    ResponseModel,
    WireEnum,
)
from camunda.models.common import (
    DateTimeFilterProperty,
    KeyFilter,
    KeyFilterProperty,
    MatchFilter,
    SearchQuery,
)
from camunda.models.decision_definitions import EvaluatedDecisionInput, MatchedDecisionRule
from camunda.types import (
    DecisionDefinitionKey,
    DecisionEvaluationInstanceKey,
    DecisionEvaluationKey,
    DecisionRequirementsKey,
    ElementInstanceKey,
    ProcessDefinitionKey,
    ProcessInstanceKey,
)

__all__ = [
    "DecisionDefinitionType",
    "DecisionInstance",
    "DecisionInstanceDetails",
    "DecisionInstanceFilter",
    "DecisionInstanceSearchRequest",
    "DecisionInstanceSortField",
    "DecisionInstanceState",
    "DeleteDecisionInstanceRequest",
    "DeleteDecisionInstancesRequest",
]


class DecisionInstanceState(WireEnum):
    """Spec: `DecisionInstanceStateEnum`"""

    EVALUATED = "EVALUATED"
    FAILED = "FAILED"
    UNSPECIFIED = "UNSPECIFIED"
    UNKNOWN = "UNKNOWN"


class DecisionDefinitionType(WireEnum):
    """Spec: `DecisionDefinitionTypeEnum`"""

    DECISION_TABLE = "DECISION_TABLE"
    LITERAL_EXPRESSION = "LITERAL_EXPRESSION"
    UNSPECIFIED = "UNSPECIFIED"
    UNKNOWN = "UNKNOWN"


class DecisionInstance(ResponseModel):
    """One evaluated decision as stored: its result (JSON text) and where it came from.

    The process fields are ``None`` for decisions evaluated directly through the API.

    Spec: `DecisionInstanceResult`
    """

    decision_definition_id: str
    decision_definition_key: DecisionDefinitionKey
    decision_definition_name: str
    decision_definition_type: Lenient[DecisionDefinitionType]
    decision_definition_version: int
    decision_evaluation_instance_key: DecisionEvaluationInstanceKey
    decision_evaluation_key: DecisionEvaluationKey
    element_instance_key: ElementInstanceKey | None = None
    evaluation_date: datetime
    evaluation_failure: str | None = None
    process_definition_key: ProcessDefinitionKey | None = None
    process_instance_key: ProcessInstanceKey | None = None
    result: str
    root_decision_definition_key: DecisionDefinitionKey
    root_process_instance_key: ProcessInstanceKey | None = None
    state: Lenient[DecisionInstanceState]
    tenant_id: str


class DecisionInstanceDetails(DecisionInstance):
    """A decision instance with the inputs it saw and the rules that matched.

    Spec: `DecisionInstanceGetQueryResult`
    """

    evaluated_inputs: list[EvaluatedDecisionInput]
    matched_rules: list[MatchedDecisionRule]


class DecisionInstanceFilter(RequestModel):
    """Spec: `DecisionInstanceFilter`"""

    decision_evaluation_instance_key: (
        DecisionEvaluationInstanceKey | KeyFilter[DecisionEvaluationInstanceKey] | None
    ) = None
    state: DecisionInstanceState | MatchFilter[DecisionInstanceState] | None = None
    evaluation_failure: str | None = None
    evaluation_date: DateTimeFilterProperty | None = None
    decision_definition_id: str | None = None
    decision_definition_name: str | None = None
    decision_definition_version: int | None = None
    decision_definition_type: DecisionDefinitionType | None = None
    tenant_id: str | None = None
    decision_evaluation_key: Annotated[DecisionEvaluationKey, KEY] | None = None
    process_definition_key: Annotated[ProcessDefinitionKey, KEY] | None = None
    process_instance_key: Annotated[ProcessInstanceKey, KEY] | None = None
    decision_definition_key: KeyFilterProperty[DecisionDefinitionKey] | None = None
    element_instance_key: KeyFilterProperty[ElementInstanceKey] | None = None
    root_decision_definition_key: KeyFilterProperty[DecisionDefinitionKey] | None = None
    decision_requirements_key: KeyFilterProperty[DecisionRequirementsKey] | None = None


DecisionInstanceSortField = Literal[
    "decisionDefinitionId",
    "decisionDefinitionKey",
    "decisionDefinitionName",
    "decisionDefinitionType",
    "decisionDefinitionVersion",
    "decisionEvaluationInstanceKey",
    "decisionEvaluationKey",
    "elementInstanceKey",
    "evaluationDate",
    "evaluationFailure",
    "processDefinitionKey",
    "processInstanceKey",
    "rootDecisionDefinitionKey",
    "state",
    "tenantId",
]


class DecisionInstanceSearchRequest(SearchQuery[DecisionInstanceFilter, DecisionInstanceSortField]):
    """Spec: `DecisionInstanceSearchQuery`"""


class DeleteDecisionInstanceRequest(RequestModel):
    """Spec: `DeleteDecisionInstanceRequest`"""

    operation_reference: OperationReference | None = None


class DeleteDecisionInstancesRequest(RequestModel):
    """Delete every decision instance that matches the filter, as a batch operation.

    Spec: `DecisionInstanceDeletionBatchOperationRequest`
    """

    filter: DecisionInstanceFilter
    operation_reference: OperationReference | None = None
