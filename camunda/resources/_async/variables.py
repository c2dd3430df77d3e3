"""The ``variables`` resource group: read and search process variables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.variables import Variable, VariableSearchItem, VariableSearchRequest
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven, VariableKey

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.variables import VariableFilter, VariableSortField

__all__ = ["AsyncVariables"]

_GET = Operation("GET", "/variables/{variableKey}", "getVariable", returns=Variable)
_SEARCH = Operation("POST", "/variables/search", "searchVariables",
                    body=VariableSearchRequest, returns=VariableSearchItem,
                    query=("truncate_values",), paged=True)


class AsyncVariables(AsyncResource):
    """Variables of process instances and their element instances."""

    __slots__ = ()

    async def get(self, variable_key: VariableKey) -> Variable:
        """A variable with its full value.

        ``GET /variables/{variableKey}`` (getVariable)
        """
        return await self._transport.request(_GET, locals())

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
        """
        return await self._transport.search(_SEARCH, locals())
