"""Models of ``client.identity.tenants``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from camunda.models._base import RequestModel, ResponseModel
from camunda.models.common import SearchQuery

__all__ = [
    "CreateTenantRequest",
    "CreatedTenant",
    "Tenant",
    "TenantSearchFilter",
    "TenantSearchRequest",
    "TenantSortField",
    "UpdateTenantRequest",
    "UpdatedTenant",
]

TenantSortField = Literal["key", "name", "tenantId"]


class Tenant(ResponseModel):
    """A tenant: an isolated partition of processes, data and permissions.

    Spec: `TenantResult`
    """

    tenant_id: str
    name: str
    description: str | None = None


class CreatedTenant(Tenant):
    """The answer of creating a tenant.

    Spec: `TenantCreateResult`
    """


class UpdatedTenant(Tenant):
    """The answer of updating a tenant.

    Spec: `TenantUpdateResult`
    """


class CreateTenantRequest(RequestModel):
    """Spec: `TenantCreateRequest`"""

    tenant_id: str = Field(min_length=1, max_length=256, pattern=r"^[A-Za-z0-9_@.+-]+$")
    name: str
    description: str | None = None


class UpdateTenantRequest(RequestModel):
    """Spec: `TenantUpdateRequest`"""

    name: str
    description: str | None = None


class TenantSearchFilter(RequestModel):
    """Which tenants a search returns (named so to keep clear of ``jobs.TenantFilter``).

    Spec: `TenantFilter`
    """

    tenant_id: str | None = None
    name: str | None = None


class TenantSearchRequest(SearchQuery[TenantSearchFilter, TenantSortField]):
    """Spec: `TenantSearchQueryRequest`"""
