"""Docstrings turned into command-line help, and SDK messages into command-line words.

A resource method's docstring is written for Python readers: ``process_instance_key``,
``await_completion=True``, :meth:`get_xml`. On the command line the same text names
``PROCESS_INSTANCE_KEY``, ``--await-completion`` and ``get-xml``. :func:`parse_doc` splits a
Google-style docstring into its summary, its body and its ``Args:`` entries (the options'
help); :func:`cli_text` rewrites the Python names in it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["Doc", "cli_message", "cli_text", "parse_doc"]

_SECTION: Final = re.compile(r"^(Args|Arguments|Returns|Yields|Raises|Example|Examples|Note):\s*$")
_ENTRY: Final = re.compile(r"^    (\w+)(?: \([^)]*\))?:\s*(.*)$")
_ROLE: Final = re.compile(r":(?:meth|class|func|attr|data|exc):`~?([\w.]+)`")
_LITERAL: Final = re.compile(r"``(.+?)``")
_ASSIGNMENT: Final = re.compile(r"^(\w+)=(.+)$")
_PATH: Final = re.compile(r"\b([a-z][a-z0-9_]*)((?:\.\w+|\[\d+\])*)")
_INDEX: Final = re.compile(r"\.(\d+)")


class Doc(NamedTuple):
    """The parts of a docstring the command line shows."""

    summary: str
    """The first paragraph, on one line, without its final period."""
    body: str
    """Every paragraph after the summary except the sections (``Args:``, ``Raises:``...)."""
    args: dict[str, str]
    """``Args:`` entries by parameter name, each on one line."""


def parse_doc(doc: str) -> Doc:
    """Split a (dedented) Google-style docstring."""
    lines = doc.splitlines()
    args: dict[str, str] = {}
    kept: list[str] = []
    section: str | None = None
    current: str | None = None
    for line in lines:
        heading = _SECTION.match(line)
        if heading:
            section, current = heading.group(1), None
            continue
        if section is not None and line and not line.startswith(" "):
            section = None
        if section is None:
            kept.append(line)
        elif section in ("Args", "Arguments"):
            entry = _ENTRY.match(line)
            if entry:
                current = str(entry.group(1))
                args[current] = entry.group(2).strip()
            elif current is not None and line.strip():
                args[current] += " " + line.strip()
    summary, _, body = "\n".join(kept).strip().partition("\n\n")
    return Doc(" ".join(summary.split()).rstrip("."), body.strip(), args)


def cli_text(text: str, names: Mapping[str, str]) -> str:
    """``text`` with the Python spelled the command-line way.

    ``names`` maps each parameter to how the command line spells it (``--kebab-option``, or
    the metavar of a positional argument). Inside double backticks, ``param`` becomes its
    option, ``param=True`` the bare flag (``False``: ``--no-flag``), ``param=value`` the
    option and its value, and ``param.field`` names the field inside an option; every other
    literal just loses its backticks. Sphinx roles (:meth:`get_xml`) become command names.
    """
    text = _ROLE.sub(lambda m: _command_name(m.group(1)), text)
    return _LITERAL.sub(lambda m: _literal(m.group(1), names), text)


def cli_message(message: str, names: Mapping[str, str], fields: Iterable[str] = ()) -> str:
    """An SDK error message with its parameter names spelled as options.

    ``fields`` are the argument paths the error names (``InvalidArgumentError.fields``, e.g.
    ``page.limit``): each becomes ``--page limit``. Other snake_case parameter names in the
    text (``job_key``) become their option or metavar; short ones (``to``, ``name``) are
    left alone outside ``fields``, as they may be plain words.
    """
    message = message.replace("invalid argument(s) (body)", "invalid arguments")
    message = message.replace("(body): ", "")
    for field in fields:
        path = _PATH.fullmatch(field)
        spelled = path and _path(path.group(1), path.group(2), names)
        if spelled:
            message = re.sub(
                rf"(?<![\w.]){re.escape(field)}(?=[:,]|$)", spelled, message, flags=re.MULTILINE
            )
    return _PATH.sub(
        lambda m: ("_" in m.group(1) and _path(m.group(1), m.group(2), names)) or m.group(0),
        message,
    )


def _literal(literal: str, names: Mapping[str, str]) -> str:
    assignment = _ASSIGNMENT.match(literal)
    if assignment and assignment.group(1) in names:
        name, value = assignment.groups()
        flag = names[name]
        if value == "True":
            return flag
        if value == "False" and flag.startswith("--"):
            return "--no-" + flag[2:]
        return f"{flag} {value}"
    path = _PATH.fullmatch(literal)
    if path:
        return _path(path.group(1), path.group(2), names) or literal
    return literal


def _path(head: str, rest: str, names: Mapping[str, str]) -> str | None:
    """``filter.state`` → ``--filter state``, ``tags.0`` → ``--tags [0]``; ``None`` unless
    ``head`` is a parameter."""
    spelled = names.get(head)
    if spelled is None:
        return None
    if not rest:
        return spelled
    inner = _INDEX.sub(r"[\1]", rest).lstrip(".")
    return f"{spelled} {inner}"


def _command_name(dotted: str) -> str:
    """``AsyncIdentity.get_current_user`` → ``get-current-user``; a class keeps its name."""
    last = dotted.rpartition(".")[2]
    return last if last[:1].isupper() else last.replace("_", "-")
