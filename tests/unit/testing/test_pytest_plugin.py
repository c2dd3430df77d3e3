"""The pytest plugin: loaded through its entry point, fake cluster by default, a real one
named by CAMUNDA_REST_ADDRESS (read when pytest starts), and its markers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

pytest_plugins = ["pytester"]

_TESTS = """
import pytest

def test_uses_the_client(camunda_client):
    assert camunda_client.cluster.get_topology().cluster_size == 1

def test_uses_the_cluster(camunda_cluster):
    assert camunda_cluster.jobs() == []

@pytest.mark.camunda_fake_only
def test_fake_only():
    pass

@pytest.mark.camunda_controlled_clock
def test_needs_the_clock():
    pass

def test_plain():
    pass
"""


def test_the_plugin_is_loaded_in_this_suite_without_changing_it(
    request: pytest.FixtureRequest,
) -> None:
    config = request.config
    assert config.pluginmanager.has_plugin("camunda")
    assert any(line.startswith("camunda_fake_only:") for line in config.getini("markers"))
    assert "camunda" not in {m.name for m in request.node.iter_markers()}  # no fixture of its


def test_on_the_fake_cluster_everything_runs_and_camunda_marks_the_fixture_users(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAMUNDA_REST_ADDRESS", raising=False)
    pytester.makepyfile(_TESTS)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=5)
    selected = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-m", "camunda")
    selected.assert_outcomes(passed=2, deselected=3)


def test_on_a_real_cluster_fake_only_tests_skip_with_their_reason(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing listens on port 9: only the test that calls the cluster may fail.
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://127.0.0.1:9")
    monkeypatch.setenv("CAMUNDA_MAX_RETRIES", "0")
    pytester.makepyfile(_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(failed=1, passed=1, skipped=3)
    result.stdout.fnmatch_lines(
        [
            "*uses the camunda_cluster fixture (the fake cluster); CAMUNDA_REST_ADDRESS points "
            "at a real cluster*",
            "*needs the fake cluster; CAMUNDA_REST_ADDRESS points at a real cluster*",
            "*needs a controlled clock;*ZEEBE_CLOCK_CONTROLLED=true and pass "
            "--camunda-controlled-clock*",
        ]
    )
    result.stdout.fnmatch_lines(["*APIConnectionError: getTopology: ConnectError*"])  # went out
    clock = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "--camunda-controlled-clock", "-k", "clock"
    )
    clock.assert_outcomes(passed=1, deselected=4)
