"""The ``conditionals`` resource group: trigger conditional start events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda._transport import Operation
from camunda.models.conditionals import ConditionalEvaluation, ConditionalEvaluationRequest
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven, ProcessDefinitionKey

__all__ = ["AsyncConditionals"]

_EVALUATE = Operation(
    "POST",
    "/conditionals/evaluation",
    "evaluateConditionals",
    body=ConditionalEvaluationRequest,
    returns=ConditionalEvaluation,
)


class AsyncConditionals(AsyncAPIResource):
    """Conditional start events: offer variables, and processes whose condition holds start."""

    __slots__ = ()

    @endpoint(_EVALUATE)
    async def evaluate(
        self,
        *,
        variables: Mapping[str, Any],
        process_definition_key: ProcessDefinitionKey | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> ConditionalEvaluation:
        """Evaluate the conditional start events against ``variables``.

        ``POST /conditionals/evaluation`` (evaluateConditionals)

        Every process (or only ``process_definition_key``) whose root-level condition is
        true with these variables starts an instance; the answer lists them.

        Args:
            variables: variables to evaluate the start conditions against (and start with).
            process_definition_key: evaluate only the start conditions of this process definition.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return await self._transport.request(_EVALUATE, locals())
