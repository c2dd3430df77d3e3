"""Messages (publication with buffering and de-duplication, correlation), signals, the
cluster clock and the topology: their routes and handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from camunda.models.clock import PinClockRequest
from camunda.models.messages import CorrelateMessageRequest, PublishMessageRequest
from camunda.models.signals import BroadcastSignalRequest
from camunda.testing._jobs import check_tenant
from camunda.testing._protocol import (
    NO_CONTENT,
    TENANT,
    Call,
    Problem,
    Reply,
    Route,
    json_reply,
    validate,
)
from camunda.testing._records import FakeMessage

if TYPE_CHECKING:
    from camunda.testing._engine import Engine

__all__ = ["ROUTES"]


def publish(engine: Engine, _call: Call, body: bytes, _ct: str) -> Reply:
    request: PublishMessageRequest = validate(PublishMessageRequest, body)
    check_tenant(request.tenant_id)
    with engine.lock:
        engine.run_due()
        now = engine.now_ms()
        correlation_key = request.correlation_key or ""
        if request.message_id:
            old = engine.messages.with_id(request.name, correlation_key, request.message_id)
            if old is not None and old.expires_ms > now:
                raise Problem(
                    409,
                    "ALREADY_EXISTS",
                    f"Expected to publish a new message "
                    f"with id '{request.message_id}', but a message with that id "
                    "was already published",
                )
        message = FakeMessage(
            engine.key(),
            request.name,
            correlation_key,
            dict(request.variables or {}),
            request.time_to_live or 0,
            request.message_id,
            published_ms=now,
        )
        engine.messages.add(message)
        engine.runtime.publish(message)
        return json_reply({"tenantId": TENANT, "messageKey": message.key})


def correlate(engine: Engine, _call: Call, body: bytes, _ct: str) -> Reply:
    request: CorrelateMessageRequest = validate(CorrelateMessageRequest, body)
    check_tenant(request.tenant_id)
    with engine.lock:
        engine.run_due()
        message = FakeMessage(
            engine.key(),
            request.name,
            request.correlation_key or "",
            dict(request.variables or {}),
            0,
            None,
            published_ms=engine.now_ms(),
        )
        instance_key = engine.runtime.correlate(message)
        if instance_key is None:
            raise Problem(
                404,
                "NOT_FOUND",
                f"Expected to find a subscription or a message "
                f"start event for the message '{request.name}' with correlation key "
                f"'{message.correlation_key}', but none was found",
            )
        return json_reply(
            {"tenantId": TENANT, "messageKey": message.key, "processInstanceKey": instance_key}
        )


def broadcast(engine: Engine, _call: Call, body: bytes, _ct: str) -> Reply:
    request: BroadcastSignalRequest = validate(BroadcastSignalRequest, body)
    check_tenant(request.tenant_id)
    with engine.lock:
        engine.run_due()
        key = engine.key()
        engine.runtime.broadcast(request.signal_name, dict(request.variables or {}))
        return json_reply({"tenantId": TENANT, "signalKey": key})


def pin_clock(engine: Engine, _call: Call, body: bytes, _ct: str) -> Reply:
    request: PinClockRequest = validate(PinClockRequest, body)
    if request.timestamp < 0:
        raise Problem(400, "INVALID_ARGUMENT", "Expected a timestamp of at least 0")
    with engine.lock:
        engine.pin_clock(request.timestamp)
        engine.notify()
    return NO_CONTENT


def reset_clock(engine: Engine, _call: Call, _body: bytes, _ct: str) -> Reply:
    with engine.lock:
        engine.pin_clock(None)
        engine.notify()
    return NO_CONTENT


def topology(_engine: Engine, _call: Call, _body: bytes, _ct: str) -> Reply:
    return json_reply(_TOPOLOGY)


_TOPOLOGY = {
    "brokers": [
        {
            "nodeId": 0,
            "host": "fake-camunda",
            "port": 26501,
            "version": "8.9.0",
            "partitions": [{"partitionId": 1, "role": "leader", "health": "healthy"}],
        }
    ],
    "clusterId": "fake-camunda",
    "clusterSize": 1,
    "partitionsCount": 1,
    "replicationFactor": 1,
    "gatewayVersion": "8.9.0",
    "lastCompletedChangeId": "-1",
}

ROUTES = [
    Route("GET", "/topology", "getTopology", topology),
    Route("POST", "/messages/publication", "publishMessage", publish),
    Route("POST", "/messages/correlation", "correlateMessage", correlate),
    Route("POST", "/signals/broadcast", "broadcastSignal", broadcast),
    Route("PUT", "/clock", "pinClock", pin_clock),
    Route("POST", "/clock/reset", "resetClock", reset_clock),
]
