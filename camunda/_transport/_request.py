"""Building a request: a method's arguments split into path, query and body, validated
with the operation's models and encoded (JSON or multipart) before anything is sent."""

from __future__ import annotations

import json
import re
import types
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final
from urllib.parse import quote

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.alias_generators import to_snake
from pydantic_core import PydanticSerializationError

from camunda._exceptions import InvalidArgumentError
from camunda._version import __version__
from camunda.types import KEY_MAX_LENGTH, KEY_PATTERN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping

    from camunda._transport._operation import Operation

__all__ = [
    "SDK_HEADERS",
    "TOKEN_REQUEST_EXTENSION",
    "USER_AGENT",
    "FileValue",
    "RequestParts",
    "build_request_parts",
]

USER_AGENT: Final = f"camunda-sdk-python/{__version__}"
TOKEN_REQUEST_EXTENSION: Final = "camunda_token_request"
"""Marks the OAuth token request, so a failure to reach it is told apart from the API's;
its value names the token endpoint and the setting that chose it."""

# The SDK's own headers: a pool the transport creates carries them (httpx merges a pool's
# headers far more cheaply than per-request ones); a borrowed pool gets them per request.
SDK_HEADERS: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Accept": "application/json, application/problem+json, */*",
        "User-Agent": USER_AGENT,
    }
)
# The headers that depend on the call; shared and never mutated (httpx copies them).
_NO_HEADERS: Final[Mapping[str, str]] = types.MappingProxyType({})
_JSON_HEADERS: Final[Mapping[str, str]] = types.MappingProxyType(
    {"Content-Type": "application/json"}
)

# Path keys that are not numeric: a batch operation key may be a UUID, and a decision
# evaluation instance key is "<evaluationKey>-<index>".
_NON_NUMERIC_KEYS: Final = frozenset({"batchOperationKey", "decisionEvaluationInstanceKey"})

# A path argument travels as exactly one segment, percent-encoded. These cannot: "." and
# ".." are dot segments (RFC 3986 5.2.4) that httpx, proxies and servers resolve, and
# "%2E" is the same segment once decoded (RFC 3986 6.2.2.2; Spring's firewall refuses it),
# so `unassign_user("admin", username="..")` would reach DELETE /roles/admin. A slash or
# backslash splits the segment wherever a proxy decodes before it routes; control
# characters are refused by servers. The spec's identifier patterns allow none of these
# but dots, and no id made only of dots can be addressed over HTTP.
_DOT_SEGMENTS: Final = frozenset({".", ".."})
_SPLITS_A_SEGMENT: Final = re.compile(r"[/\\\x00-\x1f\x7f]")

_ANY: Final[TypeAdapter[Any]] = TypeAdapter(Any)

FileValue = tuple[str, bytes] | tuple[str, bytes, str] | Path | str | IO[bytes]


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


def build_request_parts(
    op: Operation[Any], args: Mapping[str, Any], base_url: str, default_tenant: str | None = None
) -> RequestParts:
    """Validate a method's arguments and assemble what to send; raises before any I/O.

    ``default_tenant`` (``CAMUNDA_TENANT_ID``) fills a top-level ``tenant_id`` the caller
    did not pass, for operations whose body has one.
    """
    path, query, body = split_arguments(op, args)
    url = base_url + render_path(op, path)
    params = encode_query(query)
    if op.multipart:
        data, files = encode_multipart(op, body, default_tenant)
        return RequestParts(
            op.method, url, params=params, data=data, files=files, headers=_NO_HEADERS
        )
    content = encode_body(op, body, default_tenant)
    return RequestParts(
        op.method,
        url,
        params=params,
        content=content,
        headers=_NO_HEADERS if content is None else _JSON_HEADERS,
    )


def split_arguments(
    op: Operation[Any], args: Mapping[str, Any]
) -> tuple[dict[str, str], dict[str, Any], dict[str, Any]]:
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
    """The operation's path with each argument as one percent-encoded segment.

    The only place the SDK puts arguments into a URL path: every operation, declared or to
    come, gets the same checks. Raises ``InvalidArgumentError`` for an argument that cannot
    reach the server as the one segment the caller meant (see ``_DOT_SEGMENTS``) and for a
    key that is not numeric.
    """
    path = op.path
    for wire, snake in op.path_params:
        value = values.get(snake)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value:
            raise InvalidArgumentError(
                f"{op.operation_id}: {snake} must be a non-empty string, "
                f"got {type(value).__name__}",
                operation_id=op.operation_id,
                fields=(snake,),
            )
        if value in _DOT_SEGMENTS or _SPLITS_A_SEGMENT.search(value):
            why = (
                "is a dot segment ('this' or 'the parent' path)"
                if value in _DOT_SEGMENTS
                else "has a slash, backslash or control character"
            )
            raise InvalidArgumentError(
                f"{op.operation_id}: {snake} {_preview(value)} {why}: it cannot be sent as "
                "one URL path segment, and the request would reach another path",
                operation_id=op.operation_id,
                fields=(snake,),
            )
        if (
            wire.endswith("Key")
            and wire not in _NON_NUMERIC_KEYS
            and (len(value) > KEY_MAX_LENGTH or not KEY_PATTERN.fullmatch(value))
        ):
            raise InvalidArgumentError(
                f"{op.operation_id}: {snake} must be a numeric key (digits, at most "
                f"{KEY_MAX_LENGTH} characters), got {_preview(value)}",
                operation_id=op.operation_id,
                fields=(snake,),
            )
        try:
            segment = quote(value, safe="")
        except UnicodeEncodeError:  # a lone surrogate
            raise InvalidArgumentError(
                f"{op.operation_id}: {snake} {_preview(value)} cannot be encoded as UTF-8",
                operation_id=op.operation_id,
                fields=(snake,),
            ) from None
        path = path.replace("{" + wire + "}", segment)
    return path


def _preview(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def encode_query(query: dict[str, Any]) -> dict[str, Any] | None:
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


def encode_body(
    op: Operation[Any], body: dict[str, Any], default_tenant: str | None = None
) -> bytes | None:
    """Validate the body arguments with the request model and serialise exactly them."""
    model = validate_body(op, body, default_tenant)
    if op.body is None:
        return None
    try:
        return op.body_adapter.dump_json(model, by_alias=True, exclude_unset=True)
    except PydanticSerializationError as exc:
        raise _not_json(op, body, exc) from None


def _not_json(
    op: Operation[Any], body: dict[str, Any], exc: PydanticSerializationError
) -> InvalidArgumentError:
    """The arguments that cannot be written as JSON (e.g. an ``object()`` in variables)."""
    fields = tuple(name for name, value in body.items() if not _serialises(value)) or ("(body)",)
    return InvalidArgumentError(
        f"{op.operation_id}: {', '.join(fields)} cannot be sent as JSON: {exc}",
        operation_id=op.operation_id,
        fields=fields,
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
                operation_id=op.operation_id,
                fields=tuple(sorted(body)),
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
        operation_id=operation_id,
        fields=unique,
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


def encode_multipart(
    op: Operation[Any], body: dict[str, Any], default_tenant: str | None = None
) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
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
        for value in values if many else [values]:  # pyright: ignore[reportUnknownVariableType]
            files.append((_camel(name), _file_part(op, name, value)))
    model = validate_body(op, plain, default_tenant)
    wire: dict[str, Any] = (
        {}
        if op.body is None
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
        operation_id=op.operation_id,
        fields=(name,),
    )
