"""The ``user_tasks`` resource group: tasks for people, their forms, variables and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any, cast

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.audit_logs import AuditLog, AuditLogSortField
from camunda.models.common import PageRequest, SortRequest
from camunda.models.user_tasks import (
    AssignUserTaskRequest,
    CompleteUserTaskRequest,
    Form,
    UpdateUserTaskRequest,
    UserTask,
    UserTaskAuditLogFilter,
    UserTaskAuditLogSearchRequest,
    UserTaskChangeset,
    UserTaskEffectiveVariableSearchRequest,
    UserTaskFilter,
    UserTaskSearchRequest,
    UserTaskSortField,
    UserTaskVariableFilter,
    UserTaskVariableSearchRequest,
)
from camunda.models.variables import VariableSearchItem, VariableSortField
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven, UserTaskKey

__all__ = ["AsyncUserTasks"]

_ASSIGN = Operation(
    "POST",
    "/user-tasks/{userTaskKey}/assignment",
    "assignUserTask",
    body=AssignUserTaskRequest,
    returns=NoneType,
)
_UNASSIGN = Operation(
    "DELETE", "/user-tasks/{userTaskKey}/assignee", "unassignUserTask", returns=NoneType
)
_COMPLETE = Operation(
    "POST",
    "/user-tasks/{userTaskKey}/completion",
    "completeUserTask",
    body=CompleteUserTaskRequest,
    returns=NoneType,
)
_UPDATE = Operation(
    "PATCH",
    "/user-tasks/{userTaskKey}",
    "updateUserTask",
    body=UpdateUserTaskRequest,
    returns=NoneType,
)
_GET = Operation("GET", "/user-tasks/{userTaskKey}", "getUserTask", returns=UserTask)
_GET_FORM = Operation(
    "GET",
    "/user-tasks/{userTaskKey}/form",
    "getUserTaskForm",
    returns=cast("type[Form | None]", Form | None),
)  # a 204 (no form): None
_SEARCH = Operation(
    "POST",
    "/user-tasks/search",
    "searchUserTasks",
    body=UserTaskSearchRequest,
    returns=UserTask,
    paged=True,
)
_SEARCH_AUDIT_LOGS = Operation(
    "POST",
    "/user-tasks/{userTaskKey}/audit-logs/search",
    "searchUserTaskAuditLogs",
    body=UserTaskAuditLogSearchRequest,
    returns=AuditLog,
    paged=True,
)
_SEARCH_VARIABLES = Operation(
    "POST",
    "/user-tasks/{userTaskKey}/variables/search",
    "searchUserTaskVariables",
    body=UserTaskVariableSearchRequest,
    returns=VariableSearchItem,
    query=("truncate_values",),
    paged=True,
)
_SEARCH_EFFECTIVE_VARIABLES = Operation(
    "POST",
    "/user-tasks/{userTaskKey}/effective-variables/search",
    "searchUserTaskEffectiveVariables",
    body=UserTaskEffectiveVariableSearchRequest,
    returns=VariableSearchItem,
    query=("truncate_values",),
    paged=True,
)


class AsyncUserTasks(AsyncAPIResource):
    """User tasks: work for people, assigned, completed and updated through the API."""

    __slots__ = ()

    @endpoint(_GET)
    async def get(self, user_task_key: UserTaskKey) -> UserTask:
        """A user task by its key.

        ``GET /user-tasks/{userTaskKey}`` (getUserTask)

        Args:
            user_task_key: the key of the user task.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_GET_FORM)
    async def get_form(self, user_task_key: UserTaskKey) -> Form | None:
        """The form linked to a user task, or ``None`` when it has none.

        ``GET /user-tasks/{userTaskKey}/form`` (getUserTaskForm)

        Args:
            user_task_key: the key of the user task.
        """
        return await self._transport.request(_GET_FORM, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: UserTaskFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[UserTaskSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[UserTask]:
        """Search user tasks; iterate the page to walk every match.

        ``POST /user-tasks/search`` (searchUserTasks)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())

    @endpoint(_ASSIGN)
    async def assign(
        self,
        user_task_key: UserTaskKey,
        *,
        assignee: str,
        allow_override: bool | NotGiven | None = NOT_GIVEN,
        action: str | NotGiven | None = NOT_GIVEN,
    ) -> None:
        """Assign a user task to someone.

        ``POST /user-tasks/{userTaskKey}/assignment`` (assignUserTask)

        With ``allow_override=False`` the call fails if the task already has an assignee.
        ``action`` is a custom name for the operation, passed to task listeners.

        Args:
            user_task_key: the key of the user task.
            assignee: the user who takes the task.
            allow_override: reassign even when the task already has an assignee.
            action: a custom action name recorded with the change (seen by task listeners).
        """
        return await self._transport.request(_ASSIGN, locals())

    @endpoint(_UNASSIGN)
    async def unassign(self, user_task_key: UserTaskKey) -> None:
        """Remove a user task's assignee.

        ``DELETE /user-tasks/{userTaskKey}/assignee`` (unassignUserTask)

        Args:
            user_task_key: the key of the user task.
        """
        return await self._transport.request(_UNASSIGN, locals())

    @endpoint(_COMPLETE)
    async def complete(
        self,
        user_task_key: UserTaskKey,
        *,
        variables: Mapping[str, Any] | NotGiven | None = NOT_GIVEN,
        action: str | NotGiven | None = NOT_GIVEN,
    ) -> None:
        """Complete a user task, optionally setting variables.

        ``POST /user-tasks/{userTaskKey}/completion`` (completeUserTask)

        Args:
            user_task_key: the key of the user task.
            variables: variables to set when the task completes, as a JSON object.
            action: a custom action name recorded with the change (seen by task listeners).
        """
        return await self._transport.request(_COMPLETE, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        user_task_key: UserTaskKey,
        *,
        changeset: UserTaskChangeset | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        action: str | NotGiven | None = NOT_GIVEN,
    ) -> None:
        """Change a user task's dates, candidates or priority.

        ``PATCH /user-tasks/{userTaskKey}`` (updateUserTask)

        Args:
            user_task_key: the key of the user task.
            changeset: the fields to change (due date, follow-up date, candidates, priority); fields
                left out keep their value.
            action: a custom action name recorded with the change (seen by task listeners).
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_SEARCH_AUDIT_LOGS)
    async def search_audit_logs(
        self,
        user_task_key: UserTaskKey,
        *,
        filter: UserTaskAuditLogFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[AuditLogSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AuditLog]:
        """Search what happened to a user task; iterate the page to walk every entry.

        ``POST /user-tasks/{userTaskKey}/audit-logs/search`` (searchUserTaskAuditLogs)

        Args:
            user_task_key: the key of the user task.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH_AUDIT_LOGS, locals())

    @endpoint(_SEARCH_VARIABLES)
    async def search_variables(
        self,
        user_task_key: UserTaskKey,
        *,
        filter: UserTaskVariableFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[VariableSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        truncate_values: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[VariableSearchItem]:
        """Search the variables of the user task's own scope.

        ``POST /user-tasks/{userTaskKey}/variables/search`` (searchUserTaskVariables)

        Long values are cut short unless ``truncate_values=False``.

        Args:
            user_task_key: the key of the user task.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
            truncate_values: shorten long variable values (the full value is then read by key).
        """
        return await self._transport.search(_SEARCH_VARIABLES, locals())

    @endpoint(_SEARCH_EFFECTIVE_VARIABLES)
    async def search_effective_variables(
        self,
        user_task_key: UserTaskKey,
        *,
        filter: UserTaskVariableFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[VariableSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        truncate_values: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[VariableSearchItem]:
        """Search the variables the user task sees: its own and those of enclosing scopes.

        ``POST /user-tasks/{userTaskKey}/effective-variables/search``
        (searchUserTaskEffectiveVariables)

        A name defined in several scopes appears once, with the innermost value. Paged by
        offset only: ask for further results with ``page={"from": n, "limit": m}``.

        Args:
            user_task_key: the key of the user task.
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
            truncate_values: shorten long variable values (the full value is then read by key).
        """
        return await self._transport.search(_SEARCH_EFFECTIVE_VARIABLES, locals())
