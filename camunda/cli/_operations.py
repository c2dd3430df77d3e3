"""The API groups on the command line: a parser per group and per operation, and running
one. Searches add ``--all`` (every item of every page, as JSON lines); calls that start a
batch operation, and ``batch-operations get``, add ``--wait`` (until it ends)."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from camunda._progress import Progress
from camunda.cli._commands import Command, Option, commands
from camunda.cli._common import (
    EXIT_API_ERROR,
    EXIT_OK,
    error,
    open_client,
    write_json,
    write_lines,
    write_result,
)
from camunda.cli._parser import help_formatter, non_negative_float

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda._pagination import SearchPage
    from camunda.cli._commands import Kind
    from camunda.cli._parser import Parser, SubCommands
    from camunda.models.batch_operations import BatchOperation
    from camunda.resources import Group
    from camunda.resources._sync._client import CamundaClient
    from camunda.types import BatchOperationKey

__all__ = ["add_group", "json_argument", "run"]

_BATCH_ENDED: Final = frozenset(
    {"COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELED", "SUSPENDED"}
)
_WAIT_TIMEOUT: Final = 3600.0
_KEY_EXAMPLE: Final = "2251799813685249"


def json_argument(text: str) -> Any:
    """An argparse ``type``: JSON text, or ``@path`` of a file with JSON."""
    source = None
    if text.startswith("@"):
        source = text[1:]
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise argparse.ArgumentTypeError(
                f"cannot read {source}: {exc.strerror or exc}"
            ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" in {source}" if source else ""
        raise argparse.ArgumentTypeError(
            f"invalid JSON{where}: {exc.msg} (line {exc.lineno}, column {exc.colno}); "
            "give JSON text, or @FILE to read it from a file"
        ) from None


def _datetime(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date-time {text!r}; use ISO 8601, e.g. 2025-01-31T12:00:00Z"
        ) from None


_INT64 = range(-(2**63), 2**63)


def _int64(text: str) -> int:
    """A whole number the wire can carry: the spec's widest integer is int64."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if number not in _INT64:
        raise argparse.ArgumentTypeError(f"{number} is out of range (a 64-bit integer)")
    return number


def _int_or_datetime(text: str) -> int | datetime:
    return _int64(text) if text.lstrip("-").isdigit() else _datetime(text)


_TYPES: Final[dict[Kind, tuple[Callable[[str], Any], str]]] = {
    "text": (str, "TEXT"),
    "choice": (str, "VALUE"),
    "int": (_int64, "N"),
    "float": (float, "NUMBER"),
    "datetime": (_datetime, "DATETIME"),
    "int-or-datetime": (_int_or_datetime, "MILLIS|DATETIME"),
    "file": (Path, "FILE"),
    "files": (Path, "FILE"),
}


def _add_option(parser: argparse.ArgumentParser, option: Option) -> None:
    help_text = option.help or None
    if option.positional:
        parser.add_argument(option.name, metavar=option.spelled, help=help_text)
        return
    extra: dict[str, Any] = {"default": argparse.SUPPRESS, "dest": option.name}
    if option.required:
        extra["required"] = True
    if option.kind == "bool":
        parser.add_argument(
            option.flag, action=argparse.BooleanOptionalAction, help=help_text, **extra
        )
        return
    if option.kind == "json":
        parser.add_argument(
            option.flag,
            type=json_argument,
            metavar="JSON",
            help=_joined(help_text, "(JSON text, or @FILE)"),
            **extra,
        )
        return
    convert, metavar = _TYPES[option.kind]
    if option.kind == "text" and option.name.endswith("_key"):
        metavar = "KEY"
    if option.kind == "choice":
        extra["choices"] = option.choices
        metavar = "{" + ",".join(option.choices) + "}"
    elif option.kind == "text" and option.choices:
        help_text = _joined(help_text, f"(known values: {', '.join(option.choices)})")
    elif option.kind == "files":
        extra["nargs"] = "+"
    parser.add_argument(option.flag, type=convert, metavar=metavar, help=help_text, **extra)


