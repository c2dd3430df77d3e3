"""Handlers: what a signature asks for, and how a result or an exception becomes an outcome.

Everything here is pure (no I/O), so the worker only runs handlers and sends outcomes.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticSerializationError, to_jsonable_python

from camunda._exceptions import describe_errors
from camunda.models.jobs import ActivatedJob, JobResultAdHocSubProcess, JobResultUserTask
from camunda.workers._context import JobContext
from camunda.workers._errors import JobError, JobFailure

__all__ = [
    "Complete",
    "Fail",
    "HandlerPlan",
    "Outcome",
    "Throw",
    "analyse",
    "describe",
    "outcome_of_exception",
    "wire_variables",
]

Injection = Literal["job", "context", "variables"]
Executor = Literal["thread", "process"]
_RESULTS = (JobResultUserTask, JobResultAdHocSubProcess)
_MAX_MESSAGE = 8_000  # characters of an error message sent to the cluster


@dataclass(frozen=True, slots=True)
class Complete:
    variables: dict[str, Any] | None = None
    result: JobResultUserTask | JobResultAdHocSubProcess | None = None


@dataclass(frozen=True, slots=True)
class Fail:
    retries: int
    message: str
    retry_back_off_ms: int | None = None
    variables: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Throw:
    code: str
    message: str
    variables: dict[str, Any] | None = None


Outcome = Complete | Fail | Throw


@dataclass(frozen=True)
class HandlerPlan:
    """What a handler receives and returns, worked out once from its signature.

    Attributes:
        func: the handler.
        injections: ``(parameter name, what it receives, passed by keyword)`` in order.
        variables_model: the pydantic model of the job's variables, if one is asked for.
        return_model: the model a result is validated with, from the return annotation.
        is_async: a coroutine function (runs on the event loop).
        executor: where a sync handler runs; ``None`` for async handlers.
    """

    func: Callable[..., Any]
    injections: tuple[tuple[str, Injection, bool], ...]
    variables_model: type[BaseModel] | None
    return_model: type[BaseModel] | None
    is_async: bool
    executor: Executor | None

    @property
    def wants_context(self) -> bool:
        return any(kind == "context" for _, kind, _ in self.injections)

    def fetch_variables(self) -> list[str] | None:
        """Variable names to fetch: the model's fields (by alias); ``None`` means all."""
        model = self.variables_model
        if model is None or model.model_config.get("extra") == "allow":
            return None
        names: list[str] = []
        for name, field in model.model_fields.items():
            alias = field.validation_alias
            if isinstance(alias, str):
                names.append(alias)
            elif alias is not None and hasattr(alias, "choices"):
                names.extend(c for c in getattr(alias, "choices", ()) if isinstance(c, str))
            else:
                names.append(field.alias or name)
        return list(dict.fromkeys(names))

    def call(self, job: ActivatedJob, context: Callable[[], JobContext[Any]]) -> Callable[[], Any]:
        """The handler bound to its arguments, ready to call without arguments.

        Raises:
            VariablesInvalid: the variables do not validate against the model.
        """
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for name, kind, by_keyword in self.injections:
            if kind == "job":
                value: Any = job
            elif kind == "context":
                value = context()
            else:
                value = self._variables(job)
            if by_keyword:
                kwargs[name] = value
            else:
                args.append(value)
        return functools.partial(self.func, *args, **kwargs)

    def _variables(self, job: ActivatedJob) -> BaseModel:
        model = self.variables_model
        assert model is not None
        try:
            return model.model_validate(job.variables)
        except ValidationError as exc:
            message = f"variables do not match {model.__name__}: " + describe_errors(
                exc, "(root)", limit=None
            )
            raise VariablesInvalid(message) from None

    def outcome(self, job: ActivatedJob, result: Any) -> Outcome:
        """Map what the handler returned to a completion (or a failure if it is unusable)."""
        if isinstance(result, _RESULTS):
            return Complete(result=result)
        if self.return_model is not None and not isinstance(result, self.return_model):
            try:
                result = self.return_model.model_validate(result)
            except ValidationError as exc:
                message = (
                    f"the result does not match {self.return_model.__name__}: "
                    + describe_errors(exc, "(root)", limit=None)
                )
                return Fail(retries=_one_fewer(job), message=message)
        if inspect.isawaitable(result):
            close = getattr(result, "close", None)
            if callable(close):
                close()  # never awaited: no "coroutine was never awaited" warning
            return Fail(
                retries=_one_fewer(job),
                message=(
                    f"the handler returned a {type(result).__name__} instead of a result; "
                    "declare it `async def` to have it awaited"
                ),
            )
        try:
            return Complete(variables=wire_variables(result))
        except TypeError as exc:
            return Fail(retries=_one_fewer(job), message=describe(exc, named=False))


class VariablesInvalid(Exception):
    """The job's variables do not validate against the handler's model."""


