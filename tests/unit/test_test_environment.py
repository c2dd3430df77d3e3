"""The suite's own isolation: settings variables go, the test data location stays."""

from __future__ import annotations

import os

import pytest

from tests.conftest import isolate_environment


def test_isolation_removes_settings_but_keeps_the_spec_location() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAMUNDA_SPEC_DIR", "/elsewhere/spec")
        patch.setenv("CAMUNDA_CLIENT_SECRET", "not-for-tests")
        patch.setenv("ZEEBE_ADDRESS", "http://old:26500")
        isolate_environment(patch)
        assert os.environ["CAMUNDA_SPEC_DIR"] == "/elsewhere/spec"
        assert "CAMUNDA_CLIENT_SECRET" not in os.environ
        assert "ZEEBE_ADDRESS" not in os.environ
