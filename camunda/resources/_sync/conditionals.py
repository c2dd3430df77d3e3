# Derived by scripts/unasync.py from _async/conditionals.py; do not edit.
"""The ``conditionals`` resource group: trigger conditional start events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from camunda._transport import Operation
from camunda.models.conditionals import ConditionalEvaluation, ConditionalEvaluationRequest
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven, ProcessDefinitionKey

__all__ = ["Conditionals"]

_EVALUATE = Operation(
    "POST",
    "/conditionals/evaluation",
    "evaluateConditionals",
    body=ConditionalEvaluationRequest,
    returns=ConditionalEvaluation,
)


class Conditionals(APIResource):
    """Conditional start events: offer variables, and processes whose condition holds start."""

    __slots__ = ()

    @endpoint(_EVALUATE)
    def evaluate(
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
        return self._transport.request(_EVALUATE, locals())
