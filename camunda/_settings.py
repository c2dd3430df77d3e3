"""Configuration: one typed class read from ``CAMUNDA_*`` variables.

Precedence, lowest first: a ``.env`` file (only when ``CAMUNDA_LOAD_ENVFILE`` is set),
the process environment, explicit keyword arguments. ``os.environ`` is never modified.
The variable names and defaults follow the official SDK; the legacy ``ZEEBE_*`` and
``CAMUNDA_CLIENT_AUTH_*`` names are accepted as aliases. Empty variables count as unset.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Mapping
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Final, Literal, cast
from urllib.parse import SplitResult, urlsplit

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    InitSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from camunda._exceptions import ConfigurationError

__all__ = ["AuthStrategy", "BackpressureProfile", "CamundaSettings", "resolve_settings"]


class AuthStrategy(str, Enum):
    NONE = "NONE"
    BASIC = "BASIC"
    OAUTH = "OAUTH"


class BackpressureProfile(str, Enum):
    """How the client limits its calls when the cluster signals backpressure.

    ``BALANCED``: an adaptive client-side concurrency limit (see docs/backpressure.md);
    ``CONSERVATIVE`` / ``AGGRESSIVE``: the same, backing off harder / more lightly;
    ``LEGACY``: retries only, no limit.
    """

    BALANCED = "BALANCED"
    CONSERVATIVE = "CONSERVATIVE"
    AGGRESSIVE = "AGGRESSIVE"
    LEGACY = "LEGACY"


def _env(
    default: Any,
    *variables: str,
    description: str,
    gt: float | None = None,
    ge: float | None = None,
) -> Any:
    """A settings field read from ``variables`` (the main name first, then legacy aliases)."""
    return Field(
        default=default,
        gt=gt,
        ge=ge,
        validation_alias=AliasChoices(*variables),
        description=description,
    )


LogLevel = Literal["silent", "error", "warn", "info", "debug", "trace", "silly"]
_LOG_LEVELS: dict[str, int] = {
    "silent": logging.CRITICAL + 10,
    "error": logging.ERROR,
    "warn": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
    "trace": logging.DEBUG,
    "silly": logging.DEBUG,
}


class CamundaSettings(BaseSettings):
    """Everything the SDK can be configured with.

    Construct with keyword arguments (field names) to override the environment::

        CamundaSettings(rest_address="http://localhost:8080", auth_strategy="NONE")

    Raises:
        ConfigurationError: a value is invalid or the combination cannot work; the
            message names the variables involved.
    """

    model_config = SettingsConfigDict(
        validate_by_name=True, extra="ignore", env_ignore_empty=True, frozen=True
    )

    # --- cluster ---------------------------------------------------------------------
    rest_address: str = _env(
        "http://localhost:8080/v2",
        "CAMUNDA_REST_ADDRESS",
        "ZEEBE_REST_ADDRESS",
        description="The cluster's REST address; `/v2` is appended when missing.",
    )
    tenant_id: str | None = _env(
        None,
        "CAMUNDA_TENANT_ID",
        "CAMUNDA_DEFAULT_TENANT_ID",
        description="Default tenant for operations and workers that take a tenant.",
    )

    # --- auth ------------------------------------------------------------------------
    auth_strategy: AuthStrategy | None = _env(
        None,
        "CAMUNDA_AUTH_STRATEGY",
        description="NONE, BASIC or OAUTH; inferred from the credentials when unset.",
    )
    client_id: str | None = _env(
        None,
        "CAMUNDA_CLIENT_ID",
        "CAMUNDA_CLIENT_AUTH_CLIENTID",
        "ZEEBE_CLIENT_ID",
        description="OAuth client id.",
    )
    client_secret: SecretStr | None = _env(
        None,
        "CAMUNDA_CLIENT_SECRET",
        "CAMUNDA_CLIENT_AUTH_CLIENTSECRET",
        "ZEEBE_CLIENT_SECRET",
        description="OAuth client secret.",
    )
    oauth_url: str = _env(
        "https://login.cloud.camunda.io/oauth/token",
        "CAMUNDA_OAUTH_URL",
        "CAMUNDA_AUTHORIZATION_SERVER_URL",
        "ZEEBE_AUTHORIZATION_SERVER_URL",
        description="OAuth token endpoint (the default is SaaS's: self-managed clusters "
        "need their own).",
    )
    token_audience: str = _env(
        "zeebe.camunda.io", "CAMUNDA_TOKEN_AUDIENCE", description="OAuth audience."
    )
    token_scope: str | None = _env(
        None,
        "CAMUNDA_TOKEN_SCOPE",
        "CAMUNDA_OAUTH_SCOPE",
        description="OAuth scope (Microsoft Entra ID needs one).",
    )
    token_cache_dir: Path | None = _env(
        None,
        "CAMUNDA_TOKEN_CACHE_DIR",
        "CAMUNDA_OAUTH_CACHE_DIR",
        description="Directory for the OAuth token disk cache; no disk cache when unset.",
    )
    token_disk_cache_disable: bool = _env(
        False,
        "CAMUNDA_TOKEN_DISK_CACHE_DISABLE",
        description="Disable the OAuth token disk cache even when a directory is set.",
    )
    basic_auth_username: str | None = _env(
        None, "CAMUNDA_BASIC_AUTH_USERNAME", description="Username for basic auth."
    )
    basic_auth_password: SecretStr | None = _env(
        None, "CAMUNDA_BASIC_AUTH_PASSWORD", description="Password for basic auth."
    )

    # --- TLS -------------------------------------------------------------------------
    mtls_cert: SecretStr | None = _env(
        None,
        "CAMUNDA_MTLS_CERT",
        description="Client certificate, inline PEM (wins over the path).",
    )
    mtls_cert_path: Path | None = _env(
        None, "CAMUNDA_MTLS_CERT_PATH", description="Client certificate PEM file."
    )
    mtls_key: SecretStr | None = _env(
        None, "CAMUNDA_MTLS_KEY", description="Client private key, inline PEM (wins over the path)."
    )
    mtls_key_path: Path | None = _env(
        None, "CAMUNDA_MTLS_KEY_PATH", description="Client private key PEM file."
    )
    mtls_ca: SecretStr | None = _env(
        None, "CAMUNDA_MTLS_CA", description="CA bundle to trust, inline PEM (wins over the path)."
    )
    mtls_ca_path: Path | None = _env(
        None, "CAMUNDA_MTLS_CA_PATH", description="CA bundle PEM file to trust."
    )
    mtls_key_passphrase: SecretStr | None = _env(
        None, "CAMUNDA_MTLS_KEY_PASSPHRASE", description="Passphrase of an encrypted client key."
    )

    # --- transport (names of our own) ------------------------------------------------
    request_timeout: float = _env(
        30.0,
        "CAMUNDA_REQUEST_TIMEOUT",
        gt=0,
        description="Seconds a call may take (per attempt) before APITimeoutError.",
    )
    connect_timeout: float = _env(
        10.0, "CAMUNDA_CONNECT_TIMEOUT", gt=0, description="Seconds to establish a connection."
    )
    max_retries: int = _env(
        5,
        "CAMUNDA_MAX_RETRIES",
        ge=0,
        description="Retries after the first attempt for retryable failures.",
    )
    retry_initial_delay: float = _env(
        0.1,
        "CAMUNDA_RETRY_INITIAL_DELAY",
        gt=0,
        description="Seconds: the base of the exponential backoff (full jitter).",
    )
    retry_max_delay: float = _env(
        10.0,
        "CAMUNDA_RETRY_MAX_DELAY",
        gt=0,
        description="Seconds: the cap of one backoff sleep, also for Retry-After.",
    )
    backpressure_profile: BackpressureProfile = _env(
        BackpressureProfile.BALANCED,
        "CAMUNDA_SDK_BACKPRESSURE_PROFILE",
        description="BALANCED (adaptive concurrency limit), CONSERVATIVE, AGGRESSIVE, or "
        "LEGACY (retries only).",
    )
    log_level: LogLevel | None = _env(
        None,
        "CAMUNDA_SDK_LOG_LEVEL",
        description="Level of the `camunda` logger, with a stderr handler when set; unset "
        "leaves logging alone (silent).",
    )
    load_envfile: str | None = _env(
        None,
        "CAMUNDA_LOAD_ENVFILE",
        description="`true` reads ./.env, a path reads that file; values there rank below "
        "the environment.",
    )

    # --- worker defaults -------------------------------------------------------------
    worker_timeout_ms: int = _env(
        60_000,
        "CAMUNDA_WORKER_TIMEOUT",
        gt=0,
        description="Milliseconds a worker holds an activated job before it times out.",
    )
    worker_max_concurrent_jobs: int = _env(
        10,
        "CAMUNDA_WORKER_MAX_CONCURRENT_JOBS",
        gt=0,
        description="Jobs a worker runs at once, per job type.",
    )
    worker_request_timeout_ms: int = _env(
        0,
        "CAMUNDA_WORKER_REQUEST_TIMEOUT",
        ge=0,
        description="Milliseconds an activation request long-polls when no job is ready "
        "(0: the cluster's default).",
    )
    worker_name: str = _env(
        "camunda-python-sdk-worker",
        "CAMUNDA_WORKER_NAME",
        description="Worker name reported to the cluster.",
    )
    worker_startup_jitter_max_seconds: float = _env(
        0.0,
        "CAMUNDA_WORKER_STARTUP_JITTER_MAX_SECONDS",
        ge=0,
        description="A random delay up to this many seconds before a worker first polls.",
    )

    def __init__(self, **values: Any) -> None:
        unknown = sorted(set(values) - _accepted_names())
        if unknown:
            raise TypeError(f"CamundaSettings got unexpected keyword argument(s): {unknown}")
        # A field given by its name and by a variable name: the field name wins, as any
        # keyword argument wins over the environment.
        for name, field in type(self).model_fields.items():
            if name in values:
                for variable in _variables(field.validation_alias):
                    values.pop(variable, None)
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise ConfigurationError(_describe(exc)) from None
        self._check()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then the environment, then the ``.env`` file CAMUNDA_LOAD_ENVFILE names."""
        explicit: dict[str, Any] = (
            cast("dict[str, Any]", init_settings.init_kwargs)  # pyright: ignore[reportUnknownMemberType]
            if isinstance(init_settings, InitSettingsSource)
            else {}
        )
        choice = (
            explicit.get("load_envfile")
            or explicit.get("CAMUNDA_LOAD_ENVFILE")
            or os.environ.get("CAMUNDA_LOAD_ENVFILE")
            or ""
        )
        env_file = _envfile_path(str(choice))
        if env_file is None:
            return (init_settings, env_settings)
        if not env_file.is_file():
            raise ConfigurationError(f"CAMUNDA_LOAD_ENVFILE names {env_file}, which is not a file")
        try:
            dotenv = DotEnvSettingsSource(settings_cls, env_file=env_file)
        except (UnicodeDecodeError, OSError) as error:  # read here, once
            reason = (
                "not UTF-8 text"
                if isinstance(error, UnicodeDecodeError)
                else (error.strerror or type(error).__name__)
            )
            raise ConfigurationError(
                f"CAMUNDA_LOAD_ENVFILE names {env_file}, which cannot be read: {reason}"
            ) from None
        return (init_settings, env_settings, dotenv)

    @field_validator("rest_address")
    @classmethod
    def _normalise_address(cls, value: str) -> str:
        """The cluster's address, checked and ending in ``/v2`` (appended when missing).

        Refused: an address that is no http(s) URL with a host, one with credentials, a
        query or a fragment (they would be lost or leak into messages), and one whose path
        names another API version (``/v1`` would become ``/v1/v2``) or an endpoint below
        ``/v2``. The scheme is case-insensitive.
        """
        parts = _http_url(value)
        path = parts.path.rstrip("/")
        version = _VERSION_SEGMENT.search(path)
        if version is not None and version.group(0) != "/v2":
            raise ValueError(
                f"ends with {version.group(0)}: the SDK calls the /v2 REST API; give the "
                "cluster's address (http://host:8080) or one ending in /v2"
            )
        if "/v2/" in path + "/" and not path.endswith("/v2"):
            raise ValueError(
                "names a path below /v2: give the address up to /v2 (http://host:8080/v2), "
                "the SDK adds each operation's path"
            )
        base = f"{parts.scheme.lower()}://{parts.netloc}{path}"
        return base if path.endswith("/v2") else base + "/v2"

    # -- derived ------------------------------------------------------------------------

    @property
    def effective_auth_strategy(self) -> AuthStrategy:
        """The strategy in force: the explicit one, or the one the credentials imply."""
        if self.auth_strategy is not None:
            return self.auth_strategy
        if self.client_id and self.client_secret:
            return AuthStrategy.OAUTH
        if self.basic_auth_username and self.basic_auth_password:
            return AuthStrategy.BASIC
        return AuthStrategy.NONE

    @property
    def worker_timeout(self) -> timedelta:
        return timedelta(milliseconds=self.worker_timeout_ms)

    @property
    def worker_request_timeout(self) -> timedelta:
        return timedelta(milliseconds=self.worker_request_timeout_ms)

    @property
    def logging_level(self) -> int | None:
        return None if self.log_level is None else _LOG_LEVELS[self.log_level]

    def _check(self) -> None:
        credentials = {
            AuthStrategy.OAUTH: (
                ("CAMUNDA_CLIENT_ID", self.client_id),
                ("CAMUNDA_CLIENT_SECRET", self.client_secret),
            ),
            AuthStrategy.BASIC: (
                ("CAMUNDA_BASIC_AUTH_USERNAME", self.basic_auth_username),
                ("CAMUNDA_BASIC_AUTH_PASSWORD", self.basic_auth_password),
            ),
        }
        given = [kind for kind, pairs in credentials.items() if any(value for _, value in pairs)]
        strategy = self.auth_strategy
        if strategy is None and len(given) > 1:
            raise ConfigurationError(
                "both OAuth credentials (CAMUNDA_CLIENT_ID/CAMUNDA_CLIENT_SECRET) and basic "
                "credentials (CAMUNDA_BASIC_AUTH_USERNAME/CAMUNDA_BASIC_AUTH_PASSWORD) are set; "
                "set CAMUNDA_AUTH_STRATEGY to choose one"
            )
        for kind, pairs in credentials.items():
            missing = " and ".join(name for name, value in pairs if not value)
            if missing and strategy is kind:
                raise ConfigurationError(f"CAMUNDA_AUTH_STRATEGY={kind.value} needs {missing}")
            if missing and strategy is None and kind in given:
                raise ConfigurationError(
                    f"{kind.value} credentials are incomplete: {missing} is not set"
                )
        if self.effective_auth_strategy is AuthStrategy.OAUTH:
            try:
                _http_url(self.oauth_url)
            except ValueError as exc:
                raise ConfigurationError(
                    f"invalid configuration: oauth_url (CAMUNDA_OAUTH_URL): {exc}"
                ) from None
        has_cert = bool(self.mtls_cert or self.mtls_cert_path)
        has_key = bool(self.mtls_key or self.mtls_key_path)
        if has_cert != has_key:
            raise ConfigurationError(
                "mTLS needs both a certificate (CAMUNDA_MTLS_CERT or CAMUNDA_MTLS_CERT_PATH) "
                "and a key (CAMUNDA_MTLS_KEY or CAMUNDA_MTLS_KEY_PATH)"
            )
        if self.mtls_key_passphrase and not has_key:
            raise ConfigurationError(
                "CAMUNDA_MTLS_KEY_PASSPHRASE is set but no key "
                "(CAMUNDA_MTLS_KEY or CAMUNDA_MTLS_KEY_PATH) is"
            )


