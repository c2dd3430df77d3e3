"""Members of groups, roles and tenants, and the searches that list them.

A group, role or tenant lists its users, clients and groups by identifier only; these
small models are the items of those searches.
"""

from __future__ import annotations

from typing import Literal

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import PageRequest, SortRequest

__all__ = [
    "AssignedClient",
    "AssignedGroup",
    "AssignedUser",
    "ClientMemberSearchRequest",
    "GroupMemberSearchRequest",
    "TenantGroup",
    "UserMemberSearchRequest",
]


class AssignedUser(ResponseModel):
    """A user assigned to a group, role or tenant.

    Spec: `GroupUserResult`
    """

    username: str


class AssignedClient(ResponseModel):
    """An OAuth client assigned to a group, role or tenant.

    Spec: `GroupClientResult`
    """

    client_id: str


class AssignedGroup(ResponseModel):
    """A group assigned to a role or tenant.

    Spec: `RoleGroupResult`
    """

    group_id: str


class TenantGroup(AssignedGroup):
    """A group assigned to a tenant.

    Spec: `TenantGroupResult`
    """


class UserMemberSearchRequest(RequestModel):
    """Paging and sorting of the users of a group, role or tenant.

    Spec: `GroupUserSearchQueryRequest`
    """

    sort: list[SortRequest[Literal["username"]]] | None = None
    page: PageRequest | None = None


class ClientMemberSearchRequest(RequestModel):
    """Paging and sorting of the clients of a group, role or tenant.

    Spec: `GroupClientSearchQueryRequest`
    """

    sort: list[SortRequest[Literal["clientId"]]] | None = None
    page: PageRequest | None = None


class GroupMemberSearchRequest(RequestModel):
    """Paging and sorting of the groups of a role or tenant.

    Spec: `RoleGroupSearchQueryRequest`
    """

    sort: list[SortRequest[Literal["groupId"]]] | None = None
    page: PageRequest | None = None
