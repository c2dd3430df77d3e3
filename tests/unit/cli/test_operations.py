"""Commands derived from the client's surface: every operation is reachable, and each
parameter's type decides how the command line takes it."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NewType

import pytest

from camunda._transport import FileValue
from camunda.cli import build_parser
from camunda.cli._commands import Command, Option, classify, commands
from camunda.models.batch_operations import BatchOperationState
from camunda.resources import GROUPS, Group
from camunda.types import NotGiven
from tests.contract.spec import OPERATIONS_TSV

if TYPE_CHECKING:
    import argparse


_SAMPLES: dict[str, tuple[str, Any]] = {
    "text": ("some-text", "some-text"),
    "int": ("7", 7),
    "float": ("1.5", 1.5),
    "datetime": ("2025-01-31T12:00:00Z", datetime(2025, 1, 31, 12, tzinfo=timezone.utc)),
    "int-or-datetime": ("1700000000000", 1700000000000),
    "file": ("order.bpmn", Path("order.bpmn")),
    "files": ("order.bpmn", [Path("order.bpmn")]),
    "json": ('{"a": [1]}', {"a": [1]}),
}


def _rows() -> list[str]:
    if not OPERATIONS_TSV.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{OPERATIONS_TSV} is missing (CI must have the spec)")
        pytest.skip(
            f"{OPERATIONS_TSV} is not here: the operation list is test data from the "
            "spec (set CAMUNDA_SPEC_DIR)"
        )
    lines = OPERATIONS_TSV.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t")[0] for line in lines if line.strip()]


@functools.cache
def _parser() -> argparse.ArgumentParser:
    return build_parser("*")


def _parse(argv: list[str]) -> argparse.Namespace:
    return _parser().parse_args(argv)


def _command(args: argparse.Namespace) -> Command:
    handler = args.handler
    assert isinstance(handler, functools.partial)
    command = handler.args[0]
    assert isinstance(command, Command)
    return command


def _probe(sdk_method: str) -> Command:
    """Parse a command line for the operation, with a sample value for each positional
    and required argument; return the command it reached."""
    *path, method = sdk_method.split(".")
    words = [*(p.replace("_", "-") for p in path), method.replace("_", "-")]
    argv = list(words)
    expected: dict[str, Any] = {}
    for option in _derived()[sdk_method].options:
        if option.positional:
            argv.append("2251799813685249")
            expected[option.name] = "2251799813685249"
        elif option.kind == "choice" and option.required:
            argv += [option.flag, option.choices[0]]
            expected[option.name] = option.choices[0]
        elif option.required:
            text, expected[option.name] = _SAMPLES[option.kind]
            argv += [option.flag, text]
    args = _parse(argv)
    assert {name: getattr(args, name) for name in expected} == expected, sdk_method
    return _command(args)


@functools.cache
def _derived() -> dict[str, Command]:
    """Every derived command by its dotted SDK name, e.g. ``identity.users.search``."""
    found: dict[str, Command] = {}

    def walk(group: Group, path: tuple[str, ...]) -> None:
        for command in commands(group.load(), path):
            found[".".join((*path, command.method))] = command
        for child in group.children:
            walk(child, (*path, child.attribute))

    for group in GROUPS:
        walk(group, (group.attribute,))
    return found


def test_every_operation_of_the_tsv_is_a_command() -> None:
    rows = _rows()
    assert len(rows) == 184
    assert sorted(_derived()) == sorted(rows)
    for row in rows:
        command = _probe(row)
        assert ".".join((*command.path, command.method)) == row


def test_only_operations_become_commands() -> None:
    with pytest.raises(SystemExit):
        _parse(["deployments", "deploy-files", "x.bpmn"])
    with pytest.raises(SystemExit):
        _parse(["documents", "open-download", "doc-1"])


def test_required_arguments_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _parse(["process-instances", "get"])
    assert exit_info.value.code == 2
    assert "PROCESS_INSTANCE_KEY" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _parse(["jobs", "activate", "--type", "payment"])  # --timeout, --max-jobs-... missing


def test_a_search_takes_json_options_and_all() -> None:
    args = _parse(
        [
            "process-instances",
            "search",
            "--filter",
            '{"state":"ACTIVE"}',
            "--sort",
            '[{"field":"startDate","order":"DESC"}]',
            "--all",
        ]
    )
    assert args.filter == {"state": "ACTIVE"}
    assert args.sort == [{"field": "startDate", "order": "DESC"}]
    assert args.all is True
    assert not hasattr(args, "page")  # not given: the SDK's NOT_GIVEN applies


def test_the_key_is_positional_and_options_are_kebab_case() -> None:
    args = _parse(
        [
            "process-instances",
            "create",
            "--process-definition-id",
            "order",
            "--variables",
            '{"amount": 5}',
            "--await-completion",
            "--request-timeout",
            "5000",
            "--tags",
            '["a"]',
        ]
    )
    assert (args.process_definition_id, args.variables) == ("order", {"amount": 5})
    assert (args.await_completion, args.request_timeout, args.tags) == (True, 5000, ["a"])
    args = _parse(
        ["process-instances", "create", "--process-definition-key", "1", "--no-await-completion"]
    )
    assert args.await_completion is False
    assert _parse(["process-instances", "get", "42"]).process_instance_key == "42"
    assert _parse(["identity", "users", "search"]).handler.args[0].path == ("identity", "users")


def test_enums_and_literals_have_choices(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["jobs", "activate", "--type", "t", "--timeout", "1000", "--max-jobs-to-activate", "1"]
    assert _parse([*argv, "--tenant-filter", "ASSIGNED"]).tenant_filter == "ASSIGNED"
    with pytest.raises(SystemExit):
        _parse([*argv, "--tenant-filter", "SOMETIMES"])
    assert "invalid choice: 'SOMETIMES'" in capsys.readouterr().err


def test_dates_numbers_and_files_are_converted() -> None:
    pinned = _parse(["clock", "pin", "--timestamp", "2025-01-31T12:00:00Z"]).timestamp
    assert pinned == datetime(2025, 1, 31, 12, tzinfo=timezone.utc)
    assert _parse(["clock", "pin", "--timestamp", "1700000000000"]).timestamp == 1700000000000
    args = _parse(
        [
            "jobs",
            "get-global-statistics",
            "--from",
            "2025-01-01T00:00:00+00:00",
            "--to",
            "2025-02-01T00:00:00Z",
        ]
    )
    assert args.from_ == datetime(2025, 1, 1, tzinfo=timezone.utc)
    args = _parse(["deployments", "create", "--resources", "a.bpmn", "b.dmn"])
    assert args.resources == [Path("a.bpmn"), Path("b.dmn")]


def test_bad_values_name_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parse(["clock", "pin", "--timestamp", "yesterday"])
    err = capsys.readouterr().err
    assert "argument --timestamp: invalid date-time 'yesterday'" in err
    with pytest.raises(SystemExit):
        _parse(["jobs", "search", "--page", "{limit: 3}"])
    err = capsys.readouterr().err
    assert "argument --page: invalid JSON: Expecting property name" in err


def test_batch_operation_commands_can_wait() -> None:
    args = _parse(
        ["process-instances", "cancel-batch", "--filter", "{}", "--wait", "--wait-timeout", "30"]
    )
    assert (args.wait, args.wait_timeout) == (True, 30.0)
    assert _parse(["batch-operations", "get", "k", "--wait"]).wait is True
    assert not hasattr(_parse(["process-instances", "get", "1"]), "wait")


def test_classify_maps_types_to_the_command_line() -> None:
    key = NewType("key", str)

    assert classify(str) == ("text", ())
    assert classify(key | NotGiven) == ("text", ())
    assert classify(int | NotGiven) == ("int", ())
    assert classify(bool | NotGiven | None) == ("bool", ())
    assert classify(datetime) == ("datetime", ())
    assert classify(Literal["a", "b"] | NotGiven) == ("choice", ("a", "b"))
    assert classify(BatchOperationState | Literal["ACTIVE"])[0] == "choice"
    assert classify(BatchOperationState | str) == (
        "text",
        tuple(s.value for s in BatchOperationState),
    )
    assert classify(FileValue) == ("file", ())
    assert classify(Sequence[FileValue]) == ("files", ())
    assert classify(dict[str, Any] | NotGiven) == ("json", ())
    assert classify(Sequence[str] | NotGiven) == ("json", ())


def test_option_flags() -> None:
    assert Option("from_", "datetime").flag == "--from"
    assert Option("max_jobs_to_activate", "int").flag == "--max-jobs-to-activate"


def test_help_is_written_for_the_command_line() -> None:
    """Every option is described, and no help text shows Python: no double backticks, no
    Sphinx roles, no ``name=True``, no snake_case parameter names."""
    for sdk_method, command in _derived().items():
        texts = [command.summary, command.description]
        for option in command.options:
            assert option.help, f"{sdk_method}: {option.spelled} has no description"
            texts.append(option.help)
        snake = [o.name for o in command.options if "_" in o.name.rstrip("_")]
        for text in texts:
            assert "``" not in text and ":meth:" not in text and "=True" not in text, (
                f"{sdk_method}: {text!r}"
            )
            assert not [name for name in snake if name in text.split()], f"{sdk_method}: {text!r}"


def test_docstring_literals_become_options() -> None:
    (create,) = [
        c for c in _derived().values() if c.operation.operation_id == "createProcessInstance"
    ]
    description = " ".join(create.description.split())
    assert "With --await-completion the call returns" in description
    assert description.startswith("POST /process-instances (createProcessInstance)")
    (activate,) = [c for c in _derived().values() if c.operation.operation_id == "activateJobs"]
    assert activate.summary == (
        "Activate up to --max-jobs-to-activate jobs of a type for --timeout ms"
    )
    tenant_filter = next(o for o in activate.options if o.name == "tenant_filter")
    assert "PROVIDED: the tenants in --tenant-ids" in tenant_filter.help
