"""``client.identity.roles``: roles and the users, clients, groups and rules holding them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, Literal

from camunda._pagination import AsyncSearchPage
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
    AssignedGroup,
    AssignedUser,
    ClientMemberSearchRequest,
    GroupMemberSearchRequest,
    UserMemberSearchRequest,
)
from camunda.models.identity.roles import (
    CreatedRole,
    CreateRoleRequest,
    Role,
    RoleFilter,
    RoleSearchRequest,
    RoleSortField,
    UpdatedRole,
    UpdateRoleRequest,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncRoles"]

_CREATE = Operation("POST", "/roles", "createRole", body=CreateRoleRequest, returns=CreatedRole)
_GET = Operation("GET", "/roles/{roleId}", "getRole", returns=Role)
_UPDATE = Operation(
    "PUT", "/roles/{roleId}", "updateRole", body=UpdateRoleRequest, returns=UpdatedRole
)
_DELETE = Operation("DELETE", "/roles/{roleId}", "deleteRole", returns=NoneType)
_SEARCH = Operation(
    "POST", "/roles/search", "searchRoles", body=RoleSearchRequest, returns=Role, paged=True
)
_ASSIGN_USER = Operation(
    "PUT", "/roles/{roleId}/users/{username}", "assignRoleToUser", returns=NoneType
)
_UNASSIGN_USER = Operation(
    "DELETE", "/roles/{roleId}/users/{username}", "unassignRoleFromUser", returns=NoneType
)
_ASSIGN_CLIENT = Operation(
    "PUT", "/roles/{roleId}/clients/{clientId}", "assignRoleToClient", returns=NoneType
)
_UNASSIGN_CLIENT = Operation(
    "DELETE", "/roles/{roleId}/clients/{clientId}", "unassignRoleFromClient", returns=NoneType
)
_ASSIGN_GROUP = Operation(
    "PUT", "/roles/{roleId}/groups/{groupId}", "assignRoleToGroup", returns=NoneType
)
_UNASSIGN_GROUP = Operation(
    "DELETE", "/roles/{roleId}/groups/{groupId}", "unassignRoleFromGroup", returns=NoneType
)
_ASSIGN_MAPPING_RULE = Operation(
    "PUT",
    "/roles/{roleId}/mapping-rules/{mappingRuleId}",
    "assignRoleToMappingRule",
    returns=NoneType,
)
_UNASSIGN_MAPPING_RULE = Operation(
    "DELETE",
    "/roles/{roleId}/mapping-rules/{mappingRuleId}",
    "unassignRoleFromMappingRule",
    returns=NoneType,
)
_SEARCH_USERS = Operation(
    "POST",
    "/roles/{roleId}/users/search",
    "searchUsersForRole",
    body=UserMemberSearchRequest,
    returns=AssignedUser,
    paged=True,
)
_SEARCH_CLIENTS = Operation(
    "POST",
    "/roles/{roleId}/clients/search",
    "searchClientsForRole",
    body=ClientMemberSearchRequest,
    returns=AssignedClient,
    paged=True,
)
_SEARCH_GROUPS = Operation(
    "POST",
    "/roles/{roleId}/groups/search",
    "searchGroupsForRole",
    body=GroupMemberSearchRequest,
    returns=AssignedGroup,
    paged=True,
)
_SEARCH_MAPPING_RULES = Operation(
    "POST",
    "/roles/{roleId}/mapping-rules/search",
    "searchMappingRulesForRole",
    body=MappingRuleSearchRequest,
    returns=MappingRule,
    paged=True,
)


class AsyncRoles(AsyncAPIResource):
    """Roles: bundles of permissions held by users, clients, groups and mapping rules."""

    __slots__ = ()

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        role_id: str,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> CreatedRole:
        """Create a role.

        ``POST /roles`` (createRole)

        Args:
            role_id: the id of the role.
            name: the role's display name.
            description: what the role is for.
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_GET)
    async def get(self, role_id: str) -> Role:
        """Fetch a role by id.

        ``GET /roles/{roleId}`` (getRole)

        Args:
            role_id: the id of the role.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        role_id: str,
        *,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> UpdatedRole:
        """Rename a role or change its description.

        ``PUT /roles/{roleId}`` (updateRole)

        Args:
            role_id: the id of the role.
            name: the role's display name.
            description: what the role is for.
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_DELETE)
    async def delete(self, role_id: str) -> None:
        """Delete a role; whoever held it loses its permissions.

        ``DELETE /roles/{roleId}`` (deleteRole)

        Args:
            role_id: the id of the role.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: RoleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[RoleSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Role]:
        """Search roles by id or name.

        ``POST /roles/search`` (searchRoles)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_ASSIGN_USER)
    async def assign_user(self, role_id: str, *, username: str) -> None:
        """Give a role to a user.

        ``PUT /roles/{roleId}/users/{username}`` (assignRoleToUser)

        Args:
            role_id: the id of the role.
            username: the user's username.
        """
        return await self._transport.request(_ASSIGN_USER, locals())

    @endpoint(_UNASSIGN_USER)
    async def unassign_user(self, role_id: str, *, username: str) -> None:
        """Take a role away from a user.

        ``DELETE /roles/{roleId}/users/{username}`` (unassignRoleFromUser)

        Args:
            role_id: the id of the role.
            username: the user's username.
        """
        return await self._transport.request(_UNASSIGN_USER, locals())

    @endpoint(_ASSIGN_CLIENT)
    async def assign_client(self, role_id: str, *, client_id: str) -> None:
        """Give a role to an OAuth client.

        ``PUT /roles/{roleId}/clients/{clientId}`` (assignRoleToClient)

        Args:
            role_id: the id of the role.
            client_id: the OAuth client id.
        """
        return await self._transport.request(_ASSIGN_CLIENT, locals())

    @endpoint(_UNASSIGN_CLIENT)
    async def unassign_client(self, role_id: str, *, client_id: str) -> None:
        """Take a role away from an OAuth client.

        ``DELETE /roles/{roleId}/clients/{clientId}`` (unassignRoleFromClient)

        Args:
            role_id: the id of the role.
            client_id: the OAuth client id.
        """
        return await self._transport.request(_UNASSIGN_CLIENT, locals())

    @endpoint(_ASSIGN_GROUP)
    async def assign_group(self, role_id: str, *, group_id: str) -> None:
        """Give a role to every member of a group.

        ``PUT /roles/{roleId}/groups/{groupId}`` (assignRoleToGroup)

        Args:
            role_id: the id of the role.
            group_id: the id of the group.
        """
        return await self._transport.request(_ASSIGN_GROUP, locals())

    @endpoint(_UNASSIGN_GROUP)
    async def unassign_group(self, role_id: str, *, group_id: str) -> None:
        """Take a role away from a group.

        ``DELETE /roles/{roleId}/groups/{groupId}`` (unassignRoleFromGroup)

        Args:
            role_id: the id of the role.
            group_id: the id of the group.
        """
        return await self._transport.request(_UNASSIGN_GROUP, locals())

    @endpoint(_ASSIGN_MAPPING_RULE)
    async def assign_mapping_rule(self, role_id: str, *, mapping_rule_id: str) -> None:
        """Give a role to every token a mapping rule matches.

        ``PUT /roles/{roleId}/mapping-rules/{mappingRuleId}`` (assignRoleToMappingRule)

        Args:
            role_id: the id of the role.
            mapping_rule_id: the id of the mapping rule.
        """
        return await self._transport.request(_ASSIGN_MAPPING_RULE, locals())

    @endpoint(_UNASSIGN_MAPPING_RULE)
    async def unassign_mapping_rule(self, role_id: str, *, mapping_rule_id: str) -> None:
        """Take a role away from a mapping rule.

        ``DELETE /roles/{roleId}/mapping-rules/{mappingRuleId}`` (unassignRoleFromMappingRule)

        Args:
            role_id: the id of the role.
            mapping_rule_id: the id of the mapping rule.
        """
        return await self._transport.request(_UNASSIGN_MAPPING_RULE, locals())

    @endpoint(_SEARCH_USERS)
    async def search_users(
        self,
        role_id: str,
        *,
        sort: Sequence[SortRequest[Literal["username"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedUser]:
        """List the users holding a role directly.

        ``POST /roles/{roleId}/users/search`` (searchUsersForRole)

        Args:
            role_id: the id of the role.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_USERS, locals())

    @endpoint(_SEARCH_CLIENTS)
    async def search_clients(
        self,
        role_id: str,
        *,
        sort: Sequence[SortRequest[Literal["clientId"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedClient]:
        """List the OAuth clients holding a role.

        ``POST /roles/{roleId}/clients/search`` (searchClientsForRole)

        Args:
            role_id: the id of the role.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_CLIENTS, locals())

    @endpoint(_SEARCH_GROUPS)
    async def search_groups(
        self,
        role_id: str,
        *,
        sort: Sequence[SortRequest[Literal["groupId"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedGroup]:
        """List the groups holding a role.

        ``POST /roles/{roleId}/groups/search`` (searchGroupsForRole)

        Args:
            role_id: the id of the role.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_GROUPS, locals())

    @endpoint(_SEARCH_MAPPING_RULES)
    async def search_mapping_rules(
        self,
        role_id: str,
        *,
        filter: MappingRuleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MappingRuleSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[MappingRule]:
        """Search the mapping rules holding a role.

        ``POST /roles/{roleId}/mapping-rules/search`` (searchMappingRulesForRole)

        Args:
            role_id: the id of the role.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_MAPPING_RULES, locals())