def resolve_settings(value: object, owner: str) -> CamundaSettings:
    """The settings a client was given: ``CamundaSettings`` as is, ``None`` from the
    environment, a mapping of ``CAMUNDA_*`` (or field) names as explicit values over the
    environment. Anything else is a ``TypeError`` naming ``owner``."""
    if isinstance(value, CamundaSettings):
        return value
    if value is None:
        return CamundaSettings()
    if isinstance(value, Mapping):
        given = cast("Mapping[object, Any]", value)
        odd = sorted(repr(key) for key in given if not isinstance(key, str))
        if odd:
            raise TypeError(f"{owner}: setting names must be strings, got {', '.join(odd)}")
        return CamundaSettings(**{str(key): item for key, item in given.items()})
    raise TypeError(
        f"{owner}(settings) takes a CamundaSettings, a mapping of CAMUNDA_* names to values "
        f"or None, not {type(value).__name__}"
    )


_VERSION_SEGMENT: Final = re.compile(r"/v[0-9]+$")
_HOST: Final = re.compile(rb"[A-Za-z0-9_.-]+")


def _http_url(value: str) -> SplitResult:
    """``value`` split as an http(s) URL with a valid host, no credentials, no query and
    no fragment; raises ``ValueError`` saying which of these it is not."""
    try:
        parts = urlsplit(value.strip())
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise ValueError(f"is not a URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL with a host")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            "must not carry credentials (user:password@): set CAMUNDA_BASIC_AUTH_USERNAME "
            "and CAMUNDA_BASIC_AUTH_PASSWORD, or the OAuth settings"
        )
    if parts.query or parts.fragment or value.rstrip().endswith(("?", "#")):
        raise ValueError("must not have a query string or a fragment ('?...', '#...')")
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number in 0-65535
        host = parts.hostname.encode("idna")
    except (ValueError, UnicodeError):
        raise ValueError("has an invalid host name or port") from None
    if ":" in parts.hostname:  # an IPv6 literal: urlsplit has checked the brackets
        return parts
    if not _HOST.fullmatch(host) or any(
        not label or len(label) > 63 for label in host.rstrip(b".").split(b".")
    ):
        raise ValueError("has an invalid host name")
    return parts


