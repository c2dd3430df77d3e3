# Derived by scripts/unasync.py from _async/identity_tenants.py; do not edit.
"""``client.identity.tenants``: tenants and the users, clients, groups, roles and rules in them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, Literal

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.identity.mapping_rules import (
    MappingRule,
    MappingRuleFilter,
    MappingRuleSearchRequest,
    MappingRuleSortField,
)
from camunda.models.identity.members import (
    AssignedClient,
    AssignedUser,
    ClientMemberSearchRequest,
    GroupMemberSearchRequest,
    TenantGroup,
    UserMemberSearchRequest,
)
from camunda.models.identity.roles import Role, RoleFilter, RoleSearchRequest, RoleSortField
from camunda.models.identity.tenants import (
    CreatedTenant,
    CreateTenantRequest,
    Tenant,
    TenantSearchFilter,
    TenantSearchRequest,
    TenantSortField,
    UpdatedTenant,
    UpdateTenantRequest,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["Tenants"]

_CREATE = Operation(
    "POST", "/tenants", "createTenant", body=CreateTenantRequest, returns=CreatedTenant
)
_GET = Operation("GET", "/tenants/{tenantId}", "getTenant", returns=Tenant)
_UPDATE = Operation(
    "PUT", "/tenants/{tenantId}", "updateTenant", body=UpdateTenantRequest, returns=UpdatedTenant
)
_DELETE = Operation("DELETE", "/tenants/{tenantId}", "deleteTenant", returns=NoneType)
_SEARCH = Operation(
    "POST", "/tenants/search", "searchTenants", body=TenantSearchRequest, returns=Tenant, paged=True
)
_ASSIGN_USER = Operation(
    "PUT", "/tenants/{tenantId}/users/{username}", "assignUserToTenant", returns=NoneType
)
_UNASSIGN_USER = Operation(
    "DELETE", "/tenants/{tenantId}/users/{username}", "unassignUserFromTenant", returns=NoneType
)
_ASSIGN_CLIENT = Operation(
    "PUT", "/tenants/{tenantId}/clients/{clientId}", "assignClientToTenant", returns=NoneType
)
_UNASSIGN_CLIENT = Operation(
    "DELETE", "/tenants/{tenantId}/clients/{clientId}", "unassignClientFromTenant", returns=NoneType
)
_ASSIGN_GROUP = Operation(
    "PUT", "/tenants/{tenantId}/groups/{groupId}", "assignGroupToTenant", returns=NoneType
)
_UNASSIGN_GROUP = Operation(
    "DELETE", "/tenants/{tenantId}/groups/{groupId}", "unassignGroupFromTenant", returns=NoneType
)
_ASSIGN_ROLE = Operation(
    "PUT", "/tenants/{tenantId}/roles/{roleId}", "assignRoleToTenant", returns=NoneType
)
_UNASSIGN_ROLE = Operation(
    "DELETE", "/tenants/{tenantId}/roles/{roleId}", "unassignRoleFromTenant", returns=NoneType
)
_ASSIGN_MAPPING_RULE = Operation(
    "PUT",
    "/tenants/{tenantId}/mapping-rules/{mappingRuleId}",
    "assignMappingRuleToTenant",
    returns=NoneType,
)
_UNASSIGN_MAPPING_RULE = Operation(
    "DELETE",
    "/tenants/{tenantId}/mapping-rules/{mappingRuleId}",
    "unassignMappingRuleFromTenant",
    returns=NoneType,
)
_SEARCH_USERS = Operation(
    "POST",
    "/tenants/{tenantId}/users/search",
    "searchUsersForTenant",
    body=UserMemberSearchRequest,
    returns=AssignedUser,
    paged=True,
)
_SEARCH_CLIENTS = Operation(
    "POST",
    "/tenants/{tenantId}/clients/search",
    "searchClientsForTenant",
    body=ClientMemberSearchRequest,
    returns=AssignedClient,
    paged=True,
)
_SEARCH_GROUPS = Operation(
    "POST",
    "/tenants/{tenantId}/groups/search",
    "searchGroupIdsForTenant",
    body=GroupMemberSearchRequest,
    returns=TenantGroup,
    paged=True,
)
_SEARCH_ROLES = Operation(
    "POST",
    "/tenants/{tenantId}/roles/search",
    "searchRolesForTenant",
    body=RoleSearchRequest,
    returns=Role,
    paged=True,
)
_SEARCH_MAPPING_RULES = Operation(
    "POST",
    "/tenants/{tenantId}/mapping-rules/search",
    "searchMappingRulesForTenant",
    body=MappingRuleSearchRequest,
    returns=MappingRule,
    paged=True,
)


class Tenants(APIResource):
    """Tenants: separate the data of several organisations on one cluster.

    Users, clients, groups, roles and mapping rules see a tenant's data once assigned to it.
    """

    __slots__ = ()

    @endpoint(_CREATE)
    def create(
        self,
        *,
        tenant_id: str,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> CreatedTenant:
        """Create a tenant.

        ``POST /tenants`` (createTenant)

        Args:
            tenant_id: the id of the tenant.
            name: the tenant's display name.
            description: what the tenant is for.
        """
        return self._transport.request(_CREATE, locals())

    @endpoint(_GET)
    def get(self, tenant_id: str) -> Tenant:
        """Fetch a tenant by id.

        ``GET /tenants/{tenantId}`` (getTenant)

        Args:
            tenant_id: the id of the tenant.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_UPDATE)
    def update(
        self,
        tenant_id: str,
        *,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> UpdatedTenant:
        """Rename a tenant or change its description.

        ``PUT /tenants/{tenantId}`` (updateTenant)

        Args:
            tenant_id: the id of the tenant.
            name: the tenant's display name.
            description: what the tenant is for.
        """
        return self._transport.request(_UPDATE, locals())

    @endpoint(_DELETE)
    def delete(self, tenant_id: str) -> None:
        """Delete a tenant.

        ``DELETE /tenants/{tenantId}`` (deleteTenant)

        Args:
            tenant_id: the id of the tenant.
        """
        return self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: TenantSearchFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[TenantSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[Tenant]:
        """Search tenants by id or name.

        ``POST /tenants/search`` (searchTenants)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())

    @endpoint(_ASSIGN_USER)
    def assign_user(self, tenant_id: str, *, username: str) -> None:
        """Give a user access to a tenant.

        ``PUT /tenants/{tenantId}/users/{username}`` (assignUserToTenant)

        Args:
            tenant_id: the id of the tenant.
            username: the user's username.
        """
        return self._transport.request(_ASSIGN_USER, locals())

    @endpoint(_UNASSIGN_USER)
    def unassign_user(self, tenant_id: str, *, username: str) -> None:
        """Remove a user from a tenant.

        ``DELETE /tenants/{tenantId}/users/{username}`` (unassignUserFromTenant)

        Args:
            tenant_id: the id of the tenant.
            username: the user's username.
        """
        return self._transport.request(_UNASSIGN_USER, locals())

    @endpoint(_ASSIGN_CLIENT)
    def assign_client(self, tenant_id: str, *, client_id: str) -> None:
        """Give an OAuth client access to a tenant.

        ``PUT /tenants/{tenantId}/clients/{clientId}`` (assignClientToTenant)

        Args:
            tenant_id: the id of the tenant.
            client_id: the OAuth client id.
        """
        return self._transport.request(_ASSIGN_CLIENT, locals())

    @endpoint(_UNASSIGN_CLIENT)
    def unassign_client(self, tenant_id: str, *, client_id: str) -> None:
        """Remove an OAuth client from a tenant.

        ``DELETE /tenants/{tenantId}/clients/{clientId}`` (unassignClientFromTenant)

        Args:
            tenant_id: the id of the tenant.
            client_id: the OAuth client id.
        """
        return self._transport.request(_UNASSIGN_CLIENT, locals())

    @endpoint(_ASSIGN_GROUP)
    def assign_group(self, tenant_id: str, *, group_id: str) -> None:
        """Give every member of a group access to a tenant.

        ``PUT /tenants/{tenantId}/groups/{groupId}`` (assignGroupToTenant)

        Args:
            tenant_id: the id of the tenant.
            group_id: the id of the group.
        """
        return self._transport.request(_ASSIGN_GROUP, locals())

    @endpoint(_UNASSIGN_GROUP)
    def unassign_group(self, tenant_id: str, *, group_id: str) -> None:
        """Remove a group from a tenant.

        ``DELETE /tenants/{tenantId}/groups/{groupId}`` (unassignGroupFromTenant)

        Args:
            tenant_id: the id of the tenant.
            group_id: the id of the group.
        """
        return self._transport.request(_UNASSIGN_GROUP, locals())

    @endpoint(_ASSIGN_ROLE)
    def assign_role(self, tenant_id: str, *, role_id: str) -> None:
        """Give everyone holding a role access to a tenant.

        ``PUT /tenants/{tenantId}/roles/{roleId}`` (assignRoleToTenant)

        Args:
            tenant_id: the id of the tenant.
            role_id: the id of the role.
        """
        return self._transport.request(_ASSIGN_ROLE, locals())

    @endpoint(_UNASSIGN_ROLE)
    def unassign_role(self, tenant_id: str, *, role_id: str) -> None:
        """Remove a role from a tenant.

        ``DELETE /tenants/{tenantId}/roles/{roleId}`` (unassignRoleFromTenant)

        Args:
            tenant_id: the id of the tenant.
            role_id: the id of the role.
        """
        return self._transport.request(_UNASSIGN_ROLE, locals())

    @endpoint(_ASSIGN_MAPPING_RULE)
    def assign_mapping_rule(self, tenant_id: str, *, mapping_rule_id: str) -> None:
        """Give every token a mapping rule matches access to a tenant.

        ``PUT /tenants/{tenantId}/mapping-rules/{mappingRuleId}`` (assignMappingRuleToTenant)

        Args:
            tenant_id: the id of the tenant.
            mapping_rule_id: the id of the mapping rule.
        """
        return self._transport.request(_ASSIGN_MAPPING_RULE, locals())

    @endpoint(_UNASSIGN_MAPPING_RULE)
    def unassign_mapping_rule(self, tenant_id: str, *, mapping_rule_id: str) -> None:
        """Remove a mapping rule from a tenant.

        ``DELETE /tenants/{tenantId}/mapping-rules/{mappingRuleId}`` (unassignMappingRuleFromTenant)

        Args:
            tenant_id: the id of the tenant.
            mapping_rule_id: the id of the mapping rule.
        """
        return self._transport.request(_UNASSIGN_MAPPING_RULE, locals())

    @endpoint(_SEARCH_USERS)
    def search_users(
        self,
        tenant_id: str,
        *,
        sort: Sequence[SortRequest[Literal["username"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[AssignedUser]:
        """List the users assigned to a tenant.

        ``POST /tenants/{tenantId}/users/search`` (searchUsersForTenant)

        Args:
            tenant_id: the id of the tenant.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_USERS, locals())

    @endpoint(_SEARCH_CLIENTS)
    def search_clients(
        self,
        tenant_id: str,
        *,
        sort: Sequence[SortRequest[Literal["clientId"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[AssignedClient]:
        """List the OAuth clients assigned to a tenant.

        ``POST /tenants/{tenantId}/clients/search`` (searchClientsForTenant)

        Args:
            tenant_id: the id of the tenant.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_CLIENTS, locals())

    @endpoint(_SEARCH_GROUPS)
    def search_groups(
        self,
        tenant_id: str,
        *,
        sort: Sequence[SortRequest[Literal["groupId"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[TenantGroup]:
        """List the groups assigned to a tenant.

        ``POST /tenants/{tenantId}/groups/search`` (searchGroupIdsForTenant)

        Args:
            tenant_id: the id of the tenant.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_GROUPS, locals())

    @endpoint(_SEARCH_ROLES)
    def search_roles(
        self,
        tenant_id: str,
        *,
        filter: RoleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[RoleSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[Role]:
        """Search the roles assigned to a tenant.

        ``POST /tenants/{tenantId}/roles/search`` (searchRolesForTenant)

        Args:
            tenant_id: the id of the tenant.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_ROLES, locals())

    @endpoint(_SEARCH_MAPPING_RULES)
    def search_mapping_rules(
        self,
        tenant_id: str,
        *,
        filter: MappingRuleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MappingRuleSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[MappingRule]:
        """Search the mapping rules assigned to a tenant.

        ``POST /tenants/{tenantId}/mapping-rules/search`` (searchMappingRulesForTenant)

        Args:
            tenant_id: the id of the tenant.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_MAPPING_RULES, locals())
