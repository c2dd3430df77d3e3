# Derived by scripts/unasync.py from _async/expressions.py; do not edit.
"""The ``expressions`` resource group: evaluate a FEEL expression on the cluster."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda._transport import Operation
from camunda.models.expressions import ExpressionEvaluation, ExpressionEvaluationRequest
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["Expressions"]

# Evaluating changes nothing on the cluster: safe to retry like a read.
_EVALUATE = Operation(
    "POST",
    "/expression/evaluation",
    "evaluateExpression",
    body=ExpressionEvaluationRequest,
    returns=ExpressionEvaluation,
    idempotent=True,
)


class Expressions(APIResource):
    """FEEL expressions, evaluated by the cluster's own engine."""

    __slots__ = ()

    @endpoint(_EVALUATE)
    def evaluate(
        self,
        *,
        expression: str,
        variables: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> ExpressionEvaluation:
        """Evaluate ``expression`` (e.g. ``"=x + y"``) against ``variables``.

        ``POST /expression/evaluation`` (evaluateExpression)

        ``tenant_id`` matters when the expression reads tenant cluster variables.

        Args:
            expression: the FEEL expression, e.g. ``=x + 1``.
            variables: variables the expression can read, as a JSON object.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return self._transport.request(_EVALUATE, locals())
