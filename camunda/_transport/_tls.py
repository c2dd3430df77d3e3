"""TLS set-up: the verifying SSL context, with the mTLS material from the settings.

Verification is always on. ``ssl`` loads a client certificate and key only from files:
material given inline (``CAMUNDA_MTLS_CERT``/``_KEY``) is written to a private temporary
directory (mode 0700, files 0600) for the time of ``load_cert_chain`` and removed at once.
"""

from __future__ import annotations

import functools
import ssl
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

import httpx

from camunda._exceptions import ConfigurationError

if TYPE_CHECKING:
    from camunda._settings import CamundaSettings

__all__ = ["default_ssl_context", "ssl_context"]


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    """One verifying context per process: loading the CA bundle costs ~0.3 s per client."""
    return httpx.create_ssl_context()


def ssl_context(settings: CamundaSettings) -> ssl.SSLContext | None:
    """The TLS configuration from the mTLS settings; verification is always on.

    ``None`` without mTLS material: the transport then uses :func:`default_ssl_context`
    when it creates its pool (so a client that sends nothing never loads the CA bundle).
    Raises ``ConfigurationError`` at once for mTLS material that cannot be loaded.
    """
    ca = settings.mtls_ca.get_secret_value() if settings.mtls_ca else None
    ca_path = settings.mtls_ca_path
    cert = settings.mtls_cert.get_secret_value() if settings.mtls_cert else None
    key = settings.mtls_key.get_secret_value() if settings.mtls_key else None
    if not (ca or ca_path or cert or key or settings.mtls_cert_path):
        return None
    context = ssl.create_default_context()
    try:
        if ca:
            context.load_verify_locations(cadata=ca)
        elif ca_path:
            context.load_verify_locations(cafile=str(ca_path))
        if cert or key or settings.mtls_cert_path:
            password = (
                settings.mtls_key_passphrase.get_secret_value()
                if settings.mtls_key_passphrase
                else None
            )
            with tempfile.TemporaryDirectory(prefix="camunda-mtls-") as tmp:
                cert_file = _pem_file(tmp, "cert.pem", cert, settings.mtls_cert_path)
                key_file = _pem_file(tmp, "key.pem", key, settings.mtls_key_path)
                context.load_cert_chain(cert_file, key_file, password=password)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigurationError(
            "could not load the mTLS material (CAMUNDA_MTLS_CERT/_KEY/_CA or their _PATH "
            f"variants): {type(exc).__name__}: {getattr(exc, 'strerror', None) or exc.args[0]}"
        ) from None
    return context


def _pem_file(tmp: str, name: str, inline: str | None, path: Path | None) -> str:
    """A path to the PEM: the configured file, or the inline text written under ``tmp``."""
    if inline is None:
        return str(cast("Path", path))
    target = Path(tmp) / name
    target.touch(mode=0o600)
    target.write_text(inline)
    return str(target)
