"""Search pages: one page of results, and iteration over every page by cursor.

``page.items`` and ``page.page`` are the page at hand. Iterating the page (``for`` on
:class:`SearchPage`, ``async for`` on :class:`AsyncSearchPage`) yields every item of every
page, fetching the following pages lazily with the ``endCursor`` of the previous one.
To page by hand, pass ``page={"after": page.page.end_cursor}`` to the same search.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from camunda.models.common import PageInfo, SearchResult

__all__ = ["AsyncSearchPage", "SearchPage"]

T = TypeVar("T")
P = TypeVar("P")


class _BasePage(Generic[T, P]):
    __slots__ = ("_fetch", "items", "page")

    def __init__(self, result: SearchResult[T], fetch: Callable[[str], P] | None = None) -> None:
        self.items: list[T] = result.items
        self.page: PageInfo = result.page
        self._fetch = fetch

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(items={len(self.items)}, "
                f"total_items={self.page.total_items}, end_cursor={self.page.end_cursor!r})")

    def _next_cursor(self, seen: int) -> str | None:
        """The cursor of the following page, or None when this is the last one."""
        info = self.page
        if not self.items or info.end_cursor is None or self._fetch is None:
            return None
        if not info.has_more_total_items and seen >= info.total_items:
            return None
        return info.end_cursor


class SearchPage(_BasePage[T, "SearchPage[T]"]):
    """A page of search results; iterating it walks every page."""

    __slots__ = ()

    def has_next_page(self) -> bool:
        return self._next_cursor(len(self.items)) is not None

    def next_page(self) -> SearchPage[T] | None:
        cursor = self._next_cursor(len(self.items))
        return None if cursor is None or self._fetch is None else self._fetch(cursor)

    def __iter__(self) -> Iterator[T]:
        page: SearchPage[T] | None = self
        seen = 0
        while page is not None:
            yield from page.items
            seen += len(page.items)
            cursor = page._next_cursor(seen)
            page = None if cursor is None or page._fetch is None else page._fetch(cursor)


class AsyncSearchPage(_BasePage[T, "Awaitable[AsyncSearchPage[T]]"]):
    """A page of search results; ``async for`` over it walks every page."""

    __slots__ = ()

    def has_next_page(self) -> bool:
        return self._next_cursor(len(self.items)) is not None

    async def next_page(self) -> AsyncSearchPage[T] | None:
        cursor = self._next_cursor(len(self.items))
        return None if cursor is None or self._fetch is None else await self._fetch(cursor)

    async def __aiter__(self) -> AsyncIterator[T]:
        page: AsyncSearchPage[T] | None = self
        seen = 0
        while page is not None:
            for item in page.items:
                yield item
            seen += len(page.items)
            cursor = page._next_cursor(seen)
            page = None if cursor is None or page._fetch is None else await page._fetch(cursor)
