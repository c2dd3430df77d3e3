"""``python -m benchmarks``: run every scenario and print the report (see ``run.py``)."""

from benchmarks.run import main

main()
