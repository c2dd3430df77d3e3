"""Scenario 7, part one: bad input from users is a typed error naming the field, raised
before anything is sent.

Every case runs on the sync and the async client over a transport that counts what
reaches it: the count must stay zero. "Oversized" means what the spec declares: keys of
at most 25 digits, page limits 1..10,000, tenant ids of at most 256 characters; variable
maps have no size limit in the spec (the cluster's message size is its own setting), so
their size is not judged client-side, but values that cannot be written as JSON are.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import anyio
import httpx
import pytest

from camunda import CamundaAsyncClient, CamundaClient, CamundaSettings, InvalidArgumentError
from camunda.types import IncidentKey, JobKey

if TYPE_CHECKING:
    from tests.reliability.conftest import ScenarioReport

K = "2251799813685249"  # a well-formed key


@dataclass(frozen=True)
class Case:
    label: str
    method: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict[str, Any])
    field: str = ""
    """The field the error must name (``InvalidArgumentError.fields`` or, for a
    ``TypeError``, the message)."""
    error: type[Exception] = InvalidArgumentError


ACTIVATE = {"type": "payment", "timeout": 30_000, "max_jobs_to_activate": 5}

CASES = [
    # non-numeric, malformed or oversized keys, in paths and bodies
    Case("letters as a key", "process_instances.get", ("abc",), field="process_instance_key"),
    Case(
        "a path traversal as a key",
        "process_instances.get",
        ("../jobs",),
        field="process_instance_key",
    ),
    Case("a 26-digit key", "jobs.complete", ("1" * 26,), field="job_key"),
    Case("an empty key", "user_tasks.get", ("",), field="user_task_key"),
    Case("a float as a key", "incidents.get", (1.5,), field="incident_key"),
    Case("None as a key", "process_instances.cancel", (None,), field="process_instance_key"),
    Case("True as a key", "jobs.fail", (True,), field="job_key"),
    Case("an injected key", "incidents.resolve", ("1 OR 1=1",), field="incident_key"),
    Case(
        "a bad key in a body",
        "process_instances.create",
        kwargs={"process_definition_key": "x1"},
        field="process_definition_key",
    ),
    Case(
        "a bad key in a filter",
        "process_instances.search",
        kwargs={"filter": {"processInstanceKey": "abc"}},
        field="filter.process_instance_key",
    ),
    Case(
        "a bad key in a user task assign",
        "user_tasks.assign",
        ("task-1",),
        {"assignee": "alice"},
        field="user_task_key",
    ),
    Case(
        "a bad element instance key", "element_instances.get", ("e1",), field="element_instance_key"
    ),
    Case(
        "a bad decision definition key",
        "decision_definitions.get",
        ("dmn",),
        field="decision_definition_key",
    ),
    # wrong types
    Case(
        "a string as a timeout",
        "jobs.activate",
        kwargs={**ACTIVATE, "timeout": "soon"},
        field="timeout",
    ),
    Case("an int as a job type", "jobs.activate", kwargs={**ACTIVATE, "type": 5}, field="type"),
    Case("a list as variables", "jobs.complete", (K,), {"variables": [1, 2]}, field="variables"),
    Case(
        "a string as variables",
        "signals.broadcast",
        (),
        {"signal_name": "s", "variables": "x=1"},
        field="variables",
    ),
    Case(
        "an int as a message name",
        "messages.publish",
        (),
        {"name": 1, "correlation_key": "k"},
        field="name",
    ),
    Case("a string as a timestamp", "clock.pin", kwargs={"timestamp": "noon"}, field="timestamp"),
    Case("a string as retries", "jobs.fail", (K,), {"retries": "three"}, field="retries"),
    Case(
        "an unserialisable variable",
        "jobs.complete",
        (K,),
        {"variables": {"x": object()}},
        field="variables",
    ),
    # unknown keyword arguments and unknown nested fields
    Case(
        "a typo in a keyword",
        "jobs.complete",
        (K,),
        {"varaibles": {}},
        field="varaibles",
        error=TypeError,
    ),
    Case(
        "an unknown keyword on a get",
        "process_instances.get",
        (K,),
        {"tenant": "t"},
        field="tenant",
        error=TypeError,
    ),
    Case(
        "a typo in a filter",
        "process_instances.search",
        kwargs={"filter": {"stat": "ACTIVE"}},
        field="filter.stat",
    ),
    Case(
        "an unknown field in a page", "jobs.search", kwargs={"page": {"size": 5}}, field="page.size"
    ),
    # values out of the declared ranges
    Case(
        "a page limit of 0",
        "process_instances.search",
        kwargs={"page": {"limit": 0}},
        field="page.limit",
    ),
    Case(
        "a page limit over 10,000",
        "incidents.search",
        kwargs={"page": {"limit": 10_001}},
        field="page.limit",
    ),
    Case(
        "a negative page offset",
        "user_tasks.search",
        kwargs={"page": {"from": -1}},
        field="page.from",
    ),
    Case(
        "zero jobs to activate",
        "jobs.activate",
        kwargs={**ACTIVATE, "max_jobs_to_activate": 0},
        field="max_jobs_to_activate",
    ),
    Case("negative retries", "jobs.fail", (K,), {"retries": -1}, field="retries"),
    Case(
        "a negative retry back-off",
        "jobs.fail",
        (K,),
        {"retry_back_off": -1},
        field="retry_back_off",
    ),
    Case(
        "a 300-character tenant id",
        "identity.tenants.create",
        (),
        {"tenant_id": "t" * 300, "name": "n"},
        field="tenant_id",
    ),
    Case(
        "an empty tenant id",
        "identity.tenants.create",
        (),
        {"tenant_id": "", "name": "n"},
        field="tenant_id",
    ),
    Case("a negative timeout option", "with_options", kwargs={"timeout": -1.0}, field="timeout"),
    Case(
        "negative retries option", "with_options", kwargs={"max_retries": -1}, field="max_retries"
    ),
    # invalid enum values
    Case(
        "an unknown state filter",
        "process_instances.search",
        kwargs={"filter": {"state": "SLEEPING"}},
        field="filter.state",
    ),
    Case(
        "an unknown sort field",
        "process_instances.search",
        kwargs={"sort": [{"field": "nope"}]},
        field="sort.0.field",
    ),
    Case(
        "an unknown sort order",
        "jobs.search",
        kwargs={"sort": [{"field": "jobKey", "order": "SIDEWAYS"}]},
        field="sort.0.order",
    ),
    Case(
        "an unknown tenant filter",
        "jobs.activate",
        kwargs={**ACTIVATE, "tenant_filter": "EVERYONE"},
        field="tenant_filter",
    ),
]


def _settings() -> CamundaSettings:
    return CamundaSettings(rest_address="http://camunda.test", max_retries=0)


def _target(client: Any, method: str) -> Any:
    for part in method.split("."):
        client = getattr(client, part)
    return client


def _check(case: Case, exc: Exception) -> None:
    assert isinstance(exc, case.error), f"{case.label}: {exc!r}"
    if isinstance(exc, InvalidArgumentError):
        assert case.field in exc.fields, f"{case.label}: {exc.fields}"
        assert "\n" not in str(exc).split(":", 1)[0]  # the first line names the operation
    else:
        assert repr(case.field) in str(exc), f"{case.label}: {exc}"


def _sync_failures(cases: list[Case], sent: list[httpx.Request]) -> int:
    client = CamundaClient(
        _settings(),
        http_client=httpx.Client(
            transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(204))
        ),
    )
    with client:
        for case in cases:
            with pytest.raises(case.error) as caught:
                _target(client, case.method)(*case.args, **case.kwargs)
            _check(case, caught.value)
    return len(cases)


async def _async_failures(cases: list[Case], sent: list[httpx.Request]) -> int:
    async def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    async with CamundaAsyncClient(
        _settings(), http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler))
    ) as client:
        for case in cases:
            with pytest.raises(case.error) as caught:
                result = _target(client, case.method)(*case.args, **case.kwargs)
                if inspect.isawaitable(result):
                    await result
            _check(case, caught.value)
    return len(cases)


def test_bad_input_is_a_typed_error_naming_the_field_and_nothing_is_sent(
    scenario_report: ScenarioReport,
) -> None:
    sent: list[httpx.Request] = []
    tried = _sync_failures(CASES, sent)
    tried += anyio.run(_async_failures, CASES, sent)
    assert sent == []
    scenario_report(
        "bad input (sync + async clients)",
        requests=len(sent),
        outcome=f"{tried} bad calls: typed error naming the field, 0 sent",
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.label)
def test_each_bad_input_alone(case: Case) -> None:
    """The same cases one by one, so a regression names its case."""
    sent: list[httpx.Request] = []
    _sync_failures([case], sent)
    assert sent == []


def test_well_formed_calls_of_the_same_shape_do_reach_the_transport() -> None:
    """The counting transport does see calls: the zero above is not vacuous."""
    sent: list[httpx.Request] = []
    client = CamundaClient(
        _settings(),
        http_client=httpx.Client(
            transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(204))
        ),
    )
    with client:
        client.jobs.complete(JobKey(K), variables={"x": 1})
        client.jobs.fail(JobKey(K), retries=0, retry_back_off=0)
        client.incidents.resolve(IncidentKey(K))
    assert [r.url.path for r in sent] == [
        f"/v2/jobs/{K}/completion",
        f"/v2/jobs/{K}/failure",
        f"/v2/incidents/{K}/resolution",
    ]
