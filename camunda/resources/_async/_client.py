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
from camunda._transport import AsyncTransport, BackpressureState
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from camunda.resources._async.audit_logs import AsyncAuditLogs
    from camunda.resources._async.batch_operations import AsyncBatchOperations
    from camunda.resources._async.clock import AsyncClock
    from camunda.resources._async.cluster import AsyncCluster
    from camunda.resources._async.cluster_variables import AsyncClusterVariables
    from camunda.resources._async.conditionals import AsyncConditionals
    from camunda.resources._async.decision_definitions import AsyncDecisionDefinitions
    from camunda.resources._async.decision_instances import AsyncDecisionInstances
    from camunda.resources._async.decision_requirements import AsyncDecisionRequirements
    from camunda.resources._async.deployments import AsyncDeployments
    from camunda.resources._async.documents import AsyncDocuments
    from camunda.resources._async.element_instances import AsyncElementInstances
    from camunda.resources._async.expressions import AsyncExpressions
    from camunda.resources._async.global_task_listeners import AsyncGlobalTaskListeners
    from camunda.resources._async.identity import AsyncIdentity
    from camunda.resources._async.incidents import AsyncIncidents
    from camunda.resources._async.jobs import AsyncJobs
    from camunda.resources._async.message_subscriptions import AsyncMessageSubscriptions
    from camunda.resources._async.messages import AsyncMessages
    from camunda.resources._async.process_definitions import AsyncProcessDefinitions
    from camunda.resources._async.process_instances import AsyncProcessInstances
    from camunda.resources._async.resources import AsyncResources
    from camunda.resources._async.signals import AsyncSignals
    from camunda.resources._async.user_tasks import AsyncUserTasks
    from camunda.resources._async.variables import AsyncVariables

__all__ = ["CamundaAsyncClient"]


