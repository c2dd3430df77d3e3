"""What one REST operation is: its declaration, the per-client options and how long a
call may take.

Each resource declares its operations once, at module level, as :class:`Operation`; the
transport reads everything else about a call (path, query, body, answer, idempotency)
from it.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Final,
    Generic,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

import httpx
from pydantic import TypeAdapter
from pydantic.alias_generators import to_snake

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from camunda._settings import CamundaSettings

__all__ = [
    "SERVER_WAIT_MARGIN",
    "Operation",
    "TransportOptions",
    "options_from_settings",
    "server_holds",
    "server_wait_timeout",
]

R = TypeVar("R")

_IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
_IDEMPOTENT_PREFIXES: Final = ("search", "get")


class Operation(Generic[R]):
    """One REST operation of the spec, declared once at module level by its resource.

    Args:
        method: HTTP method.
        path: path template relative to ``/v2``, e.g. ``/jobs/{jobKey}/completion``.
        operation_id: the spec's operationId (shown in errors and logs).
        returns: the Python type of the answer (a model, ``list[...]``, ``str``, ``bytes``
            or ``types.NoneType``); for searches, the item type.
        body: the request body type (a model or a union of models), if any.
        query: names of keyword arguments that go into the query string.
        multipart: the body is ``multipart/form-data``.
        files: names of keyword arguments that are file parts of a multipart body.
        idempotent: override whether read timeouts, 502, 503 and 504 may be retried
            (default: GET, and POST searches and ``get*`` statistics).
        drains: job completion/failure/error calls: never held back by throttling.
        server_wait: the argument (milliseconds) for which the server may hold the call
            open before answering (a job long poll, an instance awaited to completion):
            see :func:`server_holds` and :func:`server_wait_timeout`.
        server_wait_when: a boolean argument that must be ``True`` for ``server_wait`` to
            apply (``await_completion``); without one it always applies.
        paged: a search; ``returns`` is the item type and the answer a page of them.
    """

    __slots__ = (
        "_body_adapter",
        "_returns_adapter",
        "_takes_tenant",
        "body",
        "drains",
        "files",
        "idempotent",
        "method",
        "multipart",
        "operation_id",
        "paged",
        "path",
        "path_names",
        "path_params",
        "query",
        "returns",
        "server_wait",
        "server_wait_when",
    )

    def __init__(
        self,
        method: str,
        path: str,
        operation_id: str,
        *,
        returns: type[R],
        body: Any = None,
        query: tuple[str, ...] = (),
        multipart: bool = False,
        files: tuple[str, ...] = (),
        idempotent: bool | None = None,
        drains: bool = False,
        server_wait: str | None = None,
        server_wait_when: str | None = None,
        paged: bool = False,
    ) -> None:
        self.method = method
        self.path = path
        self.operation_id = operation_id
        self.returns = returns
        self.body = body
        self.query = query
        self.multipart = multipart
        self.files = files
        self.drains = drains
        self.server_wait = server_wait
        self.server_wait_when = server_wait_when
        self.paged = paged
        self.idempotent = (
            idempotent
            if idempotent is not None
            else method in _IDEMPOTENT_METHODS or operation_id.startswith(_IDEMPOTENT_PREFIXES)
        )
        self.path_params: tuple[tuple[str, str], ...] = tuple(
            (wire, to_snake(wire)) for wire in _template_names(path)
        )
        self.path_names = frozenset(snake for _, snake in self.path_params)
        self._body_adapter: TypeAdapter[Any] | None = None
        self._returns_adapter: TypeAdapter[Any] | None = None
        self._takes_tenant: bool | None = None

    def __repr__(self) -> str:
        return f"Operation({self.method} {self.path} ({self.operation_id}))"

    @property
    def takes_tenant(self) -> bool:
        """Whether the body (any member of a union body) has a top-level ``tenant_id``.

        Sees through ``Annotated[...]`` (discriminated unions) and nested unions.
        """
        if self._takes_tenant is None:
            self._takes_tenant = any(
                "tenant_id" in getattr(member, "model_fields", {})
                for member in _union_members(self.body)
            )
        return self._takes_tenant

    @property
    def body_adapter(self) -> TypeAdapter[Any]:
        if self._body_adapter is None:
            self._body_adapter = TypeAdapter(self.body)
        return self._body_adapter

    @property
    def returns_adapter(self) -> TypeAdapter[Any]:
        """Parses the answer: the return type, or a ``SearchResult`` of it for searches."""
        if self._returns_adapter is None:
            if self.paged:
                from camunda.models.common import SearchResult

                self._returns_adapter = TypeAdapter(SearchResult[self.returns])  # type: ignore[name-defined]
            else:
                self._returns_adapter = TypeAdapter(self.returns)
        return self._returns_adapter


def _union_members(tp: Any) -> Iterator[Any]:
    """The alternatives of a body type: ``A``, ``A | B``, ``Annotated[A | B, ...]``."""
    origin = get_origin(tp)
    if origin is Annotated:
        yield from _union_members(get_args(tp)[0])
    elif origin is Union or origin is types.UnionType:
        for arg in get_args(tp):
            yield from _union_members(arg)
    else:
        yield tp


def _template_names(path: str) -> list[str]:
    names: list[str] = []
    for chunk in path.split("{")[1:]:
        names.append(chunk.split("}", 1)[0])
    return names


@dataclass(frozen=True)
class TransportOptions:
    """Per-client knobs; ``with_options`` makes a copy with some replaced."""

    timeout: httpx.Timeout
    max_retries: int
    retry_initial_delay: float
    retry_max_delay: float


def options_from_settings(settings: CamundaSettings) -> TransportOptions:
    return TransportOptions(
        timeout=httpx.Timeout(settings.request_timeout, connect=settings.connect_timeout),
        max_retries=settings.max_retries,
        retry_initial_delay=settings.retry_initial_delay,
        retry_max_delay=settings.retry_max_delay,
    )


SERVER_WAIT_MARGIN: Final = 10.0  # seconds beyond a server-side wait before the call times out


def server_holds(op: Operation[Any], args: Mapping[str, Any]) -> bool:
    """Whether the server may hold this call open (``op.server_wait`` applies): the call
    then waits its turn at the backpressure gate but holds no permit while the server
    holds it, and takes a connection from a pool of its own, so that neither other calls
    nor the calls that settle jobs wait behind it."""
    return op.server_wait is not None and (
        op.server_wait_when is None or args.get(op.server_wait_when) is True
    )


def server_wait_timeout(op: Operation[Any], args: Mapping[str, Any]) -> float | None:
    """The HTTP timeout of a call the server may hold open (``op.server_wait``): that wait
    plus a margin. ``None`` (the client's own timeout) when the server will not wait, or
    its default wait applies (the argument not given, or ``<= 0``)."""
    if op.server_wait is None or (
        op.server_wait_when is not None and args.get(op.server_wait_when) is not True
    ):
        return None
    wait = args.get(op.server_wait)
    if not isinstance(wait, int) or wait <= 0:
        return None
    return wait / 1000 + SERVER_WAIT_MARGIN
