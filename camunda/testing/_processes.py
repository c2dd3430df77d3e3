"""Deployments, process definitions and instances, element instances, variables and
statistics: their routes, handlers and wire shapes."""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from camunda.models.element_instances import ElementInstanceSearchRequest, SetVariablesRequest
from camunda.models.process_definitions import (
    ProcessDefinitionElementStatisticsRequest,
    ProcessDefinitionSearchRequest,
)
from camunda.models.process_instances import (
    CancelProcessInstanceRequest,
    CreateProcessInstanceByIdRequest,
    CreateProcessInstanceByKeyRequest,
    CreateProcessInstanceRequest,
    ProcessInstanceSearchRequest,
)
from camunda.models.variables import VariableSearchRequest
from camunda.testing._bpmn import BpmnError, parse_bpmn
from camunda.testing._execution import Definition
from camunda.testing._jobs import check_tenant
from camunda.testing._protocol import (
    NO_CONTENT,
    TENANT,
    Call,
    Pending,
    Problem,
    Reply,
    Route,
    getter,
    iso,
    json_reply,
    multipart_files,
    not_found,
    problem_reply,
    searcher,
    validate,
)
from camunda.testing._search import value_matches, variables_filter

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda.testing._bpmn import Process
    from camunda.testing._engine import Engine
    from camunda.testing._records import FakeElementInstance, FakeProcessInstance

__all__ = ["ROUTES"]

DEFAULT_AWAIT = 10.0  # seconds an awaited creation waits when requestTimeout is 0


def deploy(engine: Engine, _call: Call, body: bytes, content_type: str) -> Reply:
    resources = multipart_files(body, content_type)
    if not resources:
        raise Problem(400, "INVALID_ARGUMENT", "the deployment has no 'resources' part")
    parsed: list[tuple[str, bytes, Any]] = []
    decisions: list[tuple[str, bytes]] = []
    for name, data in resources:
        if name.endswith(".dmn"):
            decisions.append((name, data))
            continue
        if not name.endswith(".bpmn"):
            raise Problem(
                400,
                "INVALID_ARGUMENT",
                f"{name}: only BPMN (.bpmn) and DMN (.dmn) resources are supported "
                "by the fake cluster",
            )
        try:
            parsed.extend((name, data, process) for process in parse_bpmn(name, data))
        except BpmnError as exc:
            raise Problem(400, "INVALID_ARGUMENT", str(exc)) from None
    with engine.lock:
        runtime = engine.runtime
        deployment_key = engine.key()
        deployed: list[dict[str, Any]] = []
        for name, data in decisions:
            deployed.extend(engine.decisions.deploy(engine, name, data))
        for name, data, process in parsed:
            previous = runtime.latest.get(process.id)
            if previous is not None and previous.resource_name == name and previous.xml == data:
                definition = previous  # an identical resource: same version, same key
            else:
                definition = Definition(
                    engine.key(),
                    previous.version + 1 if previous else 1,
                    name,
                    data,
                    process,
                    deployment_key,
                )
                runtime.deployed(definition)
            deployed.append(
                {
                    "processDefinition": {
                        "processDefinitionId": process.id,
                        "processDefinitionVersion": definition.version,
                        "resourceName": name,
                        "tenantId": TENANT,
                        "processDefinitionKey": definition.key,
                    },
                    "decisionDefinition": None,
                    "decisionRequirements": None,
                    "form": None,
                    "resource": None,
                }
            )
        runtime.drain()
        return json_reply(
            {"deploymentKey": deployment_key, "tenantId": TENANT, "deployments": deployed}
        )


