"""The ``batch_operations`` resource group: follow, pause, resume and cancel batch operations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.batch_operations import (
    BatchOperation,
    BatchOperationFilter,
    BatchOperationItem,
    BatchOperationItemFilter,
    BatchOperationItemSearchRequest,
    BatchOperationItemSortField,
    BatchOperationSearchRequest,
    BatchOperationSortField,
)
from camunda.models.common import PageRequest, SortRequest
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, BatchOperationKey, NotGiven

__all__ = ["AsyncBatchOperations"]

_CANCEL = Operation(
    "POST",
    "/batch-operations/{batchOperationKey}/cancellation",
    "cancelBatchOperation",
    returns=NoneType,
)
_GET = Operation(
    "GET", "/batch-operations/{batchOperationKey}", "getBatchOperation", returns=BatchOperation
)
_RESUME = Operation(
    "POST",
    "/batch-operations/{batchOperationKey}/resumption",
    "resumeBatchOperation",
    returns=NoneType,
)
_SEARCH = Operation(
    "POST",
    "/batch-operations/search",
    "searchBatchOperations",
    body=BatchOperationSearchRequest,
    returns=BatchOperation,
    paged=True,
)
_SEARCH_ITEMS = Operation(
    "POST",
    "/batch-operation-items/search",
    "searchBatchOperationItems",
    body=BatchOperationItemSearchRequest,
    returns=BatchOperationItem,
    paged=True,
)
_SUSPEND = Operation(
    "POST",
    "/batch-operations/{batchOperationKey}/suspension",
    "suspendBatchOperation",
    returns=NoneType,
)


class AsyncBatchOperations(AsyncAPIResource):
    """Batch operations, started by the ``*_batch`` methods of other groups.

    A batch operation key is usually numeric but may be a UUID for older operations, so
    it is not checked for digits before sending.
    """

    __slots__ = ()

    @endpoint(_CANCEL)
    async def cancel(self, batch_operation_key: BatchOperationKey) -> None:
        """Cancel a batch operation; items already processed stay processed.

        ``POST /batch-operations/{batchOperationKey}/cancellation`` (cancelBatchOperation)

        Args:
            batch_operation_key: the key of the batch operation.
        """
        return await self._transport.request(_CANCEL, locals())

    @endpoint(_GET)
    async def get(self, batch_operation_key: BatchOperationKey) -> BatchOperation:
        """Get a batch operation and its progress.

        ``GET /batch-operations/{batchOperationKey}`` (getBatchOperation)

        Args:
            batch_operation_key: the key of the batch operation.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_RESUME)
    async def resume(self, batch_operation_key: BatchOperationKey) -> None:
        """Resume a suspended batch operation.

        ``POST /batch-operations/{batchOperationKey}/resumption`` (resumeBatchOperation)

        Args:
            batch_operation_key: the key of the batch operation.
        """
        return await self._transport.request(_RESUME, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: BatchOperationFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[BatchOperationSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[BatchOperation]:
        """Search batch operations; iterating the page walks every page.

        ``POST /batch-operations/search`` (searchBatchOperations)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_SEARCH_ITEMS)
    async def search_items(
        self,
        *,
        filter: BatchOperationItemFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[BatchOperationItemSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[BatchOperationItem]:
        """Search the items of batch operations (filter by ``batchOperationKey`` for one).

        ``POST /batch-operation-items/search`` (searchBatchOperationItems)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_ITEMS, locals())

    @endpoint(_SUSPEND)
    async def suspend(self, batch_operation_key: BatchOperationKey) -> None:
        """Suspend a running batch operation; ``resume`` continues it.

        ``POST /batch-operations/{batchOperationKey}/suspension`` (suspendBatchOperation)

        Args:
            batch_operation_key: the key of the batch operation.
        """
        return await self._transport.request(_SUSPEND, locals())
