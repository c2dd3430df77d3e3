"""Models of the ``expressions`` resource group: evaluating a FEEL expression."""

from __future__ import annotations

from typing import Any

from camunda.models._base import RequestModel, ResponseModel

__all__ = ["ExpressionEvaluation", "ExpressionEvaluationRequest", "ExpressionWarning"]


class ExpressionEvaluationRequest(RequestModel):
    """Spec: `ExpressionEvaluationRequest`"""

    expression: str
    tenant_id: str | None = None
    variables: dict[str, Any] | None = None


class ExpressionWarning(ResponseModel):
    """Spec: `ExpressionEvaluationWarningItem`"""

    message: str


class ExpressionEvaluation(ResponseModel):
    """The value an expression evaluated to (any JSON value) and any warnings on the way.

    Spec: `ExpressionEvaluationResult`
    """

    expression: str
    result: Any = None
    warnings: list[ExpressionWarning]
