"""Long polls never starve the calls that settle jobs.

A worker keeps one job activation open on the server per job type. With more job types
than the client has connections for ordinary calls (64), the polls must still all reach
the server, and a job completion must go through while every one of them is held open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio
import pytest

from camunda import CamundaAsyncClient
from tests.reliability._support import eventually, settings

if TYPE_CHECKING:
    from camunda.testing import FakeCluster
    from tests.reliability.conftest import ScenarioReport

pytestmark = pytest.mark.anyio

JOB_TYPES = 80  # more than the 64 connections of the ordinary pool


async def test_long_polls_of_many_job_types_never_starve_job_completions(
    fake_cluster: FakeCluster, scenario_report: ScenarioReport
) -> None:
    fake_cluster.add_jobs("settle-me", 1)
    with fake_cluster.serve() as url:
        async with CamundaAsyncClient(settings(url, request_timeout=5.0)) as client:
            activated = await client.jobs.activate(
                type="settle-me", max_jobs_to_activate=1, timeout=60_000
            )
            (job,) = activated.jobs
            ended: list[str] = []

            async def poll(job_type: str) -> None:
                await client.jobs.activate(
                    type=job_type, max_jobs_to_activate=1, timeout=60_000, request_timeout=30_000
                )
                ended.append(job_type)

            async with anyio.create_task_group() as polls:
                for n in range(JOB_TYPES):
                    polls.start_soon(poll, f"idle-{n}")
                # every poll reached the server and is held there
                await eventually(
                    lambda: fake_cluster.stats.requests.get("activateJobs", 0) == JOB_TYPES + 1
                )
                with anyio.fail_after(10):
                    await client.jobs.complete(job.job_key, variables={"done": True})
                assert ended == []  # completed while all the polls were still open
                polls.cancel_scope.cancel()
    settled = fake_cluster.job(job.job_key)
    assert settled is not None and settled.completions == 1
    scenario_report(
        f"job completion under {JOB_TYPES} long polls",
        requests=fake_cluster.stats.total_requests,
        outcome=f"{JOB_TYPES} polls held open, the completion went through",
    )
