"""The SDK's telemetry recorded by OpenTelemetry's in-memory exporters, for tests.

``tests/conftest.py`` turns telemetry off for every test; the ``otel`` fixture (defined
there) turns it on for one, into an :class:`Otel`, leaving the global providers untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from camunda._otel._telemetry import Telemetry

if TYPE_CHECKING:
    from opentelemetry import trace
    from opentelemetry.sdk.trace import ReadableSpan


@dataclass
class Otel:
    telemetry: Telemetry
    spans: InMemorySpanExporter
    metrics: InMemoryMetricReader
    tracer: trace.Tracer

    @classmethod
    def in_memory(cls) -> Otel:
        spans = InMemorySpanExporter()
        tracer_provider = TracerProvider()
        tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
        reader = InMemoryMetricReader()
        telemetry = Telemetry(tracer_provider, MeterProvider(metric_readers=[reader]))
        return cls(telemetry, spans, reader, tracer_provider.get_tracer("test"))

    def finished(self, name: str | None = None) -> list[ReadableSpan]:
        return [s for s in self.spans.get_finished_spans() if name is None or s.name == name]

    def points(self, metric: str) -> list[Any]:
        data = self.metrics.get_metrics_data()
        assert data is not None
        return [
            point
            for resource in data.resource_metrics
            for scope in resource.scope_metrics
            for m in scope.metrics
            if m.name == metric
            for point in m.data.data_points
        ]

    def count(self, metric: str, job_type: str) -> int:
        return sum(
            p.value for p in self.points(metric) if p.attributes.get("camunda.job.type") == job_type
        )
