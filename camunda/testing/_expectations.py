"""What the process-test assertions expect, decided from fetched data (no I/O).

An :class:`Expectation` names the reads it needs as a generator of :class:`Read` requests
(the shells in ``camunda.testing.assertions`` send them through a sync or an async client
and send the answers back), then judges the resulting view: it holds, it does not hold
yet, or it can no longer hold (the instance ended another way). The failure text shows
what the cluster answered, so a failing test says what the process actually did.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from camunda.models.decision_instances import DecisionInstance, DecisionInstanceDetails
    from camunda.models.element_instances import ElementInstance
    from camunda.models.incidents import Incident
    from camunda.models.process_instances import ProcessInstance
    from camunda.models.user_tasks import UserTask
    from camunda.models.variables import VariableSearchItem

__all__ = [
    "DecisionView",
    "Expectation",
    "InstanceView",
    "Read",
    "Reads",
    "UserTaskView",
]

V = TypeVar("V")


@dataclass(frozen=True)
class Read:
    """One call on a client: ``client.<group>.<method>(*args, **kwargs)``.

    ``every_item`` walks all pages of a search and answers the list of items; ``optional``
    answers ``None`` for a 404 (a read model that has not caught up yet).
    """

    group: str
    method: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict[str, Any])
    every_item: bool = False
    optional: bool = False


Reads = Generator[Read, Any, V]
"""A sans-I/O read plan: yields :class:`Read` requests, receives their answers, returns
the view."""


@dataclass(frozen=True)
class Expectation(Generic[V]):
    """What an assertion waits for.

    Attributes:
        subject: what is asserted on, for messages ("process instance 123").
        wish: what it should do, after "should" ("be completed").
        observe: a fresh read plan for the view.
        problem: ``None`` if the view satisfies the wish, else what is wrong.
        final: whether the view can no longer change to satisfy the wish.
        describe: the view as text for the failure message.
    """

    subject: str
    wish: str
    observe: Callable[[], Reads[V]]
    problem: Callable[[V], str | None]
    describe: Callable[[V], str]
    final: Callable[[V], bool] = lambda _view: False

    def failure(self, view: V | None, waited: float | None) -> str:
        """The AssertionError text for the last view (``None``: nothing was read)."""
        if view is None:
            return f"{self.subject} should {self.wish}, but nothing could be read"
        reason = self.problem(view) or "it did not hold"
        after = "" if waited is None else f" (waited {waited:g}s)"
        return f"{self.subject} should {self.wish}, but {reason}{after}.\n{self.describe(view)}"


# -- process instances ----------------------------------------------------------------


@dataclass(frozen=True)
class InstanceView:
    """A process instance as the read API shows it (``instance`` is None until visible)."""

    key: str
    instance: ProcessInstance | None
    elements: list[ElementInstance]
    variables: dict[str, Any]
    incidents: list[Incident]

    @property
    def state(self) -> str:
        return "not found" if self.instance is None else str(self.instance.state)

    def matching(self, selector: str) -> list[ElementInstance]:
        """The element instances whose element id or name is ``selector``."""
        return [e for e in self.elements if selector in (e.element_id, e.element_name)]

    def active_incidents(self) -> list[Incident]:
        return [i for i in self.incidents if str(i.state) in ("ACTIVE", "PENDING")]


def observe_instance(key: str) -> Reads[InstanceView]:
    """Read an instance, its element instances, its global variables and its incidents."""
    by_instance = {"process_instance_key": key}
    instance = yield Read("process_instances", "get", (key,), optional=True)
    elements: list[ElementInstance] = yield Read(
        "element_instances", "search", kwargs={"filter": by_instance}, every_item=True
    )
    variables: list[VariableSearchItem] = yield Read(
        "variables", "search", kwargs={"filter": by_instance}, every_item=True
    )
    incidents: list[Incident] = yield Read(
        "incidents", "search", kwargs={"filter": by_instance}, every_item=True
    )
    values: dict[str, Any] = {}
    for variable in variables:
        if variable.scope_key != key:
            continue  # local to an element: has_variables asks for the instance's own
        full = (
            (yield Read("variables", "get", (variable.variable_key,)))
            if variable.is_truncated
            else variable
        )
        values[full.name] = json.loads(full.value)
    elements.sort(key=lambda e: (e.start_date, int(e.element_instance_key)))
    return InstanceView(key, instance, elements, values, incidents)


def describe_instance(view: InstanceView) -> str:
    lines: list[str] = []
    if view.instance is not None:
        i = view.instance
        lines.append(
            f"  process: {i.process_definition_id} "
            f"(version {i.process_definition_version}), state {i.state}"
            + (", has incident" if i.has_incident else "")
        )
    lines.append("  elements:" + ("" if view.elements else " none"))
    for e in view.elements:
        name = f" ({e.element_name})" if e.element_name and e.element_name != e.element_id else ""
        flag = ", incident" if e.has_incident else ""
        lines.append(f"    {e.element_id}{name}: {e.type} {e.state}{flag}")
    lines.append(f"  variables: {_json(view.variables)}")
    lines.append("  incidents:" + ("" if view.incidents else " none"))
    for incident in view.incidents:
        lines.append(
            f"    {incident.error_type} at {incident.element_id} ({incident.state}): "
            f"{incident.error_message}"
        )
    return "\n".join(lines)


def instance_expectation(
    key: str,
    wish: str,
    problem: Callable[[InstanceView], str | None],
    final: Callable[[InstanceView], bool] | None = None,
) -> Expectation[InstanceView]:
    """An expectation about process instance ``key``."""
    return Expectation(
        f"process instance {key}",
        wish,
        lambda: observe_instance(key),
        problem,
        describe_instance,
        final or (lambda _view: False),
    )


_ENDED = ("COMPLETED", "TERMINATED")


def in_state(key: str, state: str) -> Expectation[InstanceView]:
    """The instance is in ``state`` (ACTIVE, COMPLETED or TERMINATED)."""

    def problem(view: InstanceView) -> str | None:
        return None if view.state == state else f"it is {view.state}"

    # An ended instance never changes state again; an active one may still end.
    return instance_expectation(
        key,
        f"be {state.lower()}",
        problem,
        lambda view: view.state in _ENDED and view.state != state,
    )


def exists(key: str) -> Expectation[InstanceView]:
    return instance_expectation(
        key, "exist", lambda view: None if view.instance else "it was not found"
    )


def has_elements(
    key: str,
    selectors: Sequence[str],
    state: str,
    times: int | None = None,
) -> Expectation[InstanceView]:
    """Every selector (element id or name) has an element instance in ``state`` (exactly
    ``times`` of them, if given)."""
    _need_selectors(selectors)
    if times is not None and times < 1:
        raise ValueError(f"times must be at least 1, got {times}")

    def count(selector: str, view: InstanceView) -> int:
        # A multi-instance body shares its element's id; its runs are what counts.
        return sum(
            str(e.state) == state and str(e.type) != "MULTI_INSTANCE_BODY"
            for e in view.matching(selector)
        )

    def problem(view: InstanceView) -> str | None:
        missing = [
            s
            for s in selectors
            if (count(s, view) == 0 if times is None else count(s, view) != times)
        ]
        if not missing:
            return None
        return (
            "not "
            + state.lower()
            + (f" {times} times" if times else "")
            + ": "
            + ", ".join(f"{s} ({_states(view.matching(s))})" for s in missing)
        )

    listed = ", ".join(selectors)
    wish = f"have {state.lower()} elements {listed}" + (f" ({times} times each)" if times else "")
    return instance_expectation(key, wish, problem)


def completed_in_order(key: str, selectors: Sequence[str]) -> Expectation[InstanceView]:
    """The selectors' elements completed in this order (others in between are ignored)."""
    _need_selectors(selectors)

    def problem(view: InstanceView) -> str | None:
        done = sorted(
            (e for e in view.elements if str(e.state) == "COMPLETED" and e.end_date is not None),
            key=lambda e: (e.end_date, int(e.element_instance_key)),
        )
        order = [s for e in done for s in selectors if s in (e.element_id, e.element_name)]
        rest = iter(order)
        if all(any(s == seen for seen in rest) for s in selectors):
            return None  # selectors is a subsequence of the completion order
        return f"they completed in the order {', '.join(order) or '(none)'}"

    return instance_expectation(
        key, f"have completed elements in the order {', '.join(selectors)}", problem
    )


