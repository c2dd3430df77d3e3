"""Everything about a call that does not do I/O: operations, request building, response
parsing, error classification and the retry policy. The sync and async transports only
send, sleep and drive tenacity.
"""

from __future__ import annotations

import email.utils
import functools
import json
import logging
import ssl
import tempfile
import time
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import (
    IO,
    TYPE_CHECKING,
    Annotated,
    Any,
    Final,
    Generic,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
)
from urllib.parse import quote

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.alias_generators import to_snake
from pydantic_core import PydanticSerializationError

from camunda._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    InvalidArgumentError,
    error_for_status,
)
from camunda.types import KEY_MAX_LENGTH, KEY_PATTERN, NotGiven

if TYPE_CHECKING:
    from camunda._settings import CamundaSettings

__all__ = ["Operation", "RequestParts", "TransportOptions"]

logger = logging.getLogger("camunda.transport")

R = TypeVar("R")
USER_AGENT: Final = "camunda-sdk-python/0.1.0"
TOKEN_REQUEST_EXTENSION: Final = "camunda_token_request"

_IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
_IDEMPOTENT_PREFIXES: Final = ("search", "get")
_IDEMPOTENT_RETRYABLE_STATUS: Final = frozenset({502, 503, 504})
# Path keys that are not numeric: a batch operation key may be a UUID, and a decision
# evaluation instance key is "<evaluationKey>-<index>".
_NON_NUMERIC_KEYS: Final = frozenset({"batchOperationKey", "decisionEvaluationInstanceKey"})

_ANY: Final[TypeAdapter[Any]] = TypeAdapter(Any)

FileValue = tuple[str, bytes] | tuple[str, bytes, str] | Path | str | IO[bytes]


