"""Models of ``client.identity.roles``."""

from __future__ import annotations

from typing import Literal

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import SearchQuery

__all__ = [
    "CreateRoleRequest",
    "CreatedRole",
    "Role",
    "RoleFilter",
    "RoleSearchRequest",
    "RoleSortField",
    "UpdateRoleRequest",
    "UpdatedRole",
]

RoleSortField = Literal["name", "roleId"]


class Role(ResponseModel):
    """A role: a named bundle of permissions given to users, clients, groups or rules.

    Spec: `RoleResult`
    """

    role_id: str
    name: str
    description: str | None = None


class CreatedRole(Role):
    """The answer of creating a role.

    Spec: `RoleCreateResult`
    """


class UpdatedRole(Role):
    """The answer of updating a role.

    Spec: `RoleUpdateResult`
    """


class CreateRoleRequest(RequestModel):
    """Spec: `RoleCreateRequest`"""

    role_id: str
    name: str
    description: str | None = None


class UpdateRoleRequest(RequestModel):
    """Spec: `RoleUpdateRequest`"""

    name: str
    description: str | None = None


class RoleFilter(RequestModel):
    """Which roles a search returns.

    Spec: `RoleFilter`
    """

    role_id: str | None = None
    name: str | None = None


class RoleSearchRequest(SearchQuery[RoleFilter, RoleSortField]):
    """Spec: `RoleSearchQueryRequest`"""
