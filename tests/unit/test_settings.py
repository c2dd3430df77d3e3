from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from camunda import CamundaSettings, ConfigurationError
from camunda._settings import AuthStrategy, BackpressureProfile

SECRET = "pa55-word-never-shown"

# The defaults of the official SDK 9.0.1 (CamundaSdkConfiguration and its worker config
# resolver), by variable. Deliberate differences are listed in test_deliberate_differences.
OFFICIAL_DEFAULTS: dict[str, Any] = {
    "rest_address": "http://localhost:8080/v2",
    "token_audience": "zeebe.camunda.io",
    "oauth_url": "https://login.cloud.camunda.io/oauth/token",
    "client_id": None,
    "client_secret": None,
    "basic_auth_username": None,
    "basic_auth_password": None,
    "token_cache_dir": None,
    "token_disk_cache_disable": False,
    "backpressure_profile": BackpressureProfile.BALANCED,
    "tenant_id": None,
    "worker_request_timeout_ms": 0,
    "worker_max_concurrent_jobs": 10,
    "worker_name": "camunda-python-sdk-worker",
    "worker_startup_jitter_max_seconds": 0.0,
    "mtls_cert": None,
    "mtls_cert_path": None,
    "mtls_key": None,
    "mtls_key_path": None,
    "mtls_ca": None,
    "mtls_ca_path": None,
    "mtls_key_passphrase": None,
}


def test_defaults_match_the_official_sdk() -> None:
    settings = CamundaSettings()
    assert {name: getattr(settings, name) for name in OFFICIAL_DEFAULTS} == OFFICIAL_DEFAULTS
    assert settings.effective_auth_strategy is AuthStrategy.NONE


def test_deliberate_differences() -> None:
    settings = CamundaSettings()
    # The official SDK requires a job timeout; we default to one minute.
    assert settings.worker_timeout_ms == 60_000
    # The official SDK sets its logger to "error"; we leave logging to the application.
    assert settings.log_level is None and settings.logging_level is None


@pytest.mark.parametrize(
    ("variable", "field", "value", "expected"),
    [
        ("CAMUNDA_REST_ADDRESS", "rest_address", "http://a:1", "http://a:1/v2"),
        ("ZEEBE_REST_ADDRESS", "rest_address", "http://z:2/", "http://z:2/v2"),
        ("CAMUNDA_CLIENT_ID", "client_id", "cid", "cid"),
        ("CAMUNDA_CLIENT_AUTH_CLIENTID", "client_id", "cid2", "cid2"),
        ("ZEEBE_CLIENT_ID", "client_id", "cid3", "cid3"),
        ("CAMUNDA_OAUTH_URL", "oauth_url", "http://o/t", "http://o/t"),
        ("CAMUNDA_AUTHORIZATION_SERVER_URL", "oauth_url", "http://o2/t", "http://o2/t"),
        ("ZEEBE_AUTHORIZATION_SERVER_URL", "oauth_url", "http://o3/t", "http://o3/t"),
        ("CAMUNDA_TOKEN_SCOPE", "token_scope", "s1", "s1"),
        ("CAMUNDA_OAUTH_SCOPE", "token_scope", "s2", "s2"),
        ("CAMUNDA_TOKEN_CACHE_DIR", "token_cache_dir", "/tmp/c1", Path("/tmp/c1")),
        ("CAMUNDA_OAUTH_CACHE_DIR", "token_cache_dir", "/tmp/c2", Path("/tmp/c2")),
        ("CAMUNDA_TENANT_ID", "tenant_id", "t1", "t1"),
        ("CAMUNDA_DEFAULT_TENANT_ID", "tenant_id", "t2", "t2"),
        ("CAMUNDA_TOKEN_AUDIENCE", "token_audience", "aud", "aud"),
        ("CAMUNDA_WORKER_TIMEOUT", "worker_timeout_ms", "1234", 1234),
        ("CAMUNDA_SDK_LOG_LEVEL", "log_level", "debug", "debug"),
        (
            "CAMUNDA_SDK_BACKPRESSURE_PROFILE",
            "backpressure_profile",
            "LEGACY",
            BackpressureProfile.LEGACY,
        ),
    ],
)
def test_every_variable_and_alias_is_read(
    monkeypatch: pytest.MonkeyPatch, variable: str, field: str, value: str, expected: Any
) -> None:
    monkeypatch.setenv(variable, value)
    if field == "client_id":  # an id alone is incomplete
        monkeypatch.setenv("CAMUNDA_CLIENT_SECRET", SECRET)
    assert getattr(CamundaSettings(), field) == expected


