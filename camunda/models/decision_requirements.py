"""Models of the ``decision_requirements`` resource group: deployed DRDs (DMN files)."""

from __future__ import annotations

from typing import Annotated, Literal

from camunda.models._base import KEY, RequestModel, ResponseModel
from camunda.models.common import SearchQuery
from camunda.types import DecisionRequirementsKey

__all__ = [
    "DecisionRequirements",
    "DecisionRequirementsFilter",
    "DecisionRequirementsSearchRequest",
    "DecisionRequirementsSortField",
]


class DecisionRequirements(ResponseModel):
    """A deployed decision requirements graph, one version of it.

    Spec: `DecisionRequirementsResult`
    """

    decision_requirements_id: str
    decision_requirements_key: DecisionRequirementsKey
    decision_requirements_name: str
    resource_name: str
    tenant_id: str
    version: int


class DecisionRequirementsFilter(RequestModel):
    """Every field is an exact match.

    Spec: `DecisionRequirementsFilter`
    """

    decision_requirements_name: str | None = None
    decision_requirements_id: str | None = None
    decision_requirements_key: Annotated[DecisionRequirementsKey, KEY] | None = None
    version: int | None = None
    tenant_id: str | None = None
    resource_name: str | None = None


DecisionRequirementsSortField = Literal[
    "decisionRequirementsKey",
    "decisionRequirementsName",
    "version",
    "decisionRequirementsId",
    "tenantId",
]


class DecisionRequirementsSearchRequest(
    SearchQuery[DecisionRequirementsFilter, DecisionRequirementsSortField]
):
    """Spec: `DecisionRequirementsSearchQuery`"""