class Operation(Generic[R]):
    """One REST operation of the spec, declared once at module level by its resource.

    Args:
        method: HTTP method.
        path: path template relative to ``/v2``, e.g. ``/jobs/{jobKey}/completion``.
        operation_id: the spec's operationId (shown in errors and logs).
        returns: the Python type of the answer (a model, ``list[...]``, ``str``, ``bytes``
            or ``type(None)``); for searches, the item type.
        body: the request body type (a model or a union of models), if any.
        query: names of keyword arguments that go into the query string.
        multipart: the body is ``multipart/form-data``.
        files: names of keyword arguments that are file parts of a multipart body.
        idempotent: override whether read timeouts, 502, 503 and 504 may be retried
            (default: GET, and POST searches and ``get*`` statistics).
        drains: job completion/failure/error calls: never held back by throttling.
        long_poll: the server may hold the call open (job activation): it waits its turn
            at the backpressure gate but holds no permit while the server holds it.
        server_wait: the argument (milliseconds) for which the server may hold the call
            before answering (a long poll, an instance awaited to completion): the HTTP
            timeout grows to outlast it.
        server_wait_when: a boolean argument that must be ``True`` for ``server_wait`` to
            apply (``await_completion``); without one it always applies.
        paged: a search; ``returns`` is the item type and the answer a page of them.
    """

    __slots__ = (
        "_body_adapter", "_returns_adapter", "_takes_tenant", "body", "drains", "files",
        "idempotent", "long_poll", "method", "multipart", "operation_id", "paged", "path",
        "path_names", "path_params", "query", "returns", "server_wait", "server_wait_when",
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
        long_poll: bool = False,
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
        self.long_poll = long_poll
        self.server_wait = server_wait
        self.server_wait_when = server_wait_when
        self.paged = paged
        self.idempotent = (
            idempotent if idempotent is not None
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


@dataclass
class RequestParts:
    """What to send, once the arguments have been validated."""

    method: str
    url: str
    params: dict[str, Any] | None = None
    content: bytes | None = None
    files: list[tuple[str, Any]] | None = None
    data: dict[str, Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict[str, str])
    """Only those that depend on the call; the transport adds :data:`SDK_HEADERS`."""


def options_from_settings(settings: CamundaSettings) -> TransportOptions:
    return TransportOptions(
        timeout=httpx.Timeout(settings.request_timeout, connect=settings.connect_timeout),
        max_retries=settings.max_retries,
        retry_initial_delay=settings.retry_initial_delay,
        retry_max_delay=settings.retry_max_delay,
    )


# ----------------------------------------------------------------------------- requests


def split_arguments(op: Operation[Any], args: Mapping[str, Any]) -> tuple[
    dict[str, str], dict[str, Any], dict[str, Any]
]:
    """Split a method's ``locals()`` into path, query and body arguments.

    ``self`` and ``NOT_GIVEN`` values are dropped, so exactly the arguments the caller
    passed remain.
    """
    path_names = op.path_names
    path: dict[str, str] = {}
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    for name, value in args.items():
        if name == "self" or isinstance(value, NotGiven):
            continue
        if name in path_names:
            path[name] = value
        elif name in op.query:
            query[name] = value
        else:
            body[name] = value
    return path, query, body


def render_path(op: Operation[Any], values: Mapping[str, Any]) -> str:
    path = op.path
    for wire, snake in op.path_params:
        value = values.get(snake)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value:
            raise InvalidArgumentError(
                f"{op.operation_id}: {snake} must be a non-empty string, "
                f"got {type(value).__name__}",
                operation_id=op.operation_id, fields=(snake,),
            )
        if wire.endswith("Key") and wire not in _NON_NUMERIC_KEYS and (
            len(value) > KEY_MAX_LENGTH or not KEY_PATTERN.match(value)
        ):
            raise InvalidArgumentError(
                f"{op.operation_id}: {snake} must be a numeric key (digits, at most "
                f"{KEY_MAX_LENGTH} characters), got {_preview(value)}",
                operation_id=op.operation_id, fields=(snake,),
            )
        path = path.replace("{" + wire + "}", quote(value, safe=""))
    return path


def encode_body(op: Operation[Any], body: dict[str, Any],
                default_tenant: str | None = None) -> bytes | None:
    """Validate the body arguments with the request model and serialise exactly them."""
    model = validate_body(op, body, default_tenant)
    if op.body is None:
        return None
    try:
        return op.body_adapter.dump_json(model, by_alias=True, exclude_unset=True)
    except PydanticSerializationError as exc:
        raise _not_json(op, body, exc) from None


def _not_json(op: Operation[Any], body: dict[str, Any],
              exc: PydanticSerializationError) -> InvalidArgumentError:
    """The arguments that cannot be written as JSON (e.g. an ``object()`` in variables)."""
    fields = tuple(
        name for name, value in body.items() if not _serialises(value)
    ) or ("(body)",)
    return InvalidArgumentError(
        f"{op.operation_id}: {', '.join(fields)} cannot be sent as JSON: {exc}",
        operation_id=op.operation_id, fields=fields,
    )


def _serialises(value: Any) -> bool:
    try:
        _ANY.dump_json(value)
    except PydanticSerializationError:
        return False
    return True


def validate_body(op: Operation[Any], body: dict[str, Any], default_tenant: str | None) -> Any:
    """Validate with the body model; then fill the default tenant if the caller gave none.

    The tenant is filled after validation, into the union member that matched, so a
    member without ``tenant_id`` is never pushed aside by it. An operation without a body
    accepts no body arguments.
    """
    if op.body is None:
        if body:
            raise InvalidArgumentError(
                f"{op.operation_id}: unexpected arguments {sorted(body)}",
                operation_id=op.operation_id, fields=tuple(sorted(body)),
            )
        return None
    try:
        model = op.body_adapter.validate_python(body)
    except ValidationError as exc:
        raise invalid_argument(op.operation_id, exc) from None
    if (
        default_tenant
        and op.takes_tenant
        and isinstance(model, BaseModel)
        and "tenant_id" in type(model).model_fields
        and "tenant_id" not in model.model_fields_set
    ):
        model = model.model_copy(update={"tenant_id": default_tenant})
    return model


def encode_query(op: Operation[Any], query: dict[str, Any]) -> dict[str, Any] | None:
    if not query:
        return None
    out: dict[str, Any] = {}
    for name, value in query.items():
        out[_camel(name)] = _query_value(value)
    return out


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()  # str() would put a space between date and time
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def invalid_argument(operation_id: str, exc: ValidationError) -> InvalidArgumentError:
    """Turn a pydantic error into one that names each bad argument (snake_case)."""
    fields: list[str] = []
    lines: list[str] = []
    for error in exc.errors(include_url=False, include_input=False):
        loc = [
            to_snake(part) if isinstance(part, str) and not part.startswith("$") else str(part)
            for part in error["loc"]
            if not _is_union_member(part)
        ]
        where = ".".join(loc) or "(body)"
        fields.append(where)
        lines.append(f"  {where}: {error['msg']}")
    unique = tuple(dict.fromkeys(fields))
    return InvalidArgumentError(
        f"{operation_id}: invalid argument(s) {', '.join(unique)}\n" + "\n".join(lines),
        operation_id=operation_id, fields=unique,
    )


_SCALAR_MEMBERS: Final = frozenset({"str", "int", "float", "bool", "bytes", "none"})


def _is_union_member(part: str | int) -> bool:
    """Whether a pydantic error path entry names a union member rather than a field:
    a model (``KeyFilter[...]``), a tagged schema (``constrained-str``,
    ``str-enum[...]``, ``function-after[...]``) or a scalar (``str``). Checked before
    ``to_snake``, which would lower-case them; wire field names have none of these forms.
    """
    return isinstance(part, str) and (
        part[:1].isupper() or "-" in part or "[" in part or part in _SCALAR_MEMBERS
    )


def _preview(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


# ---------------------------------------------------------------------------- responses


def parse_response(op: Operation[Any], response: httpx.Response) -> Any:
    """Map an answer to the operation's return type, or raise its typed error."""
    status = response.status_code
    if status >= 300:  # the API never redirects; redirects are not followed (credentials)
        raise error_for_status(
            status, op.operation_id, response.content, retry_after(response.headers)
        )
    if op.returns is type(None):
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


def describe_errors(exc: ValidationError, root: str, limit: int | None = 5) -> str:
    """``field.path: message`` for (the first ``limit``) errors of a validation, ``root``
    naming the whole value; never the input values, which may be sensitive."""
    return "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or root}: {error['msg']}"
        for error in exc.errors(include_url=False, include_input=False)[:limit]
    )


SERVER_WAIT_MARGIN: Final = 10.0  # seconds beyond a server-side wait before the call times out


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


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


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


def is_retryable(exc: BaseException, idempotent: bool) -> bool:
    """Whether a failed attempt may be retried (STYLE.md, "Retries").

    Always: backpressure (429; 500/503 titled ``RESOURCE_EXHAUSTED``), connections that
    never carried the request, and an unreachable token endpoint. Idempotent operations
    only: 502, 503, 504 and failures after the request may have been sent (read timeouts).
    Never: other statuses (400, 401, 403, 404, 409, a plain 500, ...) and a TLS
    certificate that failed verification.
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


def backoff_delay(attempt: int, exc: BaseException | None, options: TransportOptions,
                  rand: Callable[[], float]) -> float:
    """Seconds to sleep before retry ``attempt`` (1-based): Retry-After, else full jitter."""
    if isinstance(exc, APIStatusError) and exc.retry_after is not None:
        return min(exc.retry_after, options.retry_max_delay)
    return full_jitter(attempt, options.retry_initial_delay, options.retry_max_delay, rand)


def full_jitter(attempt: int, initial: float, cap: float, rand: Callable[[], float]) -> float:
    """A uniform delay below ``initial`` doubled per ``attempt`` (1-based), at most ``cap``."""
    return rand() * min(cap, initial * 2 ** (attempt - 1))


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """One verifying context per process: loading the CA bundle costs ~0.3 s per client."""
    return httpx.create_ssl_context()


def ssl_context(settings: CamundaSettings) -> ssl.SSLContext | None:
    """The TLS configuration from the mTLS settings; verification is always on.

    ``None`` without mTLS material: the transport then uses :func:`default_ssl_context`
    when it creates its pool (so a client that sends nothing never loads the CA bundle).
    Raises ``ConfigurationError`` at once for mTLS material that cannot be loaded.
    """
    ca = settings.mtls_ca.get_secret_value() if settings.mtls_ca else None
    ca_path = settings.mtls_ca_path
    cert = settings.mtls_cert.get_secret_value() if settings.mtls_cert else None
    key = settings.mtls_key.get_secret_value() if settings.mtls_key else None
    if not (ca or ca_path or cert or key or settings.mtls_cert_path):
        return None
    context = ssl.create_default_context()
    try:
        if ca:
            context.load_verify_locations(cadata=ca)
        elif ca_path:
            context.load_verify_locations(cafile=str(ca_path))
        if cert or key or settings.mtls_cert_path:
            password = (
                settings.mtls_key_passphrase.get_secret_value()
                if settings.mtls_key_passphrase else None
            )
            with tempfile.TemporaryDirectory(prefix="camunda-mtls-") as tmp:
                cert_file = _pem_file(tmp, "cert.pem", cert, settings.mtls_cert_path)
                key_file = _pem_file(tmp, "key.pem", key, settings.mtls_key_path)
                context.load_cert_chain(cert_file, key_file, password=password)
    except (OSError, ssl.SSLError) as exc:
        from camunda._exceptions import ConfigurationError

        raise ConfigurationError(
            "could not load the mTLS material (CAMUNDA_MTLS_CERT/_KEY/_CA or their _PATH "
            f"variants): {type(exc).__name__}: {getattr(exc, 'strerror', None) or exc.args[0]}"
        ) from None
    return context


def _pem_file(tmp: str, name: str, inline: str | None, path: Path | None) -> str:
    if inline is None:
        return str(cast("Path", path))
    target = Path(tmp) / name
    target.touch(mode=0o600)
    target.write_text(inline)
    return str(target)


# ---------------------------------------------------------------------------- assembling

# The SDK's own headers: a pool the transport creates carries them (httpx merges a pool's
# headers far more cheaply than per-request ones); a borrowed pool gets them per request.
SDK_HEADERS: Final[Mapping[str, str]] = types.MappingProxyType({
    "Accept": "application/json, application/problem+json, */*", "User-Agent": USER_AGENT,
})
# The headers that depend on the call; shared and never mutated (httpx copies them).
_NO_HEADERS: Final[Mapping[str, str]] = types.MappingProxyType({})
_JSON_HEADERS: Final[Mapping[str, str]] = types.MappingProxyType(
    {"Content-Type": "application/json"}
)


def build_request_parts(op: Operation[Any], args: Mapping[str, Any], base_url: str,
                        default_tenant: str | None = None) -> RequestParts:
    """Validate a method's arguments and assemble what to send; raises before any I/O.

    ``default_tenant`` (``CAMUNDA_TENANT_ID``) fills a top-level ``tenant_id`` the caller
    did not pass, for operations whose body has one.
    """
    path, query, body = split_arguments(op, args)
    url = base_url + render_path(op, path)
    params = encode_query(op, query)
    if op.multipart:
        data, files = encode_multipart(op, body, default_tenant)
        return RequestParts(op.method, url, params=params, data=data, files=files,
                            headers=_NO_HEADERS)
    content = encode_body(op, body, default_tenant)
    return RequestParts(op.method, url, params=params, content=content,
                        headers=_NO_HEADERS if content is None else _JSON_HEADERS)


def encode_multipart(op: Operation[Any], body: dict[str, Any],
                     default_tenant: str | None = None) -> tuple[
    dict[str, Any], list[tuple[str, Any]]
]:
    """Split multipart arguments into form fields and parts.

    File arguments (``op.files``) become file parts; paths stay ``Path`` objects for the
    transport to read (asynchronously in the async client). Other arguments are validated
    with the body model; objects and arrays become ``application/json`` parts.
    """
    files: list[tuple[str, Any]] = []
    plain = {name: value for name, value in body.items() if name not in op.files}
    for name in op.files:
        if name not in body:
            continue
        values = body[name]
        many = isinstance(values, list | tuple) and not _is_file_tuple(values)
        for value in (values if many else [values]):  # pyright: ignore[reportUnknownVariableType]
            files.append((_camel(name), _file_part(op, name, value)))
    model = validate_body(op, plain, default_tenant)
    wire: dict[str, Any] = (
        {} if op.body is None
        else op.body_adapter.dump_python(model, mode="json", by_alias=True, exclude_unset=True)
    )
    data: dict[str, Any] = {}
    for key, value in wire.items():
        if isinstance(value, dict | list):
            files.append((key, (None, json.dumps(value).encode(), "application/json")))
        elif isinstance(value, bool):
            data[key] = "true" if value else "false"
        elif value is not None:
            data[key] = str(value)
    return data, files


def _is_file_tuple(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) in (2, 3)  # pyright: ignore[reportUnknownArgumentType]
        and isinstance(value[0], str)
        and isinstance(value[1], bytes | bytearray)
    )


def _file_part(op: Operation[Any], name: str, value: Any) -> Any:
    if _is_file_tuple(value):
        return value
    if isinstance(value, str | Path):
        return Path(value)
    if hasattr(value, "read"):
        filename = Path(str(getattr(value, "name", name))).name
        return (filename, value)
    raise InvalidArgumentError(
        f"{op.operation_id}: {name} must be a (filename, bytes) tuple, a path or a binary file "
        f"object, got {type(value).__name__}",
        operation_id=op.operation_id, fields=(name,),
    )


def page_offset(args: Mapping[str, Any]) -> int | None:
    """The ``from`` of a search's ``page`` argument: set when the caller pages by offset."""
    from camunda.models.common import PageRequest

    page = args.get("page")
    if isinstance(page, PageRequest):
        return page.from_
    if isinstance(page, Mapping):
        given = cast("Mapping[str, Any]", page)
        value = given.get("from", given.get("from_"))
        return value if isinstance(value, int) else None
    return None


def next_page_arguments(args: Mapping[str, Any], position: str | int) -> dict[str, Any]:
    """The same search arguments, asking for the following page: after a cursor (``str``)
    or from an offset (``int``, for searches paged by ``from``)."""
    from camunda.models.common import PageRequest

    page = args.get("page")
    limit: Any = None
    if isinstance(page, PageRequest):
        limit = page.limit
    elif isinstance(page, Mapping):
        limit = cast("Mapping[str, Any]", page).get("limit")
    following: dict[str, Any] = (
        {"after": position} if isinstance(position, str) else {"from": position}
    )
    if limit is not None:
        following["limit"] = limit
    return {**args, "page": following}
