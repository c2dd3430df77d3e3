"""Handlers without I/O: what a signature asks for, and how results and exceptions map."""

import pickle
from datetime import timedelta
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

from camunda import CamundaClient
from camunda.models.jobs import ActivatedJob, JobResultCorrections, JobResultUserTask
from camunda.workers import JobContext, JobError, JobFailure, JobRouter
from camunda.workers._handler import Complete, Fail, Throw, analyse, outcome_of_exception
from camunda.workers._lease import Lease
from tests.unit.workers._support import JOB


class Order(BaseModel):
    amount: int
    currency: str = Field(alias="currencyCode")


class Receipt(BaseModel):
    charged_amount: int = Field(alias="chargedAmount")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")
    amount: int


def context() -> JobContext[Any]:
    return JobContext(JOB, object(), Lease(10.0, 0.0))


# --------------------------------------------------------------------------- injection


def test_parameters_are_injected_by_annotation() -> None:
    def handler(order: Order, job: ActivatedJob, *, ctx: JobContext[CamundaClient]) -> None:
        del order, job, ctx

    plan = analyse(handler)
    assert plan.injections == (
        ("order", "variables", False),
        ("job", "job", False),
        ("ctx", "context", True),
    )
    assert plan.is_async is False and plan.executor == "thread"
    call = plan.call(JOB, context)
    assert call.args[0] == Order(amount=12, currencyCode="EUR")  # type: ignore[attr-defined]
    assert call.args[1] is JOB  # type: ignore[attr-defined]
    assert isinstance(call.keywords["ctx"], JobContext)  # type: ignore[attr-defined]


def test_model_aliases_become_the_fetched_variables() -> None:
    async def typed(order: Order) -> None: ...
    async def untyped(job: ActivatedJob) -> None: ...
    async def open_model(data: Open) -> None: ...

    assert analyse(typed).fetch_variables() == ["amount", "currencyCode"]
    assert analyse(typed).is_async and analyse(typed).executor is None
    assert analyse(untyped).fetch_variables() is None  # no model: every variable
    assert analyse(open_model).fetch_variables() is None  # extra="allow": every variable


def test_context_logger_names_the_job(caplog: pytest.LogCaptureFixture) -> None:
    ctx = context()
    with caplog.at_level("INFO", logger="camunda.workers.job"):
        ctx.logger.info("charging")
    assert caplog.records[0].getMessage() == "[charge 2251799813685249] charging"
    assert caplog.records[0].job_key == "2251799813685249"  # type: ignore[attr-defined]


def test_unknown_or_unresolvable_parameters_are_rejected() -> None:
    def unannotated(amount) -> None: ...  # type: ignore[no-untyped-def]
    def unresolvable(order: "Missing") -> None: ...  # type: ignore[name-defined]  # noqa: F821

    def defaulted(job: ActivatedJob, retries: int = 3) -> None: ...

    with pytest.raises(TypeError, match="parameter 'amount' must be annotated"):
        analyse(unannotated)  # pyright: ignore[reportUnknownArgumentType]
    with pytest.raises(TypeError, match="cannot resolve the annotations"):
        analyse(unresolvable)  # pyright: ignore[reportUnknownArgumentType]
    assert analyse(defaulted).injections == (("job", "job", False),)  # defaults are left alone


def test_bad_signatures_are_rejected_at_registration() -> None:
    def two_models(a: Order, b: Receipt) -> None: ...
    def wants_context(ctx: JobContext) -> None: ...
    async def coroutine(job: ActivatedJob) -> None: ...

    with pytest.raises(TypeError, match="only one parameter"):
        analyse(two_models)
    with pytest.raises(TypeError, match="cannot take a JobContext"):
        analyse(wants_context, executor="process")
    with pytest.raises(TypeError, match="module-level"):
        analyse(lambda: None, executor="process")
    with pytest.raises(TypeError, match="sync handlers only"):
        analyse(coroutine, executor="thread")


def test_invalid_variables_name_every_field() -> None:
    job = JOB.model_copy(update={"variables": {"amount": "many"}})

    def handler(order: Order) -> None: ...

    with pytest.raises(Exception, match=r"amount: Input should be a valid integer") as caught:
        analyse(handler).call(job, context)
    assert "currencyCode: Field required" in str(caught.value)
    outcome = outcome_of_exception(job, caught.value)  # type: ignore[arg-type]
    assert isinstance(outcome, Fail) and outcome.retries == 2
    assert outcome.message.startswith("variables do not match Order:")


# ------------------------------------------------------------------------------ results