def active_exactly(key: str, selectors: Sequence[str]) -> Expectation[InstanceView]:
    """The active elements (but the process itself) are exactly the selectors'."""

    def problem(view: InstanceView) -> str | None:
        active = [e for e in view.elements if str(e.state) == "ACTIVE" and str(e.type) != "PROCESS"]
        missing = [
            s for s in selectors if not any(s in (e.element_id, e.element_name) for e in active)
        ]
        extra = sorted(
            {
                e.element_id
                for e in active
                if e.element_id not in selectors and e.element_name not in selectors
            }
        )
        if not missing and not extra:
            return None
        parts = ([f"not active: {', '.join(missing)}"] if missing else []) + (
            [f"also active: {', '.join(extra)}"] if extra else []
        )
        return "; ".join(parts)

    listed = ", ".join(selectors) or "none"
    return instance_expectation(key, f"have exactly these active elements: {listed}", problem)


def lacks_elements(
    key: str,
    selectors: Sequence[str],
    state: str | None,
) -> Expectation[InstanceView]:
    """No selector has an element instance in ``state`` (``None``: in any state)."""
    _need_selectors(selectors)

    def problem(view: InstanceView) -> str | None:
        found = [
            s
            for s in selectors
            if any(state is None or str(e.state) == state for e in view.matching(s))
        ]
        if not found:
            return None
        return ", ".join(f"{s} ({_states(view.matching(s))})" for s in found) + " found"

    what = "activated" if state is None else state.lower()
    return instance_expectation(key, f"have no {what} elements {', '.join(selectors)}", problem)


