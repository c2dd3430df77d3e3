# Derived by scripts/unasync.py from _async/message_subscriptions.py; do not edit.
"""The ``message_subscriptions`` resource group: search open and correlated subscriptions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.message_subscriptions import (
    CorrelatedMessageSubscription,
    CorrelatedMessageSubscriptionFilter,
    CorrelatedMessageSubscriptionSearchRequest,
    CorrelatedMessageSubscriptionSortField,
    MessageSubscription,
    MessageSubscriptionFilter,
    MessageSubscriptionSearchRequest,
    MessageSubscriptionSortField,
)
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["MessageSubscriptions"]

_SEARCH = Operation(
    "POST",
    "/message-subscriptions/search",
    "searchMessageSubscriptions",
    body=MessageSubscriptionSearchRequest,
    returns=MessageSubscription,
    paged=True,
)
_SEARCH_CORRELATED = Operation(
    "POST",
    "/correlated-message-subscriptions/search",
    "searchCorrelatedMessageSubscriptions",
    body=CorrelatedMessageSubscriptionSearchRequest,
    returns=CorrelatedMessageSubscription,
    paged=True,
)


class MessageSubscriptions(APIResource):
    """Message events waiting for messages, and the messages they received."""

    __slots__ = ()

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: MessageSubscriptionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MessageSubscriptionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[MessageSubscription]:
        """Search message subscriptions; iterate the page to walk every match.

        ``POST /message-subscriptions/search`` (searchMessageSubscriptions)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())

    @endpoint(_SEARCH_CORRELATED)
    def search_correlated(
        self,
        *,
        filter: CorrelatedMessageSubscriptionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[CorrelatedMessageSubscriptionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[CorrelatedMessageSubscription]:
        """Search the messages correlated to subscriptions; iterate to walk every match.

        ``POST /correlated-message-subscriptions/search`` (searchCorrelatedMessageSubscriptions)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH_CORRELATED, locals())
