"""The ``deployments`` resource group: deploy BPMN, DMN, forms and other resources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from camunda._transport import FileValue, Operation
from camunda.models.deployments import CreateDeploymentRequest, Deployment
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncDeployments"]

_CREATE = Operation(
    "POST",
    "/deployments",
    "createDeployment",
    body=CreateDeploymentRequest,
    returns=Deployment,
    multipart=True,
    files=("resources",),
)


class AsyncDeployments(AsyncAPIResource):
    """Deploy resources (BPMN processes, DMN decisions, forms, ...) to the cluster."""

    __slots__ = ()

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        resources: Sequence[FileValue],
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> Deployment:
        """Deploy one or more resources in one atomic deployment.

        ``POST /deployments`` (createDeployment)

        Each resource is a ``(filename, bytes)`` tuple, a path (read off the event loop
        in the async client) or a binary file object; the file name's extension tells
        the cluster what kind of resource it is (``.bpmn``, ``.dmn``, ``.form``, ...).
        A path that cannot be read raises its ``OSError`` (``FileNotFoundError`` for a
        missing file, naming the path) before anything is sent.

        Args:
            resources: the BPMN, DMN or form files to deploy.
            tenant_id: the tenant (on clusters with multi-tenancy).
        """
        return await self._transport.request(_CREATE, locals())

    async def deploy_files(
        self,
        paths: Iterable[str | Path],
        *,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> Deployment:
        """Deploy the files at ``paths``: a shortcut for ``create(resources=[Path(p), ...])``.

        ``POST /deployments`` (createDeployment)

        A missing file raises ``FileNotFoundError`` naming its path; nothing is sent then.
        """
        return await self.create(resources=[Path(p) for p in paths], tenant_id=tenant_id)
