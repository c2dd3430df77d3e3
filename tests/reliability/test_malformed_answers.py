"""Scenario 5: the server answers something malformed; the SDK raises a typed error or
parses leniently, and never lets a raw ``KeyError``/``TypeError``/pydantic error escape.

A gateway on loopback forwards each call to a served FakeCluster and breaks the real
answer on the way back (see ``_gateway.py``). Four kinds of operation are tried: a get, a
search, a create (not idempotent: never retried) and ``jobs.activate``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import camunda.testing
from camunda import (
    APIResponseValidationError,
    APIStatusError,
    BadGatewayError,
    CamundaAsyncClient,
    CamundaClient,
    CamundaError,
    CamundaSettings,
    InternalServerError,
)
from camunda.models.jobs import ActivatedJobs
from camunda.models.process_instances import CreatedProcessInstance, ProcessInstance
from camunda.testing import FakeCluster
from tests.reliability._gateway import Answer, Gateway, gateway_in_front_of

if TYPE_CHECKING:
    from collections.abc import Callable, Generator

    from camunda.types import ProcessInstanceKey
    from tests.reliability.conftest import ScenarioReport

MAX_RETRIES = 2
HTML = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"
JSON = "application/json"


@dataclass
class Served:
    gateway: Gateway
    cluster: FakeCluster
    client: CamundaClient
    url: str
    instance_key: ProcessInstanceKey


@pytest.fixture(scope="module")
def served() -> Generator[Served]:
    with FakeCluster() as cluster, gateway_in_front_of(cluster) as (gateway, url):
        settings = CamundaSettings(
            rest_address=url,
            max_retries=MAX_RETRIES,
            retry_initial_delay=0.001,
            retry_max_delay=0.01,
        )
        with CamundaClient(settings) as client:
            bpmn = (Path(camunda.testing.__file__).parent / "order.bpmn").read_bytes()
            client.deployments.create(resources=[("order.bpmn", bpmn)])
            created = client.process_instances.create(process_definition_id="order-process")
            yield Served(gateway, cluster, client, url, created.process_instance_key)


@pytest.fixture
def server(served: Served) -> Generator[Served]:
    served.gateway.mutate = None
    served.gateway.api_requests = 0
    yield served
    served.gateway.mutate = None


# -- operations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    name: str
    call: Callable[[Served], Any]
    returns: type
    idempotent: bool
    record: Callable[[Any], dict[str, Any]]
    """The JSON object inside the answer that holds the entity's fields."""
    required: str
    """A required field of that object (wire name)."""
    enum_field: str | None
    number_field: str


def _activate(s: Served) -> ActivatedJobs:
    s.cluster.add_jobs("malformed", count=1, variables={"n": 1})
    return s.client.jobs.activate(
        type="malformed", timeout=30_000, max_jobs_to_activate=1, request_timeout=-1
    )


OPS = [
    Op(
        "get",
        lambda s: s.client.process_instances.get(s.instance_key),
        ProcessInstance,
        True,
        lambda body: body,
        "processDefinitionId",
        "state",
        "processDefinitionVersion",
    ),
    Op(
        "search",
        lambda s: s.client.process_instances.search(),
        list,
        True,
        lambda body: body["items"][0],
        "processInstanceKey",
        "state",
        "processDefinitionVersion",
    ),
    Op(
        "create",
        lambda s: s.client.process_instances.create(process_definition_id="order-process"),
        CreatedProcessInstance,
        False,
        lambda body: body,
        "processInstanceKey",
        None,
        "processDefinitionVersion",
    ),
    Op(
        "activate",
        _activate,
        ActivatedJobs,
        False,
        lambda body: body["jobs"][0],
        "jobKey",
        "kind",
        "retries",
    ),
]


# -- faults ------------------------------------------------------------------------------


def _edit(answer: Answer, change: Callable[[dict[str, Any]], object]) -> Answer:
    body = json.loads(answer.body)
    change(body)
    return replace(answer, body=json.dumps(body).encode())


@dataclass(frozen=True)
class Fault:
    name: str
    mutate: Callable[[Op, Answer], Answer]
    expect: type[CamundaError] | None
    """The typed error expected, or ``None`` for a (lenient) parse."""
    detail: Callable[[Op], str] = lambda op: ""
    """Text the error message (or nothing) must contain."""


def _drop_required(op: Op, answer: Answer) -> Answer:
    return _edit(answer, lambda body: op.record(body).pop(op.required))


def _wrong_type(op: Op, answer: Answer) -> Answer:
    return _edit(answer, lambda body: op.record(body).update({op.number_field: {"n": "x"}}))


def _unknown_enum(op: Op, answer: Answer) -> Answer:
    name = op.enum_field
    assert name is not None
    return _edit(answer, lambda body: op.record(body).update({name: "FROM_THE_FUTURE"}))


def _extra_field(op: Op, answer: Answer) -> Answer:
    def add(body: dict[str, Any]) -> None:
        body["addedInANewerVersion"] = {"nested": [1, 2]}
        op.record(body)["alsoNew"] = True

    return _edit(answer, add)


