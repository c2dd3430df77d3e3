"""The ``global_task_listeners`` resource group: listeners that run on every user task."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, Literal

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.global_task_listeners import (
    CreateGlobalTaskListenerRequest,
    GlobalTaskListener,
    GlobalTaskListenerEventType,
    GlobalTaskListenerFilter,
    GlobalTaskListenerSearchRequest,
    GlobalTaskListenerSortField,
    UpdateGlobalTaskListenerRequest,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncGlobalTaskListeners"]

_EventType = (
    GlobalTaskListenerEventType
    | Literal["all", "creating", "assigning", "updating", "completing", "canceling"]
)

_CREATE = Operation(
    "POST",
    "/global-task-listeners",
    "createGlobalTaskListener",
    body=CreateGlobalTaskListenerRequest,
    returns=GlobalTaskListener,
)
_DELETE = Operation(
    "DELETE", "/global-task-listeners/{id}", "deleteGlobalTaskListener", returns=NoneType
)
_GET = Operation(
    "GET", "/global-task-listeners/{id}", "getGlobalTaskListener", returns=GlobalTaskListener
)
_SEARCH = Operation(
    "POST",
    "/global-task-listeners/search",
    "searchGlobalTaskListeners",
    body=GlobalTaskListenerSearchRequest,
    returns=GlobalTaskListener,
    paged=True,
)
_UPDATE = Operation(
    "PUT",
    "/global-task-listeners/{id}",
    "updateGlobalTaskListener",
    body=UpdateGlobalTaskListenerRequest,
    returns=GlobalTaskListener,
)


class AsyncGlobalTaskListeners(AsyncAPIResource):
    """Global task listeners: job types the cluster runs on user-task events of every process.

    A listener is identified by the ``id`` chosen when creating it.
    """

    __slots__ = ()

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        id: str,
        type: str,
        event_types: Sequence[_EventType],
        retries: int | NotGiven = NOT_GIVEN,
        after_non_global: bool | NotGiven = NOT_GIVEN,
        priority: int | NotGiven = NOT_GIVEN,
    ) -> GlobalTaskListener:
        """Register a job ``type`` to run on the given user-task events.

        ``POST /global-task-listeners`` (createGlobalTaskListener)

        ``after_non_global`` runs it after the listeners defined in the process model;
        among global listeners, a higher ``priority`` runs first.

        Args:
            id: the id of the global task listener.
            type: the job type the listener's jobs get (a job worker handles them).
            event_types: the user-task events that trigger the listener (e.g. ``creating``,
                ``completing``, ``all``).
            retries: how many times a failed listener job is retried.
            after_non_global: run after the listeners defined in the process model rather than
                before them.
            priority: listeners with a higher priority run first.
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_DELETE)
    async def delete(self, id: str) -> None:
        """Remove a global task listener.

        ``DELETE /global-task-listeners/{id}`` (deleteGlobalTaskListener)

        Args:
            id: the id of the global task listener.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_GET)
    async def get(self, id: str) -> GlobalTaskListener:
        """Get a global task listener.

        ``GET /global-task-listeners/{id}`` (getGlobalTaskListener)

        Args:
            id: the id of the global task listener.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: GlobalTaskListenerFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[GlobalTaskListenerSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[GlobalTaskListener]:
        """Search global task listeners; iterating the page walks every page.

        ``POST /global-task-listeners/search`` (searchGlobalTaskListeners)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        id: str,
        *,
        type: str,
        event_types: Sequence[_EventType],
        retries: int | NotGiven = NOT_GIVEN,
        after_non_global: bool | NotGiven = NOT_GIVEN,
        priority: int | NotGiven = NOT_GIVEN,
    ) -> GlobalTaskListener:
        """Replace a global task listener's settings.

        ``PUT /global-task-listeners/{id}`` (updateGlobalTaskListener)

        Args:
            id: the id of the global task listener.
            type: the job type the listener's jobs get (a job worker handles them).
            event_types: the user-task events that trigger the listener (e.g. ``creating``,
                ``completing``, ``all``).
            retries: how many times a failed listener job is retried.
            after_non_global: run after the listeners defined in the process model rather than
                before them.
            priority: listeners with a higher priority run first.
        """
        return await self._transport.request(_UPDATE, locals())
