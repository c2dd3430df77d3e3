"""``camunda demo``: an order process run end to end by typed job workers.

Without configuration it runs against an embedded :class:`FakeCluster`; with
``CAMUNDA_REST_ADDRESS`` set it runs against that cluster instead.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import anyio
from pydantic import BaseModel

from camunda._progress import Progress
from camunda.workers import JobEvent, JobRouter, JobWorker

if TYPE_CHECKING:
    from camunda._settings import CamundaSettings
    from camunda.resources._async._client import CamundaAsyncClient

__all__ = ["DemoResult", "demo", "order_router", "run_demo"]

PROCESS_ID = "order-process"
LAST_JOB_TYPE = "ship-order"
_CREATE_CONCURRENCY = 16


class Order(BaseModel):
    order_id: str
    amount: float


class Reservation(BaseModel):
    reserved: bool


class ChargeVars(BaseModel):
    order_id: str
    amount: float
    reserved: bool


class ChargeResult(BaseModel):
    payment_id: str


class ShipVars(BaseModel):
    order_id: str
    payment_id: str


class ShipResult(BaseModel):
    tracking_number: str


def order_router() -> JobRouter:
    """The three typed handlers of the order process."""
    router = JobRouter()

    @router.job("reserve-stock")
    async def reserve(order: Order) -> Reservation:
        return Reservation(reserved=order.amount > 0)

    @router.job("charge-payment")
    async def charge(charge: ChargeVars) -> ChargeResult:
        return ChargeResult(payment_id=f"pay-{charge.order_id}")

    @router.job(LAST_JOB_TYPE)
    async def ship(shipment: ShipVars) -> ShipResult:
        return ShipResult(tracking_number=f"track-{shipment.order_id}")

    return router


@dataclass(frozen=True)
class DemoResult:
    """What a demo run achieved before it finished or its timeout ran out."""

    target: str
    instances: int
    created: int
    completed: int
    jobs: int
    seconds: float

    @property
    def timed_out(self) -> bool:
        """Whether the timeout ended the run before every instance completed."""
        return self.completed < self.instances

    @property
    def throughput(self) -> float:
        return self.completed / self.seconds if self.seconds else 0.0


async def run_demo(
    client: CamundaAsyncClient, *, instances: int, target: str, out: TextIO, timeout: float
) -> DemoResult:
    """Deploy the order process, start ``instances`` orders and serve them to the end.

    ``timeout`` bounds the whole run (deployment, creation and completion); the result
    says how far it got.
    """
    bpmn = Path(__file__).with_name("order.bpmn").read_bytes()
    progress = Progress("  instances", instances, stream=out)
    finished = anyio.Event()
    jobs_done = 0
    created = 0

    def on_event(event: JobEvent) -> None:
        nonlocal jobs_done
        if event.kind != "completed":
            return
        jobs_done += 1
        if event.job.type == LAST_JOB_TYPE and progress.done < instances:
            progress.advance()
            if progress.done == instances:
                finished.set()

    worker = JobWorker(client, routers=[order_router()], on_event=on_event, grace_period=5)
    # A few creators share one lazy sequence of order numbers, so a huge --instances
    # neither allocates a task per order nor delays the timeout.
    numbers = iter(range(instances))

    async def create() -> None:
        nonlocal created
        for number in numbers:
            await client.process_instances.create(
                process_definition_id=PROCESS_ID,
                variables={"order_id": f"order-{number}", "amount": 10.0 + number},
            )
            created += 1

    started = time.perf_counter()
    deadline = anyio.current_time() + timeout
    with anyio.move_on_at(deadline) as deploying:
        await client.deployments.create(resources=[("order.bpmn", bpmn)])
    if not deploying.cancelled_caught:
        print(
            f"Deployed {PROCESS_ID} to {target}; running {instances} orders", file=out, flush=True
        )
        with progress:
            async with anyio.create_task_group() as tg:
                tg.start_soon(worker.serve)
                with anyio.move_on_at(deadline):
                    async with anyio.create_task_group() as creators:
                        for _ in range(min(instances, _CREATE_CONCURRENCY)):
                            creators.start_soon(create)
                    await finished.wait()
                await worker.stop()  # outside the deadline: in-flight jobs get their grace period
    seconds = time.perf_counter() - started
    return DemoResult(
        target=target,
        instances=instances,
        created=created,
        completed=progress.done,
        jobs=jobs_done,
        seconds=seconds,
    )


def _summary(result: DemoResult) -> str:
    return "\n".join(
        [
            "Summary",
            f"  cluster      {result.target}",
            f"  instances    {result.completed}/{result.instances} completed"
            f" ({result.created} created)",
            f"  jobs         {result.jobs} completed",
            f"  wall time    {result.seconds:.2f} s",
            f"  throughput   {result.throughput:.1f} instances/s, "
            f"{result.jobs / result.seconds if result.seconds else 0.0:.1f} jobs/s",
        ]
    )


async def _main(
    instances: int, timeout: float, out: TextIO, settings: CamundaSettings | None
) -> DemoResult:
    if settings is not None:
        from camunda.resources._async._client import CamundaAsyncClient

        async with CamundaAsyncClient(settings) as client:
            return await run_demo(
                client,
                instances=instances,
                target=client.settings.rest_address,
                out=out,
                timeout=timeout,
            )
    from camunda.testing._cluster import FakeCluster

    with FakeCluster() as cluster:
        async with cluster.async_client() as client:
            return await run_demo(
                client,
                instances=instances,
                target="embedded fake cluster",
                out=out,
                timeout=timeout,
            )


def demo(
    instances: int,
    timeout: float,
    out: TextIO = sys.stdout,
    settings: CamundaSettings | None = None,
) -> int:
    """Run the demo and print its summary; the exit code (0: every instance completed).

    With ``settings`` it runs against that cluster, else on an embedded fake cluster.
    """
    result = anyio.run(_main, instances, timeout, out, settings)
    print(_summary(result), file=out, flush=True)
    if result.timed_out:
        print(f"timed out after {timeout:g} s", file=sys.stderr)
        return 1
    return 0
