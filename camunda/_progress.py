"""A small progress bar on stderr, drawn only when stderr is a terminal.

The one bar of the SDK: the ``camunda`` command and ``camunda demo`` draw it. It imports
nothing but ``sys`` (``camunda --help`` stays fast).

::

    with Progress("deploying", total=len(files)) as bar:
        for file in files:
            ...
            bar.advance()

When the stream is not a terminal (a pipe, a file, CI logs) nothing is written, so the
output of scripts stays plain. Work that prints its results as it goes passes that stream
as ``output``: when it is a terminal too, the results themselves show the progress and a
bar would only be torn apart by them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["Progress"]

_WIDTH = 30


class Progress:
    """Progress of ``done`` out of ``total`` units (``total=None``: not known yet)."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        output: TextIO | None = None,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self.enabled = self._stream.isatty() and not (output is not None and output.isatty())
        self._drawn = False

    def update(self, done: int, total: int | None = None) -> None:
        """Set how much is done (and, when given, the new total); redraw."""
        self.done = done
        if total is not None:
            self.total = total
        self._draw()

    def advance(self, amount: int = 1) -> None:
        self.update(self.done + amount)

    def close(self) -> None:
        """End the bar's line (if one was drawn)."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False

    def render(self) -> str:
        """The bar as text, e.g. ``deploying [#########.........] 3/9``."""
        if not self.total:
            return f"{self.label} {self.done}"
        filled = min(_WIDTH, _WIDTH * self.done // self.total)
        return f"{self.label} [{'#' * filled}{'.' * (_WIDTH - filled)}] {self.done}/{self.total}"

    def _draw(self) -> None:
        if not self.enabled:
            return
        self._stream.write("\r\x1b[2K" + self.render())
        self._stream.flush()
        self._drawn = True

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
