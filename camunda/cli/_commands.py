"""The API operations as commands: one :class:`Command` per ``@endpoint`` method.

A resource group's methods marked with ``@endpoint`` (see :mod:`camunda.resources`) are its
operations. Each one's signature, with its types resolved at runtime, becomes a command line:

* the positional parameter (the resource's key) is a positional argument;
* each keyword parameter is a ``--kebab-case`` option, required when it has no default:
  ``str`` and key types take text, ``int``/``float`` numbers, ``bool`` is a
  ``--flag``/``--no-flag`` pair, a ``datetime`` takes ISO 8601, a ``Literal`` or enum has
  choices, a file takes a path (several for a sequence of files), and anything else
  (models, mappings, lists) takes JSON text or ``@file.json``.

The help of each option is the parameter's entry in the method's ``Args:`` section, and the
command's help is the rest of the docstring, both in command-line words (:mod:`._help`).
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NewType, Union, get_args, get_origin

from camunda.cli._help import cli_text, parse_doc
from camunda.resources import operation_of
from camunda.types import NotGiven

if TYPE_CHECKING:
    from camunda._transport import Operation

__all__ = ["Command", "Kind", "Option", "classify", "commands"]

Kind = Literal[
    "text", "int", "float", "bool", "datetime", "int-or-datetime", "choice", "file", "files", "json"
]

_UNIONS: Final = (Union, types.UnionType)
_SCALARS: Final[dict[frozenset[Any], Kind]] = {
    frozenset({bool}): "bool",
    frozenset({int}): "int",
    frozenset({float}): "float",
    frozenset({datetime}): "datetime",
    frozenset({int, datetime}): "int-or-datetime",
}


@dataclass(frozen=True)
class Option:
    """One parameter of an operation, as the command line takes it."""

    name: str
    kind: Kind
    positional: bool = False
    required: bool = False
    choices: tuple[str, ...] = ()
    """For ``choice``: the allowed values. For ``text``: known values (others pass too)."""
    help: str = ""
    """What the value means, from the method's ``Args:`` section."""

    @property
    def flag(self) -> str:
        """``--kebab-case`` (``from_`` becomes ``--from``)."""
        return "--" + self.name.rstrip("_").replace("_", "-")

    @property
    def spelled(self) -> str:
        """How help and messages name it: the flag, or the positional's metavar."""
        return self.name.upper() if self.positional else self.flag


@dataclass(frozen=True)
class Command:
    """One operation of a resource group, as ``camunda <group...> <name>``."""

    path: tuple[str, ...]
    """Attributes from the client to the group, e.g. ``("identity", "users")``."""
    method: str
    options: tuple[Option, ...]
    operation: Operation[Any]
    summary: str
    """One line for the group's listing."""
    description: str
    """The rest of the docstring (the HTTP call first), in command-line words."""

    @property
    def name(self) -> str:
        return self.method.replace("_", "-")

    @property
    def spellings(self) -> dict[str, str]:
        """Each parameter's name → how the command line spells it."""
        return {option.name: option.spelled for option in self.options}

    @property
    def starts_batch(self) -> bool:
        from camunda.models.batch_operations import BatchOperationCreated

        return self.operation.returns is BatchOperationCreated

    @property
    def waits_for_batch(self) -> bool:
        """``--wait`` applies: the call starts a batch operation, or reads one."""
        return self.starts_batch or self.operation.operation_id == "getBatchOperation"


def commands(cls: type, path: tuple[str, ...]) -> list[Command]:
    """The operations of resource group class ``cls``, reached by ``path`` from the client."""
    found: list[Command] = []
    for name, method in vars(cls).items():
        operation = operation_of(method)
        if operation is None or name.startswith("_"):
            continue
        hints = typing.get_type_hints(method)
        doc = parse_doc(inspect.getdoc(method) or "")
        parameters = list(inspect.signature(method).parameters.values())[1:]
        options = tuple(_option(p, hints[p.name], doc.args.get(p.name, "")) for p in parameters)
        names = {option.name: option.spelled for option in options}
        spelled = tuple(replace(o, help=cli_text(o.help, names).rstrip(".")) for o in options)
        found.append(
            Command(
                path,
                name,
                spelled,
                operation,
                cli_text(doc.summary, names),
                cli_text(doc.body, names),
            )
        )
    return found


def _option(parameter: inspect.Parameter, hint: Any, help_text: str) -> Option:
    positional = parameter.kind is not parameter.KEYWORD_ONLY
    required = parameter.default is parameter.empty
    kind, choices = classify(hint)
    return Option(parameter.name, kind, positional, required, choices, help_text)


def classify(hint: Any) -> tuple[Kind, tuple[str, ...]]:
    """How the command line takes a value of type ``hint`` (and its choices, if any)."""
    members = [m for m in _members(hint) if m is not NotGiven and m is not types.NoneType]
    if any(m is Path for m in members):
        return "file", ()
    if len(members) == 1 and get_origin(members[0]) is Sequence:
        (item,) = get_args(members[0])
        if any(m is Path for m in _members(item)):
            return "files", ()
    kind = _SCALARS.get(frozenset(members))
    if kind is not None:
        return kind, ()
    if all(_is_text(m) or _string_values(m) for m in members):
        values = tuple(dict.fromkeys(v for m in members for v in _string_values(m)))
        return ("text", values) if any(_is_text(m) for m in members) else ("choice", values)
    return "json", ()


def _members(hint: Any) -> tuple[Any, ...]:
    return get_args(hint) if get_origin(hint) in _UNIONS else (hint,)


def _is_text(hint: Any) -> bool:
    return hint is str or (isinstance(hint, NewType) and hint.__supertype__ is str)


def _string_values(hint: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` of strings or a string enum; empty for anything else."""
    if get_origin(hint) is Literal:
        values = get_args(hint)
        return values if all(isinstance(v, str) for v in values) else ()
    if isinstance(hint, type) and issubclass(hint, Enum):
        return tuple(str(member.value) for member in hint)
    return ()
