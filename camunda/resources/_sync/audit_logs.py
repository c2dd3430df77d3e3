# Derived by scripts/unasync.py from _async/audit_logs.py; do not edit.
"""The ``audit_logs`` resource group: the record of who changed what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from camunda._pagination import SearchPage
from camunda._transport import Operation
from camunda.models.audit_logs import (
    AuditLog,
    AuditLogFilter,
    AuditLogSearchRequest,
    AuditLogSortField,
)
from camunda.models.common import PageRequest, SortRequest
from camunda.resources._endpoint import endpoint
from camunda.resources._sync._resource import APIResource
from camunda.types import NOT_GIVEN, AuditLogKey, NotGiven

__all__ = ["AuditLogs"]

_GET = Operation("GET", "/audit-logs/{auditLogKey}", "getAuditLog", returns=AuditLog)
_SEARCH = Operation(
    "POST",
    "/audit-logs/search",
    "searchAuditLogs",
    body=AuditLogSearchRequest,
    returns=AuditLog,
    paged=True,
)


class AuditLogs(APIResource):
    """Audit log entries: every audited operation, its actor and its outcome."""

    __slots__ = ()

    @endpoint(_GET)
    def get(self, audit_log_key: AuditLogKey) -> AuditLog:
        """Get one audit log entry.

        ``GET /audit-logs/{auditLogKey}`` (getAuditLog)

        Args:
            audit_log_key: the key of the audit log entry.
        """
        return self._transport.request(_GET, locals())

    @endpoint(_SEARCH)
    def search(
        self,
        *,
        filter: AuditLogFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[AuditLogSortField] | Mapping[str, Any]] | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> SearchPage[AuditLog]:
        """Search audit log entries; iterating the page walks every page.

        ``POST /audit-logs/search`` (searchAuditLogs)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return self._transport.search(_SEARCH, locals())
