"""Decisions: DMN deployment, evaluation (by business rule tasks and ``evaluateDecision``),
decision instances, and their routes and wire shapes. The DMN itself is evaluated by
:mod:`camunda.testing.dmn`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from camunda.models.decision_definitions import (
    DecisionDefinitionSearchRequest,
    DecisionEvaluationById,
    DecisionEvaluationByKey,
)
from camunda.models.decision_instances import DecisionInstanceSearchRequest
from camunda.testing import dmn
from camunda.testing._jobs import check_tenant
from camunda.testing._protocol import (
    TENANT,
    Call,
    Problem,
    Reply,
    Route,
    getter,
    iso,
    json_reply,
    not_found,
    searcher,
    validate,
)
from camunda.testing._records import Store

if TYPE_CHECKING:
    from camunda.testing._engine import Engine

__all__ = ["ROUTES", "DecisionFailed", "Decisions", "FakeDecisionInstance"]


class DecisionFailed(Exception):
    """A business rule task's decision is missing or failed: the incident to raise."""

    def __init__(self, incident_type: str, message: str) -> None:
        super().__init__(message)
        self.incident_type = incident_type
        self.message = message


@dataclass(eq=False)
class _Requirements:
    key: str
    version: int
    resource_name: str
    xml: bytes
    model: dmn.DecisionRequirements


@dataclass(eq=False)
class _Definition:
    key: str
    version: int
    decision: dmn.Decision
    requirements: _Requirements


@dataclass
class FakeDecisionInstance:
    """One evaluated decision (a business rule task's, or an ``evaluateDecision``'s)."""

    key: str
    """``<evaluation key>-<n>``: the n-th decision evaluated in that evaluation."""
    evaluation_key: str
    definition_key: str
    definition_id: str
    definition_name: str
    definition_version: int
    definition_type: str
    root_definition_key: str
    state: str
    result: Any
    failure: str | None
    evaluated_ms: int
    process_instance_key: str | None = None
    process_definition_key: str | None = None
    element_instance_key: str | None = None
    inputs: list[dict[str, Any]] = field(default_factory=list[dict[str, Any]])
    rules: list[dict[str, Any]] = field(default_factory=list[dict[str, Any]])


