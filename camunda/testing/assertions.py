"""Process-test assertions: what a process instance, a user task or a decision did.

Each assertion reads through the public REST API only (process instance, element
instance, variable, incident, user task and decision instance searches), so a test runs
unchanged on the fake cluster and on a real one. The reads are eventually consistent on a
real cluster, so each assertion polls until it holds or ``timeout`` seconds pass, and then
fails with an ``AssertionError`` that shows what the instance actually did::

    from camunda.testing import assert_that

    created = client.process_instances.create(process_definition_id="order")
    assert_that(client, created).is_completed().has_variables({"paid": True})

With ``CamundaAsyncClient`` each assertion is awaited::

    await assert_that(async_client, created).is_completed()

An assertion that can no longer hold (``is_completed()`` on a terminated instance) fails at
once rather than at the timeout. Checks that something is absent (``has_no_incidents()``,
``has_not_activated_elements()``) pass as soon as the read shows it absent; on a real
cluster, assert first what comes after it.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from camunda import CamundaAsyncClient, NotFoundError, WaitTimeoutError, wait_for, wait_for_async
from camunda.testing import _expectations as exp

if TYPE_CHECKING:
    from camunda import CamundaClient
    from camunda.models.process_instances import CreatedProcessInstance, ProcessInstance
    from camunda.testing._expectations import Expectation, Reads

__all__ = [
    "DEFAULT_TIMEOUT",
    "AsyncDecisionAssert",
    "AsyncProcessInstanceAssert",
    "AsyncUserTaskAssert",
    "DecisionAssert",
    "ProcessInstanceAssert",
    "UserTaskAssert",
    "assert_that",
    "assert_that_decision",
    "assert_that_user_task",
]

DEFAULT_TIMEOUT = 10.0
"""Seconds an assertion waits by default (as Camunda Process Test does)."""

_INTERVAL = 0.02  # the first pause between reads; it doubles up to _MAX_INTERVAL
_MAX_INTERVAL = 0.5

V = TypeVar("V")
R = TypeVar("R")
C = TypeVar("C")


# -- the two shells: run a read plan and wait, on a sync or an async client -------------


def _run(client: CamundaClient, reads: Reads[V]) -> V:
    answer: Any = None
    try:
        while True:
            read = reads.send(answer)
            try:
                result = getattr(getattr(client, read.group), read.method)(
                    *read.args, **read.kwargs
                )
                answer = list(result) if read.every_item else result
            except NotFoundError:
                if not read.optional:
                    raise
                answer = None
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


async def _run_async(client: CamundaAsyncClient, reads: Reads[V]) -> V:
    answer: Any = None
    try:
        while True:
            read = reads.send(answer)
            try:
                result = await getattr(getattr(client, read.group), read.method)(
                    *read.args, **read.kwargs
                )
                answer = [item async for item in result] if read.every_item else result
            except NotFoundError:
                if not read.optional:
                    raise
                answer = None
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]


class _Last(Generic[V]):
    """The newest view read, for the failure message, and whether to stop waiting."""

    def __init__(self, expectation: Expectation[V]) -> None:
        self.expectation = expectation
        self.view: V | None = None
        self.started = time.monotonic()

    def keep(self, view: V) -> V:
        self.view = view
        return view

    def settled(self, view: V) -> bool:
        return self.expectation.problem(view) is None or self.expectation.final(view)

    def verdict(self, timed_out: bool) -> None:
        view = self.view
        if view is not None and not timed_out and self.expectation.problem(view) is None:
            return
        waited = round(time.monotonic() - self.started, 2) if timed_out else None
        raise AssertionError(self.expectation.failure(view, waited))


def _expect(client: CamundaClient, expectation: Expectation[V], timeout: float) -> None:
    last = _Last(expectation)
    try:
        wait_for(
            lambda: last.keep(_run(client, expectation.observe())),
            until=last.settled,
            timeout=timeout,
            interval=_INTERVAL,
            max_interval=_MAX_INTERVAL,
            description=expectation.wish,
        )
    except WaitTimeoutError:
        last.verdict(timed_out=True)
    last.verdict(timed_out=False)


async def _expect_async(
    client: CamundaAsyncClient, expectation: Expectation[V], timeout: float
) -> None:
    last = _Last(expectation)

    async def observe() -> V:
        return last.keep(await _run_async(client, expectation.observe()))

    try:
        await wait_for_async(
            observe,
            until=last.settled,
            timeout=timeout,
            interval=_INTERVAL,
            max_interval=_MAX_INTERVAL,
            description=expectation.wish,
        )
    except WaitTimeoutError:
        last.verdict(timed_out=True)
    last.verdict(timed_out=False)


class _Checks(Generic[C, R]):
    """What every assertion object holds: the client ``C`` to read through and the timeout.
    Each check is written once, in a subclass; ``R`` is what it returns (the assertion
    object itself, or an awaitable of it): ``_check`` waits on a sync client and returns
    the object, or returns an awaitable that waits on an async one."""

    def __init__(self, client: C, timeout: float) -> None:
        self._client = client
        self.timeout = timeout

    def _check(self, expectation: Expectation[Any]) -> R:
        client: object = self._client
        if isinstance(client, CamundaAsyncClient):
            return cast("R", self._check_async(client, expectation))
        _expect(cast("CamundaClient", client), expectation, self.timeout)
        return cast("R", self)

    async def _check_async(
        self, client: CamundaAsyncClient, expectation: Expectation[Any]
    ) -> _Checks[C, R]:
        await _expect_async(client, expectation, self.timeout)
        return self


class _SelectedChecks(_Checks[C, R]):
    """Assertions on the record a search selector finds (a user task, a decision)."""

    def __init__(self, client: C, selector: dict[str, Any], timeout: float) -> None:
        super().__init__(client, timeout)
        self.selector = selector


# -- process instances ----------------------------------------------------------------


class _ProcessInstanceChecks(_Checks[C, R]):
    """The process instance assertions."""

    def __init__(self, client: C, key: str, timeout: float) -> None:
        super().__init__(client, timeout)
        self.key = key

    def is_created(self) -> R:
        """The instance exists (in any state)."""
        return self._check(exp.exists(self.key))

    def is_active(self) -> R:
        """The instance is active (fails at once if it has ended)."""
        return self._check(exp.in_state(self.key, "ACTIVE"))

    def is_completed(self) -> R:
        """The instance has completed (fails at once if it was terminated)."""
        return self._check(exp.in_state(self.key, "COMPLETED"))

    def is_terminated(self) -> R:
        """The instance was terminated (canceled; fails at once if it completed)."""
        return self._check(exp.in_state(self.key, "TERMINATED"))

    def has_completed_elements(self, *elements: str, times: int | None = None) -> R:
        """Each element (its id or name) has completed at least once (exactly ``times``
        times, if given: a loop or a multi-instance body's inner element)."""
        return self._check(exp.has_elements(self.key, elements, "COMPLETED", times))

    def has_completed_elements_in_order(self, *elements: str) -> R:
        """The elements completed in this order; other elements in between are ignored."""
        return self._check(exp.completed_in_order(self.key, elements))

    def has_active_elements(self, *elements: str, times: int | None = None) -> R:
        """Each element (its id or name) is active now (exactly ``times`` instances of it,
        if given)."""
        return self._check(exp.has_elements(self.key, elements, "ACTIVE", times))

    def has_active_elements_exactly(self, *elements: str) -> R:
        """These elements are active and no other (the process itself aside)."""
        return self._check(exp.active_exactly(self.key, elements))

    def has_terminated_elements(self, *elements: str, times: int | None = None) -> R:
        """Each element (its id or name) was terminated at least once (exactly ``times``
        times, if given)."""
        return self._check(exp.has_elements(self.key, elements, "TERMINATED", times))

    def has_no_active_elements(self, *elements: str) -> R:
        """None of the elements (ids or names) is active now."""
        return self._check(exp.lacks_elements(self.key, elements, "ACTIVE"))

    def has_not_activated_elements(self, *elements: str) -> R:
        """None of the elements (ids or names) was ever entered."""
        return self._check(exp.lacks_elements(self.key, elements, None))

    def has_variables(self, variables: Mapping[str, Any]) -> R:
        """The instance's own (global) variables include these names with equal values."""
        return self._check(exp.has_variables(self.key, variables))

    def has_variable(self, name: str, value: Any) -> R:
        """The instance's own variable ``name`` equals ``value``."""
        return self._check(exp.has_variables(self.key, {name: value}))

    def has_variable_names(self, *names: str) -> R:
        """The instance has its own variables of these names (any values)."""
        return self._check(exp.has_variable_names(self.key, names))

    def has_incident(
        self,
        error_type: str | None = None,
        *,
        element: str | None = None,
        message: str | None = None,
    ) -> R:
        """An active incident, of ``error_type`` (e.g. ``"JOB_NO_RETRIES"``), at the
        element of id ``element``, whose message contains ``message`` (each if given)."""
        return self._check(exp.has_incident(self.key, error_type, element, message))

    def has_no_incidents(self) -> R:
        """The instance has no active incident."""
        return self._check(exp.has_no_incidents(self.key))


class ProcessInstanceAssert(_ProcessInstanceChecks["CamundaClient", "ProcessInstanceAssert"]):
    """Assertions on one process instance through a ``CamundaClient``; each returns the
    assertion, so they chain."""


class AsyncProcessInstanceAssert(
    _ProcessInstanceChecks["CamundaAsyncClient", Awaitable["AsyncProcessInstanceAssert"]],
):
    """Assertions on one process instance through a ``CamundaAsyncClient``; await each."""


@overload
def assert_that(
    client: CamundaAsyncClient,
    instance: str | CreatedProcessInstance | ProcessInstance,
    *,
    timeout: float = ...,
) -> AsyncProcessInstanceAssert: ...
@overload
def assert_that(
    client: CamundaClient,
    instance: str | CreatedProcessInstance | ProcessInstance,
    *,
    timeout: float = ...,
) -> ProcessInstanceAssert: ...
def assert_that(
    client: CamundaClient | CamundaAsyncClient,
    instance: str | CreatedProcessInstance | ProcessInstance,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> ProcessInstanceAssert | AsyncProcessInstanceAssert:
    """Assertions on a process instance (its key, or what ``create``/``get`` returned).

    Args:
        client: the client to read through; with ``CamundaAsyncClient`` each assertion
            is awaited.
        instance: the process instance or its key.
        timeout: seconds each assertion waits for the reads to show what it expects.
    """
    key = instance if isinstance(instance, str) else instance.process_instance_key
    if isinstance(client, CamundaAsyncClient):
        return AsyncProcessInstanceAssert(client, key, timeout)
    return ProcessInstanceAssert(client, key, timeout)


# -- user tasks -----------------------------------------------------------------------


class _UserTaskChecks(_SelectedChecks[C, R]):
    """The user task assertions."""

    def is_created(self) -> R:
        """The task is open (``CREATED``)."""
        return self._check(exp.task_in_state(self.selector, "CREATED"))

    def is_completed(self) -> R:
        """The task was completed (fails at once if it was canceled)."""
        return self._check(exp.task_in_state(self.selector, "COMPLETED"))

    def is_canceled(self) -> R:
        """The task was canceled (e.g. by an interrupting boundary event)."""
        return self._check(exp.task_in_state(self.selector, "CANCELED"))

    def has_assignee(self, assignee: str | None) -> R:
        """The task is assigned to ``assignee`` (``None``: unassigned)."""
        return self._check(
            exp.task_has(self.selector, "assignee", assignee, lambda task: task.assignee)
        )

    def has_candidate_groups(self, *groups: str) -> R:
        """The task's candidate groups are ``groups`` (in any order)."""
        return self._check(
            exp.task_has(
                self.selector,
                "candidate groups",
                sorted(groups),
                lambda task: sorted(task.candidate_groups),
            )
        )

    def has_priority(self, priority: int) -> R:
        return self._check(
            exp.task_has(self.selector, "priority", priority, lambda task: task.priority)
        )

    def has_name(self, name: str) -> R:
        return self._check(exp.task_has(self.selector, "name", name, lambda task: task.name))


class UserTaskAssert(_UserTaskChecks["CamundaClient", "UserTaskAssert"]):
    """Assertions on a user task through a ``CamundaClient``; they chain."""


class AsyncUserTaskAssert(_UserTaskChecks["CamundaAsyncClient", Awaitable["AsyncUserTaskAssert"]]):
    """Assertions on a user task through a ``CamundaAsyncClient``; await each."""


@overload
def assert_that_user_task(
    client: CamundaAsyncClient,
    *,
    element_id: str | None = ...,
    name: str | None = ...,
    process_instance: str | CreatedProcessInstance | ProcessInstance | None = ...,
    user_task_key: str | None = ...,
    timeout: float = ...,
) -> AsyncUserTaskAssert: ...
@overload
def assert_that_user_task(
    client: CamundaClient,
    *,
    element_id: str | None = ...,
    name: str | None = ...,
    process_instance: str | CreatedProcessInstance | ProcessInstance | None = ...,
    user_task_key: str | None = ...,
    timeout: float = ...,
) -> UserTaskAssert: ...
def assert_that_user_task(
    client: CamundaClient | CamundaAsyncClient,
    *,
    element_id: str | None = None,
    name: str | None = None,
    process_instance: str | CreatedProcessInstance | ProcessInstance | None = None,
    user_task_key: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> UserTaskAssert | AsyncUserTaskAssert:
    """Assertions on the newest user task matching every selector given.

    Args:
        client: the client to read through (async: await each assertion).
        element_id: the user task's element id in the BPMN model.
        name: the task's name.
        process_instance: the process instance (or its key) the task belongs to.
        user_task_key: the task's own key.
        timeout: seconds each assertion waits.

    Raises:
        ValueError: no selector was given.
    """
    selector = _selector(
        "user task",
        element_id=element_id,
        name=name,
        user_task_key=user_task_key,
        process_instance_key=_key(process_instance),
    )
    if isinstance(client, CamundaAsyncClient):
        return AsyncUserTaskAssert(client, selector, timeout)
    return UserTaskAssert(client, selector, timeout)


# -- decisions ------------------------------------------------------------------------


class _DecisionChecks(_SelectedChecks[C, R]):
    """The decision assertions."""

    def is_evaluated(self) -> R:
        """The decision was evaluated (fails at once if its evaluation failed)."""
        return self._check(exp.decision_in_state(self.selector, "EVALUATED"))

    def is_failed(self) -> R:
        """The decision's evaluation failed (e.g. a UNIQUE table with two matching rules);
        fails at once if it was evaluated."""
        return self._check(exp.decision_in_state(self.selector, "FAILED"))

    def has_result(self, result: Any) -> R:
        """The decision's result (its output as JSON) equals ``result``."""
        return self._check(exp.decision_result(self.selector, result))

    def has_matched_rules(self, *rules: int | str) -> R:
        """The decision matched these rules (1-based indexes or rule ids), maybe others."""
        return self._check(exp.decision_rules(self.selector, rules, exactly=False))

    def has_only_matched_rules(self, *rules: int | str) -> R:
        """The decision matched these rules and no other."""
        return self._check(exp.decision_rules(self.selector, rules, exactly=True))

    def has_no_matched_rules(self) -> R:
        return self._check(exp.decision_rules(self.selector, (), exactly=True))


class DecisionAssert(_DecisionChecks["CamundaClient", "DecisionAssert"]):
    """Assertions on a decision evaluation through a ``CamundaClient``; they chain."""


class AsyncDecisionAssert(_DecisionChecks["CamundaAsyncClient", Awaitable["AsyncDecisionAssert"]]):
    """Assertions on a decision evaluation through a ``CamundaAsyncClient``; await each."""


@overload
def assert_that_decision(
    client: CamundaAsyncClient,
    *,
    decision_id: str | None = ...,
    process_instance: str | CreatedProcessInstance | ProcessInstance | None = ...,
    timeout: float = ...,
) -> AsyncDecisionAssert: ...
@overload
def assert_that_decision(
    client: CamundaClient,
    *,
    decision_id: str | None = ...,
    process_instance: str | CreatedProcessInstance | ProcessInstance | None = ...,
    timeout: float = ...,
) -> DecisionAssert: ...
def assert_that_decision(
    client: CamundaClient | CamundaAsyncClient,
    *,
    decision_id: str | None = None,
    process_instance: str | CreatedProcessInstance | ProcessInstance | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> DecisionAssert | AsyncDecisionAssert:
    """Assertions on the newest evaluation of a decision matching every selector given.

    Args:
        client: the client to read through (async: await each assertion).
        decision_id: the decision's id in the DMN model.
        process_instance: the process instance (or its key) whose business rule task
            evaluated it.
        timeout: seconds each assertion waits.

    Raises:
        ValueError: no selector was given.
    """
    selector = _selector(
        "decision", decision_definition_id=decision_id, process_instance_key=_key(process_instance)
    )
    if isinstance(client, CamundaAsyncClient):
        return AsyncDecisionAssert(client, selector, timeout)
    return DecisionAssert(client, selector, timeout)


def _key(instance: str | CreatedProcessInstance | ProcessInstance | None) -> str | None:
    if instance is None or isinstance(instance, str):
        return instance
    return instance.process_instance_key


def _selector(what: str, **given: str | None) -> dict[str, Any]:
    """The search filter of the given selectors; at least one is needed."""
    selector = {name: value for name, value in given.items() if value is not None}
    if not selector:
        raise ValueError(f"select the {what} by at least one of: {', '.join(given)}")
    return selector
