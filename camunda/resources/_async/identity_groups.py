"""``client.identity.groups``: groups and their users, clients, mapping rules and roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from camunda._transport import Operation
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
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["AsyncGroups"]

_NONE = type(None)
_CREATE = Operation("POST", "/groups", "createGroup", body=CreateGroupRequest,
                    returns=CreatedGroup)
_GET = Operation("GET", "/groups/{groupId}", "getGroup", returns=Group)
_UPDATE = Operation("PUT", "/groups/{groupId}", "updateGroup",
                    body=UpdateGroupRequest, returns=UpdatedGroup)
_DELETE = Operation("DELETE", "/groups/{groupId}", "deleteGroup", returns=_NONE)
_SEARCH = Operation("POST", "/groups/search", "searchGroups",
                    body=GroupSearchRequest, returns=Group, paged=True)
_ASSIGN_USER = Operation("PUT", "/groups/{groupId}/users/{username}", "assignUserToGroup",
                         returns=_NONE)
_UNASSIGN_USER = Operation("DELETE", "/groups/{groupId}/users/{username}",
                           "unassignUserFromGroup", returns=_NONE)
_ASSIGN_CLIENT = Operation("PUT", "/groups/{groupId}/clients/{clientId}", "assignClientToGroup",
                           returns=_NONE)
_UNASSIGN_CLIENT = Operation("DELETE", "/groups/{groupId}/clients/{clientId}",
                             "unassignClientFromGroup", returns=_NONE)
_ASSIGN_MAPPING_RULE = Operation("PUT", "/groups/{groupId}/mapping-rules/{mappingRuleId}",
                                 "assignMappingRuleToGroup", returns=_NONE)
_UNASSIGN_MAPPING_RULE = Operation("DELETE", "/groups/{groupId}/mapping-rules/{mappingRuleId}",
                                   "unassignMappingRuleFromGroup", returns=_NONE)
_SEARCH_USERS = Operation("POST", "/groups/{groupId}/users/search", "searchUsersForGroup",
                          body=UserMemberSearchRequest, returns=AssignedUser, paged=True)
_SEARCH_CLIENTS = Operation("POST", "/groups/{groupId}/clients/search", "searchClientsForGroup",
                            body=ClientMemberSearchRequest, returns=AssignedClient, paged=True)
_SEARCH_MAPPING_RULES = Operation("POST", "/groups/{groupId}/mapping-rules/search",
                                  "searchMappingRulesForGroup", body=MappingRuleSearchRequest,
                                  returns=MappingRule, paged=True)
_SEARCH_ROLES = Operation("POST", "/groups/{groupId}/roles/search", "searchRolesForGroup",
                          body=RoleSearchRequest, returns=Role, paged=True)


class AsyncGroups(AsyncResource):
    """Groups: members (users, clients, mapping rules) share the group's roles and rights."""

    __slots__ = ()

    async def create(
        self,
        *,
        group_id: str,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> CreatedGroup:
        """Create a group.

        ``POST /groups`` (createGroup)
        """
        return await self._transport.request(_CREATE, locals())

    async def get(self, group_id: str) -> Group:
        """Fetch a group by id.

        ``GET /groups/{groupId}`` (getGroup)
        """
        return await self._transport.request(_GET, locals())

    async def update(
        self,
        group_id: str,
        *,
        name: str,
        description: str | NotGiven = NOT_GIVEN,
    ) -> UpdatedGroup:
        """Rename a group or change its description.

        ``PUT /groups/{groupId}`` (updateGroup)
        """
        return await self._transport.request(_UPDATE, locals())

    async def delete(self, group_id: str) -> None:
        """Delete a group; its members lose what they had through it.

        ``DELETE /groups/{groupId}`` (deleteGroup)
        """
        return await self._transport.request(_DELETE, locals())

    async def search(
        self,
        *,
        filter: GroupFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[GroupSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Group]:
        """Search groups by id or name.

        ``POST /groups/search`` (searchGroups)
        """
        return await self._transport.search(_SEARCH, locals())

    async def assign_user(self, group_id: str, *, username: str) -> None:
        """Add a user to a group.

        ``PUT /groups/{groupId}/users/{username}`` (assignUserToGroup)
        """
        return await self._transport.request(_ASSIGN_USER, locals())

    async def unassign_user(self, group_id: str, *, username: str) -> None:
        """Remove a user from a group.

        ``DELETE /groups/{groupId}/users/{username}`` (unassignUserFromGroup)
        """
        return await self._transport.request(_UNASSIGN_USER, locals())

    async def assign_client(self, group_id: str, *, client_id: str) -> None:
        """Add an OAuth client to a group.

        ``PUT /groups/{groupId}/clients/{clientId}`` (assignClientToGroup)
        """
        return await self._transport.request(_ASSIGN_CLIENT, locals())

    async def unassign_client(self, group_id: str, *, client_id: str) -> None:
        """Remove an OAuth client from a group.

        ``DELETE /groups/{groupId}/clients/{clientId}`` (unassignClientFromGroup)
        """
        return await self._transport.request(_UNASSIGN_CLIENT, locals())

    async def assign_mapping_rule(self, group_id: str, *, mapping_rule_id: str) -> None:
        """Add a mapping rule to a group.

        ``PUT /groups/{groupId}/mapping-rules/{mappingRuleId}`` (assignMappingRuleToGroup)
        """
        return await self._transport.request(_ASSIGN_MAPPING_RULE, locals())

    async def unassign_mapping_rule(self, group_id: str, *, mapping_rule_id: str) -> None:
        """Remove a mapping rule from a group.

        ``DELETE /groups/{groupId}/mapping-rules/{mappingRuleId}`` (unassignMappingRuleFromGroup)
        """
        return await self._transport.request(_UNASSIGN_MAPPING_RULE, locals())

    async def search_users(
        self,
        group_id: str,
        *,
        sort: Sequence[SortRequest[Literal["username"]] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedUser]:
        """List the users of a group.

        ``POST /groups/{groupId}/users/search`` (searchUsersForGroup)
        """
        return await self._transport.search(_SEARCH_USERS, locals())

    async def search_clients(
        self,
        group_id: str,
        *,
        sort: Sequence[SortRequest[Literal["clientId"]] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AssignedClient]:
        """List the OAuth clients of a group.

        ``POST /groups/{groupId}/clients/search`` (searchClientsForGroup)
        """
        return await self._transport.search(_SEARCH_CLIENTS, locals())

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
        """
        return await self._transport.search(_SEARCH_MAPPING_RULES, locals())

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
        """
        return await self._transport.search(_SEARCH_ROLES, locals())
