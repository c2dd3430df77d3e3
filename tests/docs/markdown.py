"""Just enough Markdown for the docs tests: fenced code blocks, links and heading anchors.

Shared by the test module and the subprocess that runs a page's python blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<target>[^)\s]+)\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+(?P<target>\S+)", re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+).*?\1")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language, its text and where its first line of code is."""

    path: Path
    language: str
    code: str
    line: int  # 1-based line of the first code line (the fence is on line - 1)

    @property
    def where(self) -> str:
        """``README.md:12`` (the fence's line), for messages and test ids."""
        return f"{relative(self.path)}:{self.line - 1}"

    def lines(self) -> list[tuple[int, str]]:
        """(1-based line number in the page, text) of each code line."""
        return [(self.line + i, text) for i, text in enumerate(self.code.splitlines())]


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def pages() -> list[Path]:
    """README.md and every page under docs/, in a stable order."""
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a page, in order. An unclosed fence runs to the end."""
    found: list[Block] = []
    lines = path.read_text().splitlines()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        indent, fence = len(match["indent"]), match["fence"]
        info = match["info"].strip()
        language = info.split()[0].lower() if info else ""
        body: list[str] = []
        i += 1
        start = i + 1
        while i < len(lines):
            closing = _FENCE.match(lines[i])
            if (
                closing is not None
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                break
            text = lines[i]
            body.append(text[min(indent, len(text) - len(text.lstrip(" "))) :])
            i += 1
        found.append(Block(path, language, "\n".join(body) + "\n", start))
        i += 1
    return found


def _outside_blocks(path: Path) -> list[str]:
    """The page's lines with the code of its blocks blanked (numbers still match)."""
    lines = path.read_text().splitlines()
    for block in blocks(path):
        for number, _ in block.lines():
            lines[number - 1] = ""
    return lines


def links(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every inline, image and reference link outside code."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(_outside_blocks(path), start=1):
        text = _INLINE_CODE.sub("", line)
        for pattern in (_LINK, _IMAGE, _REFERENCE):
            found.extend((number, m["target"].strip("<>")) for m in pattern.finditer(text))
    return found


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the page's headings (lower case, punctuation dropped,
    spaces to hyphens, ``-1``, ``-2`` ... for repeats)."""
    seen: dict[str, int] = {}
    result: set[str] = set()
    for line in _outside_blocks(path):
        match = _HEADING.match(line)
        if match is None:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match["text"])
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        result.add(slug if count == 0 else f"{slug}-{count}")
    return result
