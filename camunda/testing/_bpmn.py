"""The BPMN model the fake cluster runs: ``parse_bpmn`` turns a document into ``Process``es.

Supported (as Camunda 8.9 runs them): start events (none, message, timer, signal; inside
event subprocesses also error and escalation), end events (none, error, escalation,
signal, message, terminate), intermediate catch events (message, timer, signal),
intermediate throw events (none, signal, escalation, message), boundary events (error,
timer, message, signal, escalation; interrupting or not), service, send, user, receive,
script, business rule, manual and undefined tasks, embedded and event subprocesses,
call activities, exclusive, parallel and event-based gateways, multi-instance markers,
``zeebe:ioMapping``, ``zeebe:taskDefinition``, ``zeebe:taskHeaders``, ``zeebe:script``,
``zeebe:calledDecision``, ``zeebe:calledElement``, ``zeebe:subscription``. Anything
else is refused with a :class:`BpmnError` that names the element.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from camunda.testing import feel

__all__ = [
    "BpmnError",
    "Element",
    "EventDefinition",
    "Flow",
    "IoMapping",
    "MultiInstance",
    "Process",
    "parse_bpmn",
]

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"
_B = f"{{{BPMN_NS}}}"
_Z = f"{{{ZEEBE_NS}}}"

# BPMN tag -> the element instance type the REST API reports.
ELEMENT_TYPES: dict[str, str] = {
    "startEvent": "START_EVENT",
    "endEvent": "END_EVENT",
    "intermediateCatchEvent": "INTERMEDIATE_CATCH_EVENT",
    "intermediateThrowEvent": "INTERMEDIATE_THROW_EVENT",
    "boundaryEvent": "BOUNDARY_EVENT",
    "serviceTask": "SERVICE_TASK",
    "sendTask": "SEND_TASK",
    "userTask": "USER_TASK",
    "receiveTask": "RECEIVE_TASK",
    "scriptTask": "SCRIPT_TASK",
    "businessRuleTask": "BUSINESS_RULE_TASK",
    "manualTask": "MANUAL_TASK",
    "task": "TASK",
    "subProcess": "SUB_PROCESS",
    "callActivity": "CALL_ACTIVITY",
    "exclusiveGateway": "EXCLUSIVE_GATEWAY",
    "parallelGateway": "PARALLEL_GATEWAY",
    "eventBasedGateway": "EVENT_BASED_GATEWAY",
}
ACTIVITIES = frozenset(
    {
        "serviceTask",
        "sendTask",
        "userTask",
        "receiveTask",
        "scriptTask",
        "businessRuleTask",
        "manualTask",
        "task",
        "subProcess",
        "callActivity",
    }
)
# Which event definitions each event kind may carry ("none" = no definition).
_EVENTS: dict[str, frozenset[str]] = {
    "startEvent": frozenset({"none", "message", "timer", "signal"}),
    "endEvent": frozenset({"none", "error", "escalation", "signal", "message", "terminate"}),
    "intermediateCatchEvent": frozenset({"message", "timer", "signal"}),
    "intermediateThrowEvent": frozenset({"none", "signal", "escalation", "message"}),
    "boundaryEvent": frozenset({"error", "timer", "message", "signal", "escalation"}),
}
_EVENT_SUBPROCESS_STARTS = frozenset({"message", "timer", "signal", "error", "escalation"})
# Top-level definitions that processes refer to.
_GLOBAL_DEFINITIONS = frozenset(
    {
        "collaboration",
        "message",
        "error",
        "signal",
        "escalation",
        "extensionElements",
        "documentation",
    }
)
# Children of a flow node that carry no behaviour here.
_PASSIVE = frozenset(
    {
        "incoming",
        "outgoing",
        "documentation",
        "extensionElements",
        "laneSet",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "dataInputAssociation",
        "dataOutputAssociation",
        "ioSpecification",
        "property",
        "textAnnotation",
        "association",
        "group",
        "category",
    }
)


class BpmnError(ValueError):
    """The resource is not BPMN the fake cluster can run."""


@dataclass(frozen=True)
class IoMapping:
    """One ``zeebe:input`` / ``zeebe:output``: a FEEL ``source`` into a ``target`` path."""

    source: str
    target: str


@dataclass
class EventDefinition:
    """What an event waits for or throws.

    ``kind`` is ``none``, ``message``, ``timer``, ``signal``, ``error``, ``escalation`` or
    ``terminate``; ``name`` the message/signal name or error/escalation code (None: catch
    all); ``correlation_key`` a message's FEEL key; ``timer`` is ``(kind, expression)``
    with kind ``timeDate``, ``timeDuration`` or ``timeCycle``.
    """

    kind: str
    name: str | None = None
    correlation_key: str | None = None
    timer: tuple[str, str] | None = None


@dataclass
class MultiInstance:
    sequential: bool
    input_collection: str
    input_element: str | None = None
    output_collection: str | None = None
    output_element: str | None = None
    completion_condition: str | None = None


@dataclass
class Flow:
    id: str
    source: str
    target: str
    condition: str | None = None


@dataclass
class Element:
    """A flow node. ``scope`` is the id of the process or subprocess that holds it."""

    id: str
    kind: str
    scope: str
    name: str | None = None
    event: EventDefinition | None = None
    outgoing: list[Flow] = field(default_factory=list[Flow])
    incoming: list[str] = field(default_factory=list[str])
    default_flow: str | None = None
    inputs: list[IoMapping] = field(default_factory=list[IoMapping])
    outputs: list[IoMapping] = field(default_factory=list[IoMapping])
    job_type: str | None = None
    job_retries: str = "3"
    headers: dict[str, str] = field(default_factory=dict[str, str])
    multi_instance: MultiInstance | None = None
    attached_to: str | None = None
    interrupting: bool = True
    boundaries: list[str] = field(default_factory=list[str])
    script: str | None = None
    result_variable: str | None = None
    decision_id: str | None = None
    called_process: str | None = None
    propagate_parent: bool = True
    propagate_child: bool = True
    user_task: bool = False
    assignee: str | None = None
    triggered_by_event: bool = False
    starts: list[str] = field(default_factory=list[str])
    """For a subprocess: its none start event(s)."""
    event_subprocesses: list[str] = field(default_factory=list[str])

    @property
    def type(self) -> str:
        if self.kind == "subProcess" and self.triggered_by_event:
            return "EVENT_SUB_PROCESS"
        return ELEMENT_TYPES[self.kind]

    @property
    def is_job(self) -> bool:
        return self.job_type is not None


@dataclass
class Process:
    """An executable process. Its own scope is ``id``; ``starts`` its none start event,
    ``event_starts`` its message/timer/signal start events."""

    id: str
    name: str | None
    elements: dict[str, Element]
    starts: list[str]
    event_starts: list[str]
    event_subprocesses: list[str]

    def scope_of(self, scope_id: str) -> tuple[list[str], list[str]]:
        """The none starts and the event subprocesses of a scope (process or subprocess)."""
        if scope_id == self.id:
            return self.starts, self.event_subprocesses
        scope = self.elements[scope_id]
        return scope.starts, scope.event_subprocesses


class _Parser:
    def __init__(self, resource_name: str, root: ET.Element) -> None:
        self.resource = resource_name
        self.messages: dict[str, tuple[str | None, str | None]] = {}
        self.codes: dict[str, str | None] = {}
        for node in root:
            tag = _local(node.tag)
            node_id = node.get("id") or ""
            if tag == "message":
                subscription = node.find(f"{_B}extensionElements/{_Z}subscription")
                key = subscription.get("correlationKey") if subscription is not None else None
                self.messages[node_id] = (node.get("name"), key)
            elif tag == "error":
                self.codes[node_id] = node.get("errorCode")
            elif tag == "escalation":
                self.codes[node_id] = node.get("escalationCode")
            elif tag == "signal":
                self.codes[node_id] = node.get("name")

    def process(self, node: ET.Element) -> Process:
        process_id = node.get("id") or ""
        if not process_id:
            raise BpmnError(f"{self.resource}: a process has no id")
        self.where = f"{self.resource}, process '{process_id}'"
        elements: dict[str, Element] = {}
        flows: list[Flow] = []
        self._scope(node, process_id, elements, flows)
        for flow in flows:
            source, target = elements.get(flow.source), elements.get(flow.target)
            if source is None or target is None:
                raise BpmnError(f"{self.where}: sequenceFlow '{flow.id}' connects unknown elements")
            if flow.condition is not None and source.kind != "exclusiveGateway":
                raise BpmnError(
                    f"{self.where}: conditional sequenceFlow '{flow.id}' leaves "
                    f"{source.kind} '{source.id}'; only exclusive gateways take "
                    "conditions"
                )
            source.outgoing.append(flow)
            target.incoming.append(flow.id)
        for element in elements.values():
            self._check(element, elements)
            for text in _expressions(element):
                self._parse(f"{element.kind} '{element.id}'", text)
        for flow in flows:
            if flow.condition is not None:
                self._parse(f"sequenceFlow '{flow.id}'", flow.condition)
        starts, event_starts, subprocesses = _starts(elements, process_id)
        if not starts and not event_starts:
            raise BpmnError(f"{self.where}: has no start event")
        return Process(process_id, node.get("name"), elements, starts, event_starts, subprocesses)

    def _parse(self, what: str, text: str) -> None:
        """Refuse FEEL that does not parse, as the real deployment does."""
        try:
            feel.parse_expression(text)
        except feel.FeelError as exc:
            raise BpmnError(f"{self.where}: {what}: {exc.message}") from None

    def _check(self, element: Element, elements: dict[str, Element]) -> None:
        if element.kind == "boundaryEvent":
            host = elements.get(element.attached_to or "")
            if host is None or host.kind not in ACTIVITIES:
                raise BpmnError(
                    f"{self.where}: boundaryEvent '{element.id}' is not attached to an activity"
                )
            host.boundaries.append(element.id)
        if element.kind == "eventBasedGateway":
            for flow in element.outgoing:
                target = elements[flow.target]
                if target.kind != "intermediateCatchEvent":
                    raise BpmnError(
                        f"{self.where}: eventBasedGateway '{element.id}' leads to "
                        f"{target.kind} '{target.id}'; it needs catch events"
                    )
        if element.default_flow is not None and all(
            f.id != element.default_flow for f in element.outgoing
        ):
            raise BpmnError(
                f"{self.where}: the default flow of '{element.id}' is not one of its outgoing flows"
            )

    def _scope(
        self, node: ET.Element, scope_id: str, elements: dict[str, Element], flows: list[Flow]
    ) -> None:
        for child in node:
            if not child.tag.startswith(_B):
                continue
            tag = _local(child.tag)
            element_id = child.get("id") or "?"
            if tag in _PASSIVE or tag == "multiInstanceLoopCharacteristics":  # read by
                continue  # _element, for the subprocess that holds it
            if tag == "sequenceFlow":
                condition = child.find(f"{_B}conditionExpression")
                text = (condition.text or "").strip() if condition is not None else None
                flows.append(
                    Flow(
                        element_id,
                        child.get("sourceRef") or "",
                        child.get("targetRef") or "",
                        text or None,
                    )
                )
            elif tag in ELEMENT_TYPES:
                element = self._element(tag, element_id, scope_id, child)
                if element_id in elements:
                    raise BpmnError(f"{self.where}: the id '{element_id}' is used twice")
                elements[element_id] = element
                if tag == "subProcess":
                    self._scope(child, element_id, elements, flows)
            else:
                raise BpmnError(
                    f"{self.where}: unsupported BPMN element '{tag}' (id '{element_id}')"
                )

    def _element(self, tag: str, element_id: str, scope: str, node: ET.Element) -> Element:
        where = f"{self.where}: {tag} '{element_id}'"
        element = Element(element_id, tag, scope, node.get("name"))
        element.default_flow = node.get("default")
        for child in node:
            name = _local(child.tag)
            if not child.tag.startswith(_B) or name in _PASSIVE or name.endswith("EventDefinition"):
                continue
            if name == "multiInstanceLoopCharacteristics" and tag in ACTIVITIES:
                element.multi_instance = self._multi_instance(where, child)
            elif tag != "subProcess":
                raise BpmnError(f"{where}: '{name}' inside it is not supported")
        if tag in _EVENTS:
            element.event = self._event(where, tag, node)
        if tag == "receiveTask" and node.get("messageRef"):
            name, key = self.messages.get(node.get("messageRef") or "", (None, None))
            if name is None:
                raise BpmnError(f"{where}: its message has no name")
            element.event = EventDefinition("message", name, key)
        if tag == "boundaryEvent":
            element.attached_to = node.get("attachedToRef")
            element.interrupting = node.get("cancelActivity", "true") != "false"
        if tag == "startEvent":
            element.interrupting = node.get("isInterrupting", "true") != "false"
        if tag == "subProcess":
            element.triggered_by_event = node.get("triggeredByEvent") == "true"
        ext = node.find(f"{_B}extensionElements")
        if ext is not None:
            self._extensions(where, element, ext)
        self._behaviour(where, element)
        return element

    def _event(self, where: str, tag: str, node: ET.Element) -> EventDefinition:
        definitions = [c for c in node if _local(c.tag).endswith("EventDefinition")]
        if len(definitions) > 1:
            raise BpmnError(f"{where}: several event definitions are not supported")
        if not definitions:
            event = EventDefinition("none")
        else:
            definition = definitions[0]
            kind = _local(definition.tag).removesuffix("EventDefinition")
            event = EventDefinition(kind)
            if kind == "message":
                name, key = self.messages.get(definition.get("messageRef") or "", (None, None))
                if name is None:
                    raise BpmnError(f"{where}: its message has no name")
                event.name, event.correlation_key = name, key
            elif kind in ("error", "escalation", "signal"):
                ref = definition.get(f"{kind}Ref")
                event.name = self.codes.get(ref) if ref else None
                if kind == "signal" and not event.name:
                    raise BpmnError(f"{where}: its signal has no name")
            elif kind == "timer":
                for timer_kind in ("timeDate", "timeDuration", "timeCycle"):
                    timer = definition.find(f"{_B}{timer_kind}")
                    if timer is not None and (timer.text or "").strip():
                        event.timer = (timer_kind, (timer.text or "").strip())
                if event.timer is None:
                    raise BpmnError(f"{where}: its timer has no date, duration or cycle")
        allowed = _EVENTS[tag]
        if event.kind not in allowed and not (
            tag == "startEvent" and event.kind in _EVENT_SUBPROCESS_STARTS
        ):
            raise BpmnError(f"{where}: a {event.kind} {tag} is not supported")
        return event

    def _multi_instance(self, where: str, node: ET.Element) -> MultiInstance:
        loop = node.find(f"{_B}extensionElements/{_Z}loopCharacteristics")
        if loop is None or not loop.get("inputCollection"):
            raise BpmnError(
                f"{where}: multi-instance needs zeebe:loopCharacteristics with an inputCollection"
            )
        condition = node.find(f"{_B}completionCondition")
        return MultiInstance(
            node.get("isSequential") == "true",
            loop.get("inputCollection") or "",
            loop.get("inputElement"),
            loop.get("outputCollection"),
            loop.get("outputElement"),
            (condition.text or "").strip() or None if condition is not None else None,
        )

    def _extensions(self, where: str, element: Element, ext: ET.Element) -> None:
        for item in ext:
            name = _local(item.tag)
            if name == "ioMapping":
                for mapping in item:
                    pair = IoMapping(mapping.get("source") or "null", mapping.get("target") or "")
                    if not pair.target:
                        raise BpmnError(f"{where}: a zeebe:ioMapping entry has no target")
                    (element.inputs if _local(mapping.tag) == "input" else element.outputs).append(
                        pair
                    )
            elif name == "taskDefinition":
                element.job_type = item.get("type") or ""
                element.job_retries = item.get("retries") or "3"
            elif name == "taskHeaders":
                element.headers = {h.get("key") or "": h.get("value") or "" for h in item}
            elif name == "script":
                element.script = item.get("expression")
                element.result_variable = item.get("resultVariable")
            elif name == "calledDecision":
                element.decision_id = item.get("decisionId")
                element.result_variable = item.get("resultVariable")
            elif name == "calledElement":
                element.called_process = item.get("processId")
                element.propagate_parent = item.get("propagateAllParentVariables") != "false"
                element.propagate_child = item.get("propagateAllChildVariables") != "false"
            elif name == "userTask":
                element.user_task = True
            elif name == "assignmentDefinition":
                element.assignee = item.get("assignee")

    def _behaviour(self, where: str, element: Element) -> None:
        kind = element.kind
        throws_message = (
            element.event is not None
            and element.event.kind == "message"
            and (kind in ("endEvent", "intermediateThrowEvent"))
        )
        if (
            kind in ("serviceTask", "sendTask")
            or throws_message
            or (kind in ("scriptTask", "businessRuleTask") and element.job_type is not None)
        ):
            if not element.job_type:
                raise BpmnError(f"{where}: has no zeebe:taskDefinition type")
            return
        element.job_type = None
        if kind == "scriptTask" and not (element.script and element.result_variable):
            raise BpmnError(
                f"{where}: needs a zeebe:script expression and resultVariable "
                "(or a zeebe:taskDefinition)"
            )
        if kind == "businessRuleTask" and not (element.decision_id and element.result_variable):
            raise BpmnError(
                f"{where}: needs a zeebe:calledDecision with decisionId and "
                "resultVariable (or a zeebe:taskDefinition)"
            )
        if kind == "callActivity" and not element.called_process:
            raise BpmnError(f"{where}: needs a zeebe:calledElement processId")
        if kind == "receiveTask" and element.event is None:
            raise BpmnError(f"{where}: needs a messageRef")
        if (
            kind in ("receiveTask", "intermediateCatchEvent", "boundaryEvent")
            and element.event is not None
            and element.event.kind == "message"
            and not element.event.correlation_key
        ):
            raise BpmnError(f"{where}: its message needs a zeebe:subscription correlationKey")


def _starts(
    elements: dict[str, Element], process_id: str
) -> tuple[list[str], list[str], list[str]]:
    """Fill every subprocess's starts; return the process's own."""
    starts: list[str] = []
    event_starts: list[str] = []
    subprocesses: list[str] = []
    for element in elements.values():
        owner = elements.get(element.scope)
        if element.kind == "subProcess" and element.triggered_by_event:
            if owner is None:
                subprocesses.append(element.id)
            else:
                owner.event_subprocesses.append(element.id)
        if element.kind != "startEvent":
            continue
        is_none = element.event is None or element.event.kind == "none"
        if owner is None:
            (starts if is_none else event_starts).append(element.id)
        elif owner.triggered_by_event or is_none:
            owner.starts.append(element.id)
        else:
            raise BpmnError(f"startEvent '{element.id}': only event subprocesses start on an event")
    return starts, event_starts, subprocesses


def _expressions(element: Element) -> list[str]:
    """The FEEL expressions of an element (attributes that start with ``=``, and those that
    are always FEEL)."""
    event = element.event
    multi = element.multi_instance
    texts = [m.source for m in element.inputs + element.outputs]
    texts += [
        t
        for t in (
            element.job_type,
            element.job_retries,
            element.called_process,
            element.assignee,
            event.correlation_key if event else None,
            event.timer[1] if event and event.timer else None,
        )
        if t and t.lstrip().startswith("=")
    ]
    if element.script:
        texts.append(element.script)
    if multi is not None:
        texts += [
            t
            for t in (multi.input_collection, multi.output_element, multi.completion_condition)
            if t
        ]
    return texts


def parse_bpmn(resource_name: str, data: bytes) -> list[Process]:
    """The executable processes of a BPMN document (message definitions resolved)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise BpmnError(f"{resource_name}: not well-formed XML: {exc}") from None
    if root.tag != f"{_B}definitions":
        raise BpmnError(f"{resource_name}: the root element is not a BPMN 'definitions'")
    parser = _Parser(resource_name, root)
    processes: list[Process] = []
    for node in root:
        tag = _local(node.tag)
        if tag == "process":
            processes.append(parser.process(node))
        elif node.tag.startswith(_B) and tag not in _GLOBAL_DEFINITIONS:
            raise BpmnError(f"{resource_name}: unsupported BPMN element '{tag}'")
    if not processes:
        raise BpmnError(f"{resource_name}: no process found")
    return processes


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
