"""What every command shares: settings from the environment (and ``--env-file``), the
client, JSON on stdout, and errors on stderr with the exit code they stand for."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import pydantic_core

from camunda._exceptions import (
    APIStatusError,
    CamundaError,
    ConfigurationError,
    InvalidArgumentError,
)
from camunda.cli._help import cli_message

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Mapping

    from camunda._settings import CamundaSettings
    from camunda.resources._sync._client import CamundaClient

__all__ = [
    "EXIT_API_ERROR",
    "EXIT_OK",
    "EXIT_USAGE",
    "error",
    "load_settings",
    "open_client",
    "report",
    "write_json",
    "write_line",
    "write_lines",
    "write_result",
]

EXIT_OK: Final = 0
EXIT_API_ERROR: Final = 1
EXIT_USAGE: Final = 2


def load_settings(args: argparse.Namespace, **overrides: Any) -> CamundaSettings:
    """``CamundaSettings`` from the ``CAMUNDA_*`` environment, the ``--env-file`` (ranked
    below the environment) and ``overrides`` (ranked above both).

    Raises:
        ConfigurationError: the settings cannot work, or the env file does not exist.
    """
    from camunda._settings import CamundaSettings

    env_file: str | None = getattr(args, "env_file", None)
    if env_file is not None:
        if not Path(env_file).is_file():
            raise ConfigurationError(f"--env-file {env_file}: no such file")
        overrides["load_envfile"] = env_file
    return CamundaSettings(**overrides)


def open_client(args: argparse.Namespace) -> CamundaClient:
    from camunda.resources._sync._client import CamundaClient

    return CamundaClient(load_settings(args))


def write_json(value: object) -> None:
    """One JSON document on stdout (models by their wire names)."""
    sys.stdout.write(pydantic_core.to_json(value, by_alias=True, indent=2).decode() + "\n")
    sys.stdout.flush()


def write_line(value: object) -> None:
    """One compact JSON document on a line of its own (JSON lines)."""
    sys.stdout.write(pydantic_core.to_json(value, by_alias=True).decode() + "\n")


def write_lines(values: Iterable[object]) -> None:
    for value in values:
        write_line(value)
    sys.stdout.flush()


def write_result(result: object) -> None:
    """An operation's answer: nothing for ``None`` (204), text as is (XML), bytes raw
    (document downloads), a search page as ``{"items": [...], "page": {...}}``, anything
    else as one JSON document."""
    from camunda._pagination import SearchPage

    if result is None:
        return
    if isinstance(result, SearchPage):
        page = cast("SearchPage[Any]", result)
        result = {"items": page.items, "page": page.page}
    if isinstance(result, bytes):
        sys.stdout.buffer.write(result)
        sys.stdout.buffer.flush()
    elif isinstance(result, str):
        sys.stdout.write(result if result.endswith("\n") else result + "\n")
        sys.stdout.flush()
    else:
        write_json(result)


def error(message: str) -> None:
    sys.stderr.write(f"camunda: error: {message}\n")
    sys.stderr.flush()


def report(exc: CamundaError, spellings: Mapping[str, str] | None = None) -> int:
    """Describe ``exc`` on stderr and return the exit code it stands for.

    An error status prints the problem detail as one JSON line (exit 1); bad settings or
    arguments exit 2, an argument named as the command line spells it (``spellings``:
    parameter name → ``--option`` or metavar); any other failure (connection, timeout)
    exits 1.
    """
    if isinstance(exc, APIStatusError):
        problem = exc.problem.model_dump(mode="json", by_alias=True, exclude_none=True)
        problem.setdefault("status", exc.status_code)
        if exc.operation_id:
            problem.setdefault("operationId", exc.operation_id)
        sys.stderr.write(pydantic_core.to_json(problem).decode() + "\n")
        sys.stderr.flush()
        return EXIT_API_ERROR
    if isinstance(exc, InvalidArgumentError):
        error(cli_message(str(exc), spellings or {}, exc.fields))
        return EXIT_USAGE
    error(str(exc))
    return EXIT_USAGE if isinstance(exc, ConfigurationError) else EXIT_API_ERROR
