"""Reading an answer: the operation's return type parsed from a response, or the typed
error for a failed status or a failed connection."""

from __future__ import annotations

import ssl
from types import NoneType
from typing import TYPE_CHECKING, Any, Final, cast

import httpx
from pydantic import ValidationError

from camunda._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    CamundaError,
    InvalidArgumentError,
    describe_errors,
    error_for_status,
)
from camunda._transport._request import TOKEN_REQUEST_EXTENSION
from camunda._transport._retry import retry_after

if TYPE_CHECKING:
    from camunda._transport._operation import Operation

__all__ = ["SEND_ERRORS", "parse_response", "transport_error"]


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
            operation_id=op.operation_id,
            status_code=status,
            content=response.content,
        ) from None


SEND_ERRORS: Final = (httpx.HTTPError, httpx.InvalidURL, UnicodeError)
"""What httpx (and the codecs under it) may raise while a call is built, sent or read:
:func:`transport_error` turns each into the SDK's own error."""


def transport_error(
    op: Operation[Any] | None, exc: Exception, *, building: bool = False
) -> CamundaError:
    """The SDK's error for one of :data:`SEND_ERRORS`: the one place they are mapped.

    ``building``: raised while httpx built the request from the arguments (a value that
    cannot be encoded), so nothing was sent. The caller chains the cause (``raise
    transport_error(op, exc) from exc``). Each message names the URL tried (without its
    query string).
    """
    operation_id = op.operation_id if op is not None else None
    label = f"{operation_id}: " if operation_id else ""
    if building:
        return InvalidArgumentError(
            f"{label}the request cannot be built from these arguments: {type(exc).__name__}: {exc}",
            operation_id=operation_id,
        )
    if isinstance(exc, httpx.TransportError):
        return _connection_error(op, exc)
    target = _target(exc)
    if isinstance(exc, httpx.DecodingError):  # e.g. a proxy's broken gzip
        return APIResponseValidationError(
            f"{label}the answer{target} could not be decoded ({exc}): something between the "
            "client and the cluster may have altered it",
            operation_id=operation_id,
            status_code=0,
        )
    return APIConnectionError(
        f"{label}the request{target} could not be sent: {type(exc).__name__}: {exc}",
        operation_id=operation_id,
        request_sent=False,
        transient=False,
    )


def _target(exc: Exception) -> str:
    """`` for GET http://host/v2/path`` when the exception knows its request, else ``""``."""
    try:
        request = cast("httpx.HTTPError", exc).request
    except (AttributeError, RuntimeError):  # not an httpx error, or raised before a request
        return ""
    return f" for {request.method} {_without_query(request.url)}"


def _without_query(url: httpx.URL) -> str:
    return str(url.copy_with(query=None, fragment=None))


def _connection_error(op: Operation[Any] | None, exc: httpx.TransportError) -> APIError:
    """Wrap an httpx transport error; note whether the request may have reached the server."""
    operation_id = op.operation_id if op is not None else None
    try:
        token_endpoint = exc.request.extensions.get(TOKEN_REQUEST_EXTENSION)
    except RuntimeError:  # an error raised before a request existed
        token_endpoint = None
    label = f"{operation_id}: " if operation_id else ""
    timed_out = isinstance(exc, httpx.TimeoutException)
    if token_endpoint:
        problem = "timed out" if timed_out else "could not be reached"
        return AuthenticationError(
            f"{label}the OAuth token endpoint {token_endpoint} {problem}: {type(exc).__name__}",
            operation_id=operation_id,
            transient=True,
        )
    never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    detail = f": {exc}" if str(exc) else ""
    message = f"{label}{type(exc).__name__}{_target(exc)}{detail}"
    cls = APITimeoutError if timed_out else APIConnectionError
    return cls(
        message,
        operation_id=operation_id,
        request_sent=not never_sent,
        transient=not _failed_verification(exc),
    )


def _failed_verification(exc: BaseException) -> bool:
    """Whether the server's TLS certificate was rejected (somewhere in the cause chain)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
