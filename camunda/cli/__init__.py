"""The ``camunda`` command (also ``python -m camunda``).

::

    camunda topology
    camunda process-instances search --filter '{"state": "ACTIVE"}' --all
    camunda deploy order.bpmn invoice.dmn
    camunda worker myapp.workers:router

Two tables make the command line, both read without importing a model:

* :data:`BUILTINS`: the hand-made commands (``deploy``, ``worker``, ...). Each names the
  module that configures its parser (``configure(parser)``) and runs it; add a row to add a
  command.
* :data:`camunda.resources.GROUPS`: the API groups. Every ``@endpoint`` method of a group is
  a command ``camunda <group> <method>`` (see :mod:`camunda.cli._commands`).

Only the module of the command being run (or whose help is shown) is imported, so
``camunda --help`` stays fast. Answers are JSON on stdout; errors go to stderr as one line.
Exit codes: 0 ok, 1 API error, 2 usage or configuration error. Settings come from the
``CAMUNDA_*`` environment and ``--env-file``.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Final, NamedTuple

from camunda.cli._parser import Parser, SubCommands, common_options, help_formatter
from camunda.resources import GROUPS

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = ["BUILTINS", "Builtin", "build_parser", "command_word", "main"]


class Builtin(NamedTuple):
    """A hand-made command: ``module.configure(parser)`` adds its arguments and handler."""

    module: str
    summary: str


BUILTINS: Final = {
    "deploy": Builtin("camunda.cli._deploy", "deploy BPMN, DMN and form files"),
    "topology": Builtin("camunda.cli._topology", "show the cluster's brokers and partitions"),
    "worker": Builtin("camunda.cli._worker", "run the job workers of your module"),
    "demo": Builtin("camunda.cli._demo", "run an order process end to end with job workers"),
    "fake-cluster": Builtin(
        "camunda.cli._fake_cluster", "serve the in-memory fake cluster over HTTP"
    ),
}
"""The hand-made commands by name, listed before the API groups."""

ALL: Final = "*"
_TOP_LEVEL_OPTIONS: Final = frozenset({"-h", "--help", "--env-file"})
_EXIT_INTERRUPTED: Final = 130
_EXIT_BROKEN_PIPE: Final = 1
_EXAMPLES: Final = """\
examples:
  camunda topology
  camunda deploy order.bpmn invoice.dmn
  camunda process-instances create --process-definition-id order --variables '{"order_id": "o-1"}'
  camunda process-instances search --filter '{"state": "ACTIVE"}' --all
  camunda jobs search --filter @filter.json --page '{"limit": 10}'
  camunda worker myapp.workers:router --max-concurrent 8

Run 'camunda COMMAND --help' for a command's options, 'camunda GROUP --help' for the
operations of an API group. Settings: the CAMUNDA_* environment, or --env-file."""


def build_parser(load: str | None = None) -> Parser:
    """The ``camunda`` parser.

    Args:
        load: the command (or API group) whose parser to build in full, or ``"*"`` for every
            one; the others are listed with their summary only.
    """
    common = common_options()
    parser = Parser(
        prog="camunda",
        parents=[common],
        formatter_class=help_formatter,
        description="Command line for the Camunda 8 Orchestration Cluster REST API. "
        "Answers are JSON on stdout; errors go to stderr. Exit codes: 0 ok, 1 API error, "
        "2 usage or configuration error.",
        epilog=_EXAMPLES,
    )
    commands: SubCommands = parser.add_subparsers(
        title="commands", metavar="COMMAND", required=True
    )
    for name, builtin in BUILTINS.items():
        if load in (ALL, name):
            command = commands.add_parser(
                name, parents=[common], help=builtin.summary, formatter_class=help_formatter
            )
            importlib.import_module(builtin.module).configure(command)
        else:
            commands.add_parser(name, add_help=False, help=builtin.summary)
    for group in GROUPS:
        if load in (ALL, group.command):
            from camunda.cli._operations import add_group

            add_group(commands, group, (group.attribute,), common)
        else:
            commands.add_parser(group.command, add_help=False, help=f"API: {group.summary}")
    return parser


def command_word(argv: Sequence[str]) -> str | None:
    """The command word of ``argv``: its first word that is not a global option."""
    words = iter(argv)
    for word in words:
        if word == "--env-file":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``camunda`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    word = command_word(arguments)
    parser = build_parser(word)
    if word is None:  # argparse would only say that COMMAND is missing
        unknown = [
            a
            for a in arguments
            if a.startswith("-") and a.split("=", 1)[0] not in _TOP_LEVEL_OPTIONS
        ]
        if unknown and not {"-h", "--help"} & set(arguments):
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args: argparse.Namespace = parser.parse_args(arguments)
    from camunda._exceptions import CamundaError
    from camunda.cli._common import EXIT_USAGE, error, report

    try:
        return int(args.handler(args))
    except CamundaError as exc:
        return report(exc, getattr(args, "spellings", None))
    except KeyboardInterrupt:
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``camunda ... --all | head``): stop quietly, and keep
        # Python from complaining when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _EXIT_BROKEN_PIPE
    except OSError as exc:  # a file named on the command line (deploy, --resources)
        if exc.filename is None:
            raise
        if isinstance(exc, FileNotFoundError):
            error(f"no such file: {exc.filename}")
        else:  # a directory, no permission
            error(f"cannot read {exc.filename}: {exc.strerror}")
        return EXIT_USAGE
