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
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest
    from camunda.models.message_subscriptions import (
        CorrelatedMessageSubscriptionFilter,
        CorrelatedMessageSubscriptionSortField,
        MessageSubscriptionFilter,
        MessageSubscriptionSortField,
    )

__all__ = ["AsyncMessageSubscriptions"]

_SEARCH = Operation("POST", "/message-subscriptions/search", "searchMessageSubscriptions",
                    body=MessageSubscriptionSearchRequest, returns=MessageSubscription,
                    paged=True)
_SEARCH_CORRELATED = Operation(
    "POST", "/correlated-message-subscriptions/search", "searchCorrelatedMessageSubscriptions",
    body=CorrelatedMessageSubscriptionSearchRequest, returns=CorrelatedMessageSubscription,
    paged=True,
)


class AsyncMessageSubscriptions(AsyncResource):
    """Message events waiting for messages, and the messages they received."""

    __slots__ = ()

    async def search(
        self,
        *,
        filter: MessageSubscriptionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MessageSubscriptionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[MessageSubscription]:
        """Search message subscriptions; iterate the page to walk every match.

        ``POST /message-subscriptions/search`` (searchMessageSubscriptions)
        """
        return await self._transport.search(_SEARCH, locals())

    async def search_correlated(
        self,
        *,
        filter: CorrelatedMessageSubscriptionFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[CorrelatedMessageSubscriptionSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[CorrelatedMessageSubscription]:
        """Search the messages correlated to subscriptions; iterate to walk every match.

        ``POST /correlated-message-subscriptions/search`` (searchCorrelatedMessageSubscriptions)
        """
        return await self._transport.search(_SEARCH_CORRELATED, locals())
