"""Models of ``client.identity.groups``."""

from __future__ import annotations

from typing import Literal

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import SearchQuery, StringFilterProperty

__all__ = [
    "CreateGroupRequest",
    "CreatedGroup",
    "Group",
    "GroupFilter",
    "GroupSearchRequest",
    "GroupSortField",
    "UpdateGroupRequest",
    "UpdatedGroup",
]

GroupSortField = Literal["name", "groupId"]


class Group(ResponseModel):
    """A named set of users, clients and mapping rules that share roles and permissions.

    Spec: `GroupResult`
    """

    group_id: str
    name: str
    description: str | None = None


class CreatedGroup(Group):
    """The answer of creating a group.

    Spec: `GroupCreateResult`
    """


class UpdatedGroup(Group):
    """The answer of updating a group.

    Spec: `GroupUpdateResult`
    """


class CreateGroupRequest(RequestModel):
    """Spec: `GroupCreateRequest`"""

    group_id: str
    name: str
    description: str | None = None


class UpdateGroupRequest(RequestModel):
    """Spec: `GroupUpdateRequest`"""

    name: str
    description: str | None = None


class GroupFilter(RequestModel):
    """Which groups a search returns.

    Spec: `GroupFilter`
    """

    group_id: StringFilterProperty | None = None
    name: str | None = None


class GroupSearchRequest(SearchQuery[GroupFilter, GroupSortField]):
    """Spec: `GroupSearchQueryRequest`"""
