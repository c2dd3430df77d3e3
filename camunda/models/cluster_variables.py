"""Models of the ``cluster_variables`` resource group: global and tenant-scoped variables."""

from __future__ import annotations

from typing import Literal

from pydantic import JsonValue

from camunda.models._base import Lenient, RequestModel, ResponseModel, WireEnum
from camunda.models.common import EnumFilterProperty, SearchQuery, StringFilterProperty

__all__ = [
    "ClusterVariable",
    "ClusterVariableFilter",
    "ClusterVariableScope",
    "ClusterVariableSearchRequest",
    "ClusterVariableSortField",
    "CreateClusterVariableRequest",
    "FoundClusterVariable",
    "UpdateClusterVariableRequest",
]


class ClusterVariableScope(WireEnum):
    """Spec: `ClusterVariableScopeEnum`"""

    GLOBAL = "GLOBAL"
    TENANT = "TENANT"


class CreateClusterVariableRequest(RequestModel):
    """Spec: `CreateClusterVariableRequest`"""

    name: str
    value: JsonValue


class UpdateClusterVariableRequest(RequestModel):
    """Spec: `UpdateClusterVariableRequest`"""

    value: JsonValue


class ClusterVariable(ResponseModel):
    """A cluster variable; ``value`` is its JSON text, ``tenant_id`` is ``None`` if global.

    Spec: `ClusterVariableResult`
    """

    name: str
    scope: Lenient[ClusterVariableScope]
    tenant_id: str | None = None
    value: str


class FoundClusterVariable(ClusterVariable):
    """A cluster variable in search results, whose ``value`` may be cut short.

    Spec: `ClusterVariableSearchResult`
    """

    is_truncated: bool


class ClusterVariableFilter(RequestModel):
    """Spec: `ClusterVariableSearchQueryFilterRequest`"""

    name: StringFilterProperty | None = None
    value: StringFilterProperty | None = None
    scope: EnumFilterProperty[ClusterVariableScope] | None = None
    tenant_id: StringFilterProperty | None = None
    is_truncated: bool | None = None


ClusterVariableSortField = Literal["name", "value", "tenantId", "scope"]


class ClusterVariableSearchRequest(SearchQuery[ClusterVariableFilter, ClusterVariableSortField]):
    """Spec: `ClusterVariableSearchQueryRequest`"""
