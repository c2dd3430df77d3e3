"""Search pages: one page of results, and iteration over every page by cursor.

``page.items`` and ``page.page`` are the page at hand. Iterating the page (``for`` on
:class:`SearchPage`, ``async for`` on :class:`AsyncSearchPage`) yields every item of this
and every following page, fetching them lazily with the ``endCursor`` of the previous one,
until the server answers an empty page or a page without a cursor. ``totalItems`` does not
decide the end: items that leave the result while you iterate (instances cancelled on the
way) lower it, and stopping at it would skip the ones still ahead. A server that answers a
cursor it answered before would have the walk go round for ever; it raises
:class:`~camunda.APIResponseValidationError` instead.

A search started with an offset (``page={"from": 0, "limit": 50}``; some statistics accept
nothing else) continues by offset instead of by cursor, until an empty page. To page by
hand, pass ``page={"after": page.page.end_cursor}`` to the same search, or call
``next_page()``; ``iter_pages()`` walks the pages themselves.

A page pickles with its items; an unpickled page has no client, so reaching for a
following page raises :class:`~camunda.ClientUsageError` rather than ending early.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from camunda._exceptions import APIResponseValidationError, ClientUsageError

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from camunda.models.common import PageInfo, SearchResult

__all__ = ["AsyncSearchPage", "SearchPage", "next_page_arguments", "page_offset"]

T = TypeVar("T")
P = TypeVar("P")


class _BasePage(Generic[T, P]):
    __slots__ = ("_after", "_fetch", "_offset", "_operation_id", "items", "page")

    def __init__(
        self,
        result: SearchResult[T],
        fetch: Callable[[str | int], P] | None = None,
        *,
        offset: int | None = None,
        operation_id: str | None = None,
    ) -> None:
        self.items: list[T] = result.items
        self.page: PageInfo = result.page
        self._fetch = fetch
        # The absolute ``from`` of this page when the caller pages by offset.
        self._offset = offset
        self._operation_id = operation_id
        self._after: str | int | None = None  # the position this page was fetched from

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items={len(self.items)}, "
            f"total_items={self.page.total_items}, end_cursor={self.page.end_cursor!r})"
        )

    def __getstate__(self) -> dict[str, Any]:
        # The fetch function holds the client: it stays behind (see the module docstring).
        return {
            "items": self.items,
            "page": self.page,
            "_offset": self._offset,
            "_operation_id": self._operation_id,
            "_after": self._after,
            "_fetch": None,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def _next_position(self) -> str | int | None:
        """Where the following page starts (its cursor, or its offset when the caller pages
        by ``from``), or None when this is the last page."""
        if not self.items:
            return None
        if self._offset is not None:
            return self._offset + len(self.items)
        return self.page.end_cursor

    def has_next_page(self) -> bool:
        """Whether another page may follow (``next_page()`` would send a request)."""
        return self._next_position() is not None

    def _position_to_fetch(self, fetched: set[str | int] | None = None) -> str | int | None:
        """The next position, checked: never one already fetched (``fetched``, or at
        least the one that brought this page), never without a client to fetch it."""
        position = self._next_position()
        if position is None:
            return None
        if position == self._after or (fetched is not None and position in fetched):
            label = f"{self._operation_id}: " if self._operation_id else ""
            raise APIResponseValidationError(
                f"{label}the server answered the cursor {str(position)[:60]!r} a second "
                "time; stopping here, as following it would repeat the same pages for ever",
                operation_id=self._operation_id,
            )
        if self._fetch is None:
            raise ClientUsageError(
                "this page has no client to fetch the following pages with (it was "
                "unpickled, or built by hand): search again with "
                f"page={{'after': {position!r}}} on a client"
            )
        if fetched is not None:
            fetched.add(position)
        return position

    def _following(self, page: _BasePage[T, P], position: str | int) -> None:
        page._after = position
        if self._offset is not None:
            page._offset = self._offset + len(self.items)


class SearchPage(_BasePage[T, "SearchPage[T]"]):
    """A page of search results; iterating it walks every following page."""

    __slots__ = ()

    def next_page(self) -> SearchPage[T] | None:
        """The following page, or ``None`` after the last one."""
        return self._next(self._position_to_fetch())

    def _next(self, position: str | int | None) -> SearchPage[T] | None:
        if position is None or self._fetch is None:
            return None
        page = self._fetch(position)
        self._following(page, position)
        return page

    def iter_pages(self) -> Iterator[SearchPage[T]]:
        """This page and every following one, fetched as the iteration reaches them."""
        fetched: set[str | int] = set()
        page: SearchPage[T] | None = self
        while page is not None:
            yield page
            page = page._next(page._position_to_fetch(fetched))

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncSearchPage(_BasePage[T, Awaitable["AsyncSearchPage[T]"]]):
    """A page of search results; ``async for`` over it walks every following page."""

    __slots__ = ()

    async def next_page(self) -> AsyncSearchPage[T] | None:
        """The following page, or ``None`` after the last one."""
        return await self._next(self._position_to_fetch())

    async def _next(self, position: str | int | None) -> AsyncSearchPage[T] | None:
        if position is None or self._fetch is None:
            return None
        page = await self._fetch(position)
        self._following(page, position)
        return page

    async def iter_pages(self) -> AsyncIterator[AsyncSearchPage[T]]:
        """This page and every following one, fetched as the iteration reaches them."""
        fetched: set[str | int] = set()
        page: AsyncSearchPage[T] | None = self
        while page is not None:
            yield page
            page = await page._next(page._position_to_fetch(fetched))

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


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
