"""The BPMN runtime: element instances, tokens, variable scopes, events, incidents.

Semantics follow Zeebe (Camunda 8.9):

* Variables live in scopes (the process, subprocesses, and any element with input
  mappings or a multi-instance loop). Completing an element *propagates* its variables:
  each one is written to the nearest scope that already has it, else to the process.
  With output mappings, the element's variables are set locally and only the mapped
  results are propagated, from the element's flow scope.
* A token that finds no way forward, or an expression that fails, raises an incident on
  its element; the element waits until the incident is resolved, then retries.
* A BPMN error is caught by the nearest error boundary or error event subprocess (across
  call activities); uncaught, it raises ``UNHANDLED_ERROR_EVENT`` and the instance stays
  active. A job error's variables belong to the catch event: its output mappings pick
  from them, else they propagate from it.
* An escalation is non-critical: caught or not, the throwing event goes on (unless an
  interrupting catch ends it); uncaught, it is recorded ``NOT_ESCALATED``, no incident.

Work is queued (sequence flows taken) and drained at the end of each command, so long
paths never recurse deeply.
"""

from __future__ import annotations

import logging
from collections import ChainMap, Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, cast

from camunda.testing import _jobs, feel
from camunda.testing._decisions import DecisionFailed
from camunda.testing._records import (
    FakeElementInstance,
    FakeEscalation,
    FakeIncident,
    FakeJob,
    FakeJobState,
    FakeMessage,
    FakeProcessInstance,
    FakeUserTask,
)
from camunda.testing._timers import TimerError, TimerSchedule, schedule_timer

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from camunda.testing._bpmn import Element, Flow, IoMapping, Process
    from camunda.testing._engine import Engine

__all__ = ["Definition", "Node", "Runtime"]

logger = logging.getLogger("camunda.testing")


@dataclass(eq=False)
class Definition:
    """A deployed version of a process."""

    key: str
    version: int
    resource_name: str
    xml: bytes
    process: Process
    deployment_key: str = ""


@dataclass(eq=False)
class _Run:
    instance: FakeProcessInstance
    definition: Definition
    parent: Node | None
    incidents: set[str] = field(default_factory=set[str])


@dataclass(eq=False)
class _Loop:
    items: list[Any]
    outputs: list[Any]
    next: int = 0
    completed: int = 0
    terminated: int = 0


@dataclass(eq=False)
class Node:
    """A live element instance and what it waits for."""

    record: FakeElementInstance
    element: Element | None
    """None for the process itself."""
    parent: Node | None
    run: _Run
    inner: bool = False
    """An instance inside a multi-instance body."""
    children: dict[str, Node] = field(default_factory=dict[str, "Node"])
    subscriptions: list[_Subscription] = field(default_factory=list["_Subscription"])
    in_flight: int = 0
    generation: int = 0
    joins: dict[str, Counter[str]] = field(default_factory=dict[str, Counter[str]])
    payload: dict[str, Any] | None = None
    """Variables of the event that triggered this (start, boundary, catch) event."""
    start_at: str | None = None
    job_key: str | None = None
    user_task_key: str | None = None
    child_instance: str | None = None
    loop: _Loop | None = None
    index: int = 0
    mapped: bool = False
    """Its input mappings have been applied."""

    @property
    def key(self) -> str:
        return self.record.key

    @property
    def active(self) -> bool:
        return self.record.state == "ACTIVE"

    @property
    def elements(self) -> dict[str, Element]:
        return self.run.definition.process.elements


@dataclass(eq=False)
class _Subscription:
    kind: str
    name: str
    correlation_key: str | None
    node: Node | None
    """The element instance that waits or hosts the event (None: a process start)."""
    element: Element
    definition: Definition | None = None
    timer: TimerSchedule | None = None
    open: bool = True


class _Incident(Exception):
    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def _assign(target: dict[str, Any], path: str, value: Any) -> None:
    """Set ``a.b.c`` in ``target``, building contexts on the way."""
    *heads, last = path.split(".")
    for head in heads:
        found: Any = target.get(head)
        inner: dict[str, Any] = (
            dict(cast("dict[str, Any]", found)) if isinstance(found, dict) else {}
        )
        target[head] = inner
        target = inner
    target[last] = value


_JOB_ELEMENTS = frozenset(
    {
        "serviceTask",
        "sendTask",
        "scriptTask",
        "businessRuleTask",
        "intermediateThrowEvent",
        "endEvent",
    }
)


