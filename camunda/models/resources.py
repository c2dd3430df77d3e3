"""Models of the ``resources`` resource group: deployed resources and their deletion."""

from __future__ import annotations

from typing import Literal

from camunda.models._base import OperationReference, RequestModel, ResponseModel
from camunda.models.batch_operations import BatchOperationCreated
from camunda.models.common import (
    IntegerFilterProperty,
    KeyFilterProperty,
    SearchQuery,
    StringFilterProperty,
)
from camunda.types import DeploymentKey, ResourceKey

__all__ = [
    "DeleteResourceRequest",
    "DeployedResource",
    "ResourceDeletion",
    "ResourceFilter",
    "ResourceSearchRequest",
    "ResourceSortField",
]

ResourceSortField = Literal[
    "resourceKey",
    "resourceName",
    "resourceId",
    "version",
    "versionTag",
    "deploymentKey",
    "tenantId",
]


class DeleteResourceRequest(RequestModel):
    """Spec: `DeleteResourceRequest`"""

    operation_reference: OperationReference | None = None
    delete_history: bool | None = None


class ResourceDeletion(ResponseModel):
    """The answer to deleting a resource; ``batch_operation`` is set when the history is
    deleted too (that runs as a batch operation).

    Spec: `DeleteResourceResponse`
    """

    resource_key: ResourceKey
    batch_operation: BatchOperationCreated | None = None


class DeployedResource(ResponseModel):
    """A deployed resource (process, decision, form, ...).

    Spec: `ResourceResult`
    """

    resource_name: str
    version: int
    version_tag: str | None = None
    resource_id: str
    tenant_id: str
    resource_key: ResourceKey


class ResourceFilter(RequestModel):
    """Spec: `ResourceFilter`"""

    resource_key: KeyFilterProperty[ResourceKey] | None = None
    resource_name: StringFilterProperty | None = None
    resource_id: StringFilterProperty | None = None
    version: IntegerFilterProperty | None = None
    version_tag: StringFilterProperty | None = None
    deployment_key: KeyFilterProperty[DeploymentKey] | None = None
    tenant_id: str | None = None


class ResourceSearchRequest(SearchQuery[ResourceFilter, ResourceSortField]):
    """Spec: `ResourceSearchQuery`"""
