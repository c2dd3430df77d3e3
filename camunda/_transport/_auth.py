"""Authentication as ``httpx.Auth``: none, basic, and OAuth client credentials.

The OAuth token logic is written once as a sans-I/O generator (:meth:`OAuth._refresh_flow`)
that yields token requests or sleep durations; the sync and async flows only drive it.

* The token is cached in memory and refreshed ahead of expiry (skew: 30 s or 5% of its
  lifetime, whichever is larger).
* Single flight: concurrent calls that find no valid token wait for one refresh.
* A 401 answer triggers one refresh (unless another call already refreshed) and one retry.
* Token-endpoint failures (5xx, 429, timeouts, invalid JSON) are retried with backoff and
  surface as :class:`~camunda.AuthenticationError`; 4xx answers fail at once.
* Optional disk cache: one JSON file per client, mode 0600, written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import random
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import anyio
import httpx

from camunda._backoff import full_jitter
from camunda._exceptions import AuthenticationError
from camunda._transport._fork import reset_after_fork
from camunda._transport._request import TOKEN_REQUEST_EXTENSION, USER_AGENT

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Callable, Generator
    from pathlib import Path

    from pydantic import SecretStr

    from camunda._settings import CamundaSettings

__all__ = ["OAuth", "auth_from_settings"]

logger = logging.getLogger("camunda.auth")

_TOKEN_ATTEMPTS: Final = 4
_TOKEN_TIMEOUT: Final = 10.0
_TOKEN_BACKOFF_BASE = 0.25  # seconds; full jitter, doubling per attempt
_TOKEN_BACKOFF_CAP = 5.0


@dataclass(frozen=True)
class _Token:
    value: str
    refresh_at: float  # epoch seconds: refresh from then on

    def __repr__(self) -> str:
        return f"_Token(refresh_at={self.refresh_at:.0f})"


class OAuth(httpx.Auth):
    """OAuth 2.0 client-credentials auth with caching, single flight and 401 refresh."""

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: SecretStr,
        token_url: str,
        token_url_origin: str = "set by CAMUNDA_OAUTH_URL",
        audience: str | None = None,
        scope: str | None = None,
        cache_dir: Path | None = None,
        timeout: float = _TOKEN_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._client_id = client_id
        self._secret = client_secret
        self._token_url = token_url
        # Every token failure names the URL and where it came from (which setting to fix).
        self._endpoint = f"{token_url} ({token_url_origin})"
        self._audience = audience
        self._scope = scope
        self._timeout = timeout
        self._clock = clock
        self._token: _Token | None = None
        self._thread_lock = threading.Lock()
        self._async_lock: anyio.Lock | None = None
        self._cache_file = self._cache_path(cache_dir) if cache_dir is not None else None
        self._refreshes = 0  # refresh flows ended, with or without a token
        self._failure: AuthenticationError | None = None  # how the last one failed
        self.token_requests = 0
        """How many token requests this auth has sent (for observability and tests)."""
        reset_after_fork(self)

    def reset_after_fork(self) -> None:
        """In a forked child: a refresh another thread of the parent had under way (and
        its lock) is not here; the token itself stays valid."""
        self._thread_lock = threading.Lock()
        self._async_lock = None

    def __repr__(self) -> str:
        return f"OAuth(client_id={self._client_id!r}, token_url={self._token_url!r})"

    # -- flows -----------------------------------------------------------------------

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        stale: _Token | None = None
        for _ in range(2):  # the first try, and one more after a 401
            token = self._valid_token(stale)
            if token is None:
                seen = self._refreshes
                with self._thread_lock, contextlib.closing(self._refresh_flow(seen)) as flow:
                    token = self._valid_token(stale)
                    step, token = (None, token) if token else _advance(flow, None)
                    while step is not None:
                        answer = None
                        if isinstance(step, httpx.Request):
                            answer = yield step
                            answer.read()
                        else:
                            time.sleep(step)
                        step, token = _advance(flow, answer)
            assert token is not None
            request.headers["Authorization"] = f"Bearer {token.value}"
            response = yield request
            if response.status_code != 401:
                return
            stale = token

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        stale: _Token | None = None
        for _ in range(2):  # the first try, and one more after a 401
            token = self._valid_token(stale)
            if token is None:
                seen = self._refreshes
                async with self._get_async_lock():
                    with contextlib.closing(self._refresh_flow(seen)) as flow:
                        token = self._valid_token(stale)
                        step, token = (None, token) if token else _advance(flow, None)
                        while step is not None:
                            answer = None
                            if isinstance(step, httpx.Request):
                                answer = yield step
                                await answer.aread()
                            else:
                                await anyio.sleep(step)
                            step, token = _advance(flow, answer)
            assert token is not None
            request.headers["Authorization"] = f"Bearer {token.value}"
            response = yield request
            if response.status_code != 401:
                return
            stale = token

    def _get_async_lock(self) -> anyio.Lock:
        if self._async_lock is None:
            self._async_lock = anyio.Lock()
        return self._async_lock

    # -- sans-I/O core ---------------------------------------------------------------

    def _valid_token(self, stale: _Token | None) -> _Token | None:
        """The cached token if it is usable and not the one that just got a 401.

        An absent or expiring token is looked up in the disk cache first: another client
        or process may have refreshed it.
        """
        token = self._token
        now = self._clock()
        if (token is None or now >= token.refresh_at) and self._cache_file is not None:
            token = self._token = self._load_cached() or token
        if token is None or now >= token.refresh_at:
            return None
        if stale is not None and token.value == stale.value:
            return None
        return token

    def _refresh_flow(
        self, seen: int | None = None
    ) -> Generator[httpx.Request | float, httpx.Response | None, _Token]:
        """Yields token requests (expects their responses back) or backoff seconds.

        ``seen`` is the number of refreshes that had ended when the caller began to wait
        for the lock (``None``: it did not wait). If one ended since without a token, the
        caller shares its failure rather than starting another round of attempts: a burst
        of calls on a failing token endpoint makes one round of requests, not one per
        call, one after another.
        Closing the flow before it ends (the token request failed in transit or the call
        was cancelled) counts as a failure the waiting calls may retry.
        """
        if seen is not None and self._refreshes != seen and self._failure is not None:
            failure = self._failure
            raise AuthenticationError(str(failure), transient=failure.transient)
        self._failure = AuthenticationError(
            f"the OAuth token request to {self._endpoint} did not complete (no connection, "
            "a timeout or a cancelled call)",
            transient=True,
        )
        try:
            token = yield from self._attempts()
        except AuthenticationError as exc:
            self._failure = exc
            raise
        finally:
            self._refreshes += 1
        self._failure = None
        return token

    def _attempts(self) -> Generator[httpx.Request | float, httpx.Response | None, _Token]:
        last_problem = "no attempt made"
        for attempt in range(1, _TOKEN_ATTEMPTS + 1):
            if attempt > 1:
                yield full_jitter(attempt, _TOKEN_BACKOFF_BASE, _TOKEN_BACKOFF_CAP, random.random)
            self.token_requests += 1
            logger.debug("requesting an OAuth token from %s (attempt %d)", self._token_url, attempt)
            response = yield self._token_request()
            assert response is not None
            token, last_problem, retryable = self._parse_token_response(response)
            if token is not None:
                self._token = token
                self._store_cached(token)
                return token
            logger.info("OAuth token request failed: %s", last_problem)
            if not retryable:
                break
        raise AuthenticationError(
            f"could not obtain an OAuth token from {self._endpoint}: {last_problem}"
        )

    def _token_request(self) -> httpx.Request:
        form = {
            "grant_type": "client_credentials",
            "client_id": self._client_id,
            "client_secret": self._secret.get_secret_value(),
        }
        if self._audience:
            form["audience"] = self._audience
        if self._scope:
            form["scope"] = self._scope
        return httpx.Request(
            "POST",
            self._token_url,
            data=form,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            extensions={
                "timeout": httpx.Timeout(self._timeout).as_dict(),
                TOKEN_REQUEST_EXTENSION: self._endpoint,
            },
        )

    def _parse_token_response(self, response: httpx.Response) -> tuple[_Token | None, str, bool]:
        status = response.status_code
        try:
            payload = json.loads(response.content)
        except ValueError:
            payload = None
        if status >= 300:  # a redirect is not followed: the token URL is wrong
            retryable = status >= 500 or status == 429
            return None, f"HTTP {status} from the token endpoint{_oauth_error(payload)}", retryable
        if payload is None:
            return None, "the token endpoint answered with invalid JSON", True
        if not isinstance(payload, dict):
            return None, "the token endpoint answered with a non-object", True
        access = payload.get("access_token")  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
        expires_in = payload.get("expires_in", 300)  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
        if not isinstance(access, str) or not access:
            return None, "the token answer has no access_token", True
        try:
            lifetime = float(expires_in)  # pyright: ignore[reportUnknownArgumentType]
        except (TypeError, ValueError):
            return None, "the token answer has an invalid expires_in", True
        skew = max(30.0, lifetime * 0.05) if lifetime > 60 else lifetime * 0.5
        return _Token(access, self._clock() + max(0.0, lifetime - skew)), "", False

    # -- disk cache ------------------------------------------------------------------

    def _cache_path(self, directory: Path) -> Path:
        ident = "\n".join(
            (self._token_url, self._client_id, self._audience or "", self._scope or "")
        )
        digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
        return directory.expanduser() / f"camunda-oauth-{digest}.json"

    def _load_cached(self) -> _Token | None:
        assert self._cache_file is not None
        try:
            data = json.loads(self._cache_file.read_text())
            token = _Token(str(data["access_token"]), float(data["refresh_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return token if self._clock() < token.refresh_at else None

    def _store_cached(self, token: _Token) -> None:
        target = self._cache_file
        if target is None:
            return
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(fd, 0o600)  # a leftover temporary file may have had another mode
            with os.fdopen(fd, "w") as handle:
                json.dump({"access_token": token.value, "refresh_at": token.refresh_at}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            logger.warning(
                "could not write the OAuth token cache in %s: %s", target.parent, exc.strerror
            )
            with contextlib.suppress(OSError):
                tmp.unlink()


def _oauth_error(payload: object) -> str:
    """The RFC 6749 ``error`` code of a token-endpoint error answer, e.g. ``invalid_client``."""
    code = payload.get("error") if isinstance(payload, dict) else None  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
    if isinstance(code, str) and code.isascii() and len(code) <= 64:
        return f" ({code})"
    return ""


def _advance(
    flow: Generator[httpx.Request | float, httpx.Response | None, _Token],
    response: httpx.Response | None,
) -> tuple[httpx.Request | float | None, _Token | None]:
    """One step of the refresh flow: (next request or sleep, None) or (None, token)."""
    try:
        return flow.send(response), None
    except StopIteration as done:
        return None, done.value


def auth_from_settings(settings: CamundaSettings) -> httpx.Auth | None:
    """The auth chain the settings describe (``None`` for no auth)."""
    from camunda._settings import AuthStrategy

    strategy = settings.effective_auth_strategy
    if strategy is AuthStrategy.BASIC:
        assert settings.basic_auth_username is not None and settings.basic_auth_password is not None
        return _BasicAuth(settings.basic_auth_username, settings.basic_auth_password)
    if strategy is AuthStrategy.OAUTH:
        assert settings.client_id is not None and settings.client_secret is not None
        cache = None if settings.token_disk_cache_disable else settings.token_cache_dir
        return OAuth(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            token_url=settings.oauth_url,
            token_url_origin=(
                "set by CAMUNDA_OAUTH_URL"
                if "oauth_url" in settings.model_fields_set
                else "the SaaS default: for a self-managed cluster set CAMUNDA_OAUTH_URL to "
                "its token endpoint"
            ),
            audience=settings.token_audience,
            scope=settings.token_scope,
            cache_dir=cache,
        )
    return None


class _BasicAuth(httpx.BasicAuth):
    """``httpx.BasicAuth`` that keeps the password out of its repr."""

    def __init__(self, username: str, password: SecretStr) -> None:
        super().__init__(username, password.get_secret_value())
        self._username = username

    def __repr__(self) -> str:
        return f"BasicAuth(username={self._username!r})"
