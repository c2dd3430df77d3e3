"""``python -m camunda demo``: embedded, against a served cluster, and its progress output."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import anyio
import pytest

from camunda.testing import FakeCluster, FakeJobState
from camunda.testing._demo import run_demo

if TYPE_CHECKING:
    from pathlib import Path


def _run_demo(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "camunda", "demo", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_the_demo_runs_on_the_embedded_cluster() -> None:
    done = _run_demo("--instances", "20", env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert "embedded fake cluster" in done.stdout
    assert "instances    20/20 completed" in done.stdout
    assert "jobs         60 completed" in done.stdout
    assert "instances/s" in done.stdout
    assert "\r" not in done.stdout  # not a terminal: plain lines


def test_the_demo_runs_against_the_cluster_in_camunda_rest_address() -> None:
    cluster = FakeCluster()
    with cluster.serve() as base_url:
        done = _run_demo(
            "--instances", "5", env={**dict(os.environ), "CAMUNDA_REST_ADDRESS": base_url}
        )
    assert done.returncode == 0, done.stderr
    assert f"{base_url}/v2" in done.stdout
    assert len(cluster.process_instances(state="COMPLETED")) == 5
    assert len(cluster.jobs(state=FakeJobState.COMPLETED)) == 15


def test_the_demo_runs_against_the_cluster_in_an_env_file(tmp_path: Path) -> None:
    cluster = FakeCluster()
    env_file = tmp_path / "camunda.env"
    with cluster.serve() as base_url:
        env_file.write_text(f"CAMUNDA_REST_ADDRESS={base_url}\n")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "camunda",
                "--env-file",
                str(env_file),
                "demo",
                "--instances",
                "3",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert f"{base_url}/v2" in done.stdout
    assert len(cluster.process_instances(state="COMPLETED")) == 3


def test_bad_arguments_are_rejected() -> None:
    done = _run_demo("--instances", "0", env=dict(os.environ))
    assert done.returncode == 2
    assert "must be at least 1" in done.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.anyio
async def test_a_terminal_gets_a_progress_bar() -> None:
    out = _Terminal()
    with FakeCluster() as cluster:
        async with cluster.async_client() as client:
            result = await run_demo(client, instances=4, target="fake", out=out, timeout=30)
    assert (result.completed, result.jobs) == (4, 12)
    text = out.getvalue()
    assert text.count("\r\x1b[2K  instances [") == 5  # 0/4 on entry, then one per order
    assert text.endswith("  instances [##############################] 4/4\n")


@pytest.mark.anyio
async def test_the_timeout_bounds_creation_too() -> None:
    out = io.StringIO()
    with anyio.fail_after(30), FakeCluster() as cluster:
        async with cluster.async_client() as client:
            result = await run_demo(client, instances=10**9, target="fake", out=out, timeout=0.5)
    assert result.timed_out
    assert result.completed <= result.created < result.instances