@pytest.mark.parametrize(
    "variable", ["CAMUNDA_CLIENT_SECRET", "CAMUNDA_CLIENT_AUTH_CLIENTSECRET", "ZEEBE_CLIENT_SECRET"]
)
def test_secret_aliases(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv("CAMUNDA_CLIENT_ID", "cid")
    monkeypatch.setenv(variable, SECRET)
    settings = CamundaSettings()
    assert isinstance(settings.client_secret, SecretStr)
    assert settings.client_secret.get_secret_value() == SECRET
    assert settings.effective_auth_strategy is AuthStrategy.OAUTH


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://h:8080", "http://h:8080/v2"),
        ("http://h:8080/", "http://h:8080/v2"),
        ("http://h:8080/v2", "http://h:8080/v2"),
        ("http://h:8080/v2/", "http://h:8080/v2"),
        ("https://x.example/zeebe", "https://x.example/zeebe/v2"),
        ("HTTP://h:8080", "http://h:8080/v2"),  # the scheme is case-insensitive
        ("HTTPS://[::1]:8443/", "https://[::1]:8443/v2"),
    ],
)
def test_v2_is_appended_once(given: str, expected: str) -> None:
    assert CamundaSettings(rest_address=given).rest_address == expected


def test_rest_address_needs_a_scheme() -> None:
    with pytest.raises(ConfigurationError, match=r"rest_address \(CAMUNDA_REST_ADDRESS\)"):
        CamundaSettings(rest_address="localhost:8080")


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("http://h:8080/v1", "ends with /v1: the SDK calls the /v2 REST API"),
        ("http://h:8080/v2/process-instances", "names a path below /v2"),
        ("http://h:8080/?tenant=a", "must not have a query string"),
        ("http://h:8080#top", "must not have a query string or a fragment"),
        ("http://user:pw@h:8080", "must not carry credentials"),
        ("http://h:99999", "invalid host name or port"),
        ("http://exa mple.com", "invalid host name"),
        ("http://" + "a" * 64 + ".example", "invalid host name"),
        ("http://[::1", "is not a URL"),
        ("ftp://h", "must be an http:// or https:// URL"),
    ],
)
def test_a_rest_address_that_cannot_work_is_refused_at_construction(
    given: str, problem: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        CamundaSettings(rest_address=given)
    message = str(caught.value)
    assert "rest_address (CAMUNDA_REST_ADDRESS): " in message and problem in message
    assert "pw" not in message and "Value error" not in message


def test_a_field_given_by_name_and_by_variable_takes_the_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "http://from-env:1")
    settings = CamundaSettings(
        rest_address="http://by-name:2",
        CAMUNDA_REST_ADDRESS="http://by-variable:3",
        ZEEBE_REST_ADDRESS="http://by-alias:4",
    )
    assert settings.rest_address == "http://by-name:2/v2"
    # without the field name, a variable name given as a keyword still beats the environment
    assert CamundaSettings(CAMUNDA_REST_ADDRESS="http://by-variable:3").rest_address == (
        "http://by-variable:3/v2"
    )


def test_precedence_dotenv_then_environment_then_kwargs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    envfile = tmp_path / "custom.env"
    envfile.write_text(
        "CAMUNDA_REST_ADDRESS=http://from-dotenv\n"
        "CAMUNDA_TENANT_ID=dotenv-tenant\n"
        "CAMUNDA_WORKER_NAME=dotenv-worker\n"
        "UNRELATED_VARIABLE=ignored\n"
    )
    monkeypatch.setenv("CAMUNDA_LOAD_ENVFILE", str(envfile))
    monkeypatch.setenv("CAMUNDA_TENANT_ID", "env-tenant")
    monkeypatch.setenv("CAMUNDA_WORKER_NAME", "env-worker")
    before = dict(os.environ)

    settings = CamundaSettings(worker_name="kwarg-worker")

    assert settings.rest_address == "http://from-dotenv/v2"  # only in .env
    assert settings.tenant_id == "env-tenant"  # environment beats .env
    assert settings.worker_name == "kwarg-worker"  # keyword beats both
    assert dict(os.environ) == before  # nothing was written into the environment
    assert "UNRELATED_VARIABLE" not in os.environ


