"""``client.identity.authorizations``: permissions of owners on resources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from camunda._transport import Operation
from camunda.models.identity.authorizations import (
    Authorization,
    AuthorizationCreated,
    AuthorizationFilter,
    AuthorizationRequest,
    AuthorizationSearchRequest,
    AuthorizationSortField,
    OwnerType,
    PermissionType,
    ResourceType,
)
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, AuthorizationKey, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["AsyncAuthorizations"]

_NONE = type(None)
_CREATE = Operation("POST", "/authorizations", "createAuthorization",
                    body=AuthorizationRequest, returns=AuthorizationCreated)
_GET = Operation("GET", "/authorizations/{authorizationKey}", "getAuthorization",
                 returns=Authorization)
_UPDATE = Operation("PUT", "/authorizations/{authorizationKey}", "updateAuthorization",
                    body=AuthorizationRequest, returns=_NONE)
_DELETE = Operation("DELETE", "/authorizations/{authorizationKey}", "deleteAuthorization",
                    returns=_NONE)
_SEARCH = Operation("POST", "/authorizations/search", "searchAuthorizations",
                    body=AuthorizationSearchRequest, returns=Authorization, paged=True)


class AsyncAuthorizations(AsyncResource):
    """Authorizations: which permissions an owner (user, client, group, role or mapping
    rule) holds on resources of one type.

    Resources are named either by id (``resource_id``; ``"*"`` means all of the type) or
    by a property of the resource (``resource_property_name``), never both. Enum arguments
    take the enum member or its string value.
    """

    __slots__ = ()

    @overload
    async def create(
        self,
        *,
        owner_id: str,
        owner_type: OwnerType | str,
        resource_type: ResourceType | str,
        permission_types: Sequence[PermissionType | str],
        resource_id: str,
    ) -> AuthorizationCreated: ...

    @overload
    async def create(
        self,
        *,
        owner_id: str,
        owner_type: OwnerType | str,
        resource_type: ResourceType | str,
        permission_types: Sequence[PermissionType | str],
        resource_property_name: str,
    ) -> AuthorizationCreated: ...

    async def create(
        self,
        *,
        owner_id: str,
        owner_type: OwnerType | str,
        resource_type: ResourceType | str,
        permission_types: Sequence[PermissionType | str],
        resource_id: str | NotGiven = NOT_GIVEN,
        resource_property_name: str | NotGiven = NOT_GIVEN,
    ) -> AuthorizationCreated:
        """Grant permissions, on resources by id or by property.

        ``POST /authorizations`` (createAuthorization)
        """
        return await self._transport.request(_CREATE, locals())

    async def get(self, authorization_key: AuthorizationKey) -> Authorization:
        """Fetch an authorization by key.

        ``GET /authorizations/{authorizationKey}`` (getAuthorization)
        """
        return await self._transport.request(_GET, locals())

    @overload
    async def update(
        self,
        authorization_key: AuthorizationKey,
        *,
        owner_id: str,
        owner_type: OwnerType | str,
        resource_type: ResourceType | str,
        permission_types: Sequence[PermissionType | str],
        resource_id: str,
    ) -> None: ...

    @overload
    async def update(
        self,
        authorization_key: AuthorizationKey,
        *,
        owner_id: str,
        owner_type: OwnerType | str,
        resource_type: ResourceType | str,
        permission_types: Sequence[PermissionType | str],
        resource_property_name: str,
    ) -> None: ...

    async def update(
        self,
        authorization_key: AuthorizationKey,
        *,
        owner_id: str,
        owner_type: OwnerType | str,
        resource_type: ResourceType | str,
        permission_types: Sequence[PermissionType | str],
        resource_id: str | NotGiven = NOT_GIVEN,
        resource_property_name: str | NotGiven = NOT_GIVEN,
    ) -> None:
        """Replace an authorization as a whole (every field is required again).

        ``PUT /authorizations/{authorizationKey}`` (updateAuthorization)
        """
        return await self._transport.request(_UPDATE, locals())

    async def delete(self, authorization_key: AuthorizationKey) -> None:
        """Revoke an authorization.

        ``DELETE /authorizations/{authorizationKey}`` (deleteAuthorization)
        """
        return await self._transport.request(_DELETE, locals())

    async def search(
        self,
        *,
        filter: AuthorizationFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[AuthorizationSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[Authorization]:
        """Search authorizations by owner, resource type or resources.

        ``POST /authorizations/search`` (searchAuthorizations)
        """
        return await self._transport.search(_SEARCH, locals())
