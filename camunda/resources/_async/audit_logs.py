"""The ``audit_logs`` resource group: the record of who changed what."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.audit_logs import (
    AuditLog,
    AuditLogFilter,
    AuditLogSearchRequest,
    AuditLogSortField,
)
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, AuditLogKey, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["AsyncAuditLogs"]

_GET = Operation("GET", "/audit-logs/{auditLogKey}", "getAuditLog", returns=AuditLog)
_SEARCH = Operation("POST", "/audit-logs/search", "searchAuditLogs",
                    body=AuditLogSearchRequest, returns=AuditLog, paged=True)


class AsyncAuditLogs(AsyncResource):
    """Audit log entries: every audited operation, its actor and its outcome."""

    __slots__ = ()

    async def get(self, audit_log_key: AuditLogKey) -> AuditLog:
        """Get one audit log entry.

        ``GET /audit-logs/{auditLogKey}`` (getAuditLog)
        """
        return await self._transport.request(_GET, locals())

    async def search(
        self,
        *,
        filter: AuditLogFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[AuditLogSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[AuditLog]:
        """Search audit log entries; iterating the page walks every page.

        ``POST /audit-logs/search`` (searchAuditLogs)
        """
        return await self._transport.search(_SEARCH, locals())