def has_variables(key: str, expected: Mapping[str, Any]) -> Expectation[InstanceView]:
    """The instance's own (global) variables include ``expected`` with equal values."""
    if not expected:
        raise ValueError("has_variables needs at least one variable")

    def problem(view: InstanceView) -> str | None:
        wrong = [
            f"{name} is missing"
            if name not in view.variables
            else f"{name} is {_json(view.variables[name])}"
            for name, value in expected.items()
            if view.variables.get(name, _MISSING) != value
        ]
        return "; ".join(wrong) or None

    return instance_expectation(key, f"have variables {_json(dict(expected))}", problem)


def has_variable_names(key: str, names: Sequence[str]) -> Expectation[InstanceView]:
    if not names:
        raise ValueError("has_variable_names needs at least one name")

    def problem(view: InstanceView) -> str | None:
        missing = [name for name in names if name not in view.variables]
        return f"{', '.join(missing)} missing" if missing else None

    return instance_expectation(key, f"have variables named {', '.join(names)}", problem)


def has_incident(
    key: str, error_type: str | None, element: str | None, message: str | None
) -> Expectation[InstanceView]:
    """An active incident of ``error_type`` at ``element`` whose message contains
    ``message`` (each only if given)."""

    def matches(incident: Incident) -> bool:
        return (
            (error_type is None or str(incident.error_type) == error_type)
            and (element is None or incident.element_id == element)
            and (message is None or message in incident.error_message)
        )

    def problem(view: InstanceView) -> str | None:
        active = view.active_incidents()
        if any(matches(i) for i in active):
            return None
        return "no active incident matches" if active else "it has no active incident"

    parts = [
        f"of type {error_type}" if error_type else "",
        f"at {element}" if element else "",
        f"with a message containing {message!r}" if message else "",
    ]
    wish = " ".join(["have an active incident", *filter(None, parts)])
    return instance_expectation(key, wish, problem)


