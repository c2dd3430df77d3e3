"""Models of ``client.identity.users`` and of the signed-in user."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import SearchQuery, StringFilterProperty
from camunda.models.identity.tenants import Tenant

__all__ = [
    "CamundaUser",
    "CreateUserRequest",
    "CreatedUser",
    "UpdateUserRequest",
    "User",
    "UserFilter",
    "UserSearchRequest",
    "UserSortField",
]

UserSortField = Literal["username", "name", "email"]


class User(ResponseModel):
    """A user of the cluster's built-in identity store.

    Spec: `UserResult`
    """

    username: str
    name: str | None = None
    email: str | None = None


class CreatedUser(User):
    """The answer of creating a user.

    Spec: `UserCreateResult`
    """


class CreateUserRequest(RequestModel):
    """Spec: `UserRequest`"""

    username: str
    password: str = Field(repr=False)
    name: str | None = None
    email: str | None = None


class UpdateUserRequest(RequestModel):
    """Spec: `UserUpdateRequest`"""

    password: str | None = Field(default=None, repr=False)
    name: str | None = None
    email: str | None = None


class UserFilter(RequestModel):
    """Which users a search returns; each field an exact value or a string filter.

    Spec: `UserFilter`
    """

    username: StringFilterProperty | None = None
    name: StringFilterProperty | None = None
    email: StringFilterProperty | None = None


class UserSearchRequest(SearchQuery[UserFilter, UserSortField]):
    """Spec: `UserSearchQueryRequest`"""


class CamundaUser(ResponseModel):
    """The signed-in user (or client) as the cluster sees it: memberships and components.

    Spec: `CamundaUserResult`
    """

    username: str
    display_name: str | None = None
    email: str | None = None
    authorized_components: list[str]
    tenants: list[Tenant]
    groups: list[str]
    roles: list[str]
    sales_plan_type: str | None = None
    c8_links: dict[str, str]
    can_logout: bool
