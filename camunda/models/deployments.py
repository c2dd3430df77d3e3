"""Models of the ``deployments`` resource group: what a deployment created."""

from __future__ import annotations

from camunda.models._base import RequestModel, ResponseModel
from camunda.types import (
    DecisionDefinitionKey,
    DecisionRequirementsKey,
    DeploymentKey,
    FormKey,
    ProcessDefinitionKey,
    ResourceKey,
)

__all__ = [
    "CreateDeploymentRequest",
    "Deployment",
    "DeploymentDecision",
    "DeploymentDecisionRequirements",
    "DeploymentForm",
    "DeploymentMetadata",
    "DeploymentProcess",
    "DeploymentResource",
]


class CreateDeploymentRequest(RequestModel):
    """The form fields of a deployment besides its files (``resources``).

    Spec: `createDeployment` (inline multipart body)
    """

    tenant_id: str | None = None


class DeploymentProcess(ResponseModel):
    """A process definition created by a deployment.

    Spec: `DeploymentProcessResult`
    """

    process_definition_id: str
    process_definition_version: int
    resource_name: str
    tenant_id: str
    process_definition_key: ProcessDefinitionKey


class DeploymentDecision(ResponseModel):
    """A decision definition created by a deployment.

    Spec: `DeploymentDecisionResult`
    """

    decision_definition_id: str
    version: int
    name: str
    tenant_id: str
    decision_requirements_id: str
    decision_definition_key: DecisionDefinitionKey
    decision_requirements_key: DecisionRequirementsKey


class DeploymentDecisionRequirements(ResponseModel):
    """A decision requirements graph (DRD) created by a deployment.

    Spec: `DeploymentDecisionRequirementsResult`
    """

    decision_requirements_id: str
    decision_requirements_name: str
    version: int
    resource_name: str
    tenant_id: str
    decision_requirements_key: DecisionRequirementsKey


class DeploymentForm(ResponseModel):
    """A form created by a deployment.

    Spec: `DeploymentFormResult`
    """

    form_id: str
    version: int
    resource_name: str
    tenant_id: str
    form_key: FormKey


class DeploymentResource(ResponseModel):
    """Any other resource created by a deployment (an RPA script, ...).

    Spec: `DeploymentResourceResult`
    """

    resource_id: str
    resource_name: str
    version: int
    tenant_id: str
    resource_key: ResourceKey


class DeploymentMetadata(ResponseModel):
    """One deployed item: exactly one of its fields is set, after the kind of resource.

    Spec: `DeploymentMetadataResult`
    """

    process_definition: DeploymentProcess | None = None
    decision_definition: DeploymentDecision | None = None
    decision_requirements: DeploymentDecisionRequirements | None = None
    form: DeploymentForm | None = None
    resource: DeploymentResource | None = None


class Deployment(ResponseModel):
    """The result of a deployment: its key, tenant and everything it created.

    Spec: `DeploymentResult`
    """

    deployment_key: DeploymentKey
    tenant_id: str
    deployments: list[DeploymentMetadata]

    @property
    def processes(self) -> list[DeploymentProcess]:
        """The process definitions the deployment created, in order."""
        return [d.process_definition for d in self.deployments if d.process_definition]

    @property
    def decisions(self) -> list[DeploymentDecision]:
        """The decision definitions the deployment created, in order."""
        return [d.decision_definition for d in self.deployments if d.decision_definition]

    @property
    def decision_requirements(self) -> list[DeploymentDecisionRequirements]:
        """The decision requirements graphs (DRDs) the deployment created, in order."""
        return [d.decision_requirements for d in self.deployments if d.decision_requirements]

    @property
    def forms(self) -> list[DeploymentForm]:
        """The forms the deployment created, in order."""
        return [d.form for d in self.deployments if d.form]

    @property
    def resources(self) -> list[DeploymentResource]:
        """The other resources (RPA scripts, ...) the deployment created, in order."""
        return [d.resource for d in self.deployments if d.resource]
