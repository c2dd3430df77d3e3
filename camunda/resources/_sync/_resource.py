# Derived by scripts/unasync.py from _async/_resource.py; do not edit.
"""Base of every resource group: it holds the transport and nothing else."""

from __future__ import annotations

from camunda._transport import Transport

__all__ = ["APIResource"]


class APIResource:
    """A group of operations sharing the client's transport."""

    __slots__ = ("_transport",)

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
