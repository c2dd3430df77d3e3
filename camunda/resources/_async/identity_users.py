"""``client.identity.users``: users of the cluster's built-in identity store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.identity.users import (
    CreatedUser,
    CreateUserRequest,
    UpdateUserRequest,
    User,
    UserFilter,
    UserSearchRequest,
    UserSortField,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncUsers"]

_CREATE = Operation("POST", "/users", "createUser", body=CreateUserRequest, returns=CreatedUser)
_CREATE_ADMIN = Operation(
    "POST", "/setup/user", "createAdminUser", body=CreateUserRequest, returns=CreatedUser
)
_GET = Operation("GET", "/users/{username}", "getUser", returns=User)
_UPDATE = Operation("PUT", "/users/{username}", "updateUser", body=UpdateUserRequest, returns=User)
_DELETE = Operation("DELETE", "/users/{username}", "deleteUser", returns=NoneType)
_SEARCH = Operation(
    "POST", "/users/search", "searchUsers", body=UserSearchRequest, returns=User, paged=True
)


class AsyncUsers(AsyncAPIResource):
    """Users with a password in the cluster's own identity store (not an external IdP)."""

    __slots__ = ()

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        username: str,
        password: str,
        name: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven = NOT_GIVEN,
    ) -> CreatedUser:
        """Create a user.

        ``POST /users`` (createUser)

        Args:
            username: the user's username.
            password: the user's password.
            name: the user's full name.
            email: the user's email address.
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_CREATE_ADMIN)
    async def create_admin(
        self,
        *,
        username: str,
        password: str,
        name: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven = NOT_GIVEN,
    ) -> CreatedUser:
        """Create the first user, with the admin role, on a cluster that has no admin yet.

        ``POST /setup/user`` (createAdminUser)

        Args:
            username: the user's username.
            password: the user's password.
            name: the user's full name.
            email: the user's email address.
        """
        return await self._transport.request(_CREATE_ADMIN, locals())

    @endpoint(_GET)
    async def get(self, username: str) -> User:
        """Fetch a user by username.

        ``GET /users/{username}`` (getUser)

        Args:
            username: the user's username.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        username: str,
        *,
        password: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        email: str | NotGiven = NOT_GIVEN,
    ) -> User:
        """Change a user's password, name or email; omitted fields stay as they are.

        ``PUT /users/{username}`` (updateUser)

        Args:
            username: the user's username.
            password: the user's password.
            name: the user's full name.
            email: the user's email address.
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_DELETE)
    async def delete(self, username: str) -> None:
        """Delete a user.

        ``DELETE /users/{username}`` (deleteUser)

        Args:
            username: the user's username.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: UserFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[UserSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[User]:
        """Search users by username, name or email.

        ``POST /users/search`` (searchUsers)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())
