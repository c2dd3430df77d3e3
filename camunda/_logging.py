"""Logging: stdlib loggers under ``camunda.*``, silent by default (a ``NullHandler``, the
library convention). ``CAMUNDA_SDK_LOG_LEVEL`` / ``log_level=`` set the level and write
to stderr; ``camunda worker`` and the FastAPI lifespan write INFO to stderr by default.
The stderr handler keeps quiet once the application configures logging itself (a
handler on the root logger), so no line is written twice. Nothing the SDK logs contains
a secret."""

from __future__ import annotations

import logging
import sys
import threading
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from camunda._settings import CamundaSettings

__all__ = ["configure_logging", "log_to_stderr", "warn_in_event_loop"]

_ROOT = logging.getLogger("camunda")
_ROOT.addHandler(logging.NullHandler())


class _StderrHandler(logging.Handler):
    """Writes to the stderr of the moment, unless the application has root handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if logging.getLogger().handlers:  # the application logs for itself
            return
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def log_to_stderr(level: int) -> None:
    """Set the ``camunda`` logger's level and give it a stderr handler (once)."""
    _ROOT.setLevel(level)
    if not any(isinstance(handler, _StderrHandler) for handler in _ROOT.handlers):
        _ROOT.addHandler(_StderrHandler())


def configure_logging(settings: CamundaSettings, default: int | None = None) -> None:
    """Log to stderr at the level the settings name (``CAMUNDA_SDK_LOG_LEVEL``), else at
    ``default``; with neither, leave logging alone."""
    level = settings.logging_level if settings.logging_level is not None else default
    if level is not None:
        log_to_stderr(level)


def warn_in_event_loop() -> None:
    """Warn once when a sync client is called on a thread that runs an event loop (it
    blocks every task of that loop while it waits)."""
    if _warned.is_set():
        return
    asyncio = sys.modules.get("asyncio")
    trio = sys.modules.get("trio")
    if (asyncio is not None and asyncio.events._get_running_loop() is not None) or (  # pyright: ignore[reportPrivateUsage]
        trio is not None and trio.lowlevel.in_trio_run()
    ):
        _warned.set()
        frame, level = sys._getframe(1), 2  # pyright: ignore[reportPrivateUsage]
        while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(
            "camunda."
        ):
            frame, level = frame.f_back, level + 1
        warnings.warn(
            "a sync CamundaClient was called inside a running event loop: it blocks the "
            "loop while it waits; use CamundaAsyncClient there",
            RuntimeWarning,
            stacklevel=level,
        )


_warned = threading.Event()
