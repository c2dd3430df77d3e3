"""``client.identity.mapping_rules``: grant memberships to tokens by claim value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from camunda._transport import Operation
from camunda.models.identity.mapping_rules import (
    CreateMappingRuleRequest,
    MappingRule,
    MappingRuleFilter,
    MappingRuleSearchRequest,
    MappingRuleSortField,
    SavedMappingRule,
    UpdateMappingRuleRequest,
)
from camunda.resources._async._resource import AsyncResource
from camunda.types import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from camunda._pagination import AsyncSearchPage
    from camunda.models.common import PageRequest, SortRequest

__all__ = ["AsyncMappingRules"]

_NONE = type(None)
_CREATE = Operation("POST", "/mapping-rules", "createMappingRule",
                    body=CreateMappingRuleRequest, returns=SavedMappingRule)
_GET = Operation("GET", "/mapping-rules/{mappingRuleId}", "getMappingRule", returns=MappingRule)
_UPDATE = Operation("PUT", "/mapping-rules/{mappingRuleId}", "updateMappingRule",
                    body=UpdateMappingRuleRequest, returns=SavedMappingRule)
_DELETE = Operation("DELETE", "/mapping-rules/{mappingRuleId}", "deleteMappingRule",
                    returns=_NONE)
_SEARCH = Operation("POST", "/mapping-rules/search", "searchMappingRule",
                    body=MappingRuleSearchRequest, returns=MappingRule, paged=True)


class AsyncMappingRules(AsyncResource):
    """Rules that map a token claim (``claim_name`` = ``claim_value``) to an identity.

    Assign a rule to groups, roles or tenants to give every matching token their rights.
    """

    __slots__ = ()

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
        """
        return await self._transport.request(_CREATE, locals())

    async def get(self, mapping_rule_id: str) -> MappingRule:
        """Fetch a mapping rule by id.

        ``GET /mapping-rules/{mappingRuleId}`` (getMappingRule)
        """
        return await self._transport.request(_GET, locals())

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
        """
        return await self._transport.request(_UPDATE, locals())

    async def delete(self, mapping_rule_id: str) -> None:
        """Delete a mapping rule.

        ``DELETE /mapping-rules/{mappingRuleId}`` (deleteMappingRule)
        """
        return await self._transport.request(_DELETE, locals())

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
        """
        return await self._transport.search(_SEARCH, locals())
