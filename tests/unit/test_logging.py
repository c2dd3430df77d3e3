"""SDK logging: silent by default; a level setting writes to stderr (quiet once the
application logs for itself); a sync client inside an event loop warns once."""

from __future__ import annotations

import logging
import threading

import anyio
import pytest

import camunda._logging
from camunda import CamundaSettings
from camunda._logging import configure_logging
from camunda.testing import FakeCluster


@pytest.fixture
def bare_logging(monkeypatch: pytest.MonkeyPatch) -> logging.Logger:
    """The ``camunda`` logger as a fresh process has it."""
    sdk = logging.getLogger("camunda")
    monkeypatch.setattr(sdk, "handlers", [logging.NullHandler()])
    monkeypatch.setattr(sdk, "level", logging.NOTSET)
    return sdk


def no_app_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """No root handlers, as in a script: pytest installs its capture handlers on the root
    logger for the test's body, where they stand for an application's logging."""
    monkeypatch.setattr(logging.getLogger(), "handlers", [])


def test_silent_by_default(
    bare_logging: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_app_logging(monkeypatch)
    configure_logging(CamundaSettings())
    logging.getLogger("camunda.workers").error("invisible")
    assert capsys.readouterr().err == ""


def test_a_log_level_writes_to_stderr_once(
    bare_logging: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_app_logging(monkeypatch)
    configure_logging(CamundaSettings(log_level="info"))
    configure_logging(CamundaSettings(log_level="info"))  # one handler, not two
    logging.getLogger("camunda.workers").info("job 1 (charge) failed")
    logging.getLogger("camunda.workers").debug("below the level")
    err = capsys.readouterr().err
    assert err.count("job 1 (charge) failed") == 1 and "INFO camunda.workers" in err
    assert "below the level" not in err


def test_the_env_variable_and_a_default(
    bare_logging: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_app_logging(monkeypatch)
    configure_logging(CamundaSettings(), default=logging.INFO)  # e.g. `camunda worker`
    logging.getLogger("camunda").info("by default")
    monkeypatch.setenv("CAMUNDA_SDK_LOG_LEVEL", "error")
    configure_logging(CamundaSettings(), default=logging.INFO)  # the variable wins
    logging.getLogger("camunda").info("now filtered")
    err = capsys.readouterr().err
    assert "by default" in err and "now filtered" not in err


def test_quiet_once_the_application_logs_for_itself(
    bare_logging: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    no_app_logging(monkeypatch)
    configure_logging(CamundaSettings(log_level="info"))
    logging.getLogger().addHandler(logging.NullHandler())  # e.g. logging.basicConfig()
    logging.getLogger("camunda").info("written by the application's handlers only")
    assert capsys.readouterr().err == ""


@pytest.mark.anyio
async def test_a_sync_client_inside_an_event_loop_warns_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(camunda._logging, "_warned", threading.Event())
    with FakeCluster() as cluster, cluster.client() as client:
        with pytest.warns(RuntimeWarning, match="inside a running event loop") as caught:
            client.jobs.search()
            client.jobs.search()
        assert len(caught) == 1
        assert caught[0].filename == __file__  # points at the caller's line


def test_a_sync_client_in_a_worker_thread_does_not_warn(
    monkeypatch: pytest.MonkeyPatch,
    recwarn: pytest.WarningsRecorder,
) -> None:
    monkeypatch.setattr(camunda._logging, "_warned", threading.Event())

    async def main() -> None:
        with FakeCluster() as cluster, cluster.client() as client:
            await anyio.to_thread.run_sync(client.jobs.search)

    anyio.run(main)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
