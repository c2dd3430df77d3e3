"""The ``resources`` resource group: look up, download and delete deployed resources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.resources import (
    DeleteResourceRequest,
    DeployedResource,
    ResourceDeletion,
    ResourceSearchRequest,
)
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven, ResourceKey

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.resources import ResourceFilter, ResourceSortField

__all__ = ["AsyncResources"]

_GET = Operation("GET", "/resources/{resourceKey}", "getResource",
                 returns=DeployedResource)
_GET_CONTENT = Operation("GET", "/resources/{resourceKey}/content", "getResourceContent",
                         returns=bytes)
_DELETE = Operation("POST", "/resources/{resourceKey}/deletion", "deleteResource",
                    body=DeleteResourceRequest, returns=ResourceDeletion)
_SEARCH = Operation("POST", "/resources/search", "searchResources",
                    body=ResourceSearchRequest, returns=DeployedResource, paged=True)


class AsyncResources(AsyncResource):
    """Deployed resources of any kind, addressed by their resource key."""

    __slots__ = ()

    async def get(self, resource_key: ResourceKey) -> DeployedResource:
        """A deployed resource's metadata.

        ``GET /resources/{resourceKey}`` (getResource)
        """
        return await self._transport.request(_GET, locals())

    async def get_content(self, resource_key: ResourceKey) -> bytes:
        """The content of a deployed resource, as deployed.

        ``GET /resources/{resourceKey}/content`` (getResourceContent)
        """
        return await self._transport.request(_GET_CONTENT, locals())

    async def delete(
        self,
        resource_key: ResourceKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
        delete_history: bool | NotGiven = NOT_GIVEN,
    ) -> ResourceDeletion:
        """Delete a deployed resource; with ``delete_history=True`` its history goes too.

        ``POST /resources/{resourceKey}/deletion`` (deleteResource)
        """
        return await self._transport.request(_DELETE, locals())

    async def search(
        self,
        *,
        filter: ResourceFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[ResourceSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[DeployedResource]:
        """Search deployed resources; iterating the page walks every page.

        ``POST /resources/search`` (searchResources)
        """
        return await self._transport.search(_SEARCH, locals())
