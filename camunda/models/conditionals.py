"""Models of the ``conditionals`` resource group: triggering conditional start events."""

from __future__ import annotations

from typing import Annotated, Any

from camunda.models._base import KEY, RequestModel, ResponseModel
from camunda.types import ConditionalEvaluationKey, ProcessDefinitionKey, ProcessInstanceKey

__all__ = [
    "ConditionalEvaluation",
    "ConditionalEvaluationRequest",
    "ProcessInstanceReference",
]


class ConditionalEvaluationRequest(RequestModel):
    """Spec: `ConditionalEvaluationInstruction`"""

    tenant_id: str | None = None
    process_definition_key: Annotated[ProcessDefinitionKey, KEY] | None = None
    variables: dict[str, Any]


class ProcessInstanceReference(ResponseModel):
    """A process instance started by a condition that became true.

    Spec: `ProcessInstanceReference`
    """

    process_definition_key: ProcessDefinitionKey
    process_instance_key: ProcessInstanceKey


class ConditionalEvaluation(ResponseModel):
    """The process instances that the evaluation started (possibly none).

    Spec: `EvaluateConditionalResult`
    """

    conditional_evaluation_key: ConditionalEvaluationKey
    tenant_id: str
    process_instances: list[ProcessInstanceReference]
