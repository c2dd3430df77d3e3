"""DMN decisions evaluated in Python for the fake cluster: decision tables and literal expressions.

::

    from camunda.testing import dmn

    model = dmn.parse_dmn(xml)                       # at deployment: every FEEL text is parsed
    result = dmn.evaluate_decision(model, "discount", {"customer": "Business", "orderSize": 9})
    result.output                                    # JSON, e.g. 0.15
    result.evaluated_decisions[-1].matched_rules     # rule ids and indexes, outputs

Supports DMN 1.1 to 1.5 files as Camunda Modeler writes them: decision tables with the hit
policies UNIQUE, FIRST, ANY, PRIORITY, COLLECT (with or without SUM, MIN, MAX, COUNT), RULE
ORDER and OUTPUT ORDER; FEEL input expressions, unary tests and output entries; default
output entries; literal expression decisions; required decisions (their results are
variables named by the decision's variable name, else its id). Results follow Camunda's
DMN engine (dmn-scala): no matching rule gives null (or the default outputs), several
outputs give a context per rule, and failures carry its messages.

Needs the ``lark`` package (for FEEL): ``pip install 'camunda-sdk[testing]'``.
"""

from __future__ import annotations

from camunda.testing.dmn._evaluation import (
    DecisionEvaluationError,
    DecisionResult,
    EvaluatedDecision,
    EvaluatedInput,
    EvaluatedOutput,
    MatchedRule,
    evaluate_decision,
)
from camunda.testing.dmn._model import (
    Aggregation,
    Decision,
    DecisionRequirements,
    DecisionTable,
    DmnParseError,
    HitPolicy,
    Input,
    LiteralExpression,
    Output,
    Rule,
    parse_dmn,
)

__all__ = [
    "Aggregation",
    "Decision",
    "DecisionEvaluationError",
    "DecisionRequirements",
    "DecisionResult",
    "DecisionTable",
    "DmnParseError",
    "EvaluatedDecision",
    "EvaluatedInput",
    "EvaluatedOutput",
    "HitPolicy",
    "Input",
    "LiteralExpression",
    "MatchedRule",
    "Output",
    "Rule",
    "evaluate_decision",
    "parse_dmn",
]