def _joined(help_text: str | None, note: str) -> str:
    return f"{help_text} {note}" if help_text else note


def add_group(
    commands_of: SubCommands, group: Group, path: tuple[str, ...], common: Parser
) -> Parser:
    """Add the parser of ``group`` (its operations and sub-groups) to ``commands_of``."""
    found = commands(group.load(), path)
    words = " ".join(p.replace("_", "-") for p in path)
    parser = commands_of.add_parser(
        group.command,
        help=_sentence(group.summary) if len(path) > 1 else f"API: {group.summary}",
        formatter_class=help_formatter,
        description=_sentence(group.summary) + ".",
        epilog=_examples(words, found, group),
    )
    nested = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in found:
        _add_command(nested, command, common)
    for child in group.children:
        add_group(nested, child, (*path, child.attribute), common)
    return parser


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _examples(words: str, found: list[Command], group: Group) -> str:
    """A few command lines for the group's help: a search, a get, a sub-group."""
    by_name = {command.name: command for command in found}
    lines: list[str] = []
    if "search" in by_name:
        lines += [
            f"camunda {words} search --page '{{\"limit\": 5}}'",
            f"camunda {words} search --filter @filter.json --all > items.jsonl",
        ]
    get = by_name.get("get")
    if get is not None and get.options and get.options[0].positional:
        lines.append(f"camunda {words} get {_KEY_EXAMPLE}")
    lines += [f"camunda {words} {child.command} --help" for child in group.children[:2]]
    if not lines:
        lines.append(f"camunda {words} {found[0].name} --help")
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _add_command(commands_of: SubCommands, command: Command, common: Parser) -> None:
    description = (
        command.summary + "." + (f"\n\n{command.description}" if command.description else "")
    )
    parser = commands_of.add_parser(
        command.name,
        help=command.summary,
        description=description,
        parents=[common],
        formatter_class=help_formatter,
    )
    for option in command.options:
        _add_option(parser, option)
    if command.operation.paged:
        parser.add_argument(
            "--all",
            action="store_true",
            help="every item of every page, one JSON document per line",
        )
    if command.waits_for_batch:
        parser.add_argument(
            "--wait",
            action="store_true",
            help="wait until the batch operation has ended and print it "
            "(exit 1 unless it completed)",
        )
        parser.add_argument(
            "--wait-timeout",
            type=non_negative_float,
            default=_WAIT_TIMEOUT,
            metavar="SECONDS",
            help=f"give up waiting after this long (default: {_WAIT_TIMEOUT:g})",
        )
    parser.set_defaults(handler=functools.partial(run, command), spellings=command.spellings)


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
    total = None if first.page.has_more_total_items else first.page.total_items
    with Progress("items", total, output=sys.stdout) as bar:
        for page in first.iter_pages():  # the SDK's own walk: by cursor, to the last page
            write_lines(page.items)
            bar.advance(len(page.items))


def _wait_for_batch(client: CamundaClient, key: BatchOperationKey, timeout: float) -> int:
    from camunda._wait import wait_for

    with Progress(f"batch operation {key}") as bar:

        def ended(operation: BatchOperation) -> bool:
            bar.update(
                operation.operations_completed_count + operation.operations_failed_count,
                operation.operations_total_count,
            )
            return _state(operation) in _BATCH_ENDED

        final = wait_for(
            lambda: client.batch_operations.get(key),
            until=ended,
            timeout=timeout,
            interval=0.5,
            max_interval=5.0,
            description=f"batch operation {key} to end",
        )
    write_json(final)
    state = _state(final)
    if state != "COMPLETED":
        error(f"batch operation {key}: {state}")
        return EXIT_API_ERROR
    return EXIT_OK


def _state(operation: BatchOperation) -> str:
    return str(operation.state)
