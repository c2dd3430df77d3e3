"""The fake cluster's core: state, keys, clock, scheduler, faults and routing; no I/O.

Each concern answers its own routes, declared next to its handlers: jobs
(``_jobs.py``), deployments, processes, element instances and variables
(``_processes.py``), user tasks (``_user_tasks.py``), incidents (``_incidents.py``),
messages, signals, clock and topology (``_messages.py``). The BPMN runtime is
``_execution.py``, the model ``_bpmn.py``, searching ``_search.py``, the wire vocabulary
``_protocol.py``.

Every call takes ``lock``. A request the server holds (a long poll that finds
no job, an instance awaited to completion) returns a :class:`Pending`; the adapters
(``_adapters.py``) wait for a change (on ``condition`` or an async waker) and call
:meth:`Engine.retry` again.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import random
import re
import threading
import time
from collections import Counter, deque
from typing import TYPE_CHECKING, Any, TypeVar

from camunda.testing import _decisions, _incidents, _jobs, _messages, _processes, _user_tasks
from camunda.testing._execution import Runtime
from camunda.testing._protocol import (
    Call,
    Handler,
    Pending,
    Problem,
    Reply,
    Route,
    json_object,
    json_reply,
    not_found,
    problem_reply,
    validate,
)
from camunda.testing._records import (
    ClusterStats,
    FakeElementInstance,
    FakeEscalation,
    FakeIncident,
    FakeJob,
    FakeProcessInstance,
    FakeUserTask,
    Faults,
    MessageBuffer,
    Store,
)
from camunda.testing._search import Special, matches, page_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from pydantic import BaseModel

__all__ = ["ROUTES", "Call", "Engine", "Pending", "Reply"]

R = TypeVar("R")

_FIRST_KEY = 2251799813685249  # what the first key of partition 1 looks like
# Job commands a real cluster never rejects for backpressure: they drain work.
_BACKPRESSURE_EXEMPT = frozenset({"completeJob", "failJob", "throwJobError"})


class Engine:
    """All state of one fake cluster, guarded by ``lock``."""

    def __init__(self, *, faults: Faults, seed: int | None, max_records: int) -> None:
        self.lock = threading.Lock()
        self.condition = threading.Condition(self.lock)
        self.faults = faults
        self.closed = False
        self.epoch = 0  # bumped to end every pending long poll
        self._rng = random.Random(seed)
        self._pinned_ms: int | None = None
        self._next_key = _FIRST_KEY
        self._requests: Counter[str] = Counter()
        self._faults: Counter[str] = Counter()
        self.abandoned_polls = 0
        self._wakers: set[Callable[[], None]] = set()
        self._due: list[tuple[int, int, Callable[[], None]]] = []
        self._sequence = itertools.count()
        self._key_times: deque[tuple[float, int]] = deque()
        self.jobs: Store[FakeJob] = Store(max_records)
        self.instances: Store[FakeProcessInstance] = Store(max_records)
        self.runtime = Runtime(self)
        self.element_instances: Store[FakeElementInstance] = Store(
            max_records, self.runtime.forget_variables
        )
        self.user_tasks: Store[FakeUserTask] = Store(max_records)
        self.incidents: Store[FakeIncident] = Store(max_records)
        self.messages = MessageBuffer(max_records)
        self.escalations: deque[FakeEscalation] = deque(maxlen=max_records)
        self.ready: dict[str, deque[str]] = {}
        self.decisions = _decisions.Decisions(max_records)

    # ------------------------------------------------------------------ plumbing

    def now_ms(self) -> int:
        """The cluster clock: pinned by ``PUT /clock``, else the system's."""
        return self._pinned_ms if self._pinned_ms is not None else int(time.time() * 1000)

    def pin_clock(self, ms: int | None) -> None:
        self._pinned_ms = ms
        self.run_due()

    def key(self) -> str:
        self._next_key += 1
        if self.faults.read_lag:
            self._key_times.append((time.monotonic(), self._next_key))
        return str(self._next_key)

    def schedule(self, when_ms: int, action: Callable[[], None]) -> None:
        """Run ``action`` (lock held) once the cluster clock reaches ``when_ms``."""
        heapq.heappush(self._due, (when_ms, next(self._sequence), action))

    def run_due(self) -> None:
        """Run the scheduled actions that are due (lock held)."""
        due = self._due
        now = self.now_ms()
        ran = False
        while due and due[0][0] <= now:
            _, _, action = heapq.heappop(due)
            action()
            ran = True
        if ran:
            self.runtime.drain()

    def seconds_to_next_due(self) -> float | None:
        if not self._due:
            return None
        if self._pinned_ms is not None:
            return None  # a pinned clock only moves when pinned again
        return max(0.0, (self._due[0][0] - self.now_ms()) / 1000) + 0.001

    def subscribe(self, wake: Callable[[], None]) -> None:
        with self.lock:
            self._wakers.add(wake)

    def unsubscribe(self, wake: Callable[[], None]) -> None:
        with self.lock:
            self._wakers.discard(wake)

    def notify(self) -> None:
        """Something a long poll may want happened (lock held)."""
        self.condition.notify_all()
        for wake in self._wakers:
            wake()

    def interrupt_polls(self, *, close: bool = False) -> None:
        """End every pending long poll now (with no jobs); ``close`` refuses new ones."""
        with self.lock:
            self.epoch += 1
            self.closed = self.closed or close
            self.notify()

    def stats(self) -> ClusterStats:
        with self.lock:
            return ClusterStats(dict(self._requests), dict(self._faults), self.abandoned_polls)

    def refresh(self) -> None:
        """Apply the timers, timeouts and back-offs that are due (before introspection)."""
        with self.lock:
            self.run_due()

    def retry(self, pending: Pending) -> Reply | float:
        """With the lock held: a held request's answer, or how many seconds to wait for a
        change (a timer that falls due is one)."""
        reply = pending.attempt()
        if reply is not None:
            return reply
        left = pending.until - time.monotonic()
        if left <= 0 or self.closed or pending.epoch != self.epoch:
            return pending.expire()
        next_due = self.seconds_to_next_due()
        return left if next_due is None else min(left, next_due)

    # ------------------------------------------------------------------ requests

    def begin(self, method: str, path: str) -> Call:
        """Route a request, count it and draw its fault."""
        operation_id, handler, params = _route(method, path)
        with self.lock:
            self._requests[operation_id] += 1
            fault: str | None = None
            faults = self.faults
            if faults.drop_rate and self._rng.random() < faults.drop_rate:
                fault = "dropped"
            elif (
                faults.backpressure_rate
                and operation_id not in _BACKPRESSURE_EXEMPT
                and self._rng.random() < faults.backpressure_rate
            ):
                fault = "backpressure"
            if fault is not None:
                self._faults[fault] += 1
        return Call(method, path, operation_id, handler, params, fault, faults.latency)

    def execute(self, call: Call, body: bytes, content_type: str) -> Reply | Pending:
        """The answer to a routed request (``call.fault`` is the adapter's business)."""
        if call.fault == "backpressure":
            return problem_reply(
                call,
                Problem(
                    503,
                    "RESOURCE_EXHAUSTED",
                    "Expected to handle the request, but the cluster is under backpressure",
                ),
            )
        if call.handler is None:
            operation_id = _spec_operation(call.method, call.path)
            if operation_id is not None:
                return problem_reply(
                    call,
                    Problem(
                        501,
                        "NOT_IMPLEMENTED",
                        f"the fake cluster does not implement {operation_id} "
                        f"({call.method} {call.path})",
                    ),
                )
            return problem_reply(
                call,
                Problem(
                    404, "NOT_FOUND", f"no operation {call.method} {call.path} in this fake cluster"
                ),
            )
        try:
            return call.handler(self, call, body, content_type)
        except Problem as problem:
            return problem_reply(call, problem)

    # ------------------------------------------------------------------ reads

    def visible(self, call: Call) -> Callable[[str], bool]:
        """Which keys ``call`` may see: all of them, except on an eventually consistent
        read under the read-lag fault, where records younger than the lag are not yet
        seen (lock held)."""
        lag = self.faults.read_lag
        if not lag or call.operation_id not in _EVENTUALLY_CONSISTENT:
            return _everything
        cutoff = time.monotonic() - lag
        times = self._key_times
        while len(times) > 1 and times[1][0] <= cutoff:
            times.popleft()
        if not times:
            return _everything
        horizon = times[0][1] if times[0][0] <= cutoff else times[0][1] - 1
        return lambda key: _number(key) <= horizon

    def search(
        self,
        call: Call,
        body: bytes,
        model: type[BaseModel],
        records: Iterable[R],
        *,
        wire: Callable[[R], dict[str, Any]],
        key_field: str,
        specials: Mapping[str, Special] | None = None,
    ) -> Reply:
        """Validate with the SDK's search model, then filter, sort and page the wire rows."""
        validate(model, body)
        data = json_object(body)
        filters: Any = data.get("filter") or {}
        with self.lock:
            self.run_due()
            seen = self.visible(call)
            rows: list[dict[str, Any]] = []
            for record in records:
                row = wire(record)
                if not seen(row[key_field]):
                    continue
                if matches(row, record, filters, specials):
                    rows.append(row)
        return json_reply(page_of(rows, data, key_field))

    def get(
        self,
        call: Call,
        lookup: Callable[[str], R | None],
        what: str,
        wire: Callable[[R], dict[str, Any]],
    ) -> Reply:
        """``GET`` one record by the key in the path (``lookup`` runs with the lock held)."""
        with self.lock:
            return json_reply(wire(self.find(call, lookup, what)))

    def find(self, call: Call, lookup: Callable[[str], R | None], what: str) -> R:
        """The record keyed by the path, or a 404 naming ``what`` when it is absent or
        not yet visible to this read (lock held)."""
        self.run_due()
        key = call.params[0]
        record = lookup(key)
        if record is None or not self.visible(call)(key):
            raise not_found(what, key)
        return record


