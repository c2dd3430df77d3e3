"""``client.identity.groups``: groups and their users, clients, mapping rules and roles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, Literal

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.identity.groups import (
    CreatedGroup,
    CreateGroupRequest,
    Group,
    GroupFilter,
    GroupSearchRequest,
    GroupSortField,
    UpdatedGroup,
    UpdateGroupRequest,
)
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
    UserMemberSearchRequest,
)
from camunda.models.identity.roles import Role, RoleFilter, RoleSearchRequest, RoleSortField
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncGroups"]

_CREATE = Operation("POST", "/groups", "createGroup", body=CreateGroupRequest, returns=CreatedGroup)
_GET = Operation("GET", "/groups/{groupId}", "getGroup", returns=Group)
_UPDATE = Operation(
    "PUT", "/groups/{groupId}", "updateGroup", body=UpdateGroupRequest, returns=UpdatedGroup
)
_DELETE = Operation("DELETE", "/groups/{groupId}", "deleteGroup", returns=NoneType)
_SEARCH = Operation(
    "POST", "/groups/search", "searchGroups", body=GroupSearchRequest, returns=Group, paged=True
)
_ASSIGN_USER = Operation(
    "PUT", "/groups/{groupId}/users/{username}", "assignUserToGroup", returns=NoneType
)
_UNASSIGN_USER = Operation(
    "DELETE", "/groups/{groupId}/users/{username}", "unassignUserFromGroup", returns=NoneType
)
_ASSIGN_CLIENT = Operation(
    "PUT", "/groups/{groupId}/clients/{clientId}", "assignClientToGroup", returns=NoneType
)
_UNASSIGN_CLIENT = Operation(
    "DELETE", "/groups/{groupId}/clients/{clientId}", "unassignClientFromGroup", returns=NoneType
)
_ASSIGN_MAPPING_RULE = Operation(
    "PUT",
    "/groups/{groupId}/mapping-rules/{mappingRuleId}",
    "assignMappingRuleToGroup",
    returns=NoneType,
)
_UNASSIGN_MAPPING_RULE = Operation(
    "DELETE",
    "/groups/{groupId}/mapping-rules/{mappingRuleId}",
    "unassignMappingRuleFromGroup",
    returns=NoneType,
)
_SEARCH_USERS = Operation(
    "POST",
    "/groups/{groupId}/users/search",
    "searchUsersForGroup",
    body=UserMemberSearchRequest,
    returns=AssignedUser,
    paged=True,
)
_SEARCH_CLIENTS = Operation(
    "POST",
    "/groups/{groupId}/clients/search",
    "searchClientsForGroup",
    body=ClientMemberSearchRequest,
    returns=AssignedClient,
    paged=True,
)
_SEARCH_MAPPING_RULES = Operation(
    "POST",
    "/groups/{groupId}/mapping-rules/search",
    "searchMappingRulesForGroup",
    body=MappingRuleSearchRequest,
    returns=MappingRule,
    paged=True,
)
_SEARCH_ROLES = Operation(
    "POST",
    "/groups/{groupId}/roles/search",
    "searchRolesForGroup",
    body=RoleSearchRequest,
    returns=Role,
    paged=True,
)


class AsyncGroups(AsyncAPIResource):
    """Groups: members (users, clients, mapping rules) share the group's roles and rights."""

    __slots__ = ()

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        group_id: str,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> CreatedGroup:
        """Create a group.

        ``POST /groups`` (createGroup)

        Args:
            group_id: the id of the group.
            name: the group's display name.
            description: what the group is for.
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_GET)
    async def get(self, group_id: str) -> Group:
        """Fetch a group by id.

        ``GET /groups/{groupId}`` (getGroup)

        Args:
            group_id: the id of the group.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        group_id: str,
        *,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> UpdatedGroup:
        """Rename a group or change its description.

        ``PUT /groups/{groupId}`` (updateGroup)

        Args:
            group_id: the id of the group.
            name: the group's display name.
            description: what the group is for.
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_DELETE)
    async def delete(self, group_id: str) -> None:
        """Delete a group; its members lose what they had through it.

        ``DELETE /groups/{groupId}`` (deleteGroup)

        Args:
            group_id: the id of the group.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: GroupFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[GroupSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Group]:
        """Search groups by id or name.

        ``POST /groups/search`` (searchGroups)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_ASSIGN_USER)
    async def assign_user(self, group_id: str, *, username: str) -> None:
        """Add a user to a group.

        ``PUT /groups/{groupId}/users/{username}`` (assignUserToGroup)

        Args:
            group_id: the id of the group.
            username: the user's username.
        """
        return await self._transport.request(_ASSIGN_USER, locals())

    @endpoint(_UNASSIGN_USER)
    async def unassign_user(self, group_id: str, *, username: str) -> None:
        """Remove a user from a group.

        ``DELETE /groups/{groupId}/users/{username}`` (unassignUserFromGroup)

        Args:
            group_id: the id of the group.
            username: the user's username.
        """
        return await self._transport.request(_UNASSIGN_USER, locals())

    @endpoint(_ASSIGN_CLIENT)
    async def assign_client(self, group_id: str, *, client_id: str) -> None:
        """Add an OAuth client to a group.

        ``PUT /groups/{groupId}/clients/{clientId}`` (assignClientToGroup)

        Args:
            group_id: the id of the group.
            client_id: the OAuth client id.
        """
        return await self._transport.request(_ASSIGN_CLIENT, locals())

    @endpoint(_UNASSIGN_CLIENT)
    async def unassign_client(self, group_id: str, *, client_id: str) -> None:
        """Remove an OAuth client from a group.

        ``DELETE /groups/{groupId}/clients/{clientId}`` (unassignClientFromGroup)

        Args:
            group_id: the id of the group.
            client_id: the OAuth client id.
        """
        return await self._transport.request(_UNASSIGN_CLIENT, locals())

    @endpoint(_ASSIGN_MAPPING_RULE)
    async def assign_mapping_rule(self, group_id: str, *, mapping_rule_id: str) -> None:
        """Add a mapping rule to a group.

        ``PUT /groups/{groupId}/mapping-rules/{mappingRuleId}`` (assignMappingRuleToGroup)

        Args:
            group_id: the id of the group.
            mapping_rule_id: the id of the mapping rule.
        """
        return await self._transport.request(_ASSIGN_MAPPING_RULE, locals())

    @endpoint(_UNASSIGN_MAPPING_RULE)
    async def unassign_mapping_rule(self, group_id: str, *, mapping_rule_id: str) -> None:
        """Remove a mapping rule from a group.

        ``DELETE /groups/{groupId}/mapping-rules/{mappingRuleId}`` (unassignMappingRuleFromGroup)

        Args:
            group_id: the id of the group.
            mapping_rule_id: the id of the mapping rule.
        """
        return await self._transport.request(_UNASSIGN_MAPPING_RULE, locals())

    @endpoint(_SEARCH_USERS)
    async def search_users(
        self,
        group_id: str,
        *,
        sort: Sequence[SortRequest[Literal["username"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedUser]:
        """List the users of a group.

        ``POST /groups/{groupId}/users/search`` (searchUsersForGroup)

        Args:
            group_id: the id of the group.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_USERS, locals())

    @endpoint(_SEARCH_CLIENTS)
    async def search_clients(
        self,
        group_id: str,
        *,
        sort: Sequence[SortRequest[Literal["clientId"]] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedClient]:
        """List the OAuth clients of a group.

        ``POST /groups/{groupId}/clients/search`` (searchClientsForGroup)

        Args:
            group_id: the id of the group.
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_CLIENTS, locals())

    @endpoint(_SEARCH_MAPPING_RULES)
    async def search_mapping_rules(
        self,
        group_id: str,
        *,
        filter: MappingRuleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MappingRuleSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[MappingRule]:
        """Search the mapping rules of a group.

        ``POST /groups/{groupId}/mapping-rules/search`` (searchMappingRulesForGroup)

        Args:
            group_id: the id of the group.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_MAPPING_RULES, locals())

    @endpoint(_SEARCH_ROLES)
    async def search_roles(
        self,
        group_id: str,
        *,
        filter: RoleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[RoleSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Role]:
        """Search the roles assigned to a group.

        ``POST /groups/{groupId}/roles/search`` (searchRolesForGroup)

        Args:
            group_id: the id of the group.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_ROLES, locals())
