"""Commands derived from the client's surface: ``camunda <group> <method> [ARGS]``.

An operation is a public method of a resource group whose body sends one module-level
``Operation`` (helpers such as ``deploy_files`` or the streaming ``open_download`` do not
count). Its signature becomes the command line:

* the positional parameter (the resource's key) is a positional argument;
* each keyword parameter is a ``--kebab-case`` option, required when it has no default:
  ``str`` and key types take text, ``int``/``float`` numbers, ``bool`` is a
  ``--flag``/``--no-flag`` pair, a ``datetime`` takes ISO 8601, a ``Literal`` or enum has
  choices, a file takes a path (several for a sequence of files), and anything else
  (models, mappings, lists) takes JSON text or ``@file.json``.

Searches add ``--all`` (every item of every page, as JSON lines); calls that start a batch
operation, and ``batch-operations get``, add ``--wait`` (until the batch operation ends).
"""

from __future__ import annotations

import argparse
import ast
import functools
import importlib
import inspect
import json
import sys
import types
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NewType, Union, get_args, get_origin

from camunda._transport import Operation
from camunda.cli._common import (
    EXIT_API_ERROR,
    EXIT_OK,
    error,
    open_client,
    write_json,
    write_lines,
    write_result,
)
from camunda.cli._groups import Group, groups
from camunda.cli._progress import Progress
from camunda.types import NotGiven

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda._pagination import SearchPage
    from camunda.models.batch_operations import BatchOperation
    from camunda.resources._sync._client import CamundaClient
    from camunda.types import BatchOperationKey

__all__ = ["Command", "Option", "add_group", "commands", "json_argument"]

Kind = Literal["text", "int", "float", "bool", "datetime", "int-or-datetime", "choice",
               "file", "files", "json"]

_NONE: Final = type(None)
_UNIONS: Final = (Union, types.UnionType)
_BATCH_ENDED: Final = frozenset({"COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELED",
                                 "SUSPENDED"})
