"""The API contract as test data: ``operations.tsv`` rows and the OpenAPI spec, with the
schema helpers the contract tests share (``$ref``/``allOf`` resolution, sample values).

Everything here is derived from ``../shared/spec`` (or ``$CAMUNDA_SPEC_DIR``); nothing is a
hand-kept list of operations or schemas.
"""

from __future__ import annotations

import csv
import functools
import json
import keyword
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from pydantic.alias_generators import to_snake

from camunda._transport import Operation

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SPEC_DIR = Path(os.environ.get("CAMUNDA_SPEC_DIR") or SHARED / "spec")
SPEC_FILE = SPEC_DIR / "camunda-8.9-rest-api.json"
OPERATIONS_TSV = SPEC_DIR / "operations.tsv"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

Schema = dict[str, Any]


def unavailable(message: str) -> NoReturn:
    """A prerequisite of the contract tests is missing: fail in CI, skip elsewhere."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: contract tests must run)", pytrace=False)
    pytest.skip(f"{message}; contract tests need ../shared/spec (or CAMUNDA_SPEC_DIR) and Prism")


@dataclass(frozen=True)
class Row:
    """One line of ``operations.tsv``."""

    sdk_method: str
    operation_id: str
    http_method: str
    path: str

    @property
    def group(self) -> str:
        """The client attribute (and resource module) the operation belongs to."""
        return self.sdk_method.split(".", 1)[0]


@functools.cache
def rows() -> tuple[Row, ...]:
    if not OPERATIONS_TSV.is_file():
        return ()
    with OPERATIONS_TSV.open(newline="") as handle:
        return tuple(Row(**line) for line in csv.DictReader(handle, delimiter="\t"))


def row_params() -> list[Any]:
    """``parametrize`` values: one per row, or one placeholder that the ``spec`` fixture
    turns into a failure (CI) or a skip when the spec is missing."""
    found = rows()
    if not found:
        return [pytest.param(None, id="spec-missing")]
    return [pytest.param(row, id=row.sdk_method) for row in found]


@functools.cache
def document() -> dict[str, Any]:
    return json.loads(SPEC_FILE.read_text())


def schemas() -> dict[str, Schema]:
    return document()["components"]["schemas"]


def deref(schema: Schema) -> Schema:
    """Follow ``$ref`` chains to the schema they name."""
    while "$ref" in schema:
        schema = schemas()[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def merged(schema: Schema) -> Schema:
    """The schema with ``$ref``s followed and ``allOf`` members folded into one: properties
    and required names united; any other keyword from the first part that has it, the
    schema's own (``example``, ``nullable``, ...) first."""
    schema = deref(schema)
    if "allOf" not in schema:
        return schema
    out: Schema = {key: value for key, value in schema.items() if key != "allOf"}
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for part in [*(merged(member) for member in schema["allOf"]), schema]:
        properties.update(part.get("properties", {}))
        required.extend(name for name in part.get("required", ()) if name not in required)
        for key, value in part.items():
            if key != "allOf":
                out.setdefault(key, value)
    if properties:
        out["properties"] = properties
    if required:
        out["required"] = required
    return out


def first_branch(schema: Schema) -> Schema:
    """For ``oneOf``/``anyOf``, the first alternative (recursively); else the schema itself."""
    schema = merged(schema)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return first_branch(schema[key][0])
    return schema


def is_nullable(schema: Schema) -> bool:
    """Whether ``null`` is allowed, looking through ``$ref`` and ``allOf``."""
    return bool(merged(schema).get("nullable"))


# ------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class SpecOperation:
    method: str
    path: str
    body: Any

    def parameters(self) -> list[dict[str, Any]]:
        return [deref(p) for p in self.body.get("parameters", ())]

    def request_content(self) -> tuple[str, Schema] | None:
        """The first request content type and its schema, if the operation takes a body."""
        content = self.body.get("requestBody", {}).get("content", {})
        for content_type, media in content.items():
            return content_type, media.get("schema", {})
        return None

    def success(self) -> tuple[str, str | None, Schema]:
        """The first 2xx status, its first content type (None: no body) and its schema."""
        for status, answer in self.body["responses"].items():
            if status.startswith("2"):
                for content_type, media in (answer.get("content") or {}).items():
                    return status, content_type, media.get("schema", {})
                return status, None, {}
        raise AssertionError(f"{self.body['operationId']} declares no 2xx answer")

    def needs_bearer(self) -> bool:
        schemes = document()["components"].get("securitySchemes", {})
        return any(
            schemes.get(name, {}).get("scheme") == "bearer"
            for requirement in self.body.get("security", ())
            for name in requirement
        )


