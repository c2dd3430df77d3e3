"""``python -m camunda``: the ``camunda`` command (see :mod:`camunda.cli`)."""

from __future__ import annotations

import sys

from camunda.cli import main

if __name__ == "__main__":
    sys.exit(main())
