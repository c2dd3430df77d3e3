"""The ``decision_instances`` resource group: stored decision evaluations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.batch_operations import BatchOperationCreated
from camunda.models.common import PageRequest, SortRequest
from camunda.models.decision_instances import (
    DecisionInstance,
    DecisionInstanceDetails,
    DecisionInstanceFilter,
    DecisionInstanceSearchRequest,
    DecisionInstanceSortField,
    DeleteDecisionInstanceRequest,
    DeleteDecisionInstancesRequest,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, DecisionEvaluationInstanceKey, DecisionEvaluationKey, NotGiven

__all__ = ["AsyncDecisionInstances"]

_DELETE = Operation(
    "POST",
    "/decision-instances/{decisionEvaluationKey}/deletion",
    "deleteDecisionInstance",
    body=DeleteDecisionInstanceRequest,
    returns=NoneType,
)
_DELETE_BATCH = Operation(
    "POST",
    "/decision-instances/deletion",
    "deleteDecisionInstancesBatchOperation",
    body=DeleteDecisionInstancesRequest,
    returns=BatchOperationCreated,
)
_GET = Operation(
    "GET",
    "/decision-instances/{decisionEvaluationInstanceKey}",
    "getDecisionInstance",
    returns=DecisionInstanceDetails,
)
_SEARCH = Operation(
    "POST",
    "/decision-instances/search",
    "searchDecisionInstances",
    body=DecisionInstanceSearchRequest,
    returns=DecisionInstance,
    paged=True,
)


class AsyncDecisionInstances(AsyncAPIResource):
    """Decision instances: the stored record of each evaluated decision.

    A decision evaluation (``decision_evaluation_key``) evaluates one or more decisions;
    each of them is a decision instance, keyed ``"<decision_evaluation_key>-<index>"``
    (``decision_evaluation_instance_key``). Reading takes the instance key; deleting
    takes the evaluation key and removes all of its instances.
    """

    __slots__ = ()

    @endpoint(_DELETE)
    async def delete(
        self,
        decision_evaluation_key: DecisionEvaluationKey,
        *,
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete the stored instances of one decision evaluation.

        ``POST /decision-instances/{decisionEvaluationKey}/deletion`` (deleteDecisionInstance)

        Args:
            decision_evaluation_key: the key of the decision evaluation.
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_DELETE_BATCH)
    async def delete_batch(
        self,
        *,
        filter: DecisionInstanceFilter | Mapping[str, Any],
        operation_reference: int | NotGiven = NOT_GIVEN,
    ) -> BatchOperationCreated:
        """Start a batch operation that deletes every decision instance matching ``filter``.

        ``POST /decision-instances/deletion`` (deleteDecisionInstancesBatchOperation)

        Follow its progress with ``batch_operations.get(result.batch_operation_key)``.

        Args:
            filter: which items the batch operation acts on (criteria as in the search's filter).
            operation_reference: a number of your choice, echoed on the records this call creates,
                to find them later.
        """
        return await self._transport.request(_DELETE_BATCH, locals())

    @endpoint(_GET)
    async def get(
        self, decision_evaluation_instance_key: DecisionEvaluationInstanceKey
    ) -> DecisionInstanceDetails:
        """Get one decision instance with its evaluated inputs and matched rules.

        ``GET /decision-instances/{decisionEvaluationInstanceKey}`` (getDecisionInstance)

        Args:
            decision_evaluation_instance_key: the key of the decision instance.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: DecisionInstanceFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[DecisionInstanceSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[DecisionInstance]:
        """Search decision instances; iterating the page walks every page.

        ``POST /decision-instances/search`` (searchDecisionInstances)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())