def has_no_incidents(key: str) -> Expectation[InstanceView]:
    def problem(view: InstanceView) -> str | None:
        count = len(view.active_incidents())
        return f"it has {count} active incident{'s' * (count != 1)}" if count else None

    return instance_expectation(key, "have no active incidents", problem)


# -- user tasks -----------------------------------------------------------------------


@dataclass(frozen=True)
class UserTaskView:
    """The user tasks a selector matches, newest last."""

    tasks: list[UserTask]

    @property
    def task(self) -> UserTask | None:
        return self.tasks[-1] if self.tasks else None


def user_task_expectation(
    selector: Mapping[str, Any],
    wish: str,
    problem: Callable[[UserTask], str | None],
    final: Callable[[UserTask], bool] | None = None,
) -> Expectation[UserTaskView]:
    """An expectation about the newest user task matching ``selector`` (a search filter)."""

    def observe() -> Reads[UserTaskView]:
        tasks: list[UserTask] = yield Read(
            "user_tasks", "search", kwargs={"filter": dict(selector)}, every_item=True
        )
        tasks.sort(key=lambda t: (t.creation_date, int(t.user_task_key)))
        return UserTaskView(tasks)

    def judge(view: UserTaskView) -> str | None:
        return "no such user task was found" if view.task is None else problem(view.task)

    def ended(view: UserTaskView) -> bool:
        return view.task is not None and final is not None and final(view.task)

    subject = "user task " + ", ".join(f"{k}={v!r}" for k, v in selector.items())
    return Expectation(subject, wish, observe, judge, _describe_tasks, ended)


def _describe_tasks(view: UserTaskView) -> str:
    lines = ["  user tasks:" + ("" if view.tasks else " none")]
    for t in view.tasks:
        lines.append(
            f"    {t.user_task_key} {t.element_id} ({t.name}): {t.state}, "
            f"assignee {t.assignee}, candidate groups {t.candidate_groups}, "
            f"priority {t.priority}"
        )
    return "\n".join(lines)


def task_in_state(selector: Mapping[str, Any], state: str) -> Expectation[UserTaskView]:
    def problem(task: UserTask) -> str | None:
        return None if str(task.state) == state else f"it is {task.state}"

    terminal = ("COMPLETED", "CANCELED", "FAILED")
    return user_task_expectation(
        selector,
        f"be {state.lower()}",
        problem,
        lambda task: str(task.state) in terminal and str(task.state) != state,
    )


def task_has(
    selector: Mapping[str, Any], what: str, expected: Any, actual: Callable[[UserTask], Any]
) -> Expectation[UserTaskView]:
    """The task's ``what`` (read by ``actual``) equals ``expected``."""

    def problem(task: UserTask) -> str | None:
        value = actual(task)
        return None if value == expected else f"its {what} is {value!r}"

    return user_task_expectation(selector, f"have {what} {expected!r}", problem)


# -- decisions ------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionView:
    """The decision instances a selector matches (newest last), with the newest's details."""

    instances: list[DecisionInstance]
    details: DecisionInstanceDetails | None

    @property
    def result(self) -> Any:
        return None if self.details is None else json.loads(self.details.result)

    def matched(self) -> list[tuple[int, str]]:
        """(index, id) of the newest's matched rules."""
        rules = [] if self.details is None else self.details.matched_rules
        return [(r.rule_index, r.rule_id) for r in rules]


