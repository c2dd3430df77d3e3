"""Every error the SDK raises.

::

    CamundaError
    ├── ClientUsageError              a client used after close(), from another event loop, ...
    ├── ConfigurationError            settings that cannot work (names the variables)
    ├── InvalidArgumentError          bad input, caught before anything is sent (names the field)
    ├── WaitTimeoutError              a bounded wait gave up
    └── APIError
        ├── APIConnectionError        the request did not get an HTTP answer
        │   └── APITimeoutError
        ├── APIResponseValidationError  a 2xx answer that does not parse
        ├── AuthenticationError       the token endpoint failed
        └── APIStatusError            an HTTP error status (status, operation_id, problem)
            ├── BadRequestError            400
            ├── UnauthorizedError          401
            ├── ForbiddenError             403
            ├── NotFoundError              404
            ├── ConflictError              409
            ├── PreconditionFailedError    412
            ├── TooManyRequestsError       429
            ├── InternalServerError        500 (and any other 5xx without a class)
            ├── BadGatewayError            502
            ├── ServiceUnavailableError    503
            └── GatewayTimeoutError        504

``InvalidArgumentError`` and ``ConfigurationError`` are also ``ValueError``s;
``ClientUsageError`` is also a ``RuntimeError``.

Which of them are worth another attempt is decided here too, by :func:`is_retryable`: the
transport's retries, the job worker's and the CLI's all ask it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from pydantic import ValidationError

    from camunda.models.common import ProblemDetail

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadGatewayError",
    "BadRequestError",
    "CamundaError",
    "ClientUsageError",
    "ConfigurationError",
    "ConflictError",
    "ForbiddenError",
    "GatewayTimeoutError",
    "InternalServerError",
    "InvalidArgumentError",
    "NotFoundError",
    "PreconditionFailedError",
    "ServiceUnavailableError",
    "TooManyRequestsError",
    "UnauthorizedError",
    "WaitTimeoutError",
]

BACKPRESSURE_TITLE: Final = "RESOURCE_EXHAUSTED"
_IDEMPOTENT_RETRYABLE_STATUS: Final = frozenset({502, 503, 504})


class CamundaError(Exception):
    """Base of every exception raised by the SDK."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors defeat Exception's default pickling (it calls
        # cls(*args)); rebuild from args and attributes instead, so errors cross process
        # boundaries (process-pool handlers, multiprocessing) intact.
        return _rebuild, (type(self), self.args, self.__dict__)


def _rebuild(cls: type[CamundaError], args: tuple[Any, ...], state: dict[str, Any]) -> CamundaError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ClientUsageError(CamundaError, RuntimeError):
    """The client cannot serve this call where or when it was made: after ``close()``,
    from an event loop other than the one it first ran on, in a process forked from the
    one that owns its ``http_client``. The message says what to do instead."""


class ConfigurationError(CamundaError, ValueError):
    """The settings cannot work; the message names the variables involved."""


