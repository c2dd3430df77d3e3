# Derived by scripts/unasync.py from _async/variables.py; do not edit.
"""The ``variables`` resource group: read and search process variables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.variables import Variable, VariableSearchItem, VariableSearchRequest
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven, VariableKey

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.variables import VariableFilter, VariableSortField

__all__ = ["Variables"]

_GET = Operation("GET", "/variables/{variableKey}", "getVariable", returns=Variable)
_SEARCH = Operation("POST", "/variables/search", "searchVariables",
                    body=VariableSearchRequest, returns=VariableSearchItem,
                    query=("truncate_values",), paged=True)


class Variables(Resource):
    """Variables of process instances and their element instances."""

    __slots__ = ()

    def get(self, variable_key: VariableKey) -> Variable:
        """A variable with its full value.

        ``GET /variables/{variableKey}`` (getVariable)
        """
        return self._transport.request(_GET, locals())

    def search(
        self,
        *,
        filter: VariableFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[VariableSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        truncate_values: bool | NotGiven = NOT_GIVEN,
    ) -> SearchPage[VariableSearchItem]:
        """Search variables; iterate the page to walk every match.

        ``POST /variables/search`` (searchVariables)

        Long values are cut short unless ``truncate_values=False``.
        """
        return self._transport.search(_SEARCH, locals())
