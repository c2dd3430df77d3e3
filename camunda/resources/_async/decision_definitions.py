"""The ``decision_definitions`` resource group: evaluate, read and search DMN decisions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, overload

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.decision_definitions import (
    DecisionDefinition,
    DecisionDefinitionFilter,
    DecisionDefinitionSearchRequest,
    DecisionDefinitionSortField,
    DecisionEvaluation,
    DecisionEvaluationById,
    DecisionEvaluationByKey,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, DecisionDefinitionKey, NotGiven

__all__ = ["AsyncDecisionDefinitions"]

_EVALUATE = Operation(
    "POST",
    "/decision-definitions/evaluation",
    "evaluateDecision",
    body=DecisionEvaluationById | DecisionEvaluationByKey,
    returns=DecisionEvaluation,
)
_GET = Operation(
    "GET",
    "/decision-definitions/{decisionDefinitionKey}",
    "getDecisionDefinition",
    returns=DecisionDefinition,
)
_GET_XML = Operation(
    "GET",
    "/decision-definitions/{decisionDefinitionKey}/xml",
    "getDecisionDefinitionXML",
    returns=str,
)
_SEARCH = Operation(
    "POST",
    "/decision-definitions/search",
    "searchDecisionDefinitions",
    body=DecisionDefinitionSearchRequest,
    returns=DecisionDefinition,
    paged=True,
)


class AsyncDecisionDefinitions(AsyncAPIResource):
    """Deployed DMN decisions: evaluate them, read them and their XML, search them."""

    __slots__ = ()

    @overload
    async def evaluate(
        self,
        *,
        decision_definition_id: str,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> DecisionEvaluation: ...

    @overload
    async def evaluate(
        self,
        *,
        decision_definition_key: DecisionDefinitionKey,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> DecisionEvaluation: ...

    @endpoint(_EVALUATE)
    async def evaluate(
        self,
        *,
        decision_definition_id: str | NotGiven = NOT_GIVEN,
        decision_definition_key: DecisionDefinitionKey | NotGiven = NOT_GIVEN,
        variables: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> DecisionEvaluation:
        """Evaluate a decision with the given variables.

        ``POST /decision-definitions/evaluation`` (evaluateDecision)

        Name the decision either by ``decision_definition_id`` (its latest version) or by
        ``decision_definition_key`` (one exact version), not both.

        Args:
            decision_definition_id: the decision's id in the DMN (the latest version is evaluated).
            decision_definition_key: the key of the decision definition.
            variables: the decision's inputs, as a JSON object.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return await self._transport.request(_EVALUATE, locals())

    @endpoint(_GET)
    async def get(self, decision_definition_key: DecisionDefinitionKey) -> DecisionDefinition:
        """Get one decision definition.

        ``GET /decision-definitions/{decisionDefinitionKey}`` (getDecisionDefinition)

        Args:
            decision_definition_key: the key of the decision definition.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_GET_XML)
    async def get_xml(self, decision_definition_key: DecisionDefinitionKey) -> str:
        """Get the DMN XML of the file that defines a decision.

        ``GET /decision-definitions/{decisionDefinitionKey}/xml`` (getDecisionDefinitionXML)

        Args:
            decision_definition_key: the key of the decision definition.
        """
        return await self._transport.request(_GET_XML, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: DecisionDefinitionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[DecisionDefinitionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[DecisionDefinition]:
        """Search decision definitions; iterating the page walks every page.

        ``POST /decision-definitions/search`` (searchDecisionDefinitions)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())