class InvalidArgumentError(CamundaError, ValueError):
    """An argument failed validation before any request was sent.

    Attributes:
        operation_id: the operation being called, when known.
        fields: the offending argument paths, e.g. ``("variables", "page.limit")``.
    """

    def __init__(
        self, message: str, *, operation_id: str | None = None, fields: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.operation_id = operation_id
        self.fields = fields


class WaitTimeoutError(CamundaError, TimeoutError):
    """A bounded wait (``wait_for``) gave up before its condition held."""


class APIError(CamundaError):
    """A request to the cluster failed."""

    def __init__(self, message: str, *, operation_id: str | None = None) -> None:
        super().__init__(message)
        self.operation_id = operation_id


class APIConnectionError(APIError):
    """No HTTP answer: the connection failed, was reset or closed.

    Attributes:
        request_sent: False when the request certainly never reached the server
            (connection refused, DNS, pool timeout), so a retry cannot duplicate it.
        transient: False when trying again cannot help (the server's TLS certificate
            failed verification), so the SDK does not retry.
    """

    def __init__(
        self,
        message: str,
        *,
        operation_id: str | None = None,
        request_sent: bool = True,
        transient: bool = True,
    ) -> None:
        super().__init__(message, operation_id=operation_id)
        self.request_sent = request_sent
        self.transient = transient


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, write, read or waiting for a pooled connection)."""


class AuthenticationError(APIError):
    """The OAuth token endpoint failed or answered something unusable.

    Attributes:
        transient: True when the token endpoint could not be reached at all (the call it
            was for never left, so the SDK may retry it); False when it refused the
            credentials or kept failing.
    """

    def __init__(
        self, message: str, *, operation_id: str | None = None, transient: bool = False
    ) -> None:
        super().__init__(message, operation_id=operation_id)
        self.transient = transient


class APIResponseValidationError(APIError):
    """A successful answer whose body does not match the expected model.

    Attributes:
        status_code: the HTTP status of the answer.
        content: the raw body (never part of the message), for callers that can still use
            part of it, as the job worker does with the readable jobs of a batch.
    """

    def __init__(
        self,
        message: str,
        *,
        operation_id: str | None = None,
        status_code: int = 200,
        content: bytes = b"",
    ) -> None:
        super().__init__(message, operation_id=operation_id)
        self.status_code = status_code
        self.content = content


class APIStatusError(APIError):
    """The cluster answered with an error status.

    Attributes:
        status_code: the HTTP status.
        operation_id: the spec's operationId of the call.
        problem: the parsed RFC 9457 problem detail (fields may be ``None`` when the
            server sent a partial or no problem body).
        retry_after: seconds from a ``Retry-After`` header, if one was sent.
    """

    def __init__(
        self,
        *,
        status_code: int,
        operation_id: str | None,
        problem: ProblemDetail,
        retry_after: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.problem = problem
        self.retry_after = retry_after
        parts = [f"{status_code}"]
        if operation_id:
            parts.append(operation_id)
        text = " ".join(parts)
        if problem.title:
            text += f": {problem.title}"
        if problem.detail:
            text += f": {problem.detail}"
        super().__init__(text, operation_id=operation_id)

    @property
    def title(self) -> str | None:
        return self.problem.title

    @property
    def detail(self) -> str | None:
        return self.problem.detail

    @property
    def is_backpressure(self) -> bool:
        """True for 429, and for 503 or 500 whose problem title is ``RESOURCE_EXHAUSTED``."""
        return self.status_code == 429 or (
            self.status_code in (500, 503) and self.problem.title == BACKPRESSURE_TITLE
        )


class BadRequestError(APIStatusError):
    """400: the cluster rejected the request."""


class UnauthorizedError(APIStatusError):
    """401: missing or invalid credentials."""


class ForbiddenError(APIStatusError):
    """403: authenticated, but not allowed."""


class NotFoundError(APIStatusError):
    """404: no such resource (or not visible yet: search indexes lag behind writes)."""


class ConflictError(APIStatusError):
    """409: the resource is not in a state that allows this."""


class PreconditionFailedError(APIStatusError):
    """412: a precondition of the operation does not hold."""


class TooManyRequestsError(APIStatusError):
    """429: backpressure."""


class InternalServerError(APIStatusError):
    """500, or a 5xx without a class of its own."""


class BadGatewayError(APIStatusError):
    """502: a proxy in front of the cluster failed."""


class ServiceUnavailableError(APIStatusError):
    """503: the cluster is unavailable or overloaded."""


class GatewayTimeoutError(APIStatusError):
    """504: a proxy timed out waiting for the cluster."""


STATUS_ERRORS: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    429: TooManyRequestsError,
    500: InternalServerError,
    502: BadGatewayError,
    503: ServiceUnavailableError,
    504: GatewayTimeoutError,
}


def error_for_status(
    status_code: int, operation_id: str | None, body: bytes, retry_after: float | None = None
) -> APIStatusError:
    """Build the typed error for an error answer; never fails on a malformed body."""
    from camunda.models.common import ProblemDetail

    problem = ProblemDetail.lenient(_json_object(body), status_code)
    cls = STATUS_ERRORS.get(status_code)
    if cls is None:
        cls = InternalServerError if status_code >= 500 else APIStatusError
    return cls(
        status_code=status_code, operation_id=operation_id, problem=problem, retry_after=retry_after
    )


def is_retryable(exc: BaseException, idempotent: bool) -> bool:
    """Whether a failed attempt may be retried (STYLE.md, "Retries").

    Always: backpressure (429; 500/503 titled ``RESOURCE_EXHAUSTED``), connections that
    never carried the request, and an unreachable token endpoint. Idempotent operations
    only: 502, 503, 504 and failures after the request may have been sent (read timeouts).
    Never: other statuses (400, 401, 403, 404, 409, a plain 500, ...), a TLS certificate
    that failed verification, and anything that is not an ``APIError``.
    """
    if isinstance(exc, APIStatusError):
        if exc.is_backpressure:
            return True
        return idempotent and exc.status_code in _IDEMPOTENT_RETRYABLE_STATUS
    if isinstance(exc, AuthenticationError):
        return exc.transient
    if isinstance(exc, APIConnectionError):
        return exc.transient and (not exc.request_sent or idempotent)
    return False


def describe_errors(exc: ValidationError, root: str, limit: int | None = 5) -> str:
    """``field.path: message`` for (the first ``limit``) errors of a validation, ``root``
    naming the whole value; never the input values, which may be sensitive."""
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or root}: {error['msg']}"
        for error in exc.errors(include_url=False, include_input=False)[:limit]
    )


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body) if body else None
    except ValueError:
        return {"detail": _not_json(body)} if body else {}
    return data if isinstance(data, dict) else {}  # pyright: ignore[reportUnknownVariableType]


_HTML_TITLE: Final = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SHOWN: Final = 200  # characters of a body that is no problem detail


def _not_json(body: bytes) -> str:
    """The detail for an error body that is not JSON: its start, or for an HTML page (a
    web server or proxy answering instead of the cluster) its title and a hint."""
    start = body[:4096].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        title = _HTML_TITLE.search(body[:4096])
        named = ""
        if title is not None:
            text = " ".join(title.group(1).decode("utf-8", "replace").split())[:80]
            named = f" titled {text!r}"
        return (
            f"an HTML page{named} ({len(body)} bytes) instead of a problem detail: not "
            "a Camunda REST API? (check CAMUNDA_REST_ADDRESS)"
        )
    text = body[: _SHOWN * 4].decode("utf-8", "replace")
    return text if len(text) <= _SHOWN else text[:_SHOWN] + f"... ({len(body)} bytes)"
