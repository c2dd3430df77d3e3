# Derived by scripts/unasync.py from _async/message_subscriptions.py; do not edit.
"""The ``message_subscriptions`` resource group: search open and correlated subscriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.message_subscriptions import (
    CorrelatedMessageSubscription,
    CorrelatedMessageSubscriptionSearchRequest,
    MessageSubscription,
    MessageSubscriptionSearchRequest,
)
from camunda.resources._sync._resource import Resource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import SearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.message_subscriptions import (
        CorrelatedMessageSubscriptionFilter,
        CorrelatedMessageSubscriptionSortField,
        MessageSubscriptionFilter,
        MessageSubscriptionSortField,
    )

__all__ = ["MessageSubscriptions"]

_SEARCH = Operation("POST", "/message-subscriptions/search", "searchMessageSubscriptions",
                    body=MessageSubscriptionSearchRequest, returns=MessageSubscription,
                    paged=True)
_SEARCH_CORRELATED = Operation(
    "POST", "/correlated-message-subscriptions/search", "searchCorrelatedMessageSubscriptions",
    body=CorrelatedMessageSubscriptionSearchRequest, returns=CorrelatedMessageSubscription,
    paged=True,
)


class MessageSubscriptions(Resource):
    """Message events waiting for messages, and the messages they received."""

    __slots__ = ()

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
        """
        return self._transport.search(_SEARCH, locals())

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
        """
        return self._transport.search(_SEARCH_CORRELATED, locals())
