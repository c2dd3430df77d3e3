"""Logging: stdlib loggers under ``camunda.*``, silent unless the application configures
logging or ``CAMUNDA_SDK_LOG_LEVEL`` is set. Nothing the SDK logs contains a secret."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from camunda._settings import CamundaSettings

logging.getLogger("camunda").addHandler(logging.NullHandler())


def configure_logging(settings: CamundaSettings) -> None:
    """Apply ``CAMUNDA_SDK_LOG_LEVEL`` to the ``camunda`` logger, if it is set."""
    level = settings.logging_level
    if level is not None:
        logging.getLogger("camunda").setLevel(level)
