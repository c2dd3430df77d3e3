"""The ``decision_requirements`` resource group: deployed decision requirements graphs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation

# Aliased: the sync twin of this class is itself named ``DecisionRequirements``.
from camunda.models.decision_requirements import (
    DecisionRequirements as DecisionRequirementsModel,
)
from camunda.models.decision_requirements import (
    DecisionRequirementsFilter,
    DecisionRequirementsSearchRequest,
    DecisionRequirementsSortField,
)
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, DecisionRequirementsKey, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["AsyncDecisionRequirements"]

_GET = Operation("GET", "/decision-requirements/{decisionRequirementsKey}",
                 "getDecisionRequirements", returns=DecisionRequirementsModel)
_GET_XML = Operation("GET", "/decision-requirements/{decisionRequirementsKey}/xml",
                     "getDecisionRequirementsXML", returns=str)
_SEARCH = Operation("POST", "/decision-requirements/search", "searchDecisionRequirements",
                    body=DecisionRequirementsSearchRequest, returns=DecisionRequirementsModel,
                    paged=True)


class AsyncDecisionRequirements(AsyncResource):
    """Decision requirements graphs (DRDs): the deployed DMN files that hold decisions."""

    __slots__ = ()

    async def get(
        self, decision_requirements_key: DecisionRequirementsKey
    ) -> DecisionRequirementsModel:
        """Get one decision requirements graph.

        ``GET /decision-requirements/{decisionRequirementsKey}`` (getDecisionRequirements)
        """
        return await self._transport.request(_GET, locals())

    async def get_xml(self, decision_requirements_key: DecisionRequirementsKey) -> str:
        """Get the DMN XML of a decision requirements graph.

        ``GET /decision-requirements/{decisionRequirementsKey}/xml`` (getDecisionRequirementsXML)
        """
        return await self._transport.request(_GET_XML, locals())

    async def search(
        self,
        *,
        filter: DecisionRequirementsFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[DecisionRequirementsSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[DecisionRequirementsModel]:
        """Search decision requirements graphs; iterating the page walks every page.

        ``POST /decision-requirements/search`` (searchDecisionRequirements)
        """
        return await self._transport.search(_SEARCH, locals())
