# pyright: reportUnnecessaryTypeIgnoreComment=error
"""The public API as a type checker sees it (checked by ``pyright --strict``; see
``test_pyright.py``). Nothing here runs: the functions are only type-checked.

Positive checks assign results to annotated names, so a widened or wrong return type is an
error. Each negative check is a call that must NOT type-check, marked with the rule it
breaks; because unnecessary ignores are errors (first line), a negative check that stops
being an error fails the check too. ``test_pyright.py`` also strips the ignores and
asserts an error on every ``NEGATIVE`` line, so these cannot pass vacuously.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from camunda import (
    NOT_GIVEN,
    APIConnectionError,
    APIStatusError,
    AsyncSearchPage,
    CamundaAsyncClient,
    CamundaClient,
    CamundaError,
    CamundaSettings,
    ConfigurationError,
    InvalidArgumentError,
    NotFoundError,
    SearchPage,
)
from camunda.models.jobs import ActivatedJob  # noqa: TC001  (the router reads annotations)
from camunda.types import JobKey, ProcessDefinitionKey, ProcessInstanceKey, UserTaskKey
from camunda.workers import JobContext, JobError, JobFailure, JobRouter, JobWorker

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from camunda.models.cluster import Topology
    from camunda.models.common import PageInfo, ProblemDetail
    from camunda.models.deployments import Deployment, DeploymentProcess
    from camunda.models.jobs import ActivatedJobs, Job
    from camunda.models.process_instances import CreatedProcessInstance, ProcessInstance
    from camunda.models.user_tasks import UserTask


def sync_client_surface(client: CamundaClient) -> None:
    created: CreatedProcessInstance = client.process_instances.create(
        process_definition_id="order-process", variables={"orderId": "A-1"}
    )
    by_key: CreatedProcessInstance = client.process_instances.create(
        process_definition_key=ProcessDefinitionKey("2251799813685249"),
    )
    key: ProcessInstanceKey = created.process_instance_key
    instance: ProcessInstance = client.process_instances.get(key)
    client.process_instances.cancel(by_key.process_instance_key)

    page: SearchPage[ProcessInstance] = client.process_instances.search(
        filter={"state": "ACTIVE"}, page={"limit": 50}
    )
    first: list[ProcessInstance] = page.items
    info: PageInfo = page.page
    following: SearchPage[ProcessInstance] | None = page.next_page()
    for item in page:  # every page, by cursor
        found: ProcessInstance = item
        del found
    del instance, first, info, following

    activated: ActivatedJobs = client.jobs.activate(
        type="payment", timeout=60_000, max_jobs_to_activate=10
    )
    job: ActivatedJob = activated.jobs[0]
    job_key: JobKey = job.job_key
    client.jobs.complete(job_key, variables={"paid": True})
    client.jobs.fail(job_key, retries=2, error_message="card declined")
    jobs: SearchPage[Job] = client.jobs.search(filter={"type": "payment"})
    del jobs

    tasks: SearchPage[UserTask] = client.user_tasks.search()
    for task in tasks:
        task_key: UserTaskKey = task.user_task_key
        client.user_tasks.complete(task_key, variables={"approved": True})
    client.identity.tenants.assign_user("acme", username="alice")
    topology: Topology = client.cluster.get_topology()
    quick: CamundaClient = client.with_options(timeout=5.0, max_retries=0)
    del topology, quick


async def async_client_surface(client: CamundaAsyncClient) -> None:
    created: CreatedProcessInstance = await client.process_instances.create(
        process_definition_id="order-process", tenant_id="acme"
    )
    instance: ProcessInstance = await client.process_instances.get(created.process_instance_key)
    page: AsyncSearchPage[ProcessInstance] = await client.process_instances.search(
        filter={"state": "ACTIVE"}
    )
    following: AsyncSearchPage[ProcessInstance] | None = await page.next_page()
    async for item in page:
        found: ProcessInstance = item
        del found
    await client.jobs.complete(JobKey("2251799813685251"), variables=NOT_GIVEN)
    async with client.with_options(timeout=120) as slow:
        await slow.cluster.get_topology()
    deployment: Deployment = await client.deployments.deploy_files(["order.bpmn"])
    processes: list[DeploymentProcess] = deployment.processes
    xml: str | None = await client.process_definitions.get_xml(processes[0].process_definition_key)
    await client.aclose()
    del instance, following, xml


class Order(BaseModel):
    order_id: str
    amount: float


class Receipt(BaseModel):
    receipt_id: str


router = JobRouter()


@router.job("payment-charge", timeout=timedelta(minutes=2), max_concurrent=8)
async def charge(order: Order, ctx: JobContext[CamundaAsyncClient]) -> Receipt:
    if order.amount <= 0:
        raise JobError("INVALID_AMOUNT", f"cannot charge {order.amount}")
    if ctx.time_left < timedelta(seconds=1):
        raise JobFailure("no time left", retries=1, retry_back_off=timedelta(seconds=5))
    await ctx.client.process_instances.get(ctx.job.process_instance_key)
    return Receipt(receipt_id=order.order_id)


@router.job("ship", executor="thread")
def ship(job: ActivatedJob, ctx: JobContext[CamundaClient]) -> dict[str, Any]:
    ctx.client.jobs.update(job.job_key, changeset={"retries": 3})
    return {"shipped": True}


def workers_surface(client: CamundaAsyncClient) -> None:
    handler: Callable[[Order, JobContext[CamundaAsyncClient]], Awaitable[Receipt]] = charge
    worker = JobWorker(client, routers=[router], grace_period=timedelta(seconds=10))
    worker.request_stop()
    del handler


def settings_and_errors_surface() -> None:
    settings = CamundaSettings(rest_address="http://localhost:8080", max_retries=3)
    address: str = settings.rest_address
    retries: int = settings.max_retries
    client = CamundaClient(settings)
    from_variables = CamundaClient({"CAMUNDA_REST_ADDRESS": "http://localhost:8080"})
    from_variables.close()
    try:
        client.process_instances.get(ProcessInstanceKey("1"))
    except NotFoundError as exc:
        status: int = exc.status_code
        problem: ProblemDetail = exc.problem
        title: str | None = exc.title
        del status, problem, title
    except APIStatusError as exc:
        backpressure: bool = exc.is_backpressure
        operation: str | None = exc.operation_id
        del backpressure, operation
    except APIConnectionError as exc:
        maybe_sent: bool = exc.request_sent
        del maybe_sent
    except (InvalidArgumentError, ConfigurationError) as exc:
        as_value_error: ValueError = exc
        del as_value_error
    except CamundaError:
        pass
    del address, retries


def negative_checks(client: CamundaClient, job: ActivatedJob, instance: ProcessInstance) -> None:
    """Each call below must be a type error (the NEGATIVE lines)."""
    # wrong key kind: a job key where a process instance key belongs
    client.process_instances.get(job.job_key)  # pyright: ignore[reportArgumentType]  # NEGATIVE
    # a process instance key where a job key belongs
    client.jobs.complete(instance.process_instance_key)  # pyright: ignore[reportArgumentType]  # NEGATIVE
    # an int where a (string) key belongs
    client.process_instances.get(2251799813685249)  # pyright: ignore[reportArgumentType]  # NEGATIVE
    # an unknown keyword argument (a typo): no **kwargs on public methods
    client.jobs.complete(job.job_key, varibles={})  # pyright: ignore[reportCallIssue]  # NEGATIVE
    # a required keyword argument missing
    client.jobs.activate(type="payment", timeout=1000)  # pyright: ignore[reportCallIssue]  # NEGATIVE
    # the resource's key is the only positional argument
    client.user_tasks.assign(UserTaskKey("1"), "alice")  # pyright: ignore[reportCallIssue]  # NEGATIVE
    # a wrong value type for a keyword argument
    client.jobs.fail(job.job_key, retries="2")  # pyright: ignore[reportArgumentType]  # NEGATIVE
    # neither create overload matches both ways of naming the process
    client.process_instances.create(  # pyright: ignore[reportCallIssue]  # NEGATIVE
        process_definition_id="order", process_definition_key=ProcessDefinitionKey("1")
    )
    # a page's items have the searched type, not another
    wrong: SearchPage[Job] = client.process_instances.search()  # pyright: ignore[reportAssignmentType]  # NEGATIVE
    # worker options are typed too
    router.job("refund", max_concurent=2)  # pyright: ignore[reportCallIssue]  # NEGATIVE
    # settings are CamundaSettings, a mapping of names, or None: not an address
    CamundaClient("http://localhost:8080")  # pyright: ignore[reportArgumentType]  # NEGATIVE
    del wrong
