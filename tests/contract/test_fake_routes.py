"""The fake cluster's routes against the spec: each answers a real operation at its real
method and path, and the read-lag fault applies exactly where the spec says a read is
eventually consistent (``x-eventually-consistent``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from camunda.testing._engine import ROUTES
from tests.contract.spec import operations

if TYPE_CHECKING:
    from camunda.testing._protocol import Route

pytestmark = pytest.mark.usefixtures("spec")


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.operation_id)
def test_a_fake_route_is_the_spec_operation_it_names(route: Route) -> None:
    described = operations().get(route.operation_id)
    assert described is not None, f"{route.operation_id} is not an operation of the spec"
    # Placeholder names may differ (the fake names a decision instance's segment without
    # "Key" because it is not a number); the shape may not.
    assert (route.method, _shape(route.path)) == (described.method, _shape(described.path))


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.operation_id)
def test_read_lag_applies_where_the_spec_says_a_read_is_eventually_consistent(
    route: Route,
) -> None:
    spec_says = bool(operations()[route.operation_id].body.get("x-eventually-consistent"))
    assert route.eventually_consistent == spec_says, (
        f"{route.operation_id}: the spec says eventually consistent = {spec_says}"
    )


def _shape(path: str) -> str:
    return re.sub(r"\{\w+\}", "{}", path)