def decision_expectation(
    selector: Mapping[str, Any],
    wish: str,
    problem: Callable[[DecisionView], str | None],
    final: Callable[[DecisionView], bool] | None = None,
) -> Expectation[DecisionView]:
    """An expectation about the newest decision instance matching ``selector``."""

    def observe() -> Reads[DecisionView]:
        found: list[DecisionInstance] = yield Read(
            "decision_instances", "search", kwargs={"filter": dict(selector)}, every_item=True
        )
        found.sort(
            key=lambda d: (
                d.evaluation_date,
                int(d.decision_evaluation_key),
                d.decision_evaluation_instance_key,
            )
        )
        details: DecisionInstanceDetails | None = None
        if found:
            details = yield Read(
                "decision_instances",
                "get",
                (found[-1].decision_evaluation_instance_key,),
                optional=True,
            )
        return DecisionView(found, details)

    def judge(view: DecisionView) -> str | None:
        return "no such decision instance was found" if view.details is None else problem(view)

    subject = "decision " + ", ".join(f"{k}={v!r}" for k, v in selector.items())
    return Expectation(
        subject, wish, observe, judge, _describe_decisions, final or (lambda _view: False)
    )


def _describe_decisions(view: DecisionView) -> str:
    lines = ["  decision instances:" + ("" if view.instances else " none")]
    for d in view.instances:
        lines.append(
            f"    {d.decision_evaluation_instance_key} {d.decision_definition_id}: "
            f"{d.state}, result {d.result}"
            + (f", failure {d.evaluation_failure}" if d.evaluation_failure else "")
        )
    if view.details is not None:
        inputs = {i.input_name: i.input_value for i in view.details.evaluated_inputs}
        lines.append(f"  newest inputs: {inputs}")
        lines.append(f"  newest matched rules: {view.matched() or 'none'}")
    return "\n".join(lines)


def decision_in_state(selector: Mapping[str, Any], state: str) -> Expectation[DecisionView]:
    """The newest evaluation is in ``state`` (EVALUATED or FAILED: both are final)."""

    def current(view: DecisionView) -> str:
        return "" if view.details is None else str(view.details.state)

    def problem(view: DecisionView) -> str | None:
        if current(view) == state:
            return None
        failure = view.details.evaluation_failure if view.details else None
        return f"it is {current(view)}" + (f" ({failure})" if failure else "")

    return decision_expectation(
        selector,
        f"be {state.lower()}",
        problem,
        lambda view: current(view) in ("EVALUATED", "FAILED"),
    )


def decision_result(selector: Mapping[str, Any], expected: Any) -> Expectation[DecisionView]:
    def problem(view: DecisionView) -> str | None:
        return None if view.result == expected else f"its result is {_json(view.result)}"

    return decision_expectation(selector, f"have result {_json(expected)}", problem)


def decision_rules(
    selector: Mapping[str, Any], rules: Sequence[int | str], *, exactly: bool
) -> Expectation[DecisionView]:
    """The newest instance matched ``rules`` (1-based indexes or rule ids), and (with
    ``exactly``) no others."""

    def problem(view: DecisionView) -> str | None:
        matched = view.matched()
        hit = {r for r in rules for index, rule_id in matched if r in (index, rule_id)}
        extra = [m for m in matched if m[0] not in rules and m[1] not in rules]
        if hit == set(rules) and not (exactly and extra):
            return None
        return f"it matched {_rules(matched)}"

    wish = "match " + (
        "no rule"
        if not rules
        else ("only " if exactly else "") + "rules " + ", ".join(map(str, rules))
    )
    return decision_expectation(selector, wish, problem)


def _rules(matched: list[tuple[int, str]]) -> str:
    return ", ".join(f"rule {index} ({rule_id})" for index, rule_id in matched) or "no rule"


# -- helpers --------------------------------------------------------------------------

_MISSING = object()


def _need_selectors(selectors: Sequence[str]) -> None:
    if not selectors:
        raise ValueError("name at least one element (its id or name)")


def _states(elements: list[ElementInstance]) -> str:
    return ", ".join(str(e.state) for e in elements) or "never entered"


def _json(value: Any) -> str:
    return json.dumps(value, default=str, sort_keys=True)
