"""Reading an answer: the operation's return type parsed from a response, or the typed
error for a failed status or a failed connection."""

from __future__ import annotations

import ssl
from types import NoneType
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import ValidationError

from camunda._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    describe_errors,
    error_for_status,
)
from camunda._transport._request import TOKEN_REQUEST_EXTENSION
from camunda._transport._retry import retry_after

if TYPE_CHECKING:
    from camunda._transport._operation import Operation

__all__ = ["connection_error", "parse_response"]


def parse_response(op: Operation[Any], response: httpx.Response) -> Any:
    """Map an answer to the operation's return type, or raise its typed error."""
    status = response.status_code
    if status >= 300:  # the API never redirects; redirects are not followed (credentials)
        raise error_for_status(
            status, op.operation_id, response.content, retry_after(response.headers)
        )
    if op.returns is NoneType:
        return None
    if op.returns is bytes:
        return response.content
    if op.returns is str:
        return response.text
    try:
        # An empty answer (a 204) is null: it parses into an optional return type ("no
        # form") and is a validation error for any other, never a None typed as a model.
        return op.returns_adapter.validate_json(response.content or b"null")
    except ValidationError as exc:
        kind = response.headers.get("content-type", "").split(";")[0].strip()[:60]
        if "json" in kind or not kind:
            kind = ""
        raise APIResponseValidationError(
            f"{op.operation_id}: the {status} {kind}{' ' if kind else ''}answer does not match "
            "the expected model: " + describe_errors(exc, "(body)"),
            operation_id=op.operation_id, status_code=status, content=response.content,
        ) from None


def connection_error(op: Operation[Any] | None, exc: httpx.TransportError) -> APIError:
    """Wrap an httpx transport error; note whether the request may have reached the server."""
    operation_id = op.operation_id if op is not None else None
    try:
        is_token = bool(exc.request.extensions.get(TOKEN_REQUEST_EXTENSION))
    except RuntimeError:  # an error raised before a request existed
        is_token = False
    label = f"{operation_id}: " if operation_id else ""
    if is_token:
        problem = "timed out" if isinstance(exc, httpx.TimeoutException) else "could not be reached"
        return AuthenticationError(
            f"{label}the OAuth token endpoint {problem}: {type(exc).__name__}",
            operation_id=operation_id, transient=True,
        )
    never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    message = f"{label}{type(exc).__name__}: {exc}" if str(exc) else f"{label}{type(exc).__name__}"
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(message, operation_id=operation_id, request_sent=not never_sent,
               transient=not _failed_verification(exc))


def _failed_verification(exc: BaseException) -> bool:
    """Whether the server's TLS certificate was rejected (somewhere in the cause chain)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