@functools.cache
def _accepted_names() -> frozenset[str]:
    """Field names and every variable name: what ``CamundaSettings(...)`` accepts."""
    names: set[str] = set()
    for name, field in CamundaSettings.model_fields.items():
        names.update((name, *_variables(field.validation_alias)))
    return frozenset(names)


def _envfile_path(choice: str) -> Path | None:
    value = choice.strip()
    if not value or value.lower() in ("false", "0", "no"):
        return None
    if value.lower() in ("true", "1", "yes"):
        return Path.cwd() / ".env"
    return Path(value).expanduser()


def _variables(alias: Any) -> tuple[str, ...]:
    if isinstance(alias, AliasChoices):
        return tuple(str(choice) for choice in alias.choices)
    return ()


def _describe(exc: ValidationError) -> str:
    """Name each bad setting once, by the variable it came from, never echoing its value.

    A value read from the environment or a ``.env`` file is reported under the variable
    that carried it (``ZEEBE_REST_ADDRESS: ...``); a keyword argument under its field name
    and its main variable (``worker_timeout_ms (CAMUNDA_WORKER_TIMEOUT): ...``).
    """
    problems: list[str] = []
    for error in exc.errors(include_input=False, include_url=False):
        name = str(error["loc"][0]) if error["loc"] else "?"
        field = CamundaSettings.model_fields.get(name)
        if field is not None and _variables(field.validation_alias):
            name = f"{name} ({_variables(field.validation_alias)[0]})"
        else:  # read from a variable: name the alias that was actually set
            name = _variable_in_use(name)
        problems.append(f"{name}: {error['msg'].removeprefix('Value error, ')}")
    return "invalid configuration: " + "; ".join(problems)


def _variable_in_use(variable: str) -> str:
    """The variable among ``variable``'s aliases that the environment sets (errors from the
    environment are reported under a field's first alias, whichever one carried the value)."""
    for field in CamundaSettings.model_fields.values():
        names = _variables(field.validation_alias)
        if variable in names:
            return next((name for name in names if os.environ.get(name)), variable)
    return variable