FAULTS = [
    Fault(
        "invalid JSON",
        lambda op, a: replace(a, body=a.body[: len(a.body) // 2]),
        APIResponseValidationError,
        lambda op: "Invalid JSON",
    ),
    Fault(
        "text/html 200",
        lambda op, a: Answer(200, HTML, "text/html; charset=utf-8"),
        APIResponseValidationError,
        lambda op: "text/html answer",
    ),
    Fault(
        "502 HTML page",
        lambda op, a: Answer(502, HTML, "text/html"),
        BadGatewayError,
        lambda op: "502",
    ),
    Fault("500 JSON array", lambda op, a: Answer(500, b"[1, 2]", JSON), InternalServerError),
    Fault(
        "missing required field", _drop_required, APIResponseValidationError, lambda op: op.required
    ),
    Fault("wrong field type", _wrong_type, APIResponseValidationError, lambda op: op.number_field),
    Fault(
        "top-level array",
        lambda op, a: Answer(200, b"[]", JSON),
        APIResponseValidationError,
        lambda op: "object",
    ),
    Fault("unknown enum value", _unknown_enum, None),
    Fault("unknown extra fields", _extra_field, None),
    Fault(
        "undocumented 418",
        lambda op, a: Answer(418, b'{"title": 5, "detail": null}', JSON),
        APIStatusError,
        lambda op: "418",
    ),
    Fault("undocumented 207", lambda op, a: replace(a, status=207), None),
    Fault(
        "undocumented 204",
        lambda op, a: Answer(204, b"", JSON),
        APIResponseValidationError,
        lambda op: "204",
    ),
    Fault(
        "redirect 302",
        lambda op, a: Answer(302, b"", "text/plain"),
        APIStatusError,
        lambda op: "302",
    ),
]


def _applies(op: Op, fault: Fault) -> bool:
    return not (fault.mutate is _unknown_enum and op.enum_field is None)


def _only(path_part: str, op: Op, fault: Fault) -> Callable[[str, Answer], Answer]:
    def mutate(path: str, answer: Answer) -> Answer:
        return fault.mutate(op, answer) if path_part in path else answer

    return mutate


_PATHS = {
    "get": "/process-instances/",
    "search": "/process-instances/search",
    "create": "/process-instances",
    "activate": "/jobs/activation",
}


def _check_parsed(op: Op, fault: Fault, result: Any) -> None:
    items = result.items if op.name == "search" else [result]  # the page this answer made
    assert items, f"{op.name}/{fault.name}: nothing parsed"
    item = items[0]
    if op.name != "search":
        assert isinstance(item, op.returns)
    entity = item.jobs[0] if op.name == "activate" else item
    if fault.mutate is _unknown_enum:
        assert op.enum_field is not None
        assert (
            getattr(entity, {"state": "state", "kind": "kind"}[op.enum_field]) == "FROM_THE_FUTURE"
        )
    if fault.mutate is _extra_field:
        assert entity.model_extra is not None and entity.model_extra["alsoNew"] is True


@pytest.mark.parametrize("op", OPS, ids=lambda op: op.name)
def test_every_malformed_answer_is_a_typed_error_or_a_lenient_parse(
    op: Op, server: Served, scenario_report: ScenarioReport
) -> None:
    gateway = server.gateway
    tried = 0
    for fault in FAULTS:
        if not _applies(op, fault):
            continue
        tried += 1
        gateway.mutate = _only(_PATHS[op.name], op, fault)
        before = gateway.api_requests
        try:
            result = op.call(server)
        except CamundaError as exc:
            assert fault.expect is not None, f"{op.name}/{fault.name}: unexpected {exc!r}"
            assert isinstance(exc, fault.expect), f"{op.name}/{fault.name}: {exc!r}"
            assert fault.detail(op) in str(exc), f"{op.name}/{fault.name}: {exc}"
            assert exc.__cause__ is None or isinstance(exc.__cause__, CamundaError | OSError)
        else:
            assert fault.expect is None, f"{op.name}/{fault.name}: parsed {result!r}"
            _check_parsed(op, fault, result)
        sent = gateway.api_requests - before
        # Only a 502 on an idempotent call is retried; a create or activation never.
        retried = fault.expect is BadGatewayError and op.idempotent
        assert sent == (MAX_RETRIES + 1 if retried else 1), f"{op.name}/{fault.name}: {sent}"
    scenario_report(
        f"malformed answers: {op.name}",
        requests=gateway.api_requests,
        outcome=f"{tried} faults: typed error or lenient parse, 0 raw errors",
    )


@pytest.mark.anyio
@pytest.mark.parametrize("op", ["get", "activate"])
async def test_the_async_client_types_malformed_answers_the_same(op: str, server: Served) -> None:
    server.gateway.mutate = _only(_PATHS[op], OPS[0], FAULTS[1])  # text/html 200
    async with CamundaAsyncClient(server.client.settings) as client:
        with pytest.raises(APIResponseValidationError, match="text/html answer"):
            if op == "get":
                await client.process_instances.get(server.instance_key)
            else:
                await client.jobs.activate(
                    type="none", timeout=1000, max_jobs_to_activate=1, request_timeout=-1
                )