@functools.cache
def operations() -> dict[str, SpecOperation]:
    out: dict[str, SpecOperation] = {}
    for path, item in document()["paths"].items():
        for method, body in item.items():
            if isinstance(body, dict) and "operationId" in body:
                out[body["operationId"]] = SpecOperation(method.upper(), path, body)
    return out


def python_name(wire: str) -> str:
    """The SDK's argument name for a wire name: snake_case, ``_`` after a keyword."""
    name = to_snake(wire)
    return name + "_" if keyword.iskeyword(name) else name


# ---------------------------------------------------------------------------- samples

SAMPLE_KEY = "2251799813685249"
SAMPLE_FILE = ("contract.txt", b"contract test payload")
_STRING_CANDIDATES = (SAMPLE_KEY, "contract_sample", "Y29udHJhY3Q=", "1-1", "a")
_FORMATS: dict[str, Any] = {
    "date-time": "2025-01-01T00:00:00Z",
    "date": "2025-01-01",
    "uri": "https://example.com/contract",
    "uri-reference": "/contract",
    "email": "contract@example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "binary": SAMPLE_FILE,
}


def _matches(pattern: str, value: str) -> bool:
    # Python's re has no \p{..}: approximate letters and digits by ASCII for the check.
    simple = pattern.replace(r"\p{L}", "A-Za-z").replace(r"\p{N}", "0-9")
    return re.search(simple, value) is not None


def sample(schema: Schema, *, depth: int = 0) -> Any:
    """A minimal valid wire value: examples first, then enums, formats, patterns and bounds;
    objects get their required properties, arrays one item, unions their first branch."""
    if depth > 12:
        raise AssertionError("schema nests too deep to sample")
    schema = first_branch(schema)
    if "example" in schema and "properties" not in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object" if "properties" in schema else None)
    if kind == "object":
        properties = schema.get("properties", {})
        return {
            name: sample(properties[name], depth=depth + 1)
            for name in schema.get("required", ())
            if name in properties
        }
    if kind == "array":
        return [sample(schema.get("items", {}), depth=depth + 1)]
    if kind == "integer":
        low = max(schema.get("minimum", 1), 1)
        return int(min(low, schema.get("maximum", low)))
    if kind == "number":
        return float(schema.get("minimum", 1.0))
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") in _FORMATS:
            return _FORMATS[schema["format"]]
        return _string(schema)
    return {}


def _string(schema: Schema) -> str:
    pattern = schema.get("pattern")
    low, high = schema.get("minLength", 1), schema.get("maxLength", 1_000)
    for candidate in _STRING_CANDIDATES:
        if low <= len(candidate) <= high and (pattern is None or _matches(pattern, candidate)):
            return candidate
    raise AssertionError(f"no sample string fits {schema}")


# ----------------------------------------------------------------------------- models

_SPEC_LINE = re.compile(r"^\s*Spec: `(\w+)`", re.MULTILINE)


def spec_name(cls: type) -> str | None:
    """The schema a model implements: its own docstring's ``Spec: `Name``` line."""
    match = _SPEC_LINE.search(cls.__dict__.get("__doc__") or "")
    return match.group(1) if match else None


def ref_name(schema: Schema) -> str | None:
    """The schema a ``$ref`` (or an ``allOf`` of one ``$ref``) names."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    members = schema.get("allOf", ())
    if len(members) == 1 and "properties" not in schema:
        return ref_name(members[0])
    return None


# ------------------------------------------------------------------------------ SDK


def resolve(client: object, dotted: str) -> Any:
    """``client.identity.tenants.assign_user`` from ``"identity.tenants.assign_user"``."""
    target: Any = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def declared_operations(method: Any, operation_id: str) -> dict[str, Operation[Any]]:
    """The module-level ``Operation``s of the method's module with this operation id."""
    module = sys.modules[method.__func__.__module__]
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, Operation) and value.operation_id == operation_id
    }
