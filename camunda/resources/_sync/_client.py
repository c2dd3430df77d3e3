# Derived by scripts/unasync.py from _async/_client.py; do not edit.
"""The async client: resource groups as lazily created attributes over one transport.

``CamundaClient`` (``resources/_sync/_client.py``) is derived from this file.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from camunda._logging import configure_logging
from camunda._settings import CamundaSettings, resolve_settings
from camunda._transport import BackpressureState, Transport
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from camunda.resources._sync.audit_logs import AuditLogs
    from camunda.resources._sync.batch_operations import BatchOperations
    from camunda.resources._sync.clock import Clock
    from camunda.resources._sync.cluster import Cluster
    from camunda.resources._sync.cluster_variables import ClusterVariables
    from camunda.resources._sync.conditionals import Conditionals
    from camunda.resources._sync.decision_definitions import DecisionDefinitions
    from camunda.resources._sync.decision_instances import DecisionInstances
    from camunda.resources._sync.decision_requirements import DecisionRequirements
    from camunda.resources._sync.deployments import Deployments
    from camunda.resources._sync.documents import Documents
    from camunda.resources._sync.element_instances import ElementInstances
    from camunda.resources._sync.expressions import Expressions
    from camunda.resources._sync.global_task_listeners import GlobalTaskListeners
    from camunda.resources._sync.identity import Identity
    from camunda.resources._sync.incidents import Incidents
    from camunda.resources._sync.jobs import Jobs
    from camunda.resources._sync.message_subscriptions import MessageSubscriptions
    from camunda.resources._sync.messages import Messages
    from camunda.resources._sync.process_definitions import ProcessDefinitions
    from camunda.resources._sync.process_instances import ProcessInstances
    from camunda.resources._sync.resources import Resources
    from camunda.resources._sync.signals import Signals
    from camunda.resources._sync.user_tasks import UserTasks
    from camunda.resources._sync.variables import Variables

__all__ = ["CamundaClient"]


class CamundaClient:
    """Client for the Camunda 8 Orchestration Cluster REST API.

    Args:
        settings: configuration: a ``CamundaSettings``, or a mapping of ``CAMUNDA_*`` names
            (or ``CamundaSettings`` field names) to values, which take precedence over the
            environment (like the official SDK's ``configuration=``); ``None`` reads the
            ``CAMUNDA_*`` environment only. Anything else is a ``TypeError``.
        http_client: an ``httpx.Client`` to send through. The SDK adds the base URL,
            auth and headers to its own requests and leaves the client open on ``close()``.
        auth: any ``httpx.Auth``; replaces the auth the settings describe.

    Use it as a context manager, or call ``close()`` when done.
    """

    def __init__(
        self,
        settings: CamundaSettings | Mapping[str, Any] | None = None,
        *,
        http_client: httpx.Client | None = None,
        auth: httpx.Auth | None = None,
    ) -> None:
        self.settings = resolve_settings(settings, type(self).__name__)
        configure_logging(self.settings)
        self._transport = Transport(self.settings, http_client=http_client, auth=auth)

    @classmethod
    def _from_transport(cls, transport: Transport) -> CamundaClient:
        client = cls.__new__(cls)
        client.settings = transport.settings
        client._transport = transport
        return client

    def __repr__(self) -> str:
        return f"{type(self).__name__}(rest_address={self.settings.rest_address!r})"

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> CamundaClient:
        """A cheap copy with other timeouts or retries, sharing the connection pool.

        ``client.with_options(timeout=120).process_instances.create(...)``
        """
        return self._from_transport(
            self._transport.with_options(timeout=timeout, max_retries=max_retries)
        )

    @property
    def backpressure_state(self) -> BackpressureState:
        """A snapshot of the adaptive backpressure limit this client (and its
        ``with_options`` copies) applies: profile, limit, permits in use, waiters, signals.
        """
        return self._transport.gate.state

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        self._transport.close()

    def __enter__(self) -> CamundaClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- resource groups (created on first use; their models load then) ---------------

    @cached_property
    def audit_logs(self) -> AuditLogs:
        from camunda.resources._sync.audit_logs import AuditLogs

        return AuditLogs(self._transport)

    @cached_property
    def batch_operations(self) -> BatchOperations:
        from camunda.resources._sync.batch_operations import BatchOperations

        return BatchOperations(self._transport)

    @cached_property
    def clock(self) -> Clock:
        from camunda.resources._sync.clock import Clock

        return Clock(self._transport)

    @cached_property
    def cluster(self) -> Cluster:
        from camunda.resources._sync.cluster import Cluster

        return Cluster(self._transport)

    @cached_property
    def cluster_variables(self) -> ClusterVariables:
        from camunda.resources._sync.cluster_variables import ClusterVariables

        return ClusterVariables(self._transport)

    @cached_property
    def conditionals(self) -> Conditionals:
        from camunda.resources._sync.conditionals import Conditionals

        return Conditionals(self._transport)

    @cached_property
    def decision_definitions(self) -> DecisionDefinitions:
        from camunda.resources._sync.decision_definitions import DecisionDefinitions

        return DecisionDefinitions(self._transport)

    @cached_property
    def decision_instances(self) -> DecisionInstances:
        from camunda.resources._sync.decision_instances import DecisionInstances

        return DecisionInstances(self._transport)

    @cached_property
    def decision_requirements(self) -> DecisionRequirements:
        from camunda.resources._sync.decision_requirements import DecisionRequirements

        return DecisionRequirements(self._transport)

    @cached_property
    def deployments(self) -> Deployments:
        from camunda.resources._sync.deployments import Deployments

        return Deployments(self._transport)

    @cached_property
    def documents(self) -> Documents:
        from camunda.resources._sync.documents import Documents

        return Documents(self._transport)

    @cached_property
    def element_instances(self) -> ElementInstances:
        from camunda.resources._sync.element_instances import ElementInstances

        return ElementInstances(self._transport)

    @cached_property
    def expressions(self) -> Expressions:
        from camunda.resources._sync.expressions import Expressions

        return Expressions(self._transport)

    @cached_property
    def global_task_listeners(self) -> GlobalTaskListeners:
        from camunda.resources._sync.global_task_listeners import GlobalTaskListeners

        return GlobalTaskListeners(self._transport)

    @cached_property
    def identity(self) -> Identity:
        from camunda.resources._sync.identity import Identity

        return Identity(self._transport)

    @cached_property
    def incidents(self) -> Incidents:
        from camunda.resources._sync.incidents import Incidents

        return Incidents(self._transport)

    @cached_property
    def jobs(self) -> Jobs:
        from camunda.resources._sync.jobs import Jobs

        return Jobs(self._transport)

    @cached_property
    def message_subscriptions(self) -> MessageSubscriptions:
        from camunda.resources._sync.message_subscriptions import MessageSubscriptions

        return MessageSubscriptions(self._transport)

    @cached_property
    def messages(self) -> Messages:
        from camunda.resources._sync.messages import Messages

        return Messages(self._transport)

    @cached_property
    def process_definitions(self) -> ProcessDefinitions:
        from camunda.resources._sync.process_definitions import ProcessDefinitions

        return ProcessDefinitions(self._transport)

    @cached_property
    def process_instances(self) -> ProcessInstances:
        from camunda.resources._sync.process_instances import ProcessInstances

        return ProcessInstances(self._transport)

    @cached_property
    def resources(self) -> Resources:
        from camunda.resources._sync.resources import Resources

        return Resources(self._transport)

    @cached_property
    def signals(self) -> Signals:
        from camunda.resources._sync.signals import Signals

        return Signals(self._transport)

    @cached_property
    def user_tasks(self) -> UserTasks:
        from camunda.resources._sync.user_tasks import UserTasks

        return UserTasks(self._transport)

    @cached_property
    def variables(self) -> Variables:
        from camunda.resources._sync.variables import Variables

        return Variables(self._transport)
