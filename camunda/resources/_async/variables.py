"""The ``variables`` resource group: read and search process variables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.variables import (
    Variable,
    VariableFilter,
    VariableSearchItem,
    VariableSearchRequest,
    VariableSortField,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven, VariableKey

__all__ = ["AsyncVariables"]

_GET = Operation("GET", "/variables/{variableKey}", "getVariable", returns=Variable)
_SEARCH = Operation(
    "POST",
    "/variables/search",
    "searchVariables",
    body=VariableSearchRequest,
    returns=VariableSearchItem,
    query=("truncate_values",),
    paged=True,
)


class AsyncVariables(AsyncAPIResource):
    """Variables of process instances and their element instances."""

    __slots__ = ()

    @endpoint(_GET)
    async def get(self, variable_key: VariableKey) -> Variable:
        """A variable with its full value.

        ``GET /variables/{variableKey}`` (getVariable)

        Args:
            variable_key: the key of the variable.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: VariableFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[VariableSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        truncate_values: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[VariableSearchItem]:
        """Search variables; iterate the page to walk every match.

        ``POST /variables/search`` (searchVariables)

        Long values are cut short unless ``truncate_values=False``.

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
            truncate_values: shorten long variable values (the full value is then read by key).
        """
        return await self._transport.search(_SEARCH, locals())