def outcome_of_exception(job: ActivatedJob, exc: BaseException) -> Outcome:
    """``JobError`` → BPMN error, ``JobFailure`` → its failure, anything else → one retry fewer.

    Never raises: an error or failure that carries something unusable (variables that are
    not JSON, a back-off that is no number) fails the job with one retry fewer, saying so.
    """
    try:
        if isinstance(exc, JobError):
            variables = wire_variables(exc.variables)
            return Throw(code=exc.code, message=clean_text(exc.message), variables=variables)
        if isinstance(exc, JobFailure):
            back_off = exc.retry_back_off
            if isinstance(back_off, timedelta):
                back_off = back_off.total_seconds()
            return Fail(
                retries=_one_fewer(job) if exc.retries is None else exc.retries,
                message=clean_text(exc.message),
                retry_back_off_ms=None if back_off is None else max(0, round(back_off * 1000)),
                variables=wire_variables(exc.variables),
            )
    except Exception as bad:  # changed after construction, or variables that are not JSON
        return Fail(
            retries=_one_fewer(job),
            message=f"{type(exc).__name__} carried {describe(bad, named=False)}",
        )
    return Fail(
        retries=_one_fewer(job), message=describe(exc, named=not isinstance(exc, VariablesInvalid))
    )


def fallback_failure(job: ActivatedJob, message: str) -> Fail:
    """A failure that can always be sent: one retry fewer, a message and nothing else."""
    return Fail(retries=_one_fewer(job), message=clean_text(message))


def describe(exc: BaseException, *, named: bool = True) -> str:
    """``Type: message`` of an exception, even one whose ``__str__`` raises, fit to send."""
    try:
        text = str(exc)
    except Exception:
        text = ""
    if named:
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return clean_text(text)


def clean_text(text: str) -> str:
    """Text the cluster can take: lone surrogates escaped, at most a few thousand characters."""
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def wire_variables(value: object) -> dict[str, Any] | None:
    """Variables as JSON-ready data: a model (by alias), a string-keyed mapping, or None.

    Raises:
        TypeError: anything else, or values JSON cannot carry.
    """
    if value is None:
        return None
    if not isinstance(value, BaseModel | Mapping):
        raise TypeError(
            f"variables must be a pydantic model, a mapping or None, not {type(value).__name__}"
        )
    try:
        data: Any = (
            value.model_dump(mode="json", by_alias=True)
            if isinstance(value, BaseModel)
            else to_jsonable_python(value)
        )
    except (PydanticSerializationError, ValueError) as exc:  # also bad UTF-8 and cycles
        items: Mapping[object, object] = {} if isinstance(value, BaseModel) else value  # pyright: ignore[reportUnknownVariableType]
        names = ", ".join(str(name) for name, item in items.items() if not _jsonable(item))
        raise TypeError(
            f"variables {names + ' ' if names else ''}cannot be sent as JSON: {describe(exc)}"
        ) from None
    if not all(isinstance(key, str) for key in data):
        raise TypeError("variable names must be strings")
    return data


def _jsonable(value: object) -> bool:
    try:
        to_jsonable_python(value)
    except (PydanticSerializationError, ValueError):
        return False
    return True


def _one_fewer(job: ActivatedJob) -> int:
    return max(job.retries - 1, 0)


# ----------------------------------------------------------------------------- analysis


def analyse(func: Callable[..., Any], *, executor: Executor | None = None) -> HandlerPlan:
    """Work out what ``func`` asks for from its annotations.

    Raises:
        TypeError: a parameter the worker cannot fill, two variable models, or an
            executor that does not fit the handler.
    """
    if not callable(func):
        raise TypeError(f"a job handler must be callable, not {type(func).__name__}")
    name = getattr(func, "__qualname__", repr(func))
    try:
        signature = inspect.signature(func, eval_str=True)
    except NameError as exc:
        raise TypeError(f"cannot resolve the annotations of handler {name}: {exc}") from None
    injections: list[tuple[str, Injection, bool]] = []
    variables_model: type[BaseModel] | None = None
    for param in signature.parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        kind = _injection(param.annotation)
        if kind is None:
            if param.default is not param.empty:
                continue
            raise TypeError(
                f"handler {name}: parameter {param.name!r} must be annotated with ActivatedJob, "
                "JobContext or a pydantic model of the job's variables"
            )
        if kind == "variables":
            if variables_model is not None:
                raise TypeError(f"handler {name}: only one parameter can take the variables")
            variables_model = param.annotation
        injections.append((param.name, kind, param.kind is param.KEYWORD_ONLY))
    is_async = inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(
        getattr(func, "__call__", None)  # noqa: B004 - async callable objects
    )
    plan = HandlerPlan(
        func=func,
        injections=tuple(injections),
        variables_model=variables_model,
        return_model=_return_model(signature.return_annotation),
        is_async=is_async,
        executor=None if is_async else executor or "thread",
    )
    if executor is not None and is_async:
        raise TypeError(f"handler {name}: executor={executor!r} is for sync handlers only")
    if plan.executor == "process":
        if plan.wants_context:
            raise TypeError(
                f"handler {name}: a process handler cannot take a JobContext "
                "(clients and loggers do not cross process boundaries)"
            )
        if "<locals>" in name or "<lambda>" in name:
            raise TypeError(
                f"handler {name}: a process handler must be a module-level "
                "function, so it can be pickled"
            )
    return plan


def _injection(annotation: Any) -> Injection | None:
    if annotation is JobContext or get_origin(annotation) is JobContext:
        return "context"
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return "job" if issubclass(annotation, ActivatedJob) else "variables"
    return None


def _return_model(annotation: Any) -> type[BaseModel] | None:
    if (
        inspect.isclass(annotation)
        and issubclass(annotation, BaseModel)
        and not issubclass(annotation, _RESULTS)
    ):
        return annotation
    return None
