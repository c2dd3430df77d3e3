"""Model-level behaviour shared by every resource group: filter properties check keys and
enum values in every form, and fields whose wire name differs from their Python name."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from camunda import InvalidArgumentError
from camunda.models.common import EnumFilter, KeyFilter
from camunda.models.element_instances import ElementInstanceState
from camunda.models.jobs import JobErrorStatisticsFilter, JobFilter, JobState
from camunda.models.process_instances import ProcessInstanceFilter
from camunda.types import JobKey
from tests.conftest import BASE, Invoke

if TYPE_CHECKING:
    from pytest_httpx import HTTPXMock

pytestmark = pytest.mark.anyio

KEY = "2251799813685249"
NO_MORE = {"totalItems": 0, "startCursor": None, "endCursor": None, "hasMoreTotalItems": False}


@pytest.mark.parametrize(
    ("job_key", "where"),
    [
        ({"$eq": "abc"}, "filter.job_key.$eq"),
        ({"$neq": "1" * 26}, "filter.job_key.$neq"),
        ({"$in": [KEY, "../jobs"]}, "filter.job_key.$in.1"),
        ({"$notIn": [""]}, "filter.job_key.$notIn.0"),
        (KeyFilter(eq="1 OR 1=1"), "filter.job_key.eq"),  # a model reports Python names
    ],
)
async def test_a_bad_key_inside_a_key_filter_is_rejected_before_sending(
    invoke: Invoke, httpx_mock: HTTPXMock, job_key: Any, where: str
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        await invoke("jobs.search", filter={"jobKey": job_key})
    assert where in caught.value.fields
    assert httpx_mock.get_requests() == []


async def test_good_keys_in_a_key_filter_are_sent_unchanged(
    invoke: Invoke, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/jobs/search", json={"items": [], "page": NO_MORE}
    )
    job_filter = JobFilter.model_validate(
        {
            "job_key": KeyFilter[JobKey](in_=[JobKey(KEY), JobKey("-1")], neq=JobKey("7")),
            "processInstanceKey": {"$eq": KEY, "$exists": True},
            "elementInstanceKey": KEY,
        }
    )
    await invoke("jobs.search", filter=job_filter)
    assert json.loads(httpx_mock.get_request().content) == {  # type: ignore[union-attr]
        "filter": {
            "jobKey": {"$in": [KEY, "-1"], "$neq": "7"},
            "processInstanceKey": {"$eq": KEY, "$exists": True},
            "elementInstanceKey": KEY,
        },
    }


def test_key_filters_meant_for_other_identifiers_still_take_them() -> None:
    from camunda.models.audit_logs import AuditLogFilter
    from camunda.models.batch_operations import BatchOperationItemFilter

    for model, wire in [
        (AuditLogFilter, {"entityKey": {"$eq": "user-alice"}}),
        (BatchOperationItemFilter, {"itemKey": {"$in": ["a-1"]}}),
    ]:
        assert model.model_validate(wire).to_wire() == wire


@pytest.mark.parametrize("state", [{"$eq": "DONE"}, {"$in": ["CREATED", "DONE"]}, "DONE"])
def test_an_unknown_enum_value_in_an_enum_filter_is_rejected(state: Any) -> None:
    with pytest.raises(ValidationError, match="state"):
        JobFilter(state=state)


def test_enum_filters_parse_into_their_own_enum_and_serialise_unchanged() -> None:
    fields = JobFilter.model_validate(
        {"state": {"$in": ["CREATED", "FAILED"]}, "kind": "BPMN_ELEMENT"}
    )
    assert isinstance(fields.state, EnumFilter)
    assert fields.state.in_ == [JobState.CREATED, JobState.FAILED]
    assert fields.to_wire() == {"state": {"$in": ["CREATED", "FAILED"]}, "kind": "BPMN_ELEMENT"}
    instance = ProcessInstanceFilter(
        element_instance_state=EnumFilter(neq=ElementInstanceState.ACTIVE)
    )
    assert instance.to_wire() == {"elementInstanceState": {"$neq": "ACTIVE"}}


def test_a_required_field_with_a_wire_name_takes_its_python_name_or_its_wire_name() -> None:
    start = datetime(2025, 5, 1, tzinfo=timezone.utc)
    end = datetime(2025, 5, 2, tzinfo=timezone.utc)
    by_name = JobErrorStatisticsFilter(from_=start, to=end, job_type="charge")
    by_wire = JobErrorStatisticsFilter.model_validate(
        {"from": "2025-05-01T00:00:00Z", "to": "2025-05-02T00:00:00Z", "jobType": "charge"}
    )
    assert by_name == by_wire
    assert by_name.to_wire() == {
        "from": "2025-05-01T00:00:00Z",
        "to": "2025-05-02T00:00:00Z",
        "jobType": "charge",
    }
    assert JobErrorStatisticsFilter.model_fields["from_"].is_required()
    with pytest.raises(ValidationError, match="from"):
        JobErrorStatisticsFilter.model_validate({"to": end, "job_type": "charge"})
