# Derived by scripts/unasync.py from _async/identity_users.py; do not edit.
"""``client.identity.users``: users of the cluster's built-in identity store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.identity.users import (
    CreatedUser,
    CreateUserRequest,
    UpdateUserRequest,
    User,
    UserFilter,
    UserSearchRequest,
    UserSortField,
)
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["Users"]

_NONE = type(None)
_CREATE = Operation("POST", "/users", "createUser", body=CreateUserRequest,
                    returns=CreatedUser)
_CREATE_ADMIN = Operation("POST", "/setup/user", "createAdminUser",
                          body=CreateUserRequest, returns=CreatedUser)
_GET = Operation("GET", "/users/{username}", "getUser", returns=User)
_UPDATE = Operation("PUT", "/users/{username}", "updateUser",
                    body=UpdateUserRequest, returns=User)
_DELETE = Operation("DELETE", "/users/{username}", "deleteUser", returns=_NONE)
_SEARCH = Operation("POST", "/users/search", "searchUsers",
                    body=UserSearchRequest, returns=User, paged=True)


class Users(Resource):
    """Users with a password in the cluster's own identity store (not an external IdP)."""

    __slots__ = ()

    def create(
        self,
        *,
        username: str,
        password: str,
        name: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven = NOT_GIVEN,
    ) -> CreatedUser:
        """Create a user.

        ``POST /users`` (createUser)
        """
        return self._transport.request(_CREATE, locals())

    def create_admin(
        self,
        *,
        username: str,
        password: str,
        name: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven = NOT_GIVEN,
    ) -> CreatedUser:
        """Create the first user, with the admin role, on a cluster that has no admin yet.

        ``POST /setup/user`` (createAdminUser)
        """
        return self._transport.request(_CREATE_ADMIN, locals())

    def get(self, username: str) -> User:
        """Fetch a user by username.

        ``GET /users/{username}`` (getUser)
        """
        return self._transport.request(_GET, locals())

    def update(
        self,
        username: str,
        *,
        password: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven = NOT_GIVEN,
    ) -> User:
        """Change a user's password, name or email; omitted fields stay as they are.

        ``PUT /users/{username}`` (updateUser)
        """
        return self._transport.request(_UPDATE, locals())

    def delete(self, username: str) -> None:
        """Delete a user.

        ``DELETE /users/{username}`` (deleteUser)
        """
        return self._transport.request(_DELETE, locals())

    def search(
        self,
        *,
        filter: UserFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[UserSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[User]:
        """Search users by username, name or email.

        ``POST /users/search`` (searchUsers)
        """
        return self._transport.search(_SEARCH, locals())