def create_instance(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply | Pending:
    request: CreateProcessInstanceByKeyRequest | CreateProcessInstanceByIdRequest = validate(
        CreateProcessInstanceRequest, body
    )
    check_tenant(request.tenant_id)
    if request.runtime_instructions:
        raise Problem(
            501,
            "NOT_IMPLEMENTED",
            "the fake cluster does not support 'runtimeInstructions' in createProcessInstance",
        )
    start_before = [i.element_id for i in request.start_instructions or ()]
    with engine.lock:
        engine.run_due()
        definition = _find_definition(engine, request)
        if start_before:
            _check_start_instructions(definition.process, start_before)
        elif not definition.process.starts:
            raise Problem(
                400,
                "INVALID_ARGUMENT",
                f"Expected to create an instance of process "
                f"'{definition.process.id}', but it has no none start event",
            )
        instance = engine.runtime.start(
            definition, dict(request.variables or {}), start_before=start_before
        )
        engine.runtime.drain()

        def created(variables: dict[str, Any]) -> Reply:
            return json_reply(
                {
                    "processDefinitionId": definition.process.id,
                    "processDefinitionKey": definition.key,
                    "processDefinitionVersion": definition.version,
                    "tenantId": TENANT,
                    "variables": variables,
                    "processInstanceKey": instance.key,
                    "tags": request.tags or [],
                    "businessId": request.business_id,
                }
            )

        if not request.await_completion:
            return created(dict(request.variables or {}))
        fetch = request.fetch_variables

        def attempt() -> Reply | None:
            if instance.state == "ACTIVE":
                return None
            if instance.state != "COMPLETED":
                return problem_reply(
                    call,
                    Problem(
                        409,
                        "INVALID_STATE",
                        f"Expected to await the completion of process "
                        f"instance '{instance.key}', but it was terminated",
                    ),
                )
            variables = instance.variables
            return created(
                {name: value for name, value in variables.items() if fetch is None or name in fetch}
            )

        def expire() -> Reply:
            return problem_reply(
                call,
                Problem(
                    504,
                    "DEADLINE_EXCEEDED",
                    f"Expected to await the completion of process "
                    f"instance '{instance.key}' within the request timeout, but it is still active",
                ),
            )

        seconds = (request.request_timeout or 0) / 1000 or DEFAULT_AWAIT
        return attempt() or Pending(attempt, expire, time.monotonic() + seconds, engine.epoch)


_NO_START_INSTRUCTION = frozenset({"startEvent", "boundaryEvent"})


def _check_start_instructions(process: Process, element_ids: list[str]) -> None:
    """Refuse what Zeebe refuses: unknown elements, elements inside a multi-instance
    subprocess, start and boundary events, the events after an event-based gateway."""
    expected = "Expected to create instance of process with start instructions but "
    elements = process.elements
    for element_id in element_ids:
        element = elements.get(element_id)
        if element is None:
            raise Problem(
                400, "INVALID_ARGUMENT", f"{expected}no element found with id '{element_id}'."
            )
        scope = elements.get(element.scope)
        while scope is not None:
            if scope.multi_instance is not None:
                raise Problem(
                    400,
                    "INVALID_ARGUMENT",
                    f"{expected}the element with id "
                    f"'{element_id}' is inside a multi-instance subprocess. The "
                    "creation of elements inside a multi-instance subprocess is "
                    "not supported.",
                )
            scope = elements.get(scope.scope)
        if element.kind in _NO_START_INSTRUCTION:
            raise Problem(
                400,
                "INVALID_ARGUMENT",
                f"{expected}the element with id "
                f"'{element_id}' targets unsupported element type '{element.type}'.",
            )
        if any(
            other.kind == "eventBasedGateway"
            and any(flow.target == element_id for flow in other.outgoing)
            for other in elements.values()
        ):
            raise Problem(
                400,
                "INVALID_ARGUMENT",
                f"{expected}the element with id "
                f"'{element_id}' belongs to an event-based gateway. The creation of "
                "elements belonging to an event-based gateway is not supported.",
            )


def _find_definition(
    engine: Engine, request: CreateProcessInstanceByKeyRequest | CreateProcessInstanceByIdRequest
) -> Definition:
    runtime = engine.runtime
    if isinstance(request, CreateProcessInstanceByKeyRequest):
        definition = runtime.definitions.get(request.process_definition_key)
        if definition is None:
            raise not_found("Process definition", request.process_definition_key)
        return definition
    process_id, version = request.process_definition_id, request.process_definition_version
    definition = runtime.latest.get(process_id)
    if definition is not None and version not in (None, -1, definition.version):
        definition = next(
            (
                d
                for d in runtime.definitions.values()
                if d.process.id == process_id and d.version == version
            ),
            None,
        )
    if definition is None:
        raise Problem(
            404,
            "NOT_FOUND",
            f"no process definition with id '{process_id}'"
            + (f" and version {version}" if version not in (None, -1) else ""),
        )
    return definition


def cancel_instance(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    if body.strip() and body.strip() != b"null":
        validate(CancelProcessInstanceRequest, body)
    with engine.lock:
        engine.run_due()
        key = call.params[0]
        if engine.instances.get(key) is None:
            raise not_found("Process instance", key)
        if not engine.runtime.cancel(key):
            raise Problem(
                409,
                "INVALID_STATE",
                f"Expected to cancel a process instance with "
                f"key '{key}', but it is not active (or it is a child instance)",
            )
    return NO_CONTENT


def _own_variables(instance: FakeProcessInstance) -> dict[str, Any]:
    return instance.variables


def get_definition_xml(engine: Engine, call: Call, _body: bytes, _ct: str) -> Reply:
    with engine.lock:
        definition = engine.find(call, engine.runtime.definitions.get, "Process definition")
        return Reply(200, definition.xml, "text/xml")


def _scope_filter(condition: Any) -> Callable[[Any], bool]:
    return lambda record: value_matches(record.scope_key, condition)


def set_variables(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    request: SetVariablesRequest = validate(SetVariablesRequest, body)
    with engine.lock:
        engine.run_due()
        if not engine.runtime.set_variables(
            call.params[0], request.variables, local=bool(request.local)
        ):
            raise not_found("Element instance", call.params[0])
    return NO_CONTENT


class _VariableRow:
    __slots__ = ("instance", "key", "name", "scope_key", "value")

    def __init__(self, key: str, scope_key: str, name: str, value: Any, instance: str) -> None:
        self.key, self.scope_key, self.name = key, scope_key, name
        self.value, self.instance = value, instance


def _variable_rows(engine: Engine) -> list[_VariableRow]:
    return [
        _VariableRow(key, scope.key, name, scope.variables[name], scope.process_instance_key)
        for scope in engine.element_instances.items.values()
        for name, key in scope.variable_keys.items()
    ]


def search_variables(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    with engine.lock:
        rows = _variable_rows(engine)
    return engine.search(
        call, body, VariableSearchRequest, rows, wire=_variable_wire, key_field="variableKey"
    )


def get_variable(engine: Engine, call: Call, _body: bytes, _ct: str) -> Reply:
    def lookup(key: str) -> _VariableRow | None:
        scope = engine.element_instances.get(engine.runtime.variable_scopes.get(key, ""))
        if scope is None:
            return None
        name = next(n for n, k in scope.variable_keys.items() if k == key)
        return _VariableRow(key, scope.key, name, scope.variables[name], scope.process_instance_key)

    return engine.get(call, lookup, "Variable", _variable_wire)


def _element_statistics(records: list[FakeElementInstance]) -> list[dict[str, Any]]:
    counts: dict[str, Counter[str]] = {}
    for record in records:
        if record.type == "PROCESS":
            continue
        count = counts.setdefault(record.element_id, Counter())
        count[{"ACTIVE": "active", "COMPLETED": "completed"}.get(record.state, "canceled")] += 1
        if record.incident_key is not None and record.state == "ACTIVE":
            count["incidents"] += 1
    return [
        {
            "elementId": element_id,
            "active": c["active"],
            "canceled": c["canceled"],
            "incidents": c["incidents"],
            "completed": c["completed"],
        }
        for element_id, c in counts.items()
    ]


def instance_statistics(engine: Engine, call: Call, _body: bytes, _ct: str) -> Reply:
    with engine.lock:
        key = engine.find(call, engine.instances.get, "Process instance").key
        seen = engine.visible(call)
        records = [
            r
            for r in engine.element_instances.items.values()
            if r.process_instance_key == key and seen(r.key)
        ]
        return json_reply({"items": _element_statistics(records)})


def definition_statistics(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
    if body.strip():
        validate(ProcessDefinitionElementStatisticsRequest, body)
    with engine.lock:
        key = engine.find(call, engine.runtime.definitions.get, "Process definition").key
        seen = engine.visible(call)
        records = [
            r
            for r in engine.element_instances.items.values()
            if r.process_definition_key == key and seen(r.key)
        ]
        return json_reply({"items": _element_statistics(records)})


def _instance_wire(instance: FakeProcessInstance) -> dict[str, Any]:
    return {
        "processInstanceKey": instance.key,
        "processDefinitionId": instance.process_definition_id,
        "processDefinitionName": instance.process_definition_name,
        "processDefinitionVersion": instance.process_definition_version,
        "processDefinitionVersionTag": None,
        "processDefinitionKey": instance.process_definition_key,
        "startDate": iso(instance.started_ms),
        "endDate": iso(instance.ended_ms),
        "state": instance.state,
        "hasIncident": instance.has_incident,
        "tenantId": TENANT,
        "parentProcessInstanceKey": instance.parent_process_instance_key,
        "parentElementInstanceKey": instance.parent_element_instance_key,
        "rootProcessInstanceKey": instance.root_process_instance_key or instance.key,
        "tags": [],
        "businessId": None,
    }


def _definition_wire(definition: Definition) -> dict[str, Any]:
    return {
        "processDefinitionKey": definition.key,
        "processDefinitionId": definition.process.id,
        "name": definition.process.name,
        "resourceName": definition.resource_name,
        "version": definition.version,
        "versionTag": None,
        "tenantId": TENANT,
        "hasStartForm": False,
        # Not in the bundled 8.9 spec, but required by the official TS SDK 9.x (built on a
        # later 8.9 spec revision with process definition deletion); a fake definition is
        # never deleted.
        "state": "ACTIVE",
    }


def _element_wire(record: FakeElementInstance) -> dict[str, Any]:
    return {
        "elementInstanceKey": record.key,
        "elementId": record.element_id,
        "elementName": record.element_name or record.element_id,
        "type": record.type,
        "state": record.state,
        "hasIncident": record.incident_key is not None,
        "incidentKey": record.incident_key,
        "processInstanceKey": record.process_instance_key,
        "rootProcessInstanceKey": record.process_instance_key,
        "processDefinitionId": record.process_definition_id,
        "processDefinitionKey": record.process_definition_key,
        "startDate": iso(record.started_ms),
        "endDate": iso(record.ended_ms),
        "tenantId": TENANT,
    }


def _variable_wire(row: _VariableRow) -> dict[str, Any]:
    return {
        "variableKey": row.key,
        "name": row.name,
        "value": json.dumps(row.value, separators=(",", ":")),
        "isTruncated": False,
        "scopeKey": row.scope_key,
        "processInstanceKey": row.instance,
        "rootProcessInstanceKey": row.instance,
        "tenantId": TENANT,
    }


get_instance = getter(lambda e: e.instances.get, "Process instance", _instance_wire)
search_instances = searcher(
    ProcessInstanceSearchRequest,
    lambda e: e.instances.items.values(),
    wire=_instance_wire,
    key_field="processInstanceKey",
    specials={"variables": variables_filter(_own_variables)},
)
search_definitions = searcher(
    ProcessDefinitionSearchRequest,
    lambda e: e.runtime.definitions.values(),
    wire=_definition_wire,
    key_field="processDefinitionKey",
)
search_element_instances = searcher(
    ElementInstanceSearchRequest,
    lambda e: e.element_instances.items.values(),
    wire=_element_wire,
    key_field="elementInstanceKey",
    specials={"elementInstanceScopeKey": _scope_filter},
)
get_element_instance = getter(lambda e: e.element_instances.get, "Element instance", _element_wire)
get_definition = getter(lambda e: e.runtime.definitions.get, "Process definition", _definition_wire)


ROUTES = [
    Route("POST", "/deployments", "createDeployment", deploy),
    Route("POST", "/process-instances", "createProcessInstance", create_instance),
    Route(
        "POST",
        "/process-instances/search",
        "searchProcessInstances",
        search_instances,
        eventually_consistent=True,
    ),
    Route(
        "GET",
        "/process-instances/{processInstanceKey}/statistics/element-instances",
        "getProcessInstanceStatistics",
        instance_statistics,
        eventually_consistent=True,
    ),
    Route(
        "POST",
        "/process-instances/{processInstanceKey}/cancellation",
        "cancelProcessInstance",
        cancel_instance,
    ),
    Route(
        "GET",
        "/process-instances/{processInstanceKey}",
        "getProcessInstance",
        get_instance,
        eventually_consistent=True,
    ),
    Route(
        "POST",
        "/process-definitions/search",
        "searchProcessDefinitions",
        search_definitions,
        eventually_consistent=True,
    ),
    Route(
        "POST",
        "/process-definitions/{processDefinitionKey}/statistics/element-instances",
        "getProcessDefinitionStatistics",
        definition_statistics,
        eventually_consistent=True,
    ),
    Route(
        "GET",
        "/process-definitions/{processDefinitionKey}/xml",
        "getProcessDefinitionXML",
        get_definition_xml,
        eventually_consistent=True,
    ),
    Route(
        "GET",
        "/process-definitions/{processDefinitionKey}",
        "getProcessDefinition",
        get_definition,
        eventually_consistent=True,
    ),
    Route(
        "POST",
        "/element-instances/search",
        "searchElementInstances",
        search_element_instances,
        eventually_consistent=True,
    ),
    Route(
        "GET",
        "/element-instances/{elementInstanceKey}",
        "getElementInstance",
        get_element_instance,
        eventually_consistent=True,
    ),
    Route(
        "PUT",
        "/element-instances/{elementInstanceKey}/variables",
        "createElementInstanceVariables",
        set_variables,
    ),
    Route(
        "POST", "/variables/search", "searchVariables", search_variables, eventually_consistent=True
    ),
    Route(
        "GET", "/variables/{variableKey}", "getVariable", get_variable, eventually_consistent=True
    ),
]
