"""The ``camunda`` command in a subprocess against a fake cluster served on loopback: JSON
output, ``--all`` over several pages, exit codes, ``--env-file``, ``--help`` without model
imports, and ``camunda worker`` stopping gracefully on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from camunda.testing import FakeCluster, FakeJobState

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[2]
ORDER_BPMN = REPO / "camunda" / "testing" / "order.bpmn"


def _env(**extra: str) -> dict[str, str]:
    # os.environ has no CAMUNDA_*/ZEEBE_* variables here (tests/conftest.py)
    return {**os.environ, "CAMUNDA_MAX_RETRIES": "0", **extra}


def _camunda(
    *args: str,
    env: dict[str, str],
    cwd: Path = REPO,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "camunda", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def cluster() -> FakeCluster:
    return FakeCluster()


@pytest.fixture
def address(cluster: FakeCluster) -> Iterator[str]:
    with cluster.serve() as base_url:
        yield base_url


def test_help_lists_the_groups_without_importing_models() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "camunda", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for command in ("deploy", "topology", "worker", "demo", "process-instances", "identity"):
        assert f"\n    {command}" in done.stdout
    imported = [line.rpartition("|")[2].strip() for line in done.stderr.splitlines()]
    assert "camunda.cli" in imported
    assert not [m for m in imported if m.startswith(("pydantic", "httpx", "camunda.models"))]


def test_group_help_shows_the_derived_options() -> None:
    done = _camunda("process-instances", "search", "--help", env=_env())
    assert done.returncode == 0, done.stderr
    assert "--filter JSON" in done.stdout and "--all" in done.stdout


def _listing(help_text: str) -> dict[str, str]:
    """The command listing of a help text: name → its summary on the same line."""
    listing = help_text.partition("\n  COMMAND\n")[2].partition("\n\n")[0]
    rows = [line.split(None, 1) for line in listing.splitlines()]
    assert all(len(row) == 2 for row in rows), f"a summary on a line of its own: {rows}"
    return dict((name, summary) for name, summary in rows)


def test_help_reads_like_a_command_line() -> None:
    top = _camunda("--help", env=_env())
    assert top.returncode == 0, top.stderr
    assert "examples:\n  camunda topology" in top.stdout
    listed = _listing(top.stdout)
    assert listed["process-instances"].startswith("API: start, cancel")
    assert listed["decision-requirements"].startswith("API: deployed decision")
    group = _camunda("process-instances", "--help", env=_env())
    assert _listing(group.stdout)["get-element-statistics"].startswith("Per BPMN element")
    assert "  camunda process-instances get 2251799813685249" in group.stdout
    create = _camunda("process-instances", "create", "--help", env=_env())
    assert "With\n--await-completion" in create.stdout or "With --await-completion" in create.stdout
    assert "``" not in create.stdout and "=True" not in create.stdout
    assert "--business-id TEXT" in create.stdout and "your own identifier" in create.stdout


def test_bad_arguments_are_one_line_with_exit_2(tmp_path: Path) -> None:
    def usage_error(*args: str, cwd: Path = REPO) -> str:
        done = _camunda(*args, env=_env(CAMUNDA_REST_ADDRESS="http://127.0.0.1:9"), cwd=cwd)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        return done.stderr

    err = usage_error("process-instances", "search", "--bogus")
    assert err.startswith("usage: camunda process-instances search ")
    assert err.endswith(
        "camunda process-instances search: error: unrecognized arguments: --bogus\n"
    )
    err = usage_error("worker", "x:router", "--grace-period", "-1")
    assert "camunda worker: error: argument --grace-period: must be at least 0, got -1" in err
    assert usage_error("process-instances", "get", "not-a-key").startswith(
        "camunda: error: getProcessInstance: PROCESS_INSTANCE_KEY must be a numeric key"
    )
    err = usage_error(
        "jobs", "activate", "--type", "t", "--timeout", "1000", "--max-jobs-to-activate", "0"
    )
    assert "--max-jobs-to-activate: Input should be greater than or equal to 1" in err
    assert "max_jobs_to_activate" not in err
    (tmp_path / "twice.py").write_text(
        "from camunda.workers import JobRouter\n"
        "one, two = JobRouter(), JobRouter()\n"
        "one.job('same')(lambda: None)\ntwo.job('same')(lambda: None)\n"
    )
    err = usage_error("worker", "twice:one", "twice:two", cwd=tmp_path)
    assert err == "camunda: error: job type 'same' has handlers in two routers\n"


def test_deploy_topology_and_a_search_print_json(address: str) -> None:
    env = _env(CAMUNDA_REST_ADDRESS=address)
    topology = _camunda("topology", env=env)
    assert topology.returncode == 0, topology.stderr
    assert json.loads(topology.stdout)["brokers"][0]["partitions"][0]["role"] == "leader"

    deployed = _camunda("deploy", str(ORDER_BPMN.relative_to(REPO)), env=env)
    assert deployed.returncode == 0, deployed.stderr
    definition = json.loads(deployed.stdout)["deployments"][0]["processDefinition"]
    assert definition["processDefinitionId"] == "order-process"

    created = _camunda(
        "process-instances",
        "create",
        "--process-definition-id",
        "order-process",
        "--variables",
        '{"orderId": "o-1", "amount": 5}',
        env=env,
    )
    assert created.returncode == 0, created.stderr
    key = json.loads(created.stdout)["processInstanceKey"]
    found = _camunda("process-instances", "search", "--filter", '{"state": "ACTIVE"}', env=env)
    assert found.returncode == 0, found.stderr
    page = json.loads(found.stdout)
    assert [item["processInstanceKey"] for item in page["items"]] == [key]
    assert page["page"]["totalItems"] == 1
    got = _camunda("process-instances", "get", key, env=env)
    assert json.loads(got.stdout)["processDefinitionId"] == "order-process"


def test_all_prints_every_page_as_json_lines(cluster: FakeCluster, address: str) -> None:
    keys = cluster.add_jobs("cli-page", count=7)
    env = _env(CAMUNDA_REST_ADDRESS=address)
    one_page = _camunda("jobs", "search", "--page", '{"limit": 3}', env=env)
    assert len(json.loads(one_page.stdout)["items"]) == 3
    every = _camunda("jobs", "search", "--page", '{"limit": 3}', "--all", env=env)
    assert every.returncode == 0, every.stderr
    lines = every.stdout.splitlines()
    assert [json.loads(line)["jobKey"] for line in lines] == keys
    assert every.stderr == ""  # not a terminal: no progress bar
    # one page, then three for --all and the empty one that ends the walk
    assert cluster.stats.requests["searchJobs"] == 1 + 3 + 1


def test_exit_codes(address: str) -> None:
    env = _env(CAMUNDA_REST_ADDRESS=address)
    missing = _camunda("process-instances", "get", "2251799813685249", env=env)
    assert missing.returncode == 1
    assert missing.stdout == ""
    problem = json.loads(missing.stderr)
    assert problem["status"] == 404 and problem["operationId"] == "getProcessInstance"

    bad_json = _camunda("process-instances", "search", "--filter", "{state: ACTIVE}", env=env)
    assert bad_json.returncode == 2
    assert "argument --filter: invalid JSON: Expecting property name" in bad_json.stderr

    usage = _camunda("process-instances", "frobnicate", env=env)
    assert usage.returncode == 2 and "invalid choice: 'frobnicate'" in usage.stderr

    config = _camunda("topology", env=_env(CAMUNDA_REST_ADDRESS="ftp://nowhere"))
    assert config.returncode == 2 and "CAMUNDA_REST_ADDRESS" in config.stderr


def test_a_connection_error_exits_1() -> None:
    with FakeCluster().serve() as gone:
        pass  # the port is free again once the server stopped
    done = _camunda("topology", env=_env(CAMUNDA_REST_ADDRESS=gone))
    assert done.returncode == 1
    assert done.stderr.startswith("camunda: error: ")


def test_env_file(address: str, tmp_path: Path) -> None:
    env_file = tmp_path / "camunda.env"
    env_file.write_text(f"CAMUNDA_REST_ADDRESS={address}\n")
    done = _camunda("--env-file", str(env_file), "topology", env=_env())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["clusterId"] == "fake-camunda"


_WORKER_MODULE = """
    import time
    from pathlib import Path

    from camunda.workers import JobRouter

    router = JobRouter()
    STARTED = Path(__file__).with_name("slow-started")


    @router.job("cli-fast")
    def fast() -> dict[str, bool]:
        return {"fast": True}


    @router.job("cli-slow")
    def slow() -> dict[str, bool]:
        STARTED.touch()
        time.sleep(1.5)
        return {"slow": True}
