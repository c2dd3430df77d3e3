"""Typed models of the Camunda 8.9 REST API, one module per resource group.

Import models from their group's module, e.g. ``from camunda.models.jobs import ActivatedJob``.
Each module loads when first imported, so ``import camunda`` stays cheap. Shared pieces
(problems, pages, sorting, filter primitives) live in :mod:`camunda.models.common`.
"""
