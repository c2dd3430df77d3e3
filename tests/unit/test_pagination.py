from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from camunda import AsyncSearchPage, SearchPage
from camunda._pagination import next_page_arguments
from camunda._transport import Operation
from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import PageRequest
from tests.unit._core import close, make_client

pytestmark = pytest.mark.anyio


class Item(ResponseModel):
    n: int


class ItemSearch(RequestModel):
    name: str | None = None
    page: PageRequest | None = None


SEARCH_ITEMS = Operation("POST", "/items/search", "searchItems", body=ItemSearch,
                         returns=Item, paged=True)


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Catalogue:
    """A server holding items 1..total, paged by an ``after`` cursor ``c<last n>``."""

    def __init__(self, total: int, *, capped_total: int | None = None) -> None:
        self.total = total
        self.capped_total = capped_total
        self.bodies: list[dict[str, Any]] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        body: dict[str, Any] = json.loads(request.content)
        self.bodies.append(body)
        page: dict[str, Any] = body.get("page") or {}
        start = int(page["after"][1:]) if "after" in page else 0
        limit = page.get("limit", 2)
        numbers = list(range(start + 1, min(start + limit, self.total) + 1))
        reported = self.capped_total if self.capped_total is not None else self.total
        return httpx.Response(200, json={
            "items": [{"n": n} for n in numbers],
            "page": {
                "totalItems": reported,
                "hasMoreTotalItems": self.capped_total is not None,
                "startCursor": f"c{numbers[0] - 1}" if numbers else None,
                "endCursor": f"c{numbers[-1]}" if numbers else None,
            },
        })

    def client(self, kind: str) -> Any:
        transport = httpx.MockTransport(self.handle)
        http = httpx.Client(transport=transport) if kind == "sync" else httpx.AsyncClient(
            transport=transport)
        return make_client(kind, http_client=http)


async def _search(client: Any, **args: Any) -> Any:  # a SearchPage or AsyncSearchPage
    result: Any = client._transport.search(SEARCH_ITEMS, args)
    return await result if inspect.isawaitable(result) else result


async def _collect(page: SearchPage[Item] | AsyncSearchPage[Item]) -> list[int]:
    if isinstance(page, SearchPage):
        return [item.n for item in page]
    return [item.n async for item in page]


async def _next(page: Any) -> Any:
    result = page.next_page()
    return result if isinstance(page, SearchPage) else await result


async def test_iteration_walks_every_page_and_stops_at_the_total(kind: str) -> None:
    server = Catalogue(total=5)
    client = server.client(kind)
    page = await _search(client, name="x")
    assert [item.n for item in page.items] == [1, 2]
    assert await _collect(page) == [1, 2, 3, 4, 5]
    assert len(server.bodies) == 3  # no request after the last page
    assert [b.get("page") for b in server.bodies] == [None, {"after": "c2"}, {"after": "c4"}]
    assert all(b["name"] == "x" for b in server.bodies)  # the filters are kept
    await close(client)


async def test_an_exact_multiple_of_the_page_size_needs_no_extra_request(kind: str) -> None:
    server = Catalogue(total=4)
    client = server.client(kind)
    assert await _collect(await _search(client)) == [1, 2, 3, 4]
    assert len(server.bodies) == 2
    await close(client)


async def test_the_limit_is_carried_to_the_following_pages(kind: str) -> None:
    server = Catalogue(total=7)
    client = server.client(kind)
    page = await _search(client, page={"limit": 3})
    assert await _collect(page) == list(range(1, 8))
    assert [b["page"] for b in server.bodies] == [
        {"limit": 3}, {"after": "c3", "limit": 3}, {"after": "c6", "limit": 3}]
    await close(client)


async def test_a_capped_total_continues_until_an_empty_page(kind: str) -> None:
    server = Catalogue(total=5, capped_total=2)
    client = server.client(kind)
    assert await _collect(await _search(client)) == [1, 2, 3, 4, 5]
    assert len(server.bodies) == 4  # the fourth answer is empty
    await close(client)


