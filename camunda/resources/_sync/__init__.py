# Derived by scripts/unasync.py from _async/__init__.py; do not edit.
