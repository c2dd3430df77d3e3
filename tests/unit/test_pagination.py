from __future__ import annotations

import inspect
import json
import pickle
from typing import Any

import anyio
import httpx
import pytest

from camunda import APIResponseValidationError, AsyncSearchPage, ClientUsageError, SearchPage
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


SEARCH_ITEMS = Operation(
    "POST", "/items/search", "searchItems", body=ItemSearch, returns=Item, paged=True
)


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
        return httpx.Response(
            200,
            json={
                "items": [{"n": n} for n in numbers],
                "page": {
                    "totalItems": reported,
                    "hasMoreTotalItems": self.capped_total is not None,
                    "startCursor": f"c{numbers[0] - 1}" if numbers else None,
                    "endCursor": f"c{numbers[-1]}" if numbers else None,
                },
            },
        )

    def client(self, kind: str) -> Any:
        transport = httpx.MockTransport(self.handle)
        http = (
            httpx.Client(transport=transport)
            if kind == "sync"
            else httpx.AsyncClient(transport=transport)
        )
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


async def test_iteration_walks_every_page_until_an_empty_one(kind: str) -> None:
    server = Catalogue(total=5)
    client = server.client(kind)
    page = await _search(client, name="x")
    assert [item.n for item in page.items] == [1, 2]
    assert await _collect(page) == [1, 2, 3, 4, 5]
    assert len(server.bodies) == 4  # the last answer is the empty page that ends the walk
    assert [b.get("page") for b in server.bodies] == [
        None,
        {"after": "c2"},
        {"after": "c4"},
        {"after": "c5"},
    ]
    assert all(b["name"] == "x" for b in server.bodies)  # the filters are kept
    await close(client)


async def test_the_total_does_not_end_the_walk(kind: str) -> None:
    server = Catalogue(total=4)
    client = server.client(kind)
    assert await _collect(await _search(client)) == [1, 2, 3, 4]
    assert len(server.bodies) == 3  # 4 of 4 seen: the server still has the last word
    await close(client)


async def test_the_limit_is_carried_to_the_following_pages(kind: str) -> None:
    server = Catalogue(total=7)
    client = server.client(kind)
    page = await _search(client, page={"limit": 3})
    assert await _collect(page) == list(range(1, 8))
    assert [b["page"] for b in server.bodies] == [
        {"limit": 3},
        {"after": "c3", "limit": 3},
        {"after": "c6", "limit": 3},
        {"after": "c7", "limit": 3},
    ]
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
    assert third.has_next_page()  # 5 of 5 seen, but only an empty page says it is the end
    last = await _next(third)
    assert last.items == [] and not last.has_next_page()
    assert await _next(last) is None
    assert len(server.bodies) == 4
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
        return SearchPage(
            SearchResult[Item](
                items=[Item(n=n) for n in range(start, min(start + 2, 5))], page=info
            ),
            fetch,
        )

    first = SearchPage(SearchResult[Item](items=[Item(n=0), Item(n=1)], page=info), fetch, offset=0)
    assert [item.n for item in first] == [0, 1, 2, 3, 4]
    assert sent == [2, 4, 5]  # on to the empty page, and none by cursor


def test_a_search_started_at_a_later_offset_continues_from_there() -> None:
    from camunda.models.common import PageInfo, SearchResult

    sent: list[str | int] = []
    info = PageInfo(total_items=150, has_more_total_items=False, end_cursor=None)

    def fetch(position: str | int) -> SearchPage[Item]:
        sent.append(position)
        return SearchPage(SearchResult[Item](items=[], page=info), fetch)

    page = SearchPage(
        SearchResult[Item](items=[Item(n=n) for n in range(100, 150)], page=info), fetch, offset=100
    )
    assert page.has_next_page()
    assert [item.n for item in page] == list(range(100, 150))
    assert sent == [150]  # the absolute offset after items 100..149


