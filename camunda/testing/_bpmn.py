"""The BPMN subset the fake cluster runs: one straight path of tasks.

Supported: ``process``, a none ``startEvent``, none ``endEvent``s, ``serviceTask`` with a
``zeebe:taskDefinition`` of a static type, ``userTask`` and unconditional
``sequenceFlow``s, each element with at most one outgoing flow. Anything else is
rejected with a :class:`BpmnError` that names the element.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["BpmnError", "Element", "Process", "parse_bpmn"]

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"

Kind = Literal["startEvent", "endEvent", "serviceTask", "userTask"]
_KINDS: frozenset[str] = frozenset({"startEvent", "endEvent", "serviceTask", "userTask"})
# Top-level definitions that processes may refer to; harmless when unused.
_GLOBAL_DEFINITIONS = frozenset({"collaboration", "message", "error", "signal", "escalation"})
# Children of flow nodes that carry no behaviour in this subset.
_IGNORED_CHILDREN = frozenset({"incoming", "outgoing", "documentation", "extensionElements"})


class BpmnError(ValueError):
    """The resource is not BPMN the fake cluster can run."""


@dataclass
class Element:
    id: str
    kind: Kind
    name: str | None = None
    job_type: str | None = None
    retries: int = 3
    headers: dict[str, str] = field(default_factory=dict[str, str])
    next: str | None = None


@dataclass
class Process:
    id: str
    name: str | None
    start: str
    elements: dict[str, Element]


def parse_bpmn(resource_name: str, data: bytes) -> list[Process]:
    """The executable processes of a BPMN document."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise BpmnError(f"{resource_name}: not well-formed XML: {exc}") from None
    if root.tag != f"{{{BPMN_NS}}}definitions":
        raise BpmnError(f"{resource_name}: the root element is not a BPMN 'definitions'")
    processes: list[Process] = []
    for node in root:
        tag = _local(node.tag)
        if tag == "process":
            processes.append(_process(resource_name, node))
        elif tag not in _GLOBAL_DEFINITIONS and node.tag.startswith(f"{{{BPMN_NS}}}"):
            raise BpmnError(f"{resource_name}: unsupported BPMN element '{tag}'")
    if not processes:
        raise BpmnError(f"{resource_name}: no process found")
    return processes


def _process(resource_name: str, node: ET.Element) -> Process:
    process_id = node.get("id") or ""
    if not process_id:
        raise BpmnError(f"{resource_name}: a process has no id")
    where = f"{resource_name}, process '{process_id}'"
    elements: dict[str, Element] = {}
    flows: list[tuple[str, str, str]] = []
    for child in node:
        if not child.tag.startswith(f"{{{BPMN_NS}}}"):
            continue
        tag = _local(child.tag)
        element_id = child.get("id") or "?"
        if tag in ("documentation", "extensionElements", "laneSet"):
            continue
        if tag == "sequenceFlow":
            if child.find(f"{{{BPMN_NS}}}conditionExpression") is not None:
                raise BpmnError(
                    f"{where}: conditional sequenceFlow '{element_id}' is not supported"
                )
            flows.append((element_id, child.get("sourceRef") or "", child.get("targetRef") or ""))
        elif tag in _KINDS:
            elements[element_id] = _element(where, tag, element_id, child)
        else:
            raise BpmnError(f"{where}: unsupported BPMN element '{tag}' (id '{element_id}')")
    for flow_id, source, target in flows:
        if source not in elements or target not in elements:
            raise BpmnError(f"{where}: sequenceFlow '{flow_id}' connects unknown elements")
        if elements[source].next is not None:
            raise BpmnError(
                f"{where}: element '{source}' has several outgoing flows; only one path is "
                "supported"
            )
        elements[source].next = target
    starts = [e.id for e in elements.values() if e.kind == "startEvent"]
    if len(starts) != 1:
        raise BpmnError(f"{where}: needs exactly one startEvent, found {len(starts)}")
    for element in elements.values():
        if element.kind != "endEvent" and element.next is None:
            raise BpmnError(f"{where}: {element.kind} '{element.id}' has no outgoing flow")
    return Process(process_id, node.get("name"), starts[0], elements)


def _element(where: str, tag: str, element_id: str, node: ET.Element) -> Element:
    for child in node:
        name = _local(child.tag)
        if child.tag.startswith(f"{{{BPMN_NS}}}") and name not in _IGNORED_CHILDREN:
            raise BpmnError(
                f"{where}: '{name}' inside {tag} '{element_id}' is not supported"
            )
    element = Element(element_id, tag, node.get("name"))  # type: ignore[arg-type]
    if tag == "serviceTask":
        definition = node.find(f".//{{{ZEEBE_NS}}}taskDefinition")
        job_type = definition.get("type") if definition is not None else None
        if not job_type:
            raise BpmnError(f"{where}: serviceTask '{element_id}' has no zeebe:taskDefinition type")
        if job_type.startswith("="):
            raise BpmnError(
                f"{where}: serviceTask '{element_id}' has an expression as job type; "
                "only static types are supported"
            )
        element.job_type = job_type
        retries = definition.get("retries", "3") if definition is not None else "3"
        if not retries.isdigit():
            raise BpmnError(f"{where}: serviceTask '{element_id}' has non-numeric retries")
        element.retries = int(retries)
        element.headers = {
            header.get("key") or "": header.get("value") or ""
            for header in node.iterfind(f".//{{{ZEEBE_NS}}}header")
        }
    return element


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
