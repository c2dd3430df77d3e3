"""The transport layer: everything between a resource method and the wire.

This module is the layer's interface: resources, workers, the fake cluster and the CLI
import from here, never from the private modules behind it, which are

* ``_operation``: :class:`Operation` (one REST operation, declared by its resource), the
  per-client options and server-side waits;
* ``_request``: arguments split, validated and encoded (sans-I/O);
* ``_response``: answers parsed, failed statuses and connections turned into typed errors;
* ``_retry``: how long to wait before a retry (which failures are retried is
  ``camunda._exceptions.is_retryable``);
* ``_tls``: SSL contexts with the mTLS material;
* ``_auth``: ``httpx.Auth`` flows (none, basic, OAuth client credentials);
* ``_backpressure``: the adaptive gate that holds calls back while the cluster is busy;
* ``_pools``: the connection pools and when they may be used (after ``close()``, from
  another event loop, in a forked child); ``_fork`` resets state in a forked child;
* ``_async`` / ``_sync``: the senders (the sync one derived by ``scripts/unasync.py``).
"""

from camunda._transport._async import AsyncTransport
from camunda._transport._backpressure import BackpressureState
from camunda._transport._operation import Operation
from camunda._transport._request import FileValue
from camunda._transport._sync import Transport

__all__ = [
    "AsyncTransport",
    "BackpressureState",
    "FileValue",
    "Operation",
    "Transport",
]
