"""Models of the ``variables`` resource group: process variables and their search."""

from __future__ import annotations

from typing import Literal

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import (
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import ProcessInstanceKey, ScopeKey, VariableKey

__all__ = [
    "Variable",
    "VariableFilter",
    "VariableSearchItem",
    "VariableSearchRequest",
    "VariableSortField",
    "VariableValueFilter",
]


class Variable(ResponseModel):
    """A variable with its full value (a JSON document as a string).

    Spec: `VariableResult`
    """

    variable_key: VariableKey
    name: str
    value: str
    scope_key: ScopeKey
    """The element instance or process instance the variable belongs to."""
    process_instance_key: ProcessInstanceKey
    root_process_instance_key: ProcessInstanceKey | None = None
    tenant_id: str


class VariableSearchItem(Variable):
    """A variable found by a search; a long value is cut short when ``is_truncated``.

    Spec: `VariableSearchResult`
    """

    is_truncated: bool


class VariableFilter(RequestModel):
    """Which variables a search returns; every field given must match.

    Spec: `VariableFilter`
    """

    name: StringFilterProperty | None = None
    value: StringFilterProperty | None = None
    tenant_id: str | None = None
    is_truncated: bool | None = None
    variable_key: KeyFilterProperty[VariableKey] | None = None
    scope_key: KeyFilterProperty[ScopeKey] | None = None
    process_instance_key: KeyFilterProperty[ProcessInstanceKey] | None = None


class VariableValueFilter(RequestModel):
    """Matches a variable by name and (JSON-encoded) value.

    Spec: `VariableValueFilterProperty`
    """

    name: str
    value: StringFilterProperty


VariableSortField = Literal[
    "value",
    "name",
    "tenantId",
    "variableKey",
    "scopeKey",
    "processInstanceKey",
]


class VariableSearchRequest(SearchQuery[VariableFilter, VariableSortField]):
    """Spec: `VariableSearchQuery`"""
