"""The shared transport: a sans-I/O core (``_base``) with thin sync and async senders."""
