"""The fake's HTTP vocabulary: a routed ``Call``, its ``Reply``, problems, bodies, routes.

The wire format is written by hand, as plain dicts in each handler module, not produced
from the SDK's response models. The fake exists to test the SDK: answers built from the
SDK's own models would agree with any mistake in those models (a wrong alias, a missing
required field) and the tests could not catch it. Writing the spec's shapes out keeps
the two sides independent. Requests, on the other hand, are validated with the SDK's
request models, so the fake refuses what the SDK itself would refuse to send.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import TypeAdapter, ValidationError

from camunda._exceptions import describe_errors

if TYPE_CHECKING:
    from pydantic import BaseModel

    from camunda.testing._engine import Engine
    from camunda.testing._search import Special

__all__ = [
    "NO_CONTENT",
    "TENANT",
    "Call",
    "Handler",
    "Pending",
    "Problem",
    "Reply",
    "Route",
    "getter",
    "iso",
    "json_object",
    "json_reply",
    "multipart_files",
    "not_found",
    "problem_reply",
    "searcher",
    "validate",
]

TENANT = "<default>"
_JSON = "application/json"
_PROBLEM = "application/problem+json"


class Reply(NamedTuple):
    status: int
    body: bytes
    content_type: str = _JSON


NO_CONTENT = Reply(204, b"", "")


@dataclass
class Pending:
    """A request the server holds (a job activation's long poll, an instance awaited to
    completion) until ``until`` (``time.monotonic``): ``attempt`` (lock held) gives the
    answer once there is one, ``expire`` the answer when time runs out."""

    attempt: Callable[[], Reply | None]
    expire: Callable[[], Reply]
    until: float
    epoch: int


Handler = Callable[["Engine", "Call", bytes, str], "Reply | Pending"]

R = TypeVar("R")


def searcher(
    model: type[BaseModel],
    records: Callable[[Engine], Iterable[R]],
    *,
    wire: Callable[[R], dict[str, Any]],
    key_field: str,
    specials: Mapping[str, Special] | None = None,
) -> Handler:
    """The handler of a plain search: ``records`` of the engine, filtered, sorted, paged."""

    def search(engine: Engine, call: Call, body: bytes, _ct: str) -> Reply:
        return engine.search(
            call, body, model, records(engine), wire=wire, key_field=key_field, specials=specials
        )

    return search


def getter(
    lookup: Callable[[Engine], Callable[[str], R | None]],
    what: str,
    wire: Callable[[R], dict[str, Any]],
) -> Handler:
    """The handler of a plain ``GET`` by key: ``lookup(engine)(key)``, or 404 naming ``what``."""

    def get(engine: Engine, call: Call, _body: bytes, _ct: str) -> Reply:
        return engine.get(call, lookup(engine), what, wire)

    return get


@dataclass(frozen=True)
class Route:
    """``METHOD /v2/path`` (``{name}`` segments are keys) answered by ``handler``."""

    method: str
    path: str
    operation_id: str
    handler: Handler
    eventually_consistent: bool = False
    """A read the spec marks eventually consistent: the read-lag fault applies."""


@dataclass
class Call:
    """A routed request: which operation, and which fault (if any) to answer with."""

    method: str
    path: str
    operation_id: str
    handler: Handler | None
    params: tuple[str, ...]
    fault: str | None
    latency: float


class Problem(Exception):
    """An answer in RFC 9457 form; raise it from a handler."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail


def not_found(what: str, key: str) -> Problem:
    return Problem(404, "NOT_FOUND", f"{what} with key '{key}' was not found")


def json_reply(data: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(data, separators=(",", ":")).encode())


def problem_reply(call: Call, problem: Problem) -> Reply:
    body = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": call.path,
    }
    return Reply(problem.status, json.dumps(body).encode(), _PROBLEM)


@functools.cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def validate(kind: Any, body: bytes) -> Any:
    """The body parsed with an SDK request model (or union); a 400 problem if invalid."""
    try:
        return _adapter(kind).validate_json(body or b"{}")
    except ValidationError as exc:
        raise Problem(
            400,
            "INVALID_ARGUMENT",
            "invalid request: " + describe_errors(exc, "(body)", limit=None),
        ) from None


def json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise Problem(400, "INVALID_ARGUMENT", "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise Problem(400, "INVALID_ARGUMENT", "the body must be a JSON object")
    return data  # pyright: ignore[reportUnknownVariableType]


def multipart_files(body: bytes, content_type: str) -> list[tuple[str, bytes]]:
    if not content_type.startswith("multipart/form-data"):
        raise Problem(400, "INVALID_ARGUMENT", "a deployment must be multipart/form-data")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    files: list[tuple[str, bytes]] = []
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") != "resources":
            continue
        payload = part.get_payload(decode=True)
        files.append(
            (part.get_filename() or "resource", payload if isinstance(payload, bytes) else b"")
        )
    return files


def iso(ms: int | None) -> str | None:
    """Epoch milliseconds as the gateway writes them: ``2026-01-02T03:04:05.678Z``."""
    if ms is None:
        return None
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