async def test_an_empty_result_is_one_request(kind: str) -> None:
    server = Catalogue(total=0)
    client = server.client(kind)
    page = await _search(client)
    assert page.items == [] and not page.has_next_page()
    assert await _collect(page) == []
    assert await _next(page) is None
    assert len(server.bodies) == 1
    await close(client)


async def test_next_page_and_has_next_page(kind: str) -> None:
    server = Catalogue(total=5)
    client = server.client(kind)
    first = await _search(client)
    assert first.has_next_page()
    second = await _next(first)
    assert [i.n for i in second.items] == [3, 4] and second.has_next_page()
    third = await _next(second)
    assert [i.n for i in third.items] == [5]
    assert not third.has_next_page()  # 5 of 5 seen across the pages
    assert await _next(third) is None
    assert len(server.bodies) == 3
    # iterating from a later page walks only what follows it
    assert await _collect(second) == [3, 4, 5]
    await close(client)


async def test_paging_by_hand_with_a_cursor(kind: str) -> None:
    server = Catalogue(total=5)
    client = server.client(kind)
    first = await _search(client)
    by_hand = await _search(client, page={"after": first.page.end_cursor})
    assert [i.n for i in by_hand.items] == [3, 4]
    assert server.bodies[-1]["page"] == {"after": "c2"}
    model = await _search(client, page=PageRequest(after="c4"))
    assert [i.n for i in model.items] == [5]
    await close(client)


def test_next_page_arguments_keep_everything_but_the_page() -> None:
    args = {"self": object(), "name": "x", "page": PageRequest(limit=5, after="a")}
    following = next_page_arguments(args, "b")
    assert following["page"] == {"after": "b", "limit": 5}
    assert following["name"] == "x"
    assert args["page"] == PageRequest(limit=5, after="a")  # the original is untouched


def test_repr_is_short() -> None:
    from camunda.models.common import PageInfo, SearchResult

    info = PageInfo(total_items=1, has_more_total_items=False)
    page = SearchPage(SearchResult[Item](items=[Item(n=1)], page=info))
    assert repr(page) == "SearchPage(items=1, total_items=1, end_cursor=None)"
    assert not page.has_next_page()


def test_next_page_arguments_by_offset_keep_the_limit() -> None:
    args = {"page": {"from": 0, "limit": 2}, "filter": {"x": 1}}
    assert next_page_arguments(args, 2) == {"page": {"from": 2, "limit": 2}, "filter": {"x": 1}}


def test_a_search_started_by_offset_iterates_by_offset() -> None:
    from camunda.models.common import PageInfo, SearchResult

    sent: list[str | int] = []
    info = PageInfo(total_items=5, has_more_total_items=False, end_cursor=None)

    def fetch(position: str | int) -> SearchPage[Item]:
        sent.append(position)
        start = int(position)
        return SearchPage(SearchResult[Item](
            items=[Item(n=n) for n in range(start, min(start + 2, 5))], page=info), fetch)

    first = SearchPage(SearchResult[Item](items=[Item(n=0), Item(n=1)], page=info), fetch,
                       offset=0)
    assert [item.n for item in first] == [0, 1, 2, 3, 4]
    assert sent == [2, 4]  # no request past totalItems, and none by cursor


def test_a_search_started_at_a_later_offset_ends_at_the_total() -> None:
    from camunda.models.common import PageInfo, SearchResult

    sent: list[str | int] = []
    info = PageInfo(total_items=150, has_more_total_items=False, end_cursor=None)

    def fetch(position: str | int) -> SearchPage[Item]:
        sent.append(position)
        return SearchPage(SearchResult[Item](items=[], page=info), fetch)

    page = SearchPage(SearchResult[Item](items=[Item(n=n) for n in range(100, 150)], page=info),
                      fetch, offset=100)
    assert not page.has_next_page()
    assert [item.n for item in page] == list(range(100, 150))
    assert sent == []  # items 100..149 were the last: no request for from=150
