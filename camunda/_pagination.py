"""Search pages: one page of results, and iteration over every page by cursor.

``page.items`` and ``page.page`` are the page at hand. Iterating the page (``for`` on
:class:`SearchPage`, ``async for`` on :class:`AsyncSearchPage`) yields every item of this
and every following page, fetching them lazily with the ``endCursor`` of the previous one.
It stops at an empty page, at a page without a cursor, or once ``totalItems`` items have
been seen (unless the total is capped, ``hasMoreTotalItems``), so the end costs no extra
request. A search started with an offset (``page={"from": 0, "limit": 50}``; some
statistics accept nothing else) continues by offset instead of by cursor. To page by hand,
pass ``page={"after": page.page.end_cursor}`` to the same search, or call ``next_page()``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from camunda.models.common import PageInfo, SearchResult

__all__ = ["AsyncSearchPage", "SearchPage", "next_page_arguments", "page_offset"]

T = TypeVar("T")
P = TypeVar("P")


class _BasePage(Generic[T, P]):
    __slots__ = ("_before", "_fetch", "_offset", "items", "page")

    def __init__(
        self,
        result: SearchResult[T],
        fetch: Callable[[str | int], P] | None = None,
        *,
        offset: int | None = None,
    ) -> None:
        self.items: list[T] = result.items
        self.page: PageInfo = result.page
        self._fetch = fetch
        self._offset = offset  # the first page's ``from`` when the caller pages by offset
        self._before = 0  # items on the pages before this one, when reached by iteration

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(items={len(self.items)}, "
                f"total_items={self.page.total_items}, end_cursor={self.page.end_cursor!r})")

    def _next_position(self) -> str | int | None:
        """Where the following page starts (its cursor, or its offset when the caller pages
        by ``from``), or None when this is the last page."""
        info = self.page
        seen = self._before + len(self.items)
        if not self.items or self._fetch is None:
            return None
        # Paged by offset, the position is absolute: a search started at ``from=100``
        # of 150 items ends after its first 50.
        reached = seen if self._offset is None else self._offset + seen
        if not info.has_more_total_items and reached >= info.total_items:
            return None
        return info.end_cursor if self._offset is None else reached

    def has_next_page(self) -> bool:
        """Whether another page may follow (``next_page()`` would send a request)."""
        return self._next_position() is not None

    def _following(self, page: _BasePage[T, P]) -> None:
        page._before = self._before + len(self.items)
        page._offset = self._offset


class SearchPage(_BasePage[T, "SearchPage[T]"]):
    """A page of search results; iterating it walks every following page."""

    __slots__ = ()

    def next_page(self) -> SearchPage[T] | None:
        """The following page, or ``None`` after the last one."""
        position = self._next_position()
        if position is None or self._fetch is None:
            return None
        page = self._fetch(position)
        self._following(page)
        return page

    def __iter__(self) -> Iterator[T]:
        page: SearchPage[T] | None = self
        while page is not None:
            yield from page.items
            page = page.next_page()


class AsyncSearchPage(_BasePage[T, Awaitable["AsyncSearchPage[T]"]]):
    """A page of search results; ``async for`` over it walks every following page."""

    __slots__ = ()

    async def next_page(self) -> AsyncSearchPage[T] | None:
        """The following page, or ``None`` after the last one."""
        position = self._next_position()
        if position is None or self._fetch is None:
            return None
        page = await self._fetch(position)
        self._following(page)
        return page

    async def __aiter__(self) -> AsyncIterator[T]:
        page: AsyncSearchPage[T] | None = self
        while page is not None:
            for item in page.items:
                yield item
            page = await page.next_page()


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
