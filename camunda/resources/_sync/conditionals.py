# Derived by scripts/unasync.py from _async/conditionals.py; do not edit.
"""The ``conditionals`` resource group: trigger conditional start events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.conditionals import ConditionalEvaluation, ConditionalEvaluationRequest
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven, ProcessDefinitionKey

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["Conditionals"]

_EVALUATE = Operation("POST", "/conditionals/evaluation", "evaluateConditionals",
                      body=ConditionalEvaluationRequest, returns=ConditionalEvaluation)


class Conditionals(Resource):
    """Conditional start events: offer variables, and processes whose condition holds start."""

    __slots__ = ()

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
        """
        return self._transport.request(_EVALUATE, locals())
