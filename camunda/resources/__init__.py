"""Resource groups: ``resources/_async`` is hand-written, ``resources/_sync`` derived from it."""
