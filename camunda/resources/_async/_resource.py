"""Base of every resource group: it holds the transport and nothing else."""

from __future__ import annotations

from camunda._transport import AsyncTransport

__all__ = ["AsyncAPIResource"]


class AsyncAPIResource:
    """A group of operations sharing the client's transport."""

    __slots__ = ("_transport",)

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
