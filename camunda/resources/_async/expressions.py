"""The ``expressions`` resource group: evaluate a FEEL expression on the cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.expressions import ExpressionEvaluation, ExpressionEvaluationRequest
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["AsyncExpressions"]

# Evaluating changes nothing on the cluster: safe to retry like a read.
_EVALUATE = Operation("POST", "/expression/evaluation", "evaluateExpression",
                      body=ExpressionEvaluationRequest, returns=ExpressionEvaluation,
                      idempotent=True)


class AsyncExpressions(AsyncResource):
    """FEEL expressions, evaluated by the cluster's own engine."""

    __slots__ = ()

    async def evaluate(
        self,
        *,
        expression: str,
        variables: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> ExpressionEvaluation:
        """Evaluate ``expression`` (e.g. ``"=x + y"``) against ``variables``.

        ``POST /expression/evaluation`` (evaluateExpression)

        ``tenant_id`` matters when the expression reads tenant cluster variables.
        """
        return await self._transport.request(_EVALUATE, locals())