class CamundaAsyncClient:
    """Client for the Camunda 8 Orchestration Cluster REST API.

    Args:
        settings: configuration: a ``CamundaSettings``, or a mapping of ``CAMUNDA_*`` names
            (or ``CamundaSettings`` field names) to values, which take precedence over the
            environment (like the official SDK's ``configuration=``); ``None`` reads the
            ``CAMUNDA_*`` environment only. Anything else is a ``TypeError``.
        http_client: an ``httpx.AsyncClient`` to send through. The SDK adds the base URL,
            auth and headers to its own requests and leaves the client open on ``aclose()``.
        auth: any ``httpx.Auth``; replaces the auth the settings describe.

    Use it as a context manager, or call ``aclose()`` when done.
    """

    def __init__(
        self,
        settings: CamundaSettings | Mapping[str, Any] | None = None,
        *,
        http_client: httpx.AsyncClient | None = None,
        auth: httpx.Auth | None = None,
    ) -> None:
        self.settings = resolve_settings(settings, type(self).__name__)
        configure_logging(self.settings)
        self._transport = AsyncTransport(self.settings, http_client=http_client, auth=auth)

    @classmethod
    def _from_transport(cls, transport: AsyncTransport) -> CamundaAsyncClient:
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
    ) -> CamundaAsyncClient:
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

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        await self._transport.aclose()

    # async only (scripts/unasync.py drops this block: the sync client's close() is aclose())
    async def close(self) -> None:
        """The same as ``aclose()``."""
        await self.aclose()

    # end async only

    async def __aenter__(self) -> CamundaAsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- resource groups (created on first use; their models load then) ---------------

    @cached_property
    def audit_logs(self) -> AsyncAuditLogs:
        from camunda.resources._async.audit_logs import AsyncAuditLogs

        return AsyncAuditLogs(self._transport)

    @cached_property
    def batch_operations(self) -> AsyncBatchOperations:
        from camunda.resources._async.batch_operations import AsyncBatchOperations

        return AsyncBatchOperations(self._transport)

    @cached_property
    def clock(self) -> AsyncClock:
        from camunda.resources._async.clock import AsyncClock

        return AsyncClock(self._transport)

    @cached_property
    def cluster(self) -> AsyncCluster:
        from camunda.resources._async.cluster import AsyncCluster

        return AsyncCluster(self._transport)

    @cached_property
    def cluster_variables(self) -> AsyncClusterVariables:
        from camunda.resources._async.cluster_variables import AsyncClusterVariables

        return AsyncClusterVariables(self._transport)

    @cached_property
    def conditionals(self) -> AsyncConditionals:
        from camunda.resources._async.conditionals import AsyncConditionals

        return AsyncConditionals(self._transport)

    @cached_property
    def decision_definitions(self) -> AsyncDecisionDefinitions:
        from camunda.resources._async.decision_definitions import AsyncDecisionDefinitions

        return AsyncDecisionDefinitions(self._transport)

    @cached_property
    def decision_instances(self) -> AsyncDecisionInstances:
        from camunda.resources._async.decision_instances import AsyncDecisionInstances

        return AsyncDecisionInstances(self._transport)

    @cached_property
    def decision_requirements(self) -> AsyncDecisionRequirements:
        from camunda.resources._async.decision_requirements import AsyncDecisionRequirements

        return AsyncDecisionRequirements(self._transport)

    @cached_property
    def deployments(self) -> AsyncDeployments:
        from camunda.resources._async.deployments import AsyncDeployments

        return AsyncDeployments(self._transport)

    @cached_property
    def documents(self) -> AsyncDocuments:
        from camunda.resources._async.documents import AsyncDocuments

        return AsyncDocuments(self._transport)

    @cached_property
    def element_instances(self) -> AsyncElementInstances:
        from camunda.resources._async.element_instances import AsyncElementInstances

        return AsyncElementInstances(self._transport)

    @cached_property
    def expressions(self) -> AsyncExpressions:
        from camunda.resources._async.expressions import AsyncExpressions

        return AsyncExpressions(self._transport)

    @cached_property
    def global_task_listeners(self) -> AsyncGlobalTaskListeners:
        from camunda.resources._async.global_task_listeners import AsyncGlobalTaskListeners

        return AsyncGlobalTaskListeners(self._transport)

    @cached_property
    def identity(self) -> AsyncIdentity:
        from camunda.resources._async.identity import AsyncIdentity

        return AsyncIdentity(self._transport)

    @cached_property
    def incidents(self) -> AsyncIncidents:
        from camunda.resources._async.incidents import AsyncIncidents

        return AsyncIncidents(self._transport)

    @cached_property
    def jobs(self) -> AsyncJobs:
        from camunda.resources._async.jobs import AsyncJobs

        return AsyncJobs(self._transport)

    @cached_property
    def message_subscriptions(self) -> AsyncMessageSubscriptions:
        from camunda.resources._async.message_subscriptions import AsyncMessageSubscriptions

        return AsyncMessageSubscriptions(self._transport)

    @cached_property
    def messages(self) -> AsyncMessages:
        from camunda.resources._async.messages import AsyncMessages

        return AsyncMessages(self._transport)

    @cached_property
    def process_definitions(self) -> AsyncProcessDefinitions:
        from camunda.resources._async.process_definitions import AsyncProcessDefinitions

        return AsyncProcessDefinitions(self._transport)

    @cached_property
    def process_instances(self) -> AsyncProcessInstances:
        from camunda.resources._async.process_instances import AsyncProcessInstances

        return AsyncProcessInstances(self._transport)

    @cached_property
    def resources(self) -> AsyncResources:
        from camunda.resources._async.resources import AsyncResources

        return AsyncResources(self._transport)

    @cached_property
    def signals(self) -> AsyncSignals:
        from camunda.resources._async.signals import AsyncSignals

        return AsyncSignals(self._transport)

    @cached_property
    def user_tasks(self) -> AsyncUserTasks:
        from camunda.resources._async.user_tasks import AsyncUserTasks

        return AsyncUserTasks(self._transport)

    @cached_property
    def variables(self) -> AsyncVariables:
        from camunda.resources._async.variables import AsyncVariables

        return AsyncVariables(self._transport)