class Decisions:
    """The deployed decisions and their evaluations (the engine's lock held)."""

    def __init__(self, max_records: int) -> None:
        self.latest: dict[str, _Definition] = {}
        self.definitions: dict[str, _Definition] = {}
        self.instances: Store[FakeDecisionInstance] = Store(max_records)
        self._requirements: dict[str, _Requirements] = {}

    def deploy(self, engine: Engine, name: str, data: bytes) -> list[dict[str, Any]]:
        """Deploy a DMN resource; the deployment entries it makes. An identical resource
        keeps its versions and keys."""
        try:
            model = dmn.parse_dmn(data)
        except dmn.DmnParseError as exc:
            raise Problem(400, "INVALID_ARGUMENT", f"{name}: {exc}") from None
        previous = self._requirements.get(model.id)
        definitions: list[_Definition]
        if previous is not None and previous.xml == data:
            requirements = previous
            definitions = [self.latest[d] for d in model.decisions]
        else:
            requirements = _Requirements(
                engine.key(), previous.version + 1 if previous else 1, name, data, model
            )
            self._requirements[model.id] = requirements
            definitions = []
            for decision in model.decisions.values():
                old = self.latest.get(decision.id)
                definition = _Definition(
                    engine.key(), old.version + 1 if old else 1, decision, requirements
                )
                self.latest[decision.id] = self.definitions[definition.key] = definition
                definitions.append(definition)
        entries: list[dict[str, Any]] = [
            {
                "processDefinition": None,
                "decisionDefinition": None,
                "form": None,
                "resource": None,
                "decisionRequirements": {
                    "decisionRequirementsId": model.id,
                    "decisionRequirementsName": model.name,
                    "version": requirements.version,
                    "resourceName": name,
                    "tenantId": TENANT,
                    "decisionRequirementsKey": requirements.key,
                },
            }
        ]
        entries.extend(
            {
                "processDefinition": None,
                "decisionRequirements": None,
                "form": None,
                "resource": None,
                "decisionDefinition": {
                    "decisionDefinitionId": d.decision.id,
                    "version": d.version,
                    "name": d.decision.name,
                    "tenantId": TENANT,
                    "decisionRequirementsId": model.id,
                    "decisionDefinitionKey": d.key,
                    "decisionRequirementsKey": requirements.key,
                },
            }
            for d in definitions
        )
        return entries

    def evaluate(
        self,
        engine: Engine,
        definition: _Definition,
        variables: dict[str, Any],
        *,
        process: tuple[str, str, str] | None = None,
    ) -> tuple[str, Any, list[FakeDecisionInstance], str | None]:
        """Evaluate a decision and record its instances: ``(evaluation key, output,
        instances, failure message)``. ``process`` is ``(process instance, process
        definition, element instance)`` keys for a business rule task."""
        now = engine.now_ms()
        evaluation_key = engine.key()
        clock = datetime.fromtimestamp(now / 1000, tz=timezone.utc)
        failure: str | None = None
        try:
            result = dmn.evaluate_decision(
                definition.requirements.model, definition.decision.id, variables, now=clock
            )
            evaluated, output = result.evaluated_decisions, result.output
        except dmn.DecisionEvaluationError as exc:
            evaluated, output, failure = exc.evaluated_decisions, None, exc.message
        records = [
            self._record(evaluation_key, n, root=definition, now=now, process=process, item=item)
            for n, item in enumerate(evaluated, start=1)
        ]
        if failure is not None:
            records.append(
                self._record(
                    evaluation_key,
                    len(records) + 1,
                    root=definition,
                    now=now,
                    process=process,
                    failure=failure,
                )
            )
        for record in records:
            self.instances.add(record.key, record)
            self.instances.finish(record.key)
        return evaluation_key, output, records, failure

    def _record(
        self,
        evaluation_key: str,
        n: int,
        *,
        root: _Definition,
        now: int,
        process: tuple[str, str, str] | None,
        item: dmn.EvaluatedDecision | None = None,
        failure: str | None = None,
    ) -> FakeDecisionInstance:
        """The record of the ``n``-th decision of an evaluation: ``item``, or (``failure``)
        the root decision that failed."""
        decision_id = item.decision_id if item else root.decision.id
        definition = self.latest.get(decision_id, root)
        return FakeDecisionInstance(
            f"{evaluation_key}-{n}",
            evaluation_key,
            definition.key,
            decision_id,
            item.decision_name if item else root.decision.name,
            definition.version,
            item.decision_type if item else root.decision.type,
            root.key,
            "FAILED" if failure else "EVALUATED",
            item.output if item else None,
            failure,
            now,
            *(process or (None, None, None)),
            inputs=[
                {
                    "inputId": i.input_id,
                    "inputName": i.input_name,
                    "inputValue": json.dumps(i.input_value),
                }
                for i in (item.evaluated_inputs if item else ())
            ],
            rules=[
                {
                    "ruleId": r.rule_id,
                    "ruleIndex": r.rule_index,
                    "evaluatedOutputs": [
                        {
                            "outputId": o.output_id,
                            "outputName": o.output_name,
                            "outputValue": json.dumps(o.output_value),
                            "ruleId": o.rule_id,
                            "ruleIndex": o.rule_index,
                        }
                        for o in r.evaluated_outputs
                    ],
                }
                for r in (item.matched_rules if item else ())
            ],
        )

    def for_task(
        self,
        engine: Engine,
        decision_id: str,
        variables: dict[str, Any],
        process: tuple[str, str, str],
    ) -> Any:
        """A business rule task's decision output.

        Raises:
            DecisionFailed: no such decision (``CALLED_DECISION_ERROR``), or it failed
                (``DECISION_EVALUATION_ERROR``).
        """
        definition = self.latest.get(decision_id)
        if definition is None:
            raise DecisionFailed(
                "CALLED_DECISION_ERROR",
                f"Expected to evaluate decision "
                f"'{decision_id}', but no decision found for id "
                f"'{decision_id}'",
            )
        _, output, _, failure = self.evaluate(engine, definition, variables, process=process)
        if failure is not None:
            raise DecisionFailed("DECISION_EVALUATION_ERROR", failure)
        return output