_WAIT_TIMEOUT: Final = 3600.0
_SCALARS: Final[dict[frozenset[Any], Kind]] = {
    frozenset({bool}): "bool", frozenset({int}): "int", frozenset({float}): "float",
    frozenset({datetime}): "datetime", frozenset({int, datetime}): "int-or-datetime",
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

    @property
    def flag(self) -> str:
        """``--kebab-case`` (``from_`` becomes ``--from``)."""
        return "--" + self.name.rstrip("_").replace("_", "-")


@dataclass(frozen=True)
class Command:
    """One operation of a resource group."""

    path: tuple[str, ...]
    """Attributes from the client to the group, e.g. ``("identity", "users")``."""
    method: str
    options: tuple[Option, ...]
    operation: Operation[Any]
    doc: str

    @property
    def name(self) -> str:
        return self.method.replace("_", "-")

    @property
    def starts_batch(self) -> bool:
        from camunda.models.batch_operations import BatchOperationCreated

        return self.operation.returns is BatchOperationCreated

    @property
    def waits_for_batch(self) -> bool:
        """``--wait`` applies: the call starts a batch operation, or reads one."""
        return self.starts_batch or self.operation.operation_id == "getBatchOperation"


# ----------------------------------------------------------------------------- derivation


def commands(cls: type, path: tuple[str, ...]) -> list[Command]:
    """The operations of resource group class ``cls``, reached by ``path`` from the client."""
    module = sys.modules[cls.__module__]
    namespace = _annotation_namespace(module)
    found: list[Command] = []
    for name, func in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(func):
            continue
        sent: list[Operation[Any]] = [
            value for value in (vars(module).get(n) for n in func.__code__.co_names)
            if isinstance(value, Operation)
        ]
        if len(sent) != 1:
            continue
        signature = inspect.signature(func, globals=namespace, eval_str=True)
        options = tuple(_option(p) for p in list(signature.parameters.values())[1:])
        found.append(Command(path, name, options, sent[0], inspect.getdoc(func) or ""))
    return found


def _annotation_namespace(module: types.ModuleType) -> dict[str, Any]:
    """The module's globals plus the names it imports only for type checking."""
    namespace = dict(vars(module))
    tree = ast.parse(inspect.getsource(module))
    for node in tree.body:
        if not (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
                and node.test.id == "TYPE_CHECKING"):
            continue
        for statement in node.body:
            if isinstance(statement, ast.ImportFrom) and statement.module:
                source = importlib.import_module(statement.module)
                for alias in statement.names:
                    namespace[alias.asname or alias.name] = getattr(source, alias.name)
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    imported = importlib.import_module(alias.name)
                    top = alias.name.partition(".")[0]
                    namespace[alias.asname or top] = imported if alias.asname else sys.modules[top]
    return namespace


def _option(parameter: inspect.Parameter) -> Option:
    positional = parameter.kind is not parameter.KEYWORD_ONLY
    required = parameter.default is parameter.empty
    kind, choices = classify(parameter.annotation)
    return Option(parameter.name, kind, positional, required, choices)


def classify(hint: Any) -> tuple[Kind, tuple[str, ...]]:
    """How the command line takes a value of type ``hint`` (and its choices, if any)."""
    members = [m for m in _members(hint) if m is not NotGiven and m is not _NONE]
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


# ----------------------------------------------------------------------------- arguments


def json_argument(text: str) -> Any:
    """An argparse ``type``: JSON text, or ``@path`` of a file with JSON."""
    source = None
    if text.startswith("@"):
        source = text[1:]
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise argparse.ArgumentTypeError(
                f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" in {source}" if source else ""
        raise argparse.ArgumentTypeError(
            f"invalid JSON{where}: {exc.msg} (line {exc.lineno}, column {exc.colno}); "
            "give JSON text, or @FILE to read it from a file") from None


def _datetime(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date-time {text!r}; use ISO 8601, e.g. 2025-01-31T12:00:00Z") from None


def _int_or_datetime(text: str) -> int | datetime:
    return int(text) if text.lstrip("-").isdigit() else _datetime(text)


_TYPES: Final[dict[Kind, tuple[Callable[[str], Any], str]]] = {
    "text": (str, "TEXT"),
    "choice": (str, "VALUE"),
    "int": (int, "N"),
    "float": (float, "NUMBER"),
    "datetime": (_datetime, "DATETIME"),
    "int-or-datetime": (_int_or_datetime, "MILLIS|DATETIME"),
    "file": (Path, "FILE"),
    "files": (Path, "FILE"),
}


def _add_option(parser: argparse.ArgumentParser, option: Option) -> None:
    if option.positional:
        parser.add_argument(option.name, metavar=option.name.upper())
        return
    extra: dict[str, Any] = {"default": argparse.SUPPRESS, "dest": option.name}
    if option.required:
        extra["required"] = True
    if option.kind == "bool":
        parser.add_argument(option.flag, action=argparse.BooleanOptionalAction, **extra)
        return
    if option.kind == "json":
        parser.add_argument(option.flag, type=json_argument, metavar="JSON",
                            help="JSON text, or @FILE with JSON", **extra)
        return
    convert, metavar = _TYPES[option.kind]
    help_text = None
    if option.kind == "choice":
        extra["choices"] = option.choices
        metavar = "{" + ",".join(option.choices) + "}"
    elif option.kind == "text" and option.choices:
        help_text = f"one of {', '.join(option.choices)} (others are passed on as they are)"
    elif option.kind == "files":
        extra["nargs"] = "+"
    parser.add_argument(option.flag, type=convert, metavar=metavar, help=help_text, **extra)


def add_group(commands_of: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]
              group: Group, path: tuple[str, ...], parents: list[argparse.ArgumentParser],
              ) -> argparse.ArgumentParser:
    """Add the parser of ``group`` (its operations and sub-groups) to ``commands_of``."""
    cls: type = getattr(importlib.import_module(group.module), group.class_name)
    doc = inspect.getdoc(cls) or ""
    parser = commands_of.add_parser(group.command, help=_summary(doc), description=doc,
                                    formatter_class=argparse.RawDescriptionHelpFormatter)
    nested = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in commands(cls, path):
        _add_command(nested, command, parents)
    for child in groups(group):
        add_group(nested, child, (*path, child.attribute), parents)
    return parser


def _add_command(commands_of: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]
                 command: Command, parents: list[argparse.ArgumentParser]) -> None:
    parser = commands_of.add_parser(
        command.name, help=_summary(command.doc), description=command.doc, parents=parents,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for option in command.options:
        _add_option(parser, option)
    if command.operation.paged:
        parser.add_argument("--all", action="store_true",
                            help="every item of every page, one JSON document per line")
    if command.waits_for_batch:
        parser.add_argument("--wait", action="store_true",
                            help="wait until the batch operation has ended and print it "
                            "(exit 1 unless it completed)")
        parser.add_argument("--wait-timeout", type=float, default=_WAIT_TIMEOUT,
                            metavar="SECONDS", help="give up waiting after this long "
                            f"(default: {_WAIT_TIMEOUT:g})")
    parser.set_defaults(handler=functools.partial(run, command))


def _summary(doc: str) -> str:
    """The docstring's first paragraph, on one line."""
    return " ".join(doc.partition("\n\n")[0].split()).rstrip(".")


# ----------------------------------------------------------------------------- running


def run(command: Command, args: argparse.Namespace) -> int:
    """Call the operation with the arguments given and print its answer."""
    given = {o.name: getattr(args, o.name) for o in command.options if hasattr(args, o.name)}
    positional = [given.pop(o.name) for o in command.options if o.positional]
    with open_client(args) as client:
        target: Any = client
        for attribute in command.path:
            target = getattr(target, attribute)
        call = functools.partial(getattr(target, command.method), *positional, **given)
        if getattr(args, "wait", False):
            key = call().batch_operation_key if command.starts_batch else positional[0]
            return _wait_for_batch(client, key, args.wait_timeout)
        result = call()
        if command.operation.paged and args.all:
            _write_all(result)
            return EXIT_OK
    write_result(result)
    return EXIT_OK


def _write_all(first: SearchPage[Any]) -> None:
    page: SearchPage[Any] | None = first
    total = None if first.page.has_more_total_items else first.page.total_items
    with Progress("items", total, output=sys.stdout) as bar:
        while page is not None:
            write_lines(page.items)
            bar.advance(len(page.items))
            page = page.next_page()


def _wait_for_batch(client: CamundaClient, key: BatchOperationKey, timeout: float) -> int:
    from camunda._wait import wait_for_sync

    with Progress(f"batch operation {key}") as bar:

        def ended(operation: BatchOperation) -> bool:
            bar.update(operation.operations_completed_count + operation.operations_failed_count,
                       operation.operations_total_count)
            return _state(operation) in _BATCH_ENDED

        final = wait_for_sync(lambda: client.batch_operations.get(key), until=ended,
                              timeout=timeout, interval=0.5, max_interval=5.0,
                              description=f"batch operation {key} to end")
    write_json(final)
    state = _state(final)
    if state != "COMPLETED":
        error(f"batch operation {key}: {state}")
        return EXIT_API_ERROR
    return EXIT_OK


def _state(operation: BatchOperation) -> str:
    return str(operation.state)
