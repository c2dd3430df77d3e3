"""Integrations with web frameworks; each is an optional extra (``camunda-sdk[fastapi]``)."""