class Runtime:
    """Runs process instances of deployed definitions (the engine's lock held)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.definitions: dict[str, Definition] = {}
        self.latest: dict[str, Definition] = {}
        self.nodes: dict[str, Node] = {}
        self.runs: dict[str, _Run] = {}
        self.variable_scopes: dict[str, str] = {}
        """The element instance (scope) of each variable, by variable key."""
        self._messages: dict[tuple[str, str], list[_Subscription]] = {}
        self._signals: dict[str, list[_Subscription]] = {}
        self._start_timers: dict[str, list[_Subscription]] = {}
        self._retries: dict[str, Callable[[], None]] = {}
        self._queue: deque[Callable[[], None]] = deque()

    # ------------------------------------------------------------------ entry points

    def drain(self) -> None:
        """Run the queued work (tokens on their way) to the next wait states."""
        queue = self._queue
        while queue:
            queue.popleft()()

    def deployed(self, definition: Definition) -> None:
        """A new version is the latest: its timer start events replace the old ones."""
        process = definition.process
        previous = self.latest.get(process.id)
        self.definitions[definition.key] = definition
        self.latest[process.id] = definition
        if previous is not None:
            for sub in self._start_timers.pop(process.id, []):
                sub.open = False
        for start_id in process.event_starts:
            element = process.elements[start_id]
            if element.event is not None and element.event.kind == "timer":
                sub = _Subscription("timer", "", None, None, element, definition)
                self._start_timers.setdefault(process.id, []).append(sub)
                try:
                    self._arm_timer(sub, {})
                except _Incident:
                    sub.open = False

    def start(
        self,
        definition: Definition,
        variables: dict[str, Any],
        start_id: str | None = None,
        parent: Node | None = None,
        *,
        start_before: Sequence[str] = (),
    ) -> FakeProcessInstance:
        """Create a process instance and run it to its first wait states: from its none
        start event, ``start_id``, or (start instructions) before each ``start_before``
        element."""
        engine = self.engine
        now = engine.now_ms()
        process = definition.process
        key = engine.key()
        instance = FakeProcessInstance(
            key,
            process.id,
            definition.key,
            definition.version,
            process.name,
            dict(variables),
            started_ms=now,
            parent_process_instance_key=parent.record.process_instance_key if parent else None,
            parent_element_instance_key=parent.key if parent else None,
            root_process_instance_key=parent.run.instance.root_process_instance_key
            if parent
            else key,
        )
        engine.instances.add(key, instance)
        record = FakeElementInstance(
            key,
            process.id,
            process.name,
            "PROCESS",
            key,
            process.id,
            definition.key,
            None,
            instance.variables,
            started_ms=now,
        )
        engine.element_instances.add(key, record)
        run = _Run(instance, definition, parent)
        root = Node(record, None, None, run)
        self.runs[key] = run
        self.nodes[key] = root
        for name in instance.variables:
            self._variable_key(record, name)
        self._open_scope_events(root)
        if start_before:
            self._start_before(root, start_before)
            return instance
        start = start_id or (process.starts[0] if process.starts else None)
        if start is None:
            raise ValueError(f"process '{process.id}' has no none start event")
        self._activate(process.elements[start], root)
        return instance

    def _start_before(self, root: Node, element_ids: Sequence[str]) -> None:
        """Activate each element's flow scopes (once each, without input mappings or start
        events), then the elements themselves, as Zeebe applies start instructions."""
        elements = root.elements
        scopes = {root.run.definition.process.id: root}

        def scope_of(element: Element) -> Node:
            scope = scopes.get(element.scope)
            if scope is None:
                holder = elements[element.scope]
                scope = scopes[holder.id] = self._new_node(holder, scope_of(holder))
                self._open_boundaries(scope)
                self._open_scope_events(scope)
            return scope

        for element_id in element_ids:
            element = elements[element_id]
            scope = scope_of(element)
            scope.in_flight += 1  # held until activated, so no scope completes early
            self._queue.append(lambda e=element, s=scope, g=scope.generation: self._begin(e, s, g))

    def _begin(self, element: Element, scope: Node, generation: int) -> None:
        if generation == scope.generation and scope.active:
            scope.in_flight -= 1
            self._activate(element, scope)

    def variables_of(self, element_instance_key: str) -> dict[str, Any] | None:
        """Every variable visible from an element instance (None if it has ended)."""
        node = self.nodes.get(element_instance_key)
        return None if node is None else dict(self._visible(node))

    def set_variables(
        self, element_instance_key: str, variables: Mapping[str, Any], *, local: bool = True
    ) -> bool:
        """Set variables on an element instance's own scope, or (not ``local``) propagate
        them from it; False if it is not active."""
        node = self.nodes.get(element_instance_key)
        if node is None:
            return False
        if local:
            for name, value in variables.items():
                self._set(node, name, value)
        else:
            self._propagate(node, variables)
        return True

    def job_completed(self, job: FakeJob, variables: dict[str, Any]) -> None:
        node = self.nodes.get(job.element_instance_key)
        if node is not None:
            node.job_key = None
            self._guard(node, lambda: self._complete(node, variables))
        self.drain()

    def job_error(
        self, job: FakeJob, code: str, message: str | None, variables: dict[str, Any]
    ) -> None:
        node = self.nodes.get(job.element_instance_key)
        if node is not None:
            node.job_key = None
            self._throw_error(node, code, message, variables)
        self.drain()

    def job_incident(self, job: FakeJob) -> None:
        """A job ran out of retries: an incident on its element (resolved by retries)."""
        node = self.nodes.get(job.element_instance_key)
        incident = self._incident_record(
            node, "JOB_NO_RETRIES", job.error_message or "No more retries left.", job
        )
        job.incident_key = incident.key

    def user_task_completed(self, task: FakeUserTask, variables: dict[str, Any]) -> None:
        node = self.nodes.get(task.element_instance_key)
        if node is not None:
            node.user_task_key = None
            self._guard(node, lambda: self._complete(node, variables))
        self.drain()

    def resolved(self, incident: FakeIncident) -> None:
        """An incident was resolved: clear its marks and retry what raised it."""
        node = self.nodes.get(incident.element_instance_key)
        run = self.runs.get(incident.process_instance_key)
        if run is not None:
            run.incidents.discard(incident.key)
            run.instance.has_incident = bool(run.incidents)
        if node is not None and node.record.incident_key == incident.key:
            node.record.incident_key = None
        retry = self._retries.pop(incident.key, None)
        if retry is not None and node is not None and node.active:
            retry()
        self.drain()

    def cancel(self, instance_key: str) -> bool:
        """Terminate a running process instance; False if it is not running."""
        run = self.runs.get(instance_key)
        if run is None or run.parent is not None:
            return False
        self._terminate(self.nodes[instance_key])
        self.drain()
        return True

    def publish(self, message: FakeMessage) -> None:
        """Correlate a published message to every waiting subscription and message start
        event (once per process instance); it stays buffered for its time to live."""
        for sub in list(self._messages.get((message.name, message.correlation_key), ())):
            self._correlate(sub, message)
        for definition in list(self.latest.values()):
            for start_id in definition.process.event_starts:
                element = definition.process.elements[start_id]
                event = element.event
                if event is not None and event.kind == "message" and event.name == message.name:
                    instance = self.start(definition, dict(message.variables), start_id)
                    message.correlated_to.append(instance.key)
        self.drain()

    def correlate(self, message: FakeMessage) -> str | None:
        """Correlate to the first waiting subscription or message start event; the
        instance's key, or None if nothing waits for it."""
        for sub in list(self._messages.get((message.name, message.correlation_key), ())):
            if self._correlate(sub, message):
                self.drain()
                return message.correlated_to[-1]
        for definition in list(self.latest.values()):
            for start_id in definition.process.event_starts:
                event = definition.process.elements[start_id].event
                if event is not None and event.kind == "message" and event.name == message.name:
                    instance = self.start(definition, dict(message.variables), start_id)
                    message.correlated_to.append(instance.key)
                    self.drain()
                    return instance.key
        return None

    def broadcast(self, name: str, variables: dict[str, Any]) -> None:
        """Trigger every signal subscription and signal start event of ``name``."""
        for sub in list(self._signals.get(name, ())):
            self._trigger(sub, variables)
        for definition in list(self.latest.values()):
            for start_id in definition.process.event_starts:
                event = definition.process.elements[start_id].event
                if event is not None and event.kind == "signal" and event.name == name:
                    self.start(definition, dict(variables), start_id)
        self.drain()

    # ------------------------------------------------------------------ expressions

    def _eval(self, expression: str, variables: Mapping[str, Any], *types: feel.ResultType) -> Any:
        """A FEEL expression's value (as JSON), which must have one of ``types`` if given;
        a failure is the incident Zeebe raises for it."""
        now = datetime.fromtimestamp(self.engine.now_ms() / 1000, tz=timezone.utc)
        try:
            evaluation = feel.parse_expression(expression).evaluate(variables, now=now)
            if types:
                evaluation.expect(*types)
        except feel.FeelError as exc:
            raise _Incident(exc.incident_type, exc.message) from None
        return evaluation.json()

    def _property(self, text: str, variables: Mapping[str, Any], *types: feel.ResultType) -> Any:
        """An attribute that is FEEL when it starts with ``=``, else a static string."""
        return self._eval(text, variables, *types) if feel.is_expression(text) else text

    # ------------------------------------------------------------------ variables

    def _visible(self, node: Node) -> ChainMap[str, Any]:
        scopes: list[dict[str, Any]] = []
        current: Node | None = node
        while current is not None:
            scopes.append(current.record.variables)
            current = current.parent
        return ChainMap(*scopes)

    def _variable_key(self, scope: FakeElementInstance, name: str) -> None:
        if name not in scope.variable_keys:
            key = self.engine.key()
            scope.variable_keys[name] = key
            self.variable_scopes[key] = scope.key

    def forget_variables(self, scope: FakeElementInstance) -> None:
        """An element instance's record was evicted: so are its variables."""
        for key in scope.variable_keys.values():
            self.variable_scopes.pop(key, None)

    def _set(self, node: Node, name: str, value: Any) -> None:
        node.record.variables[name] = value
        self._variable_key(node.record, name)

    def _propagate(self, node: Node, variables: Mapping[str, Any]) -> None:
        """Write each variable to the nearest scope (from ``node`` up) that has it, else to
        the process."""
        for name, value in variables.items():
            target = node
            while name not in target.record.variables and target.parent is not None:
                target = target.parent
            self._set(target, name, value)

    def _mapped(self, mappings: list[IoMapping], variables: Mapping[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for mapping in mappings:
            value = self._eval(mapping.source, ChainMap(result, dict(variables)))
            _assign(result, mapping.target, value)
        return result

    # ------------------------------------------------------------------ lifecycle

    def _new_node(
        self, element: Element, scope: Node, *, inner: bool = False, body: bool = False
    ) -> Node:
        engine = self.engine
        run = scope.run
        record = FakeElementInstance(
            engine.key(),
            element.id,
            element.name,
            "MULTI_INSTANCE_BODY" if body else element.type,
            run.instance.key,
            run.instance.process_definition_id,
            run.instance.process_definition_key,
            scope.key,
            started_ms=engine.now_ms(),
        )
        engine.element_instances.add(record.key, record)
        node = Node(record, element, scope, run, inner=inner)
        scope.children[record.key] = node
        self.nodes[record.key] = node
        return node

    def _activate(
        self,
        element: Element,
        scope: Node,
        *,
        payload: dict[str, Any] | None = None,
        start_at: str | None = None,
    ) -> Node:
        if element.multi_instance is not None:
            node = self._new_node(element, scope, body=True)
            self._open_boundaries(node)
            self._guard(node, lambda: self._run_loop(node))
            return node
        node = self._new_node(element, scope)
        node.payload, node.start_at = payload, start_at
        self._open_boundaries(node)
        self._guard(node, lambda: self._behave(node))
        return node

    def _guard(self, node: Node, step: Callable[[], None]) -> None:
        """Run a step; an ``_Incident`` it raises waits on ``node`` and retries the step
        once resolved."""
        try:
            step()
        except _Incident as problem:
            if node.active:
                incident = self._incident_record(node, problem.error_type, problem.message)
                self._retries[incident.key] = lambda: self._guard(node, step)

    def _incident_record(
        self, node: Node | None, error_type: str, message: str, job: FakeJob | None = None
    ) -> FakeIncident:
        engine = self.engine
        if node is not None:
            instance = node.run.instance
            element_id, element_instance_key = node.record.element_id, node.key
        else:  # a standalone job
            assert job is not None
            instance = None
            element_id, element_instance_key = job.element_id, job.element_instance_key
        incident = FakeIncident(
            engine.key(),
            job.key if job else None,
            instance.key if instance else job.process_instance_key if job else "-1",
            instance.process_definition_id if instance else "standalone-job",
            instance.process_definition_key if instance else "-1",
            element_id,
            element_instance_key,
            message,
            error_type=error_type,
            created_ms=engine.now_ms(),
        )
        engine.incidents.add(incident.key, incident)
        if node is not None:
            node.record.incident_key = incident.key
            node.run.incidents.add(incident.key)
            node.run.instance.has_incident = True
        return incident

    def _behave(self, node: Node) -> None:
        element = node.element
        assert element is not None and node.parent is not None
        if element.inputs and not node.mapped:
            node.mapped = True
            for name, value in self._mapped(element.inputs, self._visible(node.parent)).items():
                self._set(node, name, value)
        kind = element.kind
        event = element.event.kind if element.event is not None else "none"
        if element.job_type is not None:
            self._create_job(node, element)
        elif kind in ("startEvent", "boundaryEvent", "task", "manualTask", "parallelGateway") or (
            kind == "intermediateThrowEvent" and event == "none"
        ):
            self._complete(node, node.payload or {})
        elif kind == "endEvent":
            self._end_event(node, event)
        elif kind == "intermediateThrowEvent":
            self._throw_event(node, event)
        elif kind in ("intermediateCatchEvent", "receiveTask"):
            if node.payload is not None:
                self._complete(node, node.payload)
            else:
                self._subscribe(node, element)
        elif kind == "userTask":
            self._create_user_task(node, element)
        elif kind == "scriptTask":
            value = self._eval(element.script or "", self._visible(node))
            self._complete(node, {element.result_variable or "": value})
        elif kind == "businessRuleTask":
            instance = node.run.instance
            try:
                output = self.engine.decisions.for_task(
                    self.engine,
                    element.decision_id or "",
                    dict(self._visible(node)),
                    (instance.key, instance.process_definition_key, node.key),
                )
            except DecisionFailed as exc:
                raise _Incident(exc.incident_type, exc.message) from None
            self._complete(node, {element.result_variable or "": output})
        elif kind == "exclusiveGateway":
            self._complete(node, {}, [self._choose(node, element)])
        elif kind == "eventBasedGateway":
            for flow in element.outgoing:
                self._subscribe(node, node.elements[flow.target])
        elif kind == "subProcess":
            self._open_scope_events(node)
            start = node.start_at or element.starts[0]
            self._activate(node.elements[start], node, payload=node.payload)
        elif kind == "callActivity":
            self._call(node, element)

    def _complete(
        self, node: Node, variables: Mapping[str, Any], flows: list[Flow] | None = None
    ) -> None:
        """Finish an element: map and propagate its variables, then leave it."""
        element = node.element
        assert element is not None and node.parent is not None
        if node.loop is None and element.outputs:
            for name, value in variables.items():
                self._set(node, name, value)
            results = self._mapped(element.outputs, self._visible(node))
            self._propagate(node.parent, results)
        elif node.loop is not None:
            self._propagate(node.parent, variables)
        else:
            self._propagate(node, variables)
        if node.inner:
            loop = node.parent.loop
            multi = element.multi_instance
            assert loop is not None and multi is not None
            if multi.output_element:
                loop.outputs[node.index] = self._eval(multi.output_element, self._visible(node))
                if multi.output_collection:
                    self._set(node.parent, multi.output_collection, list(loop.outputs))
        scope = node.parent
        self._end(node, "COMPLETED")
        if node.inner:
            self._inner_done(node, scope)
            return
        for flow in element.outgoing if flows is None else flows:
            self._take(flow, scope)
        self._check_scope(scope)

    def _end(self, node: Node, state: str) -> None:
        record = node.record
        record.state = state
        record.ended_ms = self.engine.now_ms()
        for sub in node.subscriptions:
            self._close(sub)
        node.subscriptions.clear()
        if node.parent is not None:
            node.parent.children.pop(node.key, None)
        self.nodes.pop(node.key, None)
        self.engine.element_instances.finish(node.key)
        if record.incident_key is not None:
            incident = self.engine.incidents.get(record.incident_key)
            if incident is not None and incident.state == "ACTIVE":
                incident.state = "RESOLVED"
                self.engine.incidents.finish(incident.key)
            node.run.incidents.discard(record.incident_key)
            self._retries.pop(record.incident_key, None)
            node.run.instance.has_incident = bool(node.run.incidents)
        if node.element is None:
            run = node.run
            run.instance.state = state
            run.instance.ended_ms = record.ended_ms
            self.runs.pop(run.instance.key, None)
            self.engine.instances.finish(run.instance.key)
            self.engine.notify()  # a creation may await this

    def _terminate(self, node: Node) -> None:
        """End an element and everything inside it, without leaving it."""
        for child in list(node.children.values()):
            self._terminate(child)
        engine = self.engine
        if node.job_key is not None:
            job = engine.jobs.get(node.job_key)
            if job is not None and job.state in (
                FakeJobState.ACTIVATABLE,
                FakeJobState.ACTIVATED,
                FakeJobState.FAILED,
            ):
                job.state = FakeJobState.CANCELED
                job.ended_ms = job.updated_ms = engine.now_ms()
                engine.jobs.finish(job.key)
        if node.user_task_key is not None:
            task = engine.user_tasks.get(node.user_task_key)
            if task is not None and task.state == "CREATED":
                task.state = "CANCELED"
                task.completed_ms = engine.now_ms()
                engine.user_tasks.finish(task.key)
        if node.child_instance is not None:
            child = self.nodes.get(node.child_instance)
            if child is not None:
                self._terminate(child)
        node.generation += 1
        node.in_flight = 0
        node.joins.clear()
        self._end(node, "TERMINATED")

    def _check_scope(self, scope: Node) -> None:
        """Complete a scope that has nothing left to do."""
        if (
            not scope.active
            or scope.children
            or scope.in_flight
            or scope.loop is not None
            or any(sum(c.values()) for c in scope.joins.values())
        ):
            return
        if scope.element is None:
            self._end(scope, "COMPLETED")
            parent = scope.run.parent
            if parent is not None and parent.active:
                element = parent.element
                assert element is not None
                variables = dict(scope.record.variables) if element.propagate_child else {}
                parent.child_instance = None
                self._guard(parent, lambda: self._complete(parent, variables))
        else:
            self._guard(scope, lambda: self._complete(scope, {}))

    def _take(self, flow: Flow, scope: Node) -> None:
        scope.in_flight += 1
        generation = scope.generation
        self._queue.append(lambda: self._arrive(flow, scope, generation))

    def _arrive(self, flow: Flow, scope: Node, generation: int) -> None:
        if generation != scope.generation or not scope.active:
            return
        scope.in_flight -= 1
        target = scope.elements[flow.target]
        if target.kind == "parallelGateway" and len(target.incoming) > 1:
            arrived = scope.joins.setdefault(target.id, Counter())
            arrived[flow.id] += 1
            if all(arrived[incoming] > 0 for incoming in target.incoming):
                arrived.subtract(target.incoming)
                self._activate(target, scope)
            return
        self._activate(target, scope)

    # ------------------------------------------------------------------ behaviours

    def _create_job(self, node: Node, element: Element) -> None:
        variables = self._visible(node)
        job_type = str(self._property(element.job_type or "", variables, "STRING"))
        retries = self._property(element.job_retries, variables, "NUMBER")
        try:
            retries = int(retries)
        except (TypeError, ValueError):
            raise _Incident(
                "EXTRACT_VALUE_ERROR", f"Expected retries to be a number, but was '{retries}'"
            ) from None
        engine = self.engine
        now = engine.now_ms()
        instance = node.run.instance
        job = FakeJob(
            engine.key(),
            job_type,
            retries,
            {},
            dict(element.headers),
            instance.key,
            instance.process_definition_id,
            instance.process_definition_key,
            instance.process_definition_version,
            element.id,
            node.key,
            created_ms=now,
            updated_ms=now,
        )
        node.job_key = job.key
        _jobs.enqueue(engine, job)
        engine.notify()

    def _create_user_task(self, node: Node, element: Element) -> None:
        engine = self.engine
        instance = node.run.instance
        assignee = element.assignee
        task = FakeUserTask(
            engine.key(),
            element.id,
            element.name,
            instance.key,
            instance.process_definition_id,
            instance.process_definition_key,
            instance.process_definition_version,
            node.key,
            created_ms=engine.now_ms(),
            assignee=None
            if assignee is None
            else str(self._property(assignee, self._visible(node), "STRING")),
        )
        node.user_task_key = task.key
        engine.user_tasks.add(task.key, task)

    def _choose(self, node: Node, element: Element) -> Flow:
        variables = self._visible(node)
        default: Flow | None = None
        for flow in element.outgoing:
            if flow.id == element.default_flow:
                default = flow
                continue
            if flow.condition is None:
                return flow
            if self._eval(flow.condition, variables, "BOOLEAN") is True:
                return flow
        if default is not None:
            return default
        raise _Incident(
            "CONDITION_ERROR",
            "Expected at least one condition to evaluate to true, or to have a default flow",
        )

    def _end_event(self, node: Node, event: str) -> None:
        element = node.element
        assert element is not None and node.parent is not None
        if event == "terminate":
            scope = node.parent
            for child in list(scope.children.values()):
                if child is not node:
                    self._terminate(child)
            scope.generation += 1
            scope.in_flight = 0
            scope.joins.clear()
            self._complete(node, {})
        elif event == "error":
            self._throw_error(node, self._code(node), None, {})
        else:
            self._throw_event(node, event)

    def _throw_event(self, node: Node, event: str) -> None:
        element = node.element
        assert element is not None and element.event is not None
        if event == "signal":
            self.broadcast(element.event.name or "", {})
        elif event == "escalation":
            self._throw_escalation(node, self._code(node))
        if node.active:
            self._complete(node, {})

    def _call(self, node: Node, element: Element) -> None:
        variables = self._visible(node)
        process_id = str(self._property(element.called_process or "", variables, "STRING"))
        definition = self.latest.get(process_id)
        if definition is None:
            raise _Incident(
                "CALLED_ELEMENT_ERROR",
                f"Expected process with BPMN process id "
                f"'{process_id}' to be deployed, but not found.",
            )
        if not definition.process.starts:
            raise _Incident(
                "CALLED_ELEMENT_ERROR",
                f"Expected process '{process_id}' to have a none start event",
            )
        passed = dict(variables) if element.propagate_parent else dict(node.record.variables)
        child = self.start(definition, passed, parent=node)
        if child.state == "ACTIVE":
            node.child_instance = child.key

    # ------------------------------------------------------------------ multi-instance

    def _run_loop(self, body: Node) -> None:
        element = body.element
        assert element is not None and element.multi_instance is not None and body.parent
        multi = element.multi_instance
        items = self._eval(multi.input_collection, self._visible(body.parent), "ARRAY")
        collection = cast("list[Any]", items)
        body.loop = _Loop(list(collection), [None] * len(collection))
        if multi.output_collection:
            self._set(body, multi.output_collection, list(body.loop.outputs))
        if not items:
            self._finish_loop(body)
        elif multi.sequential:
            self._spawn(body)
        else:
            for _ in collection:
                self._spawn(body)

    def _spawn(self, body: Node) -> None:
        element, loop = body.element, body.loop
        assert element is not None and element.multi_instance is not None and loop is not None
        index = loop.next
        loop.next += 1
        node = self._new_node(element, body, inner=True)
        node.index = index
        self._set(node, "loopCounter", index + 1)
        if element.multi_instance.input_element:
            self._set(node, element.multi_instance.input_element, loop.items[index])
        self._guard(node, lambda: self._behave(node))

    def _inner_done(self, node: Node, body: Node) -> None:
        element, loop = body.element, body.loop
        assert element is not None and element.multi_instance is not None and loop is not None
        loop.completed += 1
        condition = element.multi_instance.completion_condition
        if condition:
            counts = {
                "numberOfInstances": len(loop.items),
                "numberOfActiveInstances": len(body.children),
                "numberOfCompletedInstances": loop.completed,
                "numberOfTerminatedInstances": loop.terminated,
            }
            variables = ChainMap(counts, dict(node.record.variables), self._visible(body))
            if self._eval(condition, variables, "BOOLEAN") is True:
                for child in list(body.children.values()):
                    loop.terminated += 1
                    self._terminate(child)
                self._finish_loop(body)
                return
        if element.multi_instance.sequential and loop.next < len(loop.items):
            self._spawn(body)
        elif not body.children:
            self._finish_loop(body)

    def _finish_loop(self, body: Node) -> None:
        element = body.element
        assert element is not None and element.multi_instance is not None
        name = element.multi_instance.output_collection
        variables = {name: body.record.variables[name]} if name else {}
        self._complete(body, variables)

    # ------------------------------------------------------------------ events

    def _open_boundaries(self, node: Node) -> None:
        element = node.element
        assert element is not None
        for boundary_id in element.boundaries:
            boundary = node.elements[boundary_id]
            if boundary.event is not None and boundary.event.kind in ("timer", "message", "signal"):
                self._guard(node, lambda b=boundary: self._subscribe(node, b))

    def _open_scope_events(self, scope: Node) -> None:
        """Subscribe the message, timer and signal start events of a scope's event
        subprocesses."""
        scope_id = scope.element.id if scope.element else scope.run.definition.process.id
        _, subprocesses = scope.run.definition.process.scope_of(scope_id)
        for subprocess_id in subprocesses:
            for start_id in scope.elements[subprocess_id].starts:
                start = scope.elements[start_id]
                if start.event is not None and start.event.kind in ("timer", "message", "signal"):
                    self._guard(scope, lambda s=start: self._subscribe(scope, s))

    def _subscribe(self, node: Node, element: Element) -> None:
        """Wait at ``node`` for ``element``'s message, timer or signal."""
        event = element.event
        assert event is not None
        variables = self._visible(node)
        if event.kind == "timer":
            sub = _Subscription("timer", "", None, node, element)
            node.subscriptions.append(sub)
            self._arm_timer(sub, variables)
        elif event.kind == "signal":
            sub = _Subscription("signal", event.name or "", None, node, element)
            node.subscriptions.append(sub)
            self._signals.setdefault(sub.name, []).append(sub)
        elif event.kind == "message":
            key = self._property(event.correlation_key or "", variables, "STRING", "NUMBER")
            sub = _Subscription("message", event.name or "", str(key), node, element)
            node.subscriptions.append(sub)
            self._messages.setdefault((sub.name, str(key)), []).append(sub)
            self._queue.append(lambda: self._correlate_buffered(sub))

    def _close(self, sub: _Subscription) -> None:
        sub.open = False
        index: list[_Subscription] | None = None
        if sub.kind == "message":
            index = self._messages.get((sub.name, sub.correlation_key or ""))
        elif sub.kind == "signal":
            index = self._signals.get(sub.name)
        if index is not None and sub in index:
            index.remove(sub)

    def _arm_timer(self, sub: _Subscription, variables: Mapping[str, Any]) -> None:
        event = sub.element.event
        assert event is not None and event.timer is not None
        kind, text = event.timer
        value = self._property(text, variables, "STRING", "DATE_TIME", "DURATION", "PERIOD")
        try:
            sub.timer = schedule_timer(kind, value, self.engine.now_ms())
        except TimerError as exc:
            raise _Incident("EXTRACT_VALUE_ERROR", str(exc)) from None
        self.engine.schedule(sub.timer.due_ms, lambda: self._fire(sub))

    def _fire(self, sub: _Subscription) -> None:
        if not sub.open or sub.timer is None:
            return
        following = sub.timer.next()
        repeats = sub.node is None or not sub.element.interrupting
        self._trigger(sub, {})
        if following is not None and repeats and (sub.node is None or sub.node.active):
            sub.open = True
            sub.timer = following
            self.engine.schedule(following.due_ms, lambda: self._fire(sub))

    def _correlate_buffered(self, sub: _Subscription) -> None:
        if not sub.open or sub.node is None:
            return
        now = self.engine.now_ms()
        for message in self.engine.messages.waiting(sub.name, sub.correlation_key or ""):
            if message.expires_ms > now and self._correlate(sub, message):
                return

    def _correlate(self, sub: _Subscription, message: FakeMessage) -> bool:
        instance_key = sub.node.run.instance.key if sub.node is not None else ""
        if not sub.open or instance_key in message.correlated_to:
            return False
        message.correlated_to.append(instance_key)
        return self._trigger(sub, dict(message.variables))

    def _trigger(self, sub: _Subscription, variables: dict[str, Any]) -> bool:
        """An awaited event happened."""
        if not sub.open:
            return False
        node, element = sub.node, sub.element
        if node is None:  # a timer start event of a deployed process
            assert sub.definition is not None
            if self.latest.get(sub.definition.process.id) is sub.definition:
                self.start(sub.definition, variables, element.id)
            return True
        if not node.active:
            return False
        if element.interrupting or element.kind not in ("boundaryEvent", "startEvent"):
            self._close(sub)
        if node.element is not None and node.element.kind == "eventBasedGateway":
            scope = node.parent
            assert scope is not None
            self._end(node, "COMPLETED")
            self._activate(element, scope, payload=variables)
        elif element.kind in ("intermediateCatchEvent", "receiveTask"):
            self._guard(node, lambda: self._complete(node, variables))
        elif element.kind == "boundaryEvent":
            self._catch_at(node, element, variables)
        else:  # the start event of an event subprocess in scope ``node``
            self._catch_at(node, element, variables)
        return True

    def _catch_at(self, host: Node, element: Element, variables: dict[str, Any]) -> None:
        """Run a catching boundary event of ``host``, or an event subprocess of scope
        ``host`` (started by ``element``), interrupting ``host`` when it says so."""
        if element.kind == "boundaryEvent":
            scope = host.parent
            assert scope is not None
            if element.interrupting:
                self._terminate(host)
            self._activate(element, scope, payload=variables)
            return
        if element.interrupting:
            for child in list(host.children.values()):
                self._terminate(child)
            host.generation += 1
            host.in_flight = 0
            host.joins.clear()
            for sub in host.subscriptions:
                self._close(sub)
        subprocess = host.elements[element.scope]
        self._activate(subprocess, host, payload=variables, start_at=element.id)

    def _find_catch(self, node: Node, kind: str, code: str | None) -> tuple[Node, Element] | None:
        current: Node | None = node
        while current is not None:
            elements = current.elements
            candidates: list[Element] = []
            if current.element is not None and not current.inner:
                candidates = [elements[b] for b in current.element.boundaries]
            is_scope = current.element is None or (
                current.element.kind == "subProcess" and current.loop is None
            )
            if is_scope:
                scope_id = (
                    current.element.id if current.element else current.run.definition.process.id
                )
                for subprocess_id in current.run.definition.process.scope_of(scope_id)[1]:
                    candidates.extend(elements[s] for s in elements[subprocess_id].starts)
            matching = [c for c in candidates if c.event is not None and c.event.kind == kind]
            exact = [c for c in matching if c.event is not None and c.event.name == code]
            catch_all = [c for c in matching if c.event is not None and c.event.name is None]
            if exact or catch_all:
                return current, (exact or catch_all)[0]
            current = current.parent if current.parent is not None else current.run.parent
        return None

    def _code(self, node: Node) -> str | None:
        """The error or escalation code a throw event throws (static, or FEEL)."""
        element = node.element
        assert element is not None and element.event is not None
        code = element.event.name
        return None if code is None else str(self._property(code, self._visible(node), "STRING"))

    def _throw_error(
        self, node: Node, code: str | None, message: str | None, variables: dict[str, Any]
    ) -> None:
        """Throw a BPMN error from ``node``; its ``variables`` become the catch event's own
        (then output-mapped or propagated from it), as Zeebe sets them."""
        found = self._find_catch(node, "error", code)
        if found is None:
            detail = (
                f"Expected to throw an error event with the code '{code}'"
                + (f" with message '{message}'" if message else "")
                + ", but it was not caught. No error events are available in the scope."
            )
            incident = self._incident_record(node, "UNHANDLED_ERROR_EVENT", detail)
            self._retries[incident.key] = lambda: self._throw_error(node, code, message, variables)
            return
        host, element = found
        self._catch_at(host, element, dict(variables))

    def _throw_escalation(self, node: Node, code: str | None) -> None:
        """Escalate to the nearest catch event. The thrower goes on either way (unless an
        interrupting catch ended it); uncaught, Zeebe records ``NOT_ESCALATED`` and raises
        no incident: the fake records it too, and logs it."""
        element = node.element
        assert element is not None
        found = self._find_catch(node, "escalation", code)
        instance_key = node.run.instance.key
        self.engine.escalations.append(
            FakeEscalation(
                self.engine.key(),
                "NOT_ESCALATED" if found is None else "ESCALATED",
                code or "",
                element.id,
                "" if found is None else found[1].id,
                instance_key,
            )
        )
        if found is None:
            logger.info(
                "escalation '%s' thrown by '%s' in process instance %s was not caught; "
                "the instance goes on",
                code,
                element.id,
                instance_key,
            )
            return
        host, catch = found
        self._catch_at(host, catch, {})
