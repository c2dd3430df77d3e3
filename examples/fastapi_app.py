"""An order service: FastAPI routes start order processes and complete approvals, and the
same app runs the process's job workers.

Run it against a cluster (the ``CAMUNDA_*`` variables configure the client)::

    uvicorn fastapi_app:app --app-dir examples

    curl -X POST localhost:8000/orders -H 'content-type: application/json' \\
         -d '{"order_id": "A-1", "amount": 42.5}'
    curl -X POST localhost:8000/tasks/<user task key>/complete \\
         -H 'content-type: application/json' -d '{"approved": true}'
    curl localhost:8000/health

While the cluster cannot be reached (or is overloaded), the routes answer 503 with a
problem detail (``application/problem+json``, RFC 9457) instead of a bare 500.
"""

import logging
import pathlib
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import FastAPI, Path, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from camunda import (
    APIConnectionError,
    APIError,
    BadGatewayError,
    GatewayTimeoutError,
    NotFoundError,
    ServiceUnavailableError,
    TooManyRequestsError,
)
from camunda.integrations.fastapi import CamundaDep, camunda_lifespan, camunda_state
from camunda.models.process_instances import CreatedProcessInstance
from camunda.types import KEY_MAX_LENGTH, KEY_PATTERN, UserTaskKey
from camunda.workers import JobRouter

log = logging.getLogger("fastapi_app")

PROCESS_ID = "order-approval"
BPMN = pathlib.Path(__file__).with_name("fastapi_app.bpmn")
TaskKey = Annotated[UserTaskKey, Path(pattern=KEY_PATTERN.pattern, max_length=KEY_MAX_LENGTH)]


class Order(BaseModel):
    order_id: str
    amount: float = Field(gt=0)


class Check(BaseModel):
    risk: Literal["low", "high"]


class Approval(BaseModel):
    approved: bool


class ApprovedOrder(BaseModel):
    order_id: str
    approved: bool


class Fulfilment(BaseModel):
    status: Literal["shipped", "cancelled"]


# -- job workers: run inside the app, on its client -------------------------------------

jobs = JobRouter()


@jobs.job("check-order")
async def check_order(order: Order) -> Check:
    return Check(risk="high" if order.amount > 1000 else "low")


@jobs.job("fulfil-order")
async def fulfil_order(order: ApprovedOrder) -> Fulfilment:
    return Fulfilment(status="shipped" if order.approved else "cancelled")


# -- the app ----------------------------------------------------------------------------


@asynccontextmanager
async def deploy_process(app: FastAPI) -> AsyncGenerator[None, None]:
    """Deploy the BPMN at startup (the client is open; workers start after this)."""
    camunda = camunda_state(app).client
    await camunda.deployments.create(resources=[BPMN])
    yield


app = FastAPI(lifespan=camunda_lifespan(deploy_process, routers=[jobs]))


@app.post("/orders")
async def create_order(order: Order, camunda: CamundaDep) -> CreatedProcessInstance:
    return await camunda.process_instances.create(
        process_definition_id=PROCESS_ID, variables=order.model_dump()
    )


@app.post("/tasks/{key}/complete", status_code=status.HTTP_204_NO_CONTENT)
async def complete_task(key: TaskKey, approval: Approval, camunda: CamundaDep) -> None:
    await camunda.user_tasks.complete(key, variables=approval.model_dump())


@app.exception_handler(NotFoundError)
async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_404_NOT_FOUND)


@app.exception_handler(APIConnectionError)  # down, unreachable, timed out
@app.exception_handler(TooManyRequestsError)  # overloaded, after the SDK's retries
@app.exception_handler(BadGatewayError)  # down behind a proxy or load balancer
@app.exception_handler(ServiceUnavailableError)
@app.exception_handler(GatewayTimeoutError)
async def cluster_unavailable(request: Request, exc: APIError) -> JSONResponse:
    """The cluster cannot serve the request now: 503, so callers retry later.

    The detail stays generic: the cluster's address and answer are for the logs.
    """
    log.warning(
        "%s %s: the Camunda cluster is unavailable: %s", request.method, request.url.path, exc
    )
    problem = {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": status.HTTP_503_SERVICE_UNAVAILABLE,
        "detail": "The process engine is unavailable; try again later.",
        "instance": request.url.path,
    }
    return JSONResponse(
        problem,
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        media_type="application/problem+json",
        headers={"Retry-After": "5"},
    )


@app.get("/health")
async def health(request: Request) -> dict[str, bool]:
    """Whether the app's job worker is healthy (polling, not failing)."""
    worker = camunda_state(request.app).worker
    return {"healthy": worker is not None and worker.health().healthy}