"""


def _until(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not callable(condition) or not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_worker_serves_a_module_router_and_stops_gracefully_on_sigterm(
    cluster: FakeCluster, address: str, tmp_path: Path
) -> None:
    (tmp_path / "cli_jobs.py").write_text(textwrap.dedent(_WORKER_MODULE))
    fast = cluster.add_jobs("cli-fast", count=3)
    (slow,) = cluster.add_jobs("cli-slow")
    process = subprocess.Popen(
        [sys.executable, "-m", "camunda", "worker", "cli_jobs:router", "--max-concurrent", "2"],
        cwd=tmp_path,
        env=_env(CAMUNDA_REST_ADDRESS=address),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _until(
            lambda: (
                (tmp_path / "slow-started").exists()
                and len(cluster.jobs(state=FakeJobState.COMPLETED, type="cli-fast")) == 3
            )
        )
        in_flight = cluster.job(slow)
        assert in_flight is not None and in_flight.state == FakeJobState.ACTIVATED
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "serving cli-fast, cli-slow" in err and "stopped" in err
    assert out == ""
    finished = cluster.job(slow)
    assert finished is not None and finished.state == FakeJobState.COMPLETED
    assert finished.completions == 1 and finished.result_variables == {"slow": True}
    assert all((job := cluster.job(key)) and job.completions == 1 for key in fast)


def test_worker_rejects_a_target_that_is_not_a_router(tmp_path: Path) -> None:
    (tmp_path / "not_router.py").write_text("router = 42\n")
    done = _camunda("worker", "not_router:router", env=_env(), cwd=tmp_path)
    assert done.returncode == 2
    assert "'not_router:router' is a int, not a camunda.workers.JobRouter" in done.stderr
    done = _camunda("worker", "no_such_module:router", env=_env(), cwd=tmp_path)
    assert done.returncode == 2 and "cannot import no_such_module" in done.stderr
