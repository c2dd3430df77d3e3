"""``python -m benchmarks.feel_dmn``: evaluations per CPU second of the fake cluster's FEEL and DMN.

Two figures the fake's throughput rests on: a typical exclusive-gateway condition (parsed
once, evaluated against a process instance's variables) and a 10-rule FIRST decision table
whose last rule matches (every rule's unary tests run: the worst case). CPU time, not wall
time, so a busy machine slows the run but not the figure much; the best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from camunda.testing import dmn, feel

if TYPE_CHECKING:
    from collections.abc import Callable

MODELS = Path(__file__).resolve().parent.parent / "tests" / "unit" / "testing" / "dmn"
MODEL = MODELS / "pricing.dmn"
CONDITION = "= order.total > 100 and order.customer.vip = true"
VARIABLES = {"order": {"total": 150, "customer": {"vip": True}}, "orderId": "o-1"}


def per_cpu_second(call: Callable[[], object], seconds: float) -> float:
    """How many calls one CPU second runs, measured over ``seconds`` of CPU time."""
    done, start = 0, time.process_time()
    while True:
        for _ in range(200):
            call()
        done += 200
        spent = time.process_time() - start
        if spent >= seconds:
            return done / spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0, help="CPU seconds per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    condition = feel.parse_expression(CONDITION)
    model = dmn.parse_dmn(MODEL.read_bytes())
    miss = {"customer": {"tier": "Platinum"}, "order": {"total": 10}}
    scenarios: dict[str, Callable[[], object]] = {
        f"gateway condition `{CONDITION}` (parsed once)": lambda: condition.evaluate(VARIABLES),
        "the same through evaluate_condition(text) (cache lookup)": lambda: feel.evaluate_condition(
            CONDITION, VARIABLES
        ),
        "10-rule FIRST decision table, last rule matches": lambda: dmn.evaluate_decision(
            model, "discount", miss
        ),
    }
    print("| scenario | evaluations per CPU second |\n| --- | ---: |")
    for name, call in scenarios.items():
        best = max(per_cpu_second(call, args.seconds) for _ in range(args.rounds))
        print(f"| {name} | {best:,.0f} |")


if __name__ == "__main__":
    main()
