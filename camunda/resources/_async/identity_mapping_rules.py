"""``client.identity.mapping_rules``: grant memberships to tokens by claim value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import NoneType
from typing import Any

from camunda._pagination import AsyncSearchPage
from camunda._transport import Operation
from camunda.models.common import PageRequest, SortRequest
from camunda.models.identity.mapping_rules import (
    CreateMappingRuleRequest,
    MappingRule,
    MappingRuleFilter,
    MappingRuleSearchRequest,
    MappingRuleSortField,
    SavedMappingRule,
    UpdateMappingRuleRequest,
)
from camunda.resources._async._resource import AsyncAPIResource
from camunda.resources._endpoint import endpoint
from camunda.types import NOT_GIVEN, NotGiven

__all__ = ["AsyncMappingRules"]

_CREATE = Operation(
    "POST",
    "/mapping-rules",
    "createMappingRule",
    body=CreateMappingRuleRequest,
    returns=SavedMappingRule,
)
_GET = Operation("GET", "/mapping-rules/{mappingRuleId}", "getMappingRule", returns=MappingRule)
_UPDATE = Operation(
    "PUT",
    "/mapping-rules/{mappingRuleId}",
    "updateMappingRule",
    body=UpdateMappingRuleRequest,
    returns=SavedMappingRule,
)
_DELETE = Operation(
    "DELETE", "/mapping-rules/{mappingRuleId}", "deleteMappingRule", returns=NoneType
)
_SEARCH = Operation(
    "POST",
    "/mapping-rules/search",
    "searchMappingRule",
    body=MappingRuleSearchRequest,
    returns=MappingRule,
    paged=True,
)


class AsyncMappingRules(AsyncAPIResource):
    """Rules that map a token claim (``claim_name`` = ``claim_value``) to an identity.

    Assign a rule to groups, roles or tenants to give every matching token their rights.
    """

    __slots__ = ()

    @endpoint(_CREATE)
    async def create(
        self,
        *,
        mapping_rule_id: str,
        name: str,
        claim_name: str,
        claim_value: str,
    ) -> SavedMappingRule:
        """Create a mapping rule.

        ``POST /mapping-rules`` (createMappingRule)

        Args:
            mapping_rule_id: the id of the mapping rule.
            name: the mapping rule's display name.
            claim_name: the token claim to look at.
            claim_value: the value the claim must have.
        """
        return await self._transport.request(_CREATE, locals())

    @endpoint(_GET)
    async def get(self, mapping_rule_id: str) -> MappingRule:
        """Fetch a mapping rule by id.

        ``GET /mapping-rules/{mappingRuleId}`` (getMappingRule)

        Args:
            mapping_rule_id: the id of the mapping rule.
        """
        return await self._transport.request(_GET, locals())

    @endpoint(_UPDATE)
    async def update(
        self,
        mapping_rule_id: str,
        *,
        name: str,
        claim_name: str,
        claim_value: str,
    ) -> SavedMappingRule:
        """Replace a mapping rule's name and claim.

        ``PUT /mapping-rules/{mappingRuleId}`` (updateMappingRule)

        Args:
            mapping_rule_id: the id of the mapping rule.
            name: the mapping rule's display name.
            claim_name: the token claim to look at.
            claim_value: the value the claim must have.
        """
        return await self._transport.request(_UPDATE, locals())

    @endpoint(_DELETE)
    async def delete(self, mapping_rule_id: str) -> None:
        """Delete a mapping rule.

        ``DELETE /mapping-rules/{mappingRuleId}`` (deleteMappingRule)

        Args:
            mapping_rule_id: the id of the mapping rule.
        """
        return await self._transport.request(_DELETE, locals())

    @endpoint(_SEARCH)
    async def search(
        self,
        *,
        filter: MappingRuleFilter | Mapping[str, Any] | NotGiven = NOT_GIVEN,
        sort: Sequence[SortRequest[MappingRuleSortField] | Mapping[str, Any]]
        | NotGiven = NOT_GIVEN,
        page: PageRequest | Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> AsyncSearchPage[MappingRule]:
        """Search mapping rules by id, name or claim.

        ``POST /mapping-rules/search`` (searchMappingRule)

        Args:
            filter: criteria the results must match (fields as in the search's filter model).
            sort: the fields to order the results by, each with an order (``ASC`` or ``DESC``).
            page: which page: ``limit`` and ``after``/``before`` cursors (or ``from``).
        """
        return await self._transport.search(_SEARCH, locals())