def test_results_map_to_completions() -> None:
    def plain() -> None: ...
    def typed() -> Receipt: ...  # type: ignore[empty-body]

    plan, typed_plan = analyse(plain), analyse(typed)
    assert plan.outcome(JOB, None) == Complete()
    assert plan.outcome(JOB, {"ok": True, "n": (1, 2)}) == Complete(
        variables={"ok": True, "n": [1, 2]}
    )
    assert plan.outcome(JOB, Receipt(chargedAmount=5)) == Complete(variables={"chargedAmount": 5})
    # a dict is validated against the return annotation, then sent by alias
    assert typed_plan.outcome(JOB, {"chargedAmount": 7}) == Complete(variables={"chargedAmount": 7})
    listener = JobResultUserTask(corrections=JobResultCorrections(assignee="bob"))
    assert plan.outcome(JOB, listener) == Complete(result=listener)


def test_unusable_results_fail_the_job_with_the_reason() -> None:
    def typed() -> Receipt: ...  # type: ignore[empty-body]

    bad_model = analyse(typed).outcome(JOB, {"chargedAmount": "lots"})
    assert isinstance(bad_model, Fail) and bad_model.retries == 2
    assert "the result does not match Receipt: chargedAmount" in bad_model.message
    not_a_mapping = analyse(lambda: None).outcome(JOB, [1, 2])
    assert isinstance(not_a_mapping, Fail) and "not list" in not_a_mapping.message
    not_json = analyse(lambda: None).outcome(JOB, {"x": object()})
    assert isinstance(not_json, Fail) and "cannot be sent as JSON" in not_json.message


def test_exceptions_map_to_outcomes() -> None:
    assert outcome_of_exception(JOB, JobError("NO_FUNDS", "declined", variables={"a": 1})) == Throw(
        code="NO_FUNDS", message="declined", variables={"a": 1}
    )
    assert outcome_of_exception(JOB, JobFailure("later")) == Fail(retries=2, message="later")
    assert outcome_of_exception(
        JOB,
        JobFailure(
            "later",
            retries=0,
            retry_back_off=timedelta(seconds=1.5),
            variables=Receipt(chargedAmount=1),
        ),
    ) == Fail(retries=0, message="later", retry_back_off_ms=1500, variables={"chargedAmount": 1})
    by_seconds = outcome_of_exception(JOB, JobFailure("later", retry_back_off=2))
    assert isinstance(by_seconds, Fail) and by_seconds.retry_back_off_ms == 2000
    assert outcome_of_exception(JOB, KeyError("amount")) == Fail(
        retries=2, message="KeyError: 'amount'"
    )
    assert outcome_of_exception(JOB, RuntimeError()) == Fail(retries=2, message="RuntimeError")
    last = JOB.model_copy(update={"retries": 0})
    assert outcome_of_exception(last, RuntimeError("x")) == Fail(
        retries=0, message="RuntimeError: x"
    )


def test_job_errors_survive_pickling() -> None:
    error = pickle.loads(pickle.dumps(JobError("CODE", "why", variables={"a": 1})))
    assert (error.code, error.message, error.variables) == ("CODE", "why", {"a": 1})
    failure = pickle.loads(pickle.dumps(JobFailure("why", retries=1, retry_back_off=3)))
    assert (failure.message, failure.retries, failure.retry_back_off) == ("why", 1, 3)
    with pytest.raises(ValueError, match="error code"):
        JobError("")
    with pytest.raises(ValueError, match="retries"):
        JobFailure("x", retries=-1)


# ------------------------------------------------------------------------------- router


def test_router_options_and_validation() -> None:
    router = JobRouter()

    @router.job(
        "charge",
        timeout=timedelta(minutes=2),
        request_timeout=5,
        max_concurrent=4,
        fetch_variables=["a"],
        tenant_ids=["t1"],
        startup_jitter=0.5,
        auto_extend=True,
    )
    async def charge(job: ActivatedJob) -> None: ...

    [spec] = list(router)
    assert (spec.timeout, spec.request_timeout, spec.startup_jitter) == (120.0, 5.0, 0.5)
    assert (spec.max_concurrent, spec.fetch_variables, spec.tenant_ids) == (4, ("a",), ("t1",))
    assert spec.auto_extend and spec.plan.func is charge
    with pytest.raises(ValueError, match="already has a handler"):
        router.job("charge")(charge)
    with pytest.raises(ValueError, match="timeout must be > 0"):
        router.job("x", timeout=0)
    with pytest.raises(ValueError, match="max_concurrent"):
        router.job("x", max_concurrent=0)
    with pytest.raises(ValueError, match="non-empty"):
        router.job("")
