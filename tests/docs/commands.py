"""What the lines of a ```bash block are, by the docs convention.

* ``camunda ARGS`` (or ``python -m camunda ARGS``): run through the real CLI; a trailing
  ``# exit N`` states the expected exit status (default 0). In a set-up line (chained
  after ``python -m venv`` or ``pip install``) only its ``--help`` is run: the command
  must exist;
* ``python -m venv ...``: set-up, not run;
* ``pip install ...`` (any ``pip``, or ``python -m pip install``): not run, but every extra
  of this project it names must exist in pyproject.toml;
* ``pytest [PATHS]``: the test command, run by CI; the paths it names must exist;
* anything else is not allowed (so nothing untested slips into the docs).

Commands may be chained with ``&&`` and continued with a trailing backslash.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Literal

from tests.docs.markdown import REPO, Block

Kind = Literal["cli", "venv", "install", "pytest"]

_EXIT = re.compile(r"\s#\s*exit\s+(?P<code>\d+)\s*$")
_REQUIREMENT = re.compile(
    r"^(?P<name>[A-Za-z0-9_.\-/]+?)\s*(?:\[(?P<extras>[^\]]*)\])?(?:[<>=!~].*)?$"
)
_PROJECT_NAMES = {".", "./", "camunda-sdk", "camunda_sdk"}


@dataclass(frozen=True)
class Command:
    kind: Kind
    args: tuple[str, ...]  # after the program: for "cli" the arguments of ``camunda``
    line: int
    expected_exit: int = 0
    setup: bool = False  # chained after a venv or install command: checked, not run


class CommandError(Exception):
    """A line of a bash block that the convention does not allow, or a bad reference."""


def _logical_lines(block: Block) -> list[tuple[int, str]]:
    """Lines with backslash continuations joined, numbered by their first line."""
    joined: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, raw in block.lines():
        first, text = (
            (number, raw) if pending is None else (pending[0], pending[1] + " " + raw.strip())
        )
        if text.rstrip().endswith("\\"):
            pending = (first, text.rstrip()[:-1])
            continue
        pending = None
        joined.append((first, text))
    if pending is not None:
        joined.append(pending)
    return joined


def _program(token: str) -> str:
    return PurePosixPath(token).name


def _classify(tokens: list[str], where: str) -> tuple[Kind, tuple[str, ...]]:
    program = _program(tokens[0])
    rest = tokens[1:]
    if program in ("python", "python3") and rest[:1] == ["-m"] and len(rest) > 1:
        module, rest = rest[1], rest[2:]
        program = {"camunda": "camunda", "venv": "venv", "pip": "pip", "pytest": "pytest"}.get(
            module, f"python -m {module}"
        )
    if program == "camunda":
        return "cli", tuple(rest)
    if program == "venv":
        return "venv", tuple(rest)
    if program in ("pip", "pip3") and rest[:1] == ["install"]:
        _check_install(rest[1:], where)
        return "install", tuple(rest)
    if program in ("pytest", "py.test"):
        _check_pytest(rest, where)
        return "pytest", tuple(rest)
    raise CommandError(
        f"{where}: `{shlex.join(tokens)}` is not a command the docs tests can check; bash "
        "blocks may hold `camunda ...`, `python -m venv`, `pip install` and `pytest` lines "
        "(use a ```text block for anything else)"
    )


@cache
def extras() -> frozenset[str]:
    """The keys of ``[project.optional-dependencies]`` (read without tomllib: Python 3.10)."""
    text = (REPO / "pyproject.toml").read_text()
    section = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
    return frozenset(re.findall(r"^([A-Za-z0-9][\w.-]*)\s*=", section, re.MULTILINE))


def _check_install(args: list[str], where: str) -> None:
    for arg in args:
        if arg.startswith("-"):
            continue
        match = _REQUIREMENT.match(arg)
        if match is None or match["name"] not in _PROJECT_NAMES or match["extras"] is None:
            continue
        unknown = {e.strip() for e in match["extras"].split(",")} - extras()
        if unknown:
            raise CommandError(
                f"{where}: `pip install {arg}` names extras that "
                f"pyproject.toml does not define: {sorted(unknown)}"
            )


def _check_pytest(args: list[str], where: str) -> None:
    for arg in args:
        if arg.startswith("-"):
            continue
        path = arg.split("::", 1)[0]
        if not (REPO / path).exists():
            raise CommandError(f"{where}: `pytest {arg}`: {path} does not exist")


def commands(block: Block) -> list[Command]:
    """The commands of a bash block, checked; raises ``CommandError`` at the first bad one."""
    found: list[Command] = []
    for number, text in _logical_lines(block):
        where = f"{block.path.name}:{number}"
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        exit_match = _EXIT.search(text)
        expected = int(exit_match["code"]) if exit_match else 0
        try:
            tokens = shlex.split(text, comments=True)
        except ValueError as exc:
            raise CommandError(f"{where}: cannot parse `{text.strip()}`: {exc}") from None
        chain: list[list[str]] = [[]]
        for token in tokens:
            if token == "&&":
                chain.append([])
            else:
                chain[-1].append(token)
        setup = False
        for position, part in enumerate(chain):
            if not part:
                raise CommandError(f"{where}: empty command in `{text.strip()}`")
            kind, args = _classify(part, where)
            setup = setup or kind in ("venv", "install")
            last = position == len(chain) - 1
            found.append(Command(kind, args, number, expected if last else 0, setup))
    return found