def evaluate(engine: Engine, _call: Call, body: bytes, _ct: str) -> Reply:
    request: DecisionEvaluationById | DecisionEvaluationByKey = validate(
        DecisionEvaluationById | DecisionEvaluationByKey, body
    )
    check_tenant(request.tenant_id)
    with engine.lock:
        decisions = engine.decisions
        if isinstance(request, DecisionEvaluationByKey):
            definition = decisions.definitions.get(request.decision_definition_key)
            if definition is None:
                raise not_found("Decision definition", request.decision_definition_key)
        else:
            definition = decisions.latest.get(request.decision_definition_id)
            if definition is None:
                raise Problem(
                    404,
                    "NOT_FOUND",
                    f"no decision definition with id '{request.decision_definition_id}'",
                )
        key, output, records, failure = decisions.evaluate(
            engine, definition, dict(request.variables or {})
        )
        requirements = definition.requirements
        return json_reply(
            {
                "decisionDefinitionId": definition.decision.id,
                "decisionDefinitionKey": definition.key,
                "decisionDefinitionName": definition.decision.name,
                "decisionDefinitionVersion": definition.version,
                "decisionEvaluationKey": key,
                "decisionInstanceKey": key,
                "decisionRequirementsId": requirements.model.id,
                "decisionRequirementsKey": requirements.key,
                "output": json.dumps(output),
                "failedDecisionDefinitionId": definition.decision.id if failure else None,
                "failureMessage": failure,
                "tenantId": TENANT,
                "evaluatedDecisions": [_evaluated_wire(r) for r in records if not r.failure],
            }
        )


def _instance_wire(record: FakeDecisionInstance) -> dict[str, Any]:
    return {
        "decisionEvaluationInstanceKey": record.key,
        "decisionEvaluationKey": record.evaluation_key,
        "decisionDefinitionId": record.definition_id,
        "decisionDefinitionKey": record.definition_key,
        "decisionDefinitionName": record.definition_name,
        "decisionDefinitionType": record.definition_type,
        "decisionDefinitionVersion": record.definition_version,
        "rootDecisionDefinitionKey": record.root_definition_key,
        "state": record.state,
        "result": json.dumps(record.result),
        "evaluationFailure": record.failure,
        "evaluationDate": iso(record.evaluated_ms),
        "processInstanceKey": record.process_instance_key,
        "rootProcessInstanceKey": record.process_instance_key,
        "processDefinitionKey": record.process_definition_key,
        "elementInstanceKey": record.element_instance_key,
        "tenantId": TENANT,
    }


def _evaluated_wire(record: FakeDecisionInstance) -> dict[str, Any]:
    return {
        "decisionDefinitionId": record.definition_id,
        "decisionDefinitionKey": record.definition_key,
        "decisionDefinitionName": record.definition_name,
        "decisionDefinitionVersion": record.definition_version,
        "decisionDefinitionType": record.definition_type,
        "decisionEvaluationInstanceKey": record.key,
        "output": json.dumps(record.result),
        "tenantId": TENANT,
        "evaluatedInputs": record.inputs,
        "matchedRules": record.rules,
    }


def _definition_wire(definition: _Definition) -> dict[str, Any]:
    requirements = definition.requirements
    return {
        "decisionDefinitionId": definition.decision.id,
        "decisionDefinitionKey": definition.key,
        "name": definition.decision.name,
        "version": definition.version,
        "decisionRequirementsId": requirements.model.id,
        "decisionRequirementsKey": requirements.key,
        "decisionRequirementsName": requirements.model.name,
        "decisionRequirementsVersion": requirements.version,
        "tenantId": TENANT,
    }


def _instance_detail_wire(record: FakeDecisionInstance) -> dict[str, Any]:
    return {
        **_instance_wire(record),
        "evaluatedInputs": record.inputs,
        "matchedRules": record.rules,
    }


search_instances = searcher(
    DecisionInstanceSearchRequest,
    lambda e: e.decisions.instances.items.values(),
    wire=_instance_wire,
    key_field="decisionEvaluationInstanceKey",
)
get_instance = getter(
    lambda e: e.decisions.instances.get, "Decision instance", _instance_detail_wire
)
search_definitions = searcher(
    DecisionDefinitionSearchRequest,
    lambda e: e.decisions.definitions.values(),
    wire=_definition_wire,
    key_field="decisionDefinitionKey",
)
get_definition = getter(
    lambda e: e.decisions.definitions.get, "Decision definition", _definition_wire
)


ROUTES = [
    Route("POST", "/decision-definitions/evaluation", "evaluateDecision", evaluate),
    Route(
        "POST",
        "/decision-definitions/search",
        "searchDecisionDefinitions",
        search_definitions,
        eventually_consistent=True,
    ),
    Route(
        "GET",
        "/decision-definitions/{decisionDefinitionKey}",
        "getDecisionDefinition",
        get_definition,
        eventually_consistent=True,
    ),
    Route(
        "POST",
        "/decision-instances/search",
        "searchDecisionInstances",
        search_instances,
        eventually_consistent=True,
    ),
    # Named without "Key": these keys are "<evaluation key>-<n>", not numbers.
    Route(
        "GET",
        "/decision-instances/{decisionEvaluationInstance}",
        "getDecisionInstance",
        get_instance,
        eventually_consistent=True,
    ),
]
