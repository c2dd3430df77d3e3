"""Models shared by every resource group: problems, pages, sorting and filter primitives.

The spec repeats one filter shape per field type (``AdvancedProcessInstanceKeyFilter``,
``AdvancedJobStateFilter``, ... about 80 schemas). Here they are four generic types:

* :class:`KeyFilter` for key fields,
* :class:`EnumFilter` for enum fields,
* :class:`MatchFilter` / :class:`StringFilter` for strings (and enums that allow ``$notIn``),
* :class:`RangeFilter` for integers and date-times.

A filter field accepts the plain value (exact match) or one of these, as a model or as a
dict in wire form (``{"$in": ["A", "B"]}``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import Field, model_validator
from typing_extensions import TypeAliasType

from camunda.models._base import KEY, RequestModel, ResponseModel, WireEnum, wire

__all__ = [
    "DateTimeFilterProperty",
    "EnumFilter",
    "EnumFilterProperty",
    "IntegerFilterProperty",
    "KeyFilter",
    "KeyFilterProperty",
    "MatchFilter",
    "PageInfo",
    "PageRequest",
    "ProblemDetail",
    "RangeFilter",
    "SearchQuery",
    "SearchResult",
    "SortOrder",
    "SortRequest",
    "StringFilter",
    "StringFilterProperty",
]

T = TypeVar("T")
K = TypeVar("K", bound=str)
F = TypeVar("F")
FilterT = TypeVar("FilterT")
ItemT = TypeVar("ItemT")


class ProblemDetail(ResponseModel):
    """An RFC 9457 problem description sent with error statuses.

    Every field is optional here: a proxy or an older server may send a partial body, and
    an error must never fail to build because of it.

    Spec: `ProblemDetail`
    """

    type: str | None = None
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    instance: str | None = None

    @classmethod
    def lenient(cls, data: dict[str, Any], status: int) -> ProblemDetail:
        """Build from any JSON object, dropping fields of the wrong type."""
        fields: dict[str, Any] = {"status": status}
        for name in ("type", "title", "detail", "instance"):
            value = data.get(name)
            if isinstance(value, str):
                fields[name] = value
        status_value = data.get("status")
        if isinstance(status_value, int) and not isinstance(status_value, bool):
            fields["status"] = status_value
        return cls.model_construct(**fields)


class SortOrder(WireEnum):
    """Spec: `SortOrderEnum`"""

    ASC = "ASC"
    DESC = "DESC"


class SortRequest(RequestModel, Generic[F]):
    """One sort criterion: a field of the searched entity and an order.

    Spec: `ProcessInstanceSearchQuerySortRequest` (one per search; all share this shape)
    """

    field: F
    order: SortOrder | None = None


class PageRequest(RequestModel):
    """Which page to fetch: ``limit`` alone, ``from`` + ``limit`` (offset), or a cursor.

    Offset and cursor cannot be mixed, nor ``after`` with ``before``.

    Spec: `SearchQueryPageRequest`
    """

    limit: int | None = Field(default=None, ge=1, le=10000)
    from_: int | None = wire("from", ge=0)
    after: str | None = None
    before: str | None = None

    @model_validator(mode="after")
    def _one_style(self) -> PageRequest:
        if self.after is not None and self.before is not None:
            raise ValueError("use either 'after' or 'before', not both")
        if self.from_ is not None and (self.after is not None or self.before is not None):
            raise ValueError("use either offset ('from') or a cursor ('after'/'before'), not both")
        return self


class PageInfo(ResponseModel):
    """Where a page sits in the whole result.

    Spec: `SearchQueryPageResponse`
    """

    total_items: int
    has_more_total_items: bool
    start_cursor: str | None = None
    end_cursor: str | None = None


class SearchResult(ResponseModel, Generic[ItemT]):
    """The body of any search answer: items plus page information.

    Spec: `SearchQueryResponse`
    """

    items: list[ItemT]
    page: PageInfo

    def __reduce__(self) -> tuple[Any, ...]:
        # ``SearchResult[X]`` made at runtime (by an operation) is not a module attribute,
        # so pickle cannot find it by name: rebuild it from its item type instead.
        args = type(self).__pydantic_generic_metadata__["args"]
        return _search_result, (args,), self.__getstate__()


def _search_result(args: tuple[Any, ...]) -> SearchResult[Any]:
    cls: type[SearchResult[Any]] = SearchResult[args[0]] if args else SearchResult  # type: ignore[valid-type]
    return cls.__new__(cls)


class _Filter(RequestModel):
    exists: bool | None = wire("$exists")


class KeyFilter(_Filter, Generic[K]):
    """Advanced filter on a key field.

    Spec: `AdvancedProcessInstanceKeyFilter` (and every other ``Advanced*KeyFilter``)
    """

    eq: K | None = wire("$eq")
    neq: K | None = wire("$neq")
    in_: list[K] | None = wire("$in")
    not_in: list[K] | None = wire("$notIn")


class EnumFilter(_Filter, Generic[T]):
    """Advanced filter on an enum field.

    Spec: `AdvancedProcessInstanceStateFilter` (and the other enum filters)
    """

    eq: T | None = wire("$eq")
    neq: T | None = wire("$neq")
    in_: list[T] | None = wire("$in")
    like: str | None = wire("$like")


class MatchFilter(_Filter, Generic[T]):
    """Advanced filter on a string-like field: equality, sets and ``*``/``?`` wildcards.

    Spec: `AdvancedStringFilter` (also the incident and decision-instance state filters)
    """

    eq: T | None = wire("$eq")
    neq: T | None = wire("$neq")
    in_: list[T] | None = wire("$in")
    not_in: list[T] | None = wire("$notIn")
    like: str | None = wire("$like")


class StringFilter(MatchFilter[str]):
    """Advanced filter on a string field.

    Spec: `AdvancedStringFilter`
    """


class RangeFilter(_Filter, Generic[T]):
    """Advanced filter on an ordered field (integers, date-times).

    Spec: `AdvancedIntegerFilter` (and `AdvancedDateTimeFilter`)
    """

    eq: T | None = wire("$eq")
    neq: T | None = wire("$neq")
    gt: T | None = wire("$gt")
    gte: T | None = wire("$gte")
    lt: T | None = wire("$lt")
    lte: T | None = wire("$lte")
    in_: list[T] | None = wire("$in")


# The type of a search-filter field: the plain value (exact match) or an advanced filter.
StringFilterProperty = str | StringFilter
IntegerFilterProperty = int | RangeFilter[int]
DateTimeFilterProperty = datetime | RangeFilter[datetime]
# The generic ones are TypeAliasTypes so that pydantic substitutes their parameter into the
# filter model too (a plain generic Union would not: its ``EnumFilter`` would take any value).
KeyFilterProperty = TypeAliasType(
    "KeyFilterProperty", Annotated[K, KEY] | KeyFilter[Annotated[K, KEY]], type_params=(K,)
)
"""A key field: the key or a :class:`KeyFilter`, each key checked before anything is sent."""
EnumFilterProperty = TypeAliasType("EnumFilterProperty", T | EnumFilter[T], type_params=(T,))
"""An enum field: the value or an :class:`EnumFilter` of the same enum."""


class SearchQuery(RequestModel, Generic[FilterT, F]):
    """The body of a search: ``filter``, ``sort`` (fields of type ``F``) and ``page``.

    Each search subclasses it with its own filter model and sortable fields.
    """

    filter: FilterT | None = None
    sort: list[SortRequest[F]] | None = None
    page: PageRequest | None = None
