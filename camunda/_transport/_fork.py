"""A fresh start in a child of ``os.fork()`` (multiprocessing, gunicorn pre-fork, Celery).

The child inherits the parent's memory as it was at the fork: pooled connections whose
sockets the parent still uses (answers would cross between the processes), locks another
thread of the parent held at that moment (they would never be released) and permits of
calls that do not exist in the child. Objects holding such state register here; their
``reset_after_fork()`` runs in the child right after the fork, before any of its code.
"""

from __future__ import annotations

import os
import weakref
from typing import Protocol

__all__ = ["ForkAware", "reset_after_fork"]


class ForkAware(Protocol):
    def reset_after_fork(self) -> None:
        """Drop what belongs to the parent process (called in the child only)."""
        ...


_REGISTERED: weakref.WeakSet[ForkAware] = weakref.WeakSet()


def reset_after_fork(obj: ForkAware) -> None:
    """Have ``obj.reset_after_fork()`` called in the child after every ``os.fork()``,
    for as long as ``obj`` lives."""
    _REGISTERED.add(obj)


def _in_child() -> None:
    for obj in list(_REGISTERED):
        obj.reset_after_fork()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_in_child)
