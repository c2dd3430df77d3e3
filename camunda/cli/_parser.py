"""The argument parser every ``camunda`` command is built from, and the value types its
options share.

Two things differ from a plain ``argparse.ArgumentParser``: a parser rejects the arguments it
does not know itself, so ``camunda jobs search --bogus`` prints the usage of
``jobs search`` (argparse would hand them up and print the top-level usage); and help is
laid out one line per command, with descriptions and examples kept as written.
"""

from __future__ import annotations

import argparse
import shutil
import textwrap
from typing import TYPE_CHECKING, Final, TypeAlias

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "Parser",
    "SubCommands",
    "common_options",
    "help_formatter",
    "non_negative_float",
    "positive_int",
]

_MIN_HELP_WIDTH: Final = 160
_TEXT_WIDTH: Final = 92


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that reports its own unknown arguments with its own usage."""

    def parse_known_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace or argparse.Namespace())
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


SubCommands: TypeAlias = "argparse._SubParsersAction[Parser]"  # pyright: ignore[reportPrivateUsage]
"""What ``add_subparsers`` returns: where a parser's commands are added."""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # Kept as written, except that a line of prose too long to read is wrapped; an
        # indented line (an example command) never is, so it can be copied as it stands.
        return "\n".join(
            textwrap.fill(line, _TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent)
            if len(line) > _TEXT_WIDTH and not line[:1].isspace()
            else indent + line
            for line in text.splitlines()
        )

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):  # pyright: ignore[reportPrivateUsage]
            # argparse measures the commands before indenting them: make room for the
            # indent, so a long command name keeps its summary on its line.
            self._action_max_length += 2 * self._indent_increment


def help_formatter(prog: str) -> argparse.HelpFormatter:
    """Help as written (descriptions, examples), commands one per line even on a narrow
    terminal."""
    width = max(shutil.get_terminal_size().columns, _MIN_HELP_WIDTH)
    return _HelpFormatter(prog, max_help_position=40, width=width)


def common_options() -> Parser:
    """The options every command takes (``--env-file``)."""
    common = Parser(add_help=False)
    common.add_argument(
        "--env-file",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="read CAMUNDA_* settings from this file (the environment takes precedence)",
    )
    return common


def _at_least(value: str, convert: Callable[[str], float], minimum: float, kind: str) -> float:
    try:
        number = convert(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {kind}, got {value!r}") from None
    if not number >= minimum:  # also rejects nan
        raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
    return number


def positive_int(value: str) -> int:
    """An argparse ``type``: a whole number of at least 1."""
    return int(_at_least(value, int, 1, "a whole number"))


def non_negative_float(value: str) -> float:
    """An argparse ``type``: a number of at least 0 (seconds)."""
    return _at_least(value, float, 0, "a number")
