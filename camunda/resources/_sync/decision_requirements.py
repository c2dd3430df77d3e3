# Derived by scripts/unasync.py from _async/decision_requirements.py; do not edit.
"""The ``decision_requirements`` resource group: deployed decision requirements graphs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest

# Aliased: the sync twin of this class is itself named ``DecisionRequirements``.
from camunda.models.decision_requirements import (
    DecisionRequirements as DecisionRequirementsModel,
)
from camunda.models.decision_requirements import (
    DecisionRequirementsFilter,
    DecisionRequirementsSearchRequest,
    DecisionRequirementsSortField,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, DecisionRequirementsKey, NotGiven

__all__ = ["DecisionRequirements"]

_GET = Operation(
    "GET",
    "/decision-requirements/{decisionRequirementsKey}",
    "getDecisionRequirements",
    returns=DecisionRequirementsModel,
)
_GET_XML = Operation(
    "GET",
    "/decision-requirements/{decisionRequirementsKey}/xml",
    "getDecisionRequirementsXML",
    returns=str,
)
_SEARCH = Operation(
    "POST",
    "/decision-requirements/search",
    "searchDecisionRequirements",
    body=DecisionRequirementsSearchRequest,
    returns=DecisionRequirementsModel,
    paged=True,
)


class DecisionRequirements(APIResource):
    """Decision requirements graphs (DRDs): the deployed DMN files that hold decisions."""

    __slots__ = ()

    @endpoint(_GET)
    def get(self, decision_requirements_key: DecisionRequirementsKey) -> DecisionRequirementsModel:
        """Get one decision requirements graph.

        ``GET /decision-requirements/{decisionRequirementsKey}`` (getDecisionRequirements)

        Args:
            decision_requirements_key: the key of the decision requirements graph.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_GET_XML)
    def get_xml(self, decision_requirements_key: DecisionRequirementsKey) -> str:
        """Get the DMN XML of a decision requirements graph.

        ``GET /decision-requirements/{decisionRequirementsKey}/xml`` (getDecisionRequirementsXML)

        Args:
            decision_requirements_key: the key of the decision requirements graph.
        """
        return self._transport.request(_GET_XML, locals())

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: DecisionRequirementsFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[DecisionRequirementsSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[DecisionRequirementsModel]:
        """Search decision requirements graphs; iterating the page walks every page.

        ``POST /decision-requirements/search`` (searchDecisionRequirements)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())
