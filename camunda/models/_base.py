"""Base classes shared by every model.

Field names are snake_case in Python and camelCase on the wire. Requests forbid unknown
fields (a typo is an error before anything is sent); responses keep unknown fields and
accept unknown enum values, so a newer cluster does not break an older client.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, ClassVar, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

from camunda.types import KEY_MAX_LENGTH, KEY_PATTERN

__all__ = [
    "KEY",
    "CamundaModel",
    "Lenient",
    "OperationReference",
    "RequestModel",
    "ResponseModel",
    "TaggedRequest",
    "WireEnum",
    "wire",
]

E = TypeVar("E", bound=Enum)

KEY = StringConstraints(pattern=KEY_PATTERN.pattern, min_length=1, max_length=KEY_MAX_LENGTH)
"""Constraint for key fields in request models: ``Annotated[JobKey, KEY]``."""

Lenient = Annotated[Union[E, str], Field(union_mode="left_to_right")]  # noqa: UP007
"""An enum on output that keeps values this SDK does not know yet as plain strings."""

OperationReference = Annotated[int, Field(ge=1)]
"""A caller-chosen number (at least 1) the cluster attaches to what a command causes."""


def wire(alias: str, default: Any = None, **constraints: Any) -> Any:
    """A field whose wire name is not the camelCase of its Python name (``$eq``, ``from``),
    optional unless ``default`` is ``...`` (required). Not a pydantic field specifier to
    type checkers, so ``__init__`` keeps the Python name: ``StringFilter(like="a*")``
    type-checks; ``{"$like": "a*"}`` works too. (The price: type checkers take a required
    field for an optional one; pydantic still rejects it missing.)"""
    return Field(default, alias=alias, **constraints)


class WireEnum(str, Enum):
    """A string enum whose ``str()`` is its wire value."""

    def __str__(self) -> str:
        return str(self.value)


class CamundaModel(BaseModel):
    """Root of all models: camelCase aliases, populated by either name."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        defer_build=True,
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON-ready dict of exactly the fields that were set, with wire names."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class RequestModel(CamundaModel):
    """Base of request bodies: unknown fields are rejected."""

    model_config = ConfigDict(extra="forbid")


class ResponseModel(CamundaModel):
    """Base of response bodies: unknown fields are kept, nothing is rejected for being new."""

    model_config = ConfigDict(extra="allow")


class TaggedRequest(RequestModel):
    """A member of a tagged union: its tag field is always sent, even at its default
    (requests are serialised with ``exclude_unset``)."""

    tag_field: ClassVar[str] = "type"

    def model_post_init(self, context: Any, /) -> None:
        self.model_fields_set.add(self.tag_field)
