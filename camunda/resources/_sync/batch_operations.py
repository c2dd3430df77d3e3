# Derived by scripts/unasync.py from _async/batch_operations.py; do not edit.
"""The ``batch_operations`` resource group: follow, pause, resume and cancel batch operations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, BatchOperationKey, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["BatchOperations"]

_NONE = type(None)
_CANCEL = Operation("POST", "/batch-operations/{batchOperationKey}/cancellation",
                    "cancelBatchOperation", returns=_NONE)
_GET = Operation("GET", "/batch-operations/{batchOperationKey}", "getBatchOperation",
                 returns=BatchOperation)
_RESUME = Operation("POST", "/batch-operations/{batchOperationKey}/resumption",
                    "resumeBatchOperation", returns=_NONE)
_SEARCH = Operation("POST", "/batch-operations/search", "searchBatchOperations",
                    body=BatchOperationSearchRequest, returns=BatchOperation, paged=True)
_SEARCH_ITEMS = Operation("POST", "/batch-operation-items/search", "searchBatchOperationItems",
                          body=BatchOperationItemSearchRequest, returns=BatchOperationItem,
                          paged=True)
_SUSPEND = Operation("POST", "/batch-operations/{batchOperationKey}/suspension",
                     "suspendBatchOperation", returns=_NONE)


class BatchOperations(Resource):
    """Batch operations, started by the ``*_batch`` methods of other groups.

    A batch operation key is usually numeric but may be a UUID for older operations, so
    it is not checked for digits before sending.
    """

    __slots__ = ()

    def cancel(self, batch_operation_key: BatchOperationKey) -> None:
        """Cancel a batch operation; items already processed stay processed.

        ``POST /batch-operations/{batchOperationKey}/cancellation`` (cancelBatchOperation)
        """
        return self._transport.request(_CANCEL, locals())

    def get(self, batch_operation_key: BatchOperationKey) -> BatchOperation:
        """Get a batch operation and its progress.

        ``GET /batch-operations/{batchOperationKey}`` (getBatchOperation)
        """
        return self._transport.request(_GET, locals())

    def resume(self, batch_operation_key: BatchOperationKey) -> None:
        """Resume a suspended batch operation.

        ``POST /batch-operations/{batchOperationKey}/resumption`` (resumeBatchOperation)
        """
        return self._transport.request(_RESUME, locals())

    def search(
        self,
        *,
        filter: BatchOperationFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[BatchOperationSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[BatchOperation]:
        """Search batch operations; iterating the page walks every page.

        ``POST /batch-operations/search`` (searchBatchOperations)
        """
        return self._transport.search(_SEARCH, locals())

    def search_items(
        self,
        *,
        filter: BatchOperationItemFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[BatchOperationItemSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[BatchOperationItem]:
        """Search the items of batch operations (filter by ``batchOperationKey`` for one).

        ``POST /batch-operation-items/search`` (searchBatchOperationItems)
        """
        return self._transport.search(_SEARCH_ITEMS, locals())

    def suspend(self, batch_operation_key: BatchOperationKey) -> None:
        """Suspend a running batch operation; ``resume`` continues it.

        ``POST /batch-operations/{batchOperationKey}/suspension`` (suspendBatchOperation)
        """
        return self._transport.request(_SUSPEND, locals())
