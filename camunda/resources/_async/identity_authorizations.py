"""``client.identity.authorizations``: permissions of owners on resources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, overload

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
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
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, AuthorizationKey, NotGiven

__all__ = ["AsyncAuthorizations"]

_CREATE = Operation(
    "POST",
    "/authorizations",
    "createAuthorization",
    body=AuthorizationRequest,
    returns=AuthorizationCreated,
)
_GET = Operation(
    "GET", "/authorizations/{authorizationKey}", "getAuthorization", returns=Authorization
)
_UPDATE = Operation(
    "PUT",
    "/authorizations/{authorizationKey}",
    "updateAuthorization",
    body=AuthorizationRequest,
    returns=NoneType,
)
_DELETE = Operation(
    "DELETE", "/authorizations/{authorizationKey}", "deleteAuthorization", returns=NoneType
)
_SEARCH = Operation(
    "POST",
    "/authorizations/search",
    "searchAuthorizations",
    body=AuthorizationSearchRequest,
    returns=Authorization,
    paged=True,
)


class AsyncAuthorizations(AsyncAPIResource):
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

    @endpoint(_CREATE)
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

        Args:
            owner_id: the id of the user, client, group, role or mapping rule holding the
                permissions.
            owner_type: what kind of identity the owner is.
            resource_type: the kind of resource the permissions apply to.
            permission_types: the permissions granted, e.g. ``READ``, ``CREATE``, ``UPDATE``.
            resource_id: the id of the resource the permissions apply to (``*`` for all).
            resource_property_name: grant on the resources whose property of this name names the
                owner, instead of on one ``resource_id``.
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_GET)
    async def get(self, authorization_key: AuthorizationKey) -> Authorization:
        """Fetch an authorization by key.

        ``GET /authorizations/{authorizationKey}`` (getAuthorization)

        Args:
            authorization_key: the key of the authorization.
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

    @endpoint(_UPDATE)
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

        Args:
            authorization_key: the key of the authorization.
            owner_id: the id of the user, client, group, role or mapping rule holding the
                permissions.
            owner_type: what kind of identity the owner is.
            resource_type: the kind of resource the permissions apply to.
            permission_types: the permissions granted, e.g. ``READ``, ``CREATE``, ``UPDATE``.
            resource_id: the id of the resource the permissions apply to (``*`` for all).
            resource_property_name: grant on the resources whose property of this name names the
                owner, instead of on one ``resource_id``.
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_DELETE)
    async def delete(self, authorization_key: AuthorizationKey) -> None:
        """Revoke an authorization.

        ``DELETE /authorizations/{authorizationKey}`` (deleteAuthorization)

        Args:
            authorization_key: the key of the authorization.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
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

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())
