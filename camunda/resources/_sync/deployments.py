# Derived by scripts/unasync.py from _async/deployments.py; do not edit.
"""The ``deployments`` resource group: deploy BPMN, DMN, forms and other resources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from camunda._transport import FileValue, Operation
from camunda.models.deployments import CreateDeploymentRequest, Deployment
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["Deployments"]

_CREATE = Operation(
    "POST",
    "/deployments",
    "createDeployment",
    body=CreateDeploymentRequest,
    returns=Deployment,
    multipart=True,
    files=("resources",),
)


class Deployments(APIResource):
    """Deploy resources (BPMN processes, DMN decisions, forms, ...) to the cluster."""

    __slots__ = ()

    @endpoint(_CREATE)
    def create(
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
        return self._transport.request(_CREATE, locals())

    def deploy_files(
        self,
        paths: Iterable[str | Path],
        *,
        tenant_id: str | NotGiven = NOT_GIVEN,
    ) -> Deployment:
        """Deploy the files at ``paths``: a shortcut for ``create(resources=[Path(p), ...])``.

        ``POST /deployments`` (createDeployment)

        A missing file raises ``FileNotFoundError`` naming its path; nothing is sent then.
        """
        return self.create(resources=[Path(p) for p in paths], tenant_id=tenant_id)