class ActiveInstances:
    """A server of instances 1..total filtered on ``state == ACTIVE``; cursors name the
    last key, as real cursors name the sort values of the last item, so an item leaving
    the result does not move the ones after it. Gives up after ``max_requests``."""

    def __init__(
        self,
        total: int,
        *,
        repeat_cursor: str | None = None,
        cycle: tuple[str, ...] = (),
        max_requests: int = 50,
    ) -> None:
        self.active = set(range(1, total + 1))
        self.repeat_cursor = repeat_cursor
        self.cycle = cycle
        self.max_requests = max_requests
        self.requests = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests > self.max_requests:  # keeps a looping client from hanging the test
            return httpx.Response(418, json={"title": "too many requests from a loop"})
        page: dict[str, Any] = json.loads(request.content).get("page") or {}
        cursor = str(page.get("after", "c0"))[1:]
        after = int(cursor) if cursor.isdigit() else 0
        numbers = sorted(n for n in self.active if n > after)[: page.get("limit", 10)]
        end = f"c{numbers[-1]}" if numbers else None
        if self.repeat_cursor is not None:
            end = self.repeat_cursor
        if self.cycle:
            end = self.cycle[(self.requests - 1) % len(self.cycle)]
        return httpx.Response(
            200,
            json={
                "items": [{"n": n} for n in numbers],
                "page": {
                    "totalItems": len(self.active),
                    "hasMoreTotalItems": False,
                    "endCursor": end,
                },
            },
        )

    def client(self, kind: str) -> Any:
        transport = httpx.MockTransport(self.handle)
        http = (
            httpx.Client(transport=transport)
            if kind == "sync"
            else httpx.AsyncClient(transport=transport)
        )
        return make_client(kind, http_client=http)


async def test_items_that_leave_the_result_while_iterating_do_not_end_it_early(kind: str) -> None:
    server = ActiveInstances(total=30)
    client = server.client(kind)
    visited: list[int] = []
    with anyio.fail_after(10):
        page = await _search(client, page={"limit": 10})
        if isinstance(page, SearchPage):
            for item in page:
                visited.append(item.n)
                server.active.discard(item.n)  # "cancel" each instance on the way
        else:
            async for item in page:
                visited.append(item.n)
                server.active.discard(item.n)
    # the second page reports a total of 20 after 20 seen: all 30 are still visited
    assert visited == list(range(1, 31))
    await close(client)


@pytest.mark.parametrize(
    ("repeat", "cycle"), [("c1", ()), (None, ("cA", "cB"))], ids=["same-cursor", "cursor-cycle"]
)
async def test_a_server_that_answers_a_cursor_again_stops_the_walk(
    kind: str, repeat: str | None, cycle: tuple[str, ...]
) -> None:
    server = ActiveInstances(total=5, repeat_cursor=repeat, cycle=cycle)
    client = server.client(kind)
    with anyio.fail_after(10):
        page = await _search(client)
        with pytest.raises(APIResponseValidationError, match="a second time") as caught:
            await _collect(page)
    assert caught.value.operation_id == "searchItems"
    assert server.requests <= 3  # caught on the first cursor seen again, not by the cap
    await close(client)


async def test_next_page_refuses_a_cursor_that_brings_the_same_page(kind: str) -> None:
    server = ActiveInstances(total=5, repeat_cursor="c1")
    client = server.client(kind)
    second = await _next(await _search(client))
    with pytest.raises(APIResponseValidationError, match="'c1' a second time"):
        await _next(second)
    await close(client)


async def test_a_page_pickles_and_does_not_pretend_to_be_the_last(kind: str) -> None:
    server = ActiveInstances(total=15)
    client = server.client(kind)
    first = await _search(client)
    copy = pickle.loads(pickle.dumps(first))
    assert type(copy) is type(first) and copy.items == first.items and copy.page == first.page
    assert copy.has_next_page()
    with pytest.raises(ClientUsageError, match="no client"):
        await _collect(copy)
    last = await _next(await _next(first))
    assert last.items == []
    assert await _collect(pickle.loads(pickle.dumps(last))) == []
    await close(client)


def test_search_result_models_pickle() -> None:
    from camunda.models.common import PageInfo, SearchResult
    from camunda.models.process_instances import ProcessInstance

    result = SEARCH_ITEMS.returns_adapter.validate_python(
        {"items": [{"n": 1}], "page": {"totalItems": 1, "hasMoreTotalItems": False}}
    )
    assert pickle.loads(pickle.dumps(result)) == result
    empty = SearchResult[ProcessInstance](
        items=[], page=PageInfo(total_items=0, has_more_total_items=False)
    )
    assert pickle.loads(pickle.dumps(empty)) == empty
