"""The ``cluster_variables`` resource group: variables visible to every process."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from pydantic import JsonValue

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.cluster_variables import (
    ClusterVariable,
    ClusterVariableFilter,
    ClusterVariableSearchRequest,
    ClusterVariableSortField,
    CreateClusterVariableRequest,
    FoundClusterVariable,
    UpdateClusterVariableRequest,
)
from camunda.models.common import PageRequest, SortRequest
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncClusterVariables"]

_TENANT = "/cluster-variables/tenants/{tenantId}"
_GLOBAL = "/cluster-variables/global"
_CREATE_FOR_TENANT = Operation(
    "POST",
    _TENANT,
    "createTenantClusterVariable",
    body=CreateClusterVariableRequest,
    returns=ClusterVariable,
)
_CREATE_GLOBAL = Operation(
    "POST",
    _GLOBAL,
    "createGlobalClusterVariable",
    body=CreateClusterVariableRequest,
    returns=ClusterVariable,
)
_DELETE_FOR_TENANT = Operation(
    "DELETE", _TENANT + "/{name}", "deleteTenantClusterVariable", returns=NoneType
)
_DELETE_GLOBAL = Operation(
    "DELETE", _GLOBAL + "/{name}", "deleteGlobalClusterVariable", returns=NoneType
)
_GET_FOR_TENANT = Operation(
    "GET", _TENANT + "/{name}", "getTenantClusterVariable", returns=ClusterVariable
)
_GET_GLOBAL = Operation(
    "GET", _GLOBAL + "/{name}", "getGlobalClusterVariable", returns=ClusterVariable
)
_SEARCH = Operation(
    "POST",
    "/cluster-variables/search",
    "searchClusterVariables",
    body=ClusterVariableSearchRequest,
    query=("truncate_values",),
    returns=FoundClusterVariable,
    paged=True,
)
_UPDATE_FOR_TENANT = Operation(
    "PUT",
    _TENANT + "/{name}",
    "updateTenantClusterVariable",
    body=UpdateClusterVariableRequest,
    returns=ClusterVariable,
)
_UPDATE_GLOBAL = Operation(
    "PUT",
    _GLOBAL + "/{name}",
    "updateGlobalClusterVariable",
    body=UpdateClusterVariableRequest,
    returns=ClusterVariable,
)


class AsyncClusterVariables(AsyncAPIResource):
    """Cluster variables: named JSON values, global or owned by one tenant.

    The positional argument is the owner of the variable's scope: the tenant for the
    ``*_for_tenant`` methods (``get_for_tenant("acme", name="limit")``). A global
    variable has no owner, so its name identifies it and is positional
    (``get_global("limit")``); creating takes no positional argument beyond the tenant.
    Values are sent as any JSON value and come back as JSON text in ``value``.
    """

    __slots__ = ()

    @endpoint(_CREATE_FOR_TENANT)
    async def create_for_tenant(
        self, tenant_id: str, *, name: str, value: JsonValue
    ) -> ClusterVariable:
        """Create a variable visible to one tenant's processes.

        ``POST /cluster-variables/tenants/{tenantId}`` (createTenantClusterVariable)

        Args:
            tenant_id: the tenant that owns the variable.
            name: the name of the cluster variable.
            value: the value, any JSON.
        """
        return await self._transport.request(_CREATE_FOR_TENANT, locals())

    @endpoint(_CREATE_GLOBAL)
    async def create_global(self, *, name: str, value: JsonValue) -> ClusterVariable:
        """Create a variable visible to every process of every tenant.

        ``POST /cluster-variables/global`` (createGlobalClusterVariable)

        Args:
            name: the name of the cluster variable.
            value: the value, any JSON.
        """
        return await self._transport.request(_CREATE_GLOBAL, locals())

    @endpoint(_DELETE_FOR_TENANT)
    async def delete_for_tenant(self, tenant_id: str, *, name: str) -> None:
        """Delete a tenant's variable.

        ``DELETE /cluster-variables/tenants/{tenantId}/{name}`` (deleteTenantClusterVariable)

        Args:
            tenant_id: the tenant that owns the variable.
            name: the name of the cluster variable.
        """
        return await self._transport.request(_DELETE_FOR_TENANT, locals())

    @endpoint(_DELETE_GLOBAL)
    async def delete_global(self, name: str) -> None:
        """Delete a global variable.

        ``DELETE /cluster-variables/global/{name}`` (deleteGlobalClusterVariable)

        Args:
            name: the name of the cluster variable.
        """
        return await self._transport.request(_DELETE_GLOBAL, locals())

    @endpoint(_GET_FOR_TENANT)
    async def get_for_tenant(self, tenant_id: str, *, name: str) -> ClusterVariable:
        """Get a tenant's variable.

        ``GET /cluster-variables/tenants/{tenantId}/{name}`` (getTenantClusterVariable)

        Args:
            tenant_id: the tenant that owns the variable.
            name: the name of the cluster variable.
        """
        return await self._transport.request(_GET_FOR_TENANT, locals())

    @endpoint(_GET_GLOBAL)
    async def get_global(self, name: str) -> ClusterVariable:
        """Get a global variable.

        ``GET /cluster-variables/global/{name}`` (getGlobalClusterVariable)

        Args:
            name: the name of the cluster variable.
        """
        return await self._transport.request(_GET_GLOBAL, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: ClusterVariableFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[ClusterVariableSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        truncate_values: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[FoundClusterVariable]:
        """Search cluster variables of every scope; iterating the page walks every page.

        ``POST /cluster-variables/search`` (searchClusterVariables)

        With ``truncate_values=True`` long values are cut short (``is_truncated``).

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
            truncate_values: shorten long variable values (the full value is then read by key).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_UPDATE_FOR_TENANT)
    async def update_for_tenant(
        self, tenant_id: str, *, name: str, value: JsonValue
    ) -> ClusterVariable:
        """Replace the value of a tenant's variable.

        ``PUT /cluster-variables/tenants/{tenantId}/{name}`` (updateTenantClusterVariable)

        Args:
            tenant_id: the tenant that owns the variable.
            name: the name of the cluster variable.
            value: the value, any JSON.
        """
        return await self._transport.request(_UPDATE_FOR_TENANT, locals())

    @endpoint(_UPDATE_GLOBAL)
    async def update_global(self, name: str, *, value: JsonValue) -> ClusterVariable:
        """Replace the value of a global variable.

        ``PUT /cluster-variables/global/{name}`` (updateGlobalClusterVariable)

        Args:
            name: the name of the cluster variable.
            value: the value, any JSON.
        """
        return await self._transport.request(_UPDATE_GLOBAL, locals())