# ---------------------------------------------------------------------- routing

ROUTES: list[Route] = [
    *_jobs.ROUTES,
    *_processes.ROUTES,
    *_user_tasks.ROUTES,
    *_incidents.ROUTES,
    *_messages.ROUTES,
    *_decisions.ROUTES,
]
"""Every operation the fake answers; ``_ROUTES`` below is its compiled form for dispatch."""
_EVENTUALLY_CONSISTENT = frozenset(r.operation_id for r in ROUTES if r.eventually_consistent)
_KEY_VALUE = re.compile(r"^-?[0-9]{1,25}$")
_ROUTES: list[tuple[str, re.Pattern[str], str, Handler, tuple[bool, ...]]] = [
    (
        route.method,
        re.compile("^/v2" + re.sub(r"\{\w+\}", "([^/]+)", route.path) + "$"),
        route.operation_id,
        route.handler,
        tuple(name.endswith("Key") for name in re.findall(r"\{(\w+)\}", route.path)),
    )
    for route in ROUTES
]


def _everything(_key: str) -> bool:
    return True


def _number(key: str) -> int:
    """A key's number (a decision instance's ``<evaluation key>-<n>`` by its first part)."""
    return int(key.split("-", 1)[0])


def _route(method: str, path: str) -> tuple[str, Handler | None, tuple[str, ...]]:
    for route_method, pattern, operation_id, handler, keyed in _ROUTES:
        match = pattern.match(path)
        if match is not None and route_method == method:
            params = match.groups()
            if any(k and not _KEY_VALUE.match(p) for k, p in zip(keyed, params, strict=True)):
                return operation_id, _bad_key, params
            return operation_id, handler, params
    return "unknown", None, ()


@functools.cache
def _spec_routes() -> list[tuple[str, re.Pattern[str], str]]:
    """Every operation of the SDK: the ``@endpoint`` methods of the groups in ``GROUPS``."""
    from camunda.resources import GROUPS, Group, operation_of

    def walk(groups: tuple[Group, ...]) -> list[Group]:
        return [item for group in groups for item in (group, *walk(group.children))]

    routes: list[tuple[str, re.Pattern[str], str]] = []
    for group in walk(GROUPS):
        for method in vars(group.load(asynchronous=True)).values():
            operation = operation_of(method)
            if operation is not None:
                pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(operation.path))
                routes.append(
                    (operation.method, re.compile(f"^/v2{pattern}$"), operation.operation_id)
                )
    return routes


def _spec_operation(method: str, path: str) -> str | None:
    """The operationId of a spec operation the fake does not route, if ``path`` is one."""
    for route_method, pattern, operation_id in _spec_routes():
        if route_method == method and pattern.match(path):
            return operation_id
    return None


def _bad_key(_engine: Engine, call: Call, _body: bytes, _ct: str) -> Reply:
    raise Problem(400, "INVALID_ARGUMENT", f"the key in {call.path} is not a numeric key")