def test_an_alias_in_the_environment_beats_the_main_name_in_dotenv(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    envfile = tmp_path / ".env"
    envfile.write_text("CAMUNDA_REST_ADDRESS=http://from-dotenv\n")
    monkeypatch.setenv("CAMUNDA_LOAD_ENVFILE", str(envfile))
    monkeypatch.setenv("ZEEBE_REST_ADDRESS", "http://from-env")
    assert CamundaSettings().rest_address == "http://from-env/v2"


def test_a_keyword_beats_an_alias_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZEEBE_REST_ADDRESS", "http://from-env")
    assert CamundaSettings(rest_address="http://kw").rest_address == "http://kw/v2"


def test_load_envfile_true_reads_dotenv_in_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("CAMUNDA_TENANT_ID=from-cwd\n")
    monkeypatch.chdir(tmp_path)
    assert CamundaSettings().tenant_id is None  # not read unless asked
    monkeypatch.setenv("CAMUNDA_LOAD_ENVFILE", "true")
    assert CamundaSettings().tenant_id == "from-cwd"
    assert "CAMUNDA_TENANT_ID" not in os.environ


def test_load_envfile_as_a_keyword(tmp_path: Path) -> None:
    envfile = tmp_path / "x.env"
    envfile.write_text("CAMUNDA_TENANT_ID=kw-file\n")
    assert CamundaSettings(load_envfile=str(envfile)).tenant_id == "kw-file"


def test_an_envfile_that_is_not_utf8_is_a_configuration_error_naming_it(tmp_path: Path) -> None:
    envfile = tmp_path / "latin1.env"
    envfile.write_bytes(b"CAMUNDA_CLIENT_SECRET=s\xe9cret\n")
    with pytest.raises(ConfigurationError, match=r"latin1\.env, which cannot be read: not UTF-8"):
        CamundaSettings(load_envfile=str(envfile))


def test_missing_envfile_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAMUNDA_LOAD_ENVFILE", str(tmp_path / "nope.env"))
    with pytest.raises(ConfigurationError, match="CAMUNDA_LOAD_ENVFILE"):
        CamundaSettings()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, AuthStrategy.NONE),
        ({"client_id": "c", "client_secret": "s"}, AuthStrategy.OAUTH),
        ({"basic_auth_username": "u", "basic_auth_password": "p"}, AuthStrategy.BASIC),
        ({"auth_strategy": "NONE", "client_id": "c", "client_secret": "s"}, AuthStrategy.NONE),
        (
            {
                "auth_strategy": "BASIC",
                "client_id": "c",
                "client_secret": "s",
                "basic_auth_username": "u",
                "basic_auth_password": "p",
            },
            AuthStrategy.BASIC,
        ),
    ],
)
def test_auth_strategy_inference(values: dict[str, Any], expected: AuthStrategy) -> None:
    assert CamundaSettings(**values).effective_auth_strategy is expected


