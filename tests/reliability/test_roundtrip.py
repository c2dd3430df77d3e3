"""Scenario 7, part two: every request model round-trips through its wire form.

For each ``RequestModel`` subclass in ``camunda.models`` (generic ones made concrete),
hypothesis draws valid instances from the field annotations and their declared
constraints; each must survive model -> wire JSON (by alias, only the fields set) ->
model, equal to the original, with the same wire form again.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
import json
import pkgutil
import re
import types
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import annotated_types
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, JsonValue, ValidationError
from typing_extensions import TypeAliasType

import camunda.models
from camunda.models._base import RequestModel
from camunda.types import KEY_PATTERN

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo


def _request_models() -> list[type[RequestModel]]:
    found: dict[str, type[RequestModel]] = {}
    for info in pkgutil.walk_packages(camunda.models.__path__, "camunda.models."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, RequestModel)
                and obj.__module__ == module.__name__
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    models: list[type[RequestModel]] = []
    for found_cls in found.values():
        params = found_cls.__pydantic_generic_metadata__["parameters"]
        # KeyFilter[K], SortRequest[F], ...: made concrete with their bounds
        models.append(
            found_cls[tuple(p.__bound__ or str for p in params)]  # type: ignore[index]
            if params
            else found_cls
        )
    return sorted(models, key=lambda c: c.__name__)


MODELS = _request_models()

_KEYS = st.integers(-(10**18), 10**18).map(str)  # what ^-?[0-9]+$ allows, cheaply

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.text(max_size=8)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _constrained(base: Any, metadata: Sequence[Any]) -> st.SearchStrategy[Any]:
    """A strategy for ``base`` under annotated-types / pydantic constraints."""
    bounds: dict[str, Any] = {}
    pattern: str | None = None
    for item in metadata:
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(item, name, None)
            if value is not None:
                if name == "pattern":
                    pattern = value
                else:
                    bounds[name] = value
        if isinstance(item, annotated_types.GroupedMetadata):
            for sub in item:
                for name in ("ge", "gt", "le", "lt", "min_length", "max_length"):
                    if getattr(sub, name, None) is not None:
                        bounds[name] = getattr(sub, name)
    if base is str:
        low, high = bounds.get("min_length", 0), bounds.get("max_length", 12)
        if pattern == KEY_PATTERN.pattern:
            return _KEYS
        if pattern is not None:
            return st.from_regex(pattern, fullmatch=True).filter(lambda s: low <= len(s) <= high)
        return st.text(min_size=low, max_size=min(high, 12))
    if base is int:
        low = bounds.get("ge", bounds["gt"] + 1 if "gt" in bounds else -(2**40))
        high = bounds.get("le", bounds["lt"] - 1 if "lt" in bounds else 2**40)
        return st.integers(low, high)
    if base is float:
        return st.floats(bounds.get("ge"), bounds.get("le"), allow_nan=False, allow_infinity=False)
    return _strategy(base)


def _substituted(tp: Any, subs: Mapping[Any, Any]) -> Any:
    """``tp`` with its type variables replaced, inside pydantic generic models too: what a
    generic alias such as ``EnumFilterProperty[JobState]`` stands for."""
    if isinstance(tp, TypeVar):
        return subs.get(tp, tp)
    if inspect.isclass(tp) and issubclass(tp, BaseModel):
        params = tp.__pydantic_generic_metadata__["parameters"]
        return tp[tuple(subs.get(p, p) for p in params)] if params else tp  # type: ignore[index]
    args = get_args(tp)
    if get_origin(tp) is Annotated:
        return Annotated[(_substituted(args[0], subs), *args[1:])]
    if get_origin(tp) in (Union, types.UnionType):
        return Union[tuple(_substituted(arg, subs) for arg in args)]  # noqa: UP007
    return tp


def _strategy(tp: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if isinstance(origin, TypeAliasType):  # KeyFilterProperty[JobKey], ...
        return _strategy(
            _substituted(
                origin.__value__, dict(zip(origin.__type_params__, get_args(tp), strict=True))
            )
        )
    if origin is Annotated:
        base, *metadata = get_args(tp)
        return _constrained(base, metadata)
    if origin is Union or origin is types.UnionType:
        return st.one_of([_strategy(arg) for arg in get_args(tp)])
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin in (list, Sequence, tuple, set, frozenset):
        args = get_args(tp)
        return st.lists(_strategy(args[0]) if args else _JSON, max_size=2)
    if origin in (dict, Mapping):
        return st.dictionaries(st.text(min_size=1, max_size=5), _JSON, max_size=3)
    if isinstance(tp, TypeVar):
        return _strategy(tp.__bound__ or str)
    if hasattr(tp, "__supertype__"):  # NewType: the key types
        return _KEYS
    if inspect.isclass(tp):
        if issubclass(tp, BaseModel):
            return st.deferred(lambda: _model(tp))
        if issubclass(tp, enum.Enum):
            return st.sampled_from(list(tp))
        if issubclass(tp, bool):
            return st.booleans()
        if issubclass(tp, int):
            return st.integers(-(2**40), 2**40)
        if issubclass(tp, float):
            return st.floats(allow_nan=False, allow_infinity=False)
        if issubclass(tp, str):
            return st.text(max_size=12)
        if issubclass(tp, dt.datetime):
            return st.datetimes(timezones=st.just(dt.timezone.utc))
        if issubclass(tp, dt.date):
            return st.dates()
    if tp is Any or tp is object or tp is JsonValue:
        return _JSON
    if tp is type(None) or tp is None:
        return st.none()
    raise NotImplementedError(f"no strategy for {tp!r}")


def _field(info: FieldInfo) -> st.SearchStrategy[Any]:
    return (
        _constrained(info.annotation, info.metadata)
        if info.metadata
        else _strategy(info.annotation)
    )


_MODELS_CACHE: dict[type[BaseModel], st.SearchStrategy[Any]] = {}


def _model(cls: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Valid instances of ``cls``: required fields always, optional ones sometimes."""
    if cls not in _MODELS_CACHE:
        required = {name: _field(f) for name, f in cls.model_fields.items() if f.is_required()}
        optional = {name: _field(f) for name, f in cls.model_fields.items() if not f.is_required()}

        def build(values: dict[str, Any]) -> BaseModel | None:
            try:
                return cls(**values)
            except ValidationError:  # cross-field rules (one of two, ...) the draw missed
                return None

        _MODELS_CACHE[cls] = (
            st.fixed_dictionaries(required, optional=optional)
            .map(build)
            .filter(lambda m: m is not None)
        )
    return _MODELS_CACHE[cls]


def test_the_walk_finds_the_request_models() -> None:
    names = {cls.__name__ for cls in MODELS}
    assert len(MODELS) > 150
    assert {"ActivateJobsRequest", "CompleteJobRequest", "FailJobRequest"} <= names


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: re.sub(r"\W", "_", cls.__name__))
def test_every_request_model_round_trips_through_its_wire_form(cls: type[RequestModel]) -> None:
    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
    )
    @given(_model(cls))
    def round_trip(model: RequestModel) -> None:
        wire = model.to_wire()
        text = json.dumps(wire)
        again = cls.model_validate_json(text)
        assert again == model, f"{cls.__name__}: {text}"
        assert again.to_wire() == wire

    round_trip()
