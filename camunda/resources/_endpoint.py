"""``@endpoint``: the explicit tie between a resource method and the one operation it sends.

::

    @endpoint(_GET)
    async def get(self, job_key: JobKey) -> Job:
        return await self._transport.request(_GET, locals())

The decorator stores the ``Operation`` on the function and returns the function itself (no
wrapper, nothing per call). :func:`operation_of` reads it back: that is how the ``camunda``
command knows which methods are operations and what each sends. A public method without it
is a helper over other calls (``deploy_files``, the streaming ``open_download``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Callable

    from camunda._transport import Operation

__all__ = ["endpoint", "operation_of"]

_Method = TypeVar("_Method", bound="Callable[..., Any]")
_ATTRIBUTE: Final = "__camunda_operation__"


def endpoint(operation: Operation[Any]) -> Callable[[_Method], _Method]:
    """Mark a resource method as the call of ``operation``."""

    def mark(method: _Method) -> _Method:
        setattr(method, _ATTRIBUTE, operation)
        return method

    return mark


def operation_of(method: object) -> Operation[Any] | None:
    """The operation ``method`` was marked with by :func:`endpoint`, or ``None``."""
    return cast("Operation[Any] | None", getattr(method, _ATTRIBUTE, None))
