"""Every model (and enum) whose docstring says ``Spec: `Name``` matches that spec schema:
the same wire names, the same required fields, and the schema's examples parse into it."""

from __future__ import annotations

import importlib
import pkgutil
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

import camunda.models
from camunda.models._base import RequestModel
from camunda.models.common import ProblemDetail, SearchResult
from tests.contract.spec import (
    Schema,
    first_branch,
    is_nullable,
    merged,
    operations,
    sample,
    schemas,
    spec_name,
)

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo

pytestmark = pytest.mark.usefixtures("spec")

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(camunda.models.__path__, "camunda.models.")
)


KNOWN_DEVIATIONS: dict[type, str] = {
    ProblemDetail: "every field optional on purpose: an error must build from a partial body",
    SearchResult: "the generic body of every search: `items` comes from each search's schema",
}
"""Models that differ from their schema by design (strict xfail: they must keep differing)."""


def _declared() -> list[type]:
    """Every class with a ``Spec:`` line, in the model modules that import."""
    found: list[type] = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except Exception:  # reported by test_model_module_imports
            continue
        found.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, BaseModel | Enum)
            and value.__module__ == name
            and spec_name(value) is not None
        )
    return found


def _param(cls: type, *, deviating: bool = False) -> Any:
    """A parametrize value; a known deviation is a strict xfail when ``deviating``."""
    reason = KNOWN_DEVIATIONS.get(cls) if deviating else None
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    label = f"{cls.__module__.removeprefix('camunda.models.')}.{cls.__qualname__}"
    return pytest.param(cls, marks=marks, id=label)


DECLARED = _declared()
RESPONSE_MODELS = [
    cls
    for cls in DECLARED
    if issubclass(cls, BaseModel)
    and not issubclass(cls, RequestModel)
    and not cls.__pydantic_generic_metadata__["parameters"]  # checked where they are used
]


def _schema(cls: type) -> Schema:
    """The schema the class names: a component, or the inline request body of the operation
    of that id. A union stands for all its branches: every property of any branch, required
    where every branch requires it. File parts of a multipart body are not model fields."""
    name = str(spec_name(cls))
    described = operations().get(name)
    body = described.request_content() if described is not None else None
    if name in schemas():
        shape = merged(schemas()[name])
    elif body is not None:
        shape = merged(body[1])
    else:
        raise AssertionError(f"{cls.__qualname__} names `{name}`: no such schema or operation")
    branches = [merged(b) for b in shape.get("oneOf", shape.get("anyOf", ()))]
    if branches and "properties" not in shape:
        properties = {k: v for b in branches for k, v in b.get("properties", {}).items()}
        required = set.intersection(*(set(b.get("required", ())) for b in branches))
        shape = {**shape, "properties": properties, "required": sorted(required)}
    assert "properties" in shape or "enum" in shape, f"`{name}` has no properties nor enum"
    files = {wire for wire, schema in shape.get("properties", {}).items() if _is_file(schema)}
    if files:
        properties = {k: v for k, v in shape["properties"].items() if k not in files}
        shape = {**shape, "properties": properties}
    return shape


def _is_file(schema: Schema) -> bool:
    schema = first_branch(schema)
    if schema.get("type") == "array":
        return _is_file(schema.get("items", {}))
    return schema.get("format") == "binary"


def _is_tag(field: FieldInfo) -> bool:
    """A one-value ``Literal`` defaulting to its value: a union tag, sent either way."""
    values = get_args(field.annotation) if get_origin(field.annotation) is Literal else ()
    return len(values) == 1 and field.default == values[0]


@pytest.mark.parametrize("module", MODULES)
def test_model_module_imports(module: str) -> None:
    importlib.import_module(module)


def test_models_are_found() -> None:
    assert len(DECLARED) >= 10, "the discovery of models with a Spec line is broken"


@pytest.mark.parametrize("cls", [_param(cls, deviating=True) for cls in DECLARED])
def test_model_matches_its_spec_schema(cls: type) -> None:
    shape = _schema(cls)
    if issubclass(cls, Enum):
        assert {str(member.value) for member in cls} == set(map(str, shape.get("enum", ())))
        return
    assert issubclass(cls, BaseModel)
    properties: dict[str, Schema] = shape.get("properties", {})
    fields = {field.alias or name: field for name, field in cls.model_fields.items()}
    assert sorted(fields) == sorted(properties), "wire field names differ from the schema's"
    tags = {wire for wire, field in fields.items() if _is_tag(field)}
    spec_required = set(shape.get("required", ())) & set(properties) - tags
    model_required = {wire for wire, field in fields.items() if field.is_required()} - tags
    if issubclass(cls, RequestModel):
        assert model_required == spec_required, "required fields differ from the schema's"
        return
    assert model_required <= spec_required, (
        f"required here but optional in the spec: {sorted(model_required - spec_required)}"
    )
    optional = spec_required - model_required
    not_nullable = sorted(wire for wire in optional if not is_nullable(properties[wire]))
    assert not not_nullable, f"required and not nullable in the spec: {not_nullable}"


@pytest.mark.parametrize("cls", [_param(cls) for cls in RESPONSE_MODELS])
def test_schema_examples_parse_into_response_model(cls: type[BaseModel]) -> None:
    """Every property set from the spec (its example where it has one) parses."""
    properties: dict[str, Schema] = _schema(cls).get("properties", {})
    document = {wire: sample(schema) for wire, schema in properties.items()}
    parsed = cls.model_validate(document)
    wire = {name: field.alias or name for name, field in cls.model_fields.items()}
    kept = {wire[name] for name in parsed.model_fields_set}
    assert kept == set(document) & set(wire.values())
