"""Helpers shared by the fault-injection scenarios: settings, a one-step process, waits,
an ASGI app served on loopback."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import anyio

from camunda import CamundaSettings
from camunda.testing._cluster import serve_app

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from camunda import CamundaAsyncClient
    from camunda.types import ProcessDefinitionKey

# A process that ends as soon as it starts: creating an instance is one request, no jobs.
STRAIGHT_BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs"
                  targetNamespace="http://camunda.org/examples">
  <bpmn:process id="straight" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>flow</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="flow" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>flow</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>
"""


def settings(url: str, **overrides: Any) -> CamundaSettings:
    """Settings for a client of ``url`` with quick retries (scaled down from the defaults)."""
    values: dict[str, Any] = {
        "rest_address": url,
        "auth_strategy": "NONE",
        "max_retries": 3,
        "retry_initial_delay": 0.005,
        "retry_max_delay": 0.05,
        "request_timeout": 5.0,
        "connect_timeout": 2.0,
        "worker_request_timeout_ms": 1_000,
    }
    values.update(overrides)
    return CamundaSettings(**values)


async def deploy_straight(client: CamundaAsyncClient) -> ProcessDefinitionKey:
    """Deploy :data:`STRAIGHT_BPMN`; returns its process definition key."""
    deployed = await client.deployments.create(resources=[("straight.bpmn", STRAIGHT_BPMN)])
    definition = deployed.deployments[0].process_definition
    assert definition is not None
    return definition.process_definition_key


async def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    with anyio.fail_after(timeout):
        while not condition():
            await anyio.sleep(0.01)


def serve_asgi(app: Any, **config: Any) -> AbstractContextManager[int]:
    """Serve ``app`` on loopback (yields its port) without uvicorn touching the logging
    setup (the secrets scan reads every logger); ``config`` goes to ``uvicorn.Config``."""
    return serve_app(app, log_config=None, access_log=False, **config)