def test_both_kinds_of_credentials_need_an_explicit_strategy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CAMUNDA_CLIENT_ID", "c")
    monkeypatch.setenv("CAMUNDA_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("CAMUNDA_BASIC_AUTH_USERNAME", "u")
    monkeypatch.setenv("CAMUNDA_BASIC_AUTH_PASSWORD", SECRET)
    with pytest.raises(ConfigurationError) as info:
        CamundaSettings()
    message = str(info.value)
    for name in (
        "CAMUNDA_CLIENT_ID",
        "CAMUNDA_CLIENT_SECRET",
        "CAMUNDA_BASIC_AUTH_USERNAME",
        "CAMUNDA_BASIC_AUTH_PASSWORD",
        "CAMUNDA_AUTH_STRATEGY",
    ):
        assert name in message
    assert SECRET not in message


@pytest.mark.parametrize(
    ("values", "missing"),
    [
        ({"client_id": "c"}, "CAMUNDA_CLIENT_SECRET"),
        ({"client_secret": SECRET}, "CAMUNDA_CLIENT_ID"),
        ({"auth_strategy": "OAUTH"}, "CAMUNDA_CLIENT_ID and CAMUNDA_CLIENT_SECRET"),
        ({"auth_strategy": "OAUTH", "client_id": "c"}, "CAMUNDA_CLIENT_SECRET"),
        ({"basic_auth_username": "u"}, "CAMUNDA_BASIC_AUTH_PASSWORD"),
        ({"basic_auth_password": SECRET}, "CAMUNDA_BASIC_AUTH_USERNAME"),
        ({"auth_strategy": "BASIC", "basic_auth_username": "u"}, "CAMUNDA_BASIC_AUTH_PASSWORD"),
        ({"mtls_cert": "PEM"}, "CAMUNDA_MTLS_KEY"),
        ({"mtls_key_path": "/k.pem"}, "CAMUNDA_MTLS_CERT"),
        ({"mtls_key_passphrase": SECRET}, "CAMUNDA_MTLS_KEY"),
    ],
)
def test_incomplete_credentials(values: dict[str, Any], missing: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        CamundaSettings(**values)
    assert missing in str(info.value)
    assert SECRET not in str(info.value)


def test_configuration_error_is_a_value_error() -> None:
    assert issubclass(ConfigurationError, ValueError)


def test_an_invalid_variable_is_named_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_WORKER_TIMEOUT", "soon")
    with pytest.raises(ConfigurationError) as info:
        CamundaSettings()
    message = str(info.value)
    assert message.startswith("invalid configuration: CAMUNDA_WORKER_TIMEOUT: ")
    assert message.count("CAMUNDA_WORKER_TIMEOUT") == 1
    assert "soon" not in message  # the value is never echoed


def test_an_invalid_alias_is_named_by_the_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZEEBE_REST_ADDRESS", "ftp://nope")
    with pytest.raises(ConfigurationError) as info:
        CamundaSettings()
    assert str(info.value).count("ZEEBE_REST_ADDRESS") == 1
    assert "ftp://nope" not in str(info.value)


def test_an_invalid_keyword_is_named_with_its_variable() -> None:
    with pytest.raises(ConfigurationError) as info:
        CamundaSettings(max_retries=-1)
    assert "max_retries (CAMUNDA_MAX_RETRIES): " in str(info.value)


def test_a_misspelt_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="rest_adress"):
        CamundaSettings(rest_adress="http://x")  # type: ignore[call-arg]


def test_variable_names_are_accepted_as_keywords() -> None:
    settings = CamundaSettings(ZEEBE_REST_ADDRESS="http://z", CAMUNDA_OAUTH_SCOPE="s")
    assert (settings.rest_address, settings.token_scope) == ("http://z/v2", "s")


def test_empty_variables_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_TENANT_ID", "")
    monkeypatch.setenv("CAMUNDA_REST_ADDRESS", "")
    settings = CamundaSettings()
    assert settings.tenant_id is None
    assert settings.rest_address == "http://localhost:8080/v2"


def test_secrets_are_secret_str_and_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMUNDA_AUTH_STRATEGY", "OAUTH")
    monkeypatch.setenv("CAMUNDA_CLIENT_ID", "cid")
    monkeypatch.setenv("CAMUNDA_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("CAMUNDA_BASIC_AUTH_USERNAME", "u")
    monkeypatch.setenv("CAMUNDA_BASIC_AUTH_PASSWORD", SECRET + "b")
    monkeypatch.setenv("CAMUNDA_MTLS_CERT", "CERT")
    monkeypatch.setenv("CAMUNDA_MTLS_KEY", SECRET + "k")
    monkeypatch.setenv("CAMUNDA_MTLS_KEY_PASSPHRASE", SECRET + "p")
    settings = CamundaSettings()
    for name in ("client_secret", "basic_auth_password", "mtls_key", "mtls_key_passphrase"):
        assert isinstance(getattr(settings, name), SecretStr), name
    for text in (
        repr(settings),
        str(settings),
        str(settings.model_dump()),
        settings.model_dump_json(),
    ):
        assert SECRET not in text


def test_settings_are_frozen() -> None:
    settings = CamundaSettings()
    with pytest.raises(Exception, match="frozen"):
        settings.tenant_id = "x"  # type: ignore[misc]


def test_worker_timedeltas_and_log_levels() -> None:
    settings = CamundaSettings(
        worker_timeout_ms=1500, worker_request_timeout_ms=250, log_level="warn"
    )
    assert settings.worker_timeout.total_seconds() == 1.5
    assert settings.worker_request_timeout.total_seconds() == 0.25
    assert settings.logging_level == 30


def test_dotenv_syntax_quotes_comments_and_export(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    envfile = tmp_path / ".env"
    envfile.write_text(
        "# a comment\n"
        "export CAMUNDA_CLIENT_ID=cid\n"
        "CAMUNDA_CLIENT_SECRET='quoted # not a comment'\n"
        'CAMUNDA_TENANT_ID="t-1"  # trailing comment\n'
        "CAMUNDA_WORKER_NAME=\n"
    )
    monkeypatch.setenv("CAMUNDA_LOAD_ENVFILE", str(envfile))
    settings = CamundaSettings()
    assert settings.client_id == "cid"
    assert settings.client_secret is not None
    assert settings.client_secret.get_secret_value() == "quoted # not a comment"
    assert settings.tenant_id == "t-1"
    assert settings.worker_name == "camunda-python-sdk-worker"  # empty counts as unset


def test_a_bad_value_in_dotenv_is_named_by_its_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    envfile = tmp_path / ".env"
    envfile.write_text("CAMUNDA_MAX_RETRIES=lots\n")
    monkeypatch.setenv("CAMUNDA_LOAD_ENVFILE", str(envfile))
    with pytest.raises(ConfigurationError, match=r"^invalid configuration: CAMUNDA_MAX_RETRIES: "):
        CamundaSettings()
