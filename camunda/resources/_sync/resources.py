# Derived by scripts/unasync.py from _async/resources.py; do not edit.
"""The ``resources`` resource group: look up, download and delete deployed resources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.resources import (
    DeleteResourceRequest,
    DeployedResource,
    ResourceDeletion,
    ResourceFilter,
    ResourceSearchRequest,
    ResourceSortField,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven, ResourceKey

__all__ = ["Resources"]

_GET = Operation("GET", "/resources/{resourceKey}", "getResource", returns=DeployedResource)
_GET_CONTENT = Operation(
    "GET", "/resources/{resourceKey}/content", "getResourceContent", returns=bytes
)
_DELETE = Operation(
    "POST",
    "/resources/{resourceKey}/deletion",
    "deleteResource",
    body=DeleteResourceRequest,
    returns=ResourceDeletion,
)
_SEARCH = Operation(
    "POST",
    "/resources/search",
    "searchResources",
    body=ResourceSearchRequest,
    returns=DeployedResource,
    paged=True,
)


class Resources(APIResource):
    """Deployed resources of any kind, addressed by their resource key."""

    __slots__ = ()

    @endpoint(_GET)
    def get(self, resource_key: ResourceKey) -> DeployedResource:
        """A deployed resource's metadata.

        ``GET /resources/{resourceKey}`` (getResource)

        Args:
            resource_key: the key of the deployed resource.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_GET_CONTENT)
    def get_content(self, resource_key: ResourceKey) -> bytes:
        """The content of a deployed resource, as deployed.

        ``GET /resources/{resourceKey}/content`` (getResourceContent)

        Args:
            resource_key: the key of the deployed resource.
        """
        return self._transport.request(_GET_CONTENT, locals())

    @endpoint(_DELETE)
    def delete(
        self,
        resource_key: ResourceKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
        delete_history: bool | NotGiven = NOT_GIVEN,
    ) -> ResourceDeletion:
        """Delete a deployed resource; with ``delete_history=True`` its history goes too.

        ``POST /resources/{resourceKey}/deletion`` (deleteResource)

        Args:
            resource_key: the key of the deployed resource.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
            delete_history: also delete the history of the resource's instances.
        """
        return self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: ResourceFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[ResourceSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[DeployedResource]:
        """Search deployed resources; iterating the page walks every page.

        ``POST /resources/search`` (searchResources)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())
