"""Rate limits for every endpoint, counted atomically in Redis (fixed windows, one Lua call).

DRF's own throttles read, modify and write a cache entry in separate steps, so parallel
requests can all pass; here one ``INCR`` + ``PEXPIRE`` script decides each request.
Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` by scope:

- ``anon`` per client IP and ``user`` per user: every endpoint;
- a view's ``throttle_scope`` (``auth``, ``chat``, ``voice``...) per user, or per IP when anonymous;
- ``<scope>_email`` per e-mail address found in the request body (login, password reset...).

WebSocket consumers count their frames on the same per-user counters with :func:`throttle_user`.
Client IPs come from :func:`maigie.client_ip.client_ip` (``TRUSTED_PROXIES``), never DRF's ``NUM_PROXIES``.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django_redis import get_redis_connection
from redis.commands.core import AsyncScript, Script
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from apps.accounts.emails import normalize_email
from maigie.client_ip import client_ip

if TYPE_CHECKING:  # rest_framework.views imports the throttle classes named in settings
    from rest_framework.views import APIView

KEY_PREFIX = "maigie:throttle:"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# KEYS[1] = counter, ARGV[1] = window in ms. Returns {hits in this window, ms until it resets}.
_HIT = """
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
"""


def _script() -> Script | AsyncScript:
    """The counting script on the cache's current connection (a Redis outage is answered 503)."""
    return cast("Script | AsyncScript", get_redis_connection("default").register_script(_HIT))


def parse_rate(rate: str) -> tuple[int, int]:
    """``"5/min"`` -> ``(5, 60)``: requests allowed and window length in seconds."""
    count, period = rate.split("/")
    return int(count), PERIODS[period.strip()[0]]


def hit(key: str, *, window: int) -> tuple[int, float]:
    """Count one request against ``key``: hits so far in this window and seconds until it resets."""
    hits, ttl_ms = _script()(keys=[KEY_PREFIX + key], args=[window * 1000])  # type: ignore[misc]
    return int(hits), int(ttl_ms) / 1000


def user_identity(user_id: Any) -> str:
    """The identity a signed-in user is counted under in a scope, over REST and WebSockets alike."""
    return f"user:{user_id}"


def throttle_user(*, scope: str, user_id: Any) -> float | None:
    """Count one request of ``user_id`` in ``scope``, on the counter the REST views of that scope share.

    Answers the seconds until the window resets once over the scope's rate, else None.
    """
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
    if not rate:
        return None
    limit, window = parse_rate(str(rate))
    hits, wait = hit(f"{scope}:{user_identity(user_id)}", window=window)
    return wait if hits > limit else None


def throttle_anonymous(request: Any) -> None:
    """Count a request refused for lack of valid credentials under ``anon``; 429 once over the limit.

    DRF authenticates and checks permissions before throttling, so without this a flood of
    requests without (or with forged) tokens would never meet a limit.
    """
    rate = api_settings.DEFAULT_THROTTLE_RATES.get("anon")
    if not rate:
        return
    limit, window = parse_rate(str(rate))
    hits, wait = hit(f"anon:{client_ip(request)}", window=window)
    if hits > limit:
        raise exceptions.Throttled(wait=wait)


class RedisRateThrottle(BaseThrottle):
    """One atomic Redis counter per scope and identity; subclasses choose both."""

    def __init__(self) -> None:
        self._wait: float | None = None

    def scope_for(self, view: APIView) -> str | None:
        raise NotImplementedError

    def get_ident(self, request: Request) -> str:
        return client_ip(request)

    def identity_for(self, request: Request, view: APIView) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: Request, view: APIView) -> bool:
        scope = self.scope_for(view)
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope) if scope else None
        identity = self.identity_for(request, view) if rate else None
        if not rate or identity is None:
            return True
        limit, window = parse_rate(str(rate))
        hits, self._wait = hit(f"{scope}:{identity}", window=window)
        return hits <= limit

    def wait(self) -> float | None:
        return self._wait

    def user_or_ip(self, request: Request) -> str:
        user = request.user
        if user is not None and user.is_authenticated:
            return user_identity(user.pk)
        return f"ip:{self.get_ident(request)}"


class AnonRateThrottle(RedisRateThrottle):
    """Scope ``anon``: unauthenticated requests per client IP."""

    def scope_for(self, view: APIView) -> str | None:
        return "anon"

    def identity_for(self, request: Request, view: APIView) -> str | None:
        user = request.user
        return None if user is not None and user.is_authenticated else self.get_ident(request)


class UserRateThrottle(RedisRateThrottle):
    """Scope ``user``: authenticated requests per user."""

    def scope_for(self, view: APIView) -> str | None:
        return "user"

    def identity_for(self, request: Request, view: APIView) -> str | None:
        user = request.user
        return str(user.pk) if user is not None and user.is_authenticated else None


class ScopedRateThrottle(RedisRateThrottle):
    """The view's ``throttle_scope``, per user (or per IP when anonymous)."""

    def scope_for(self, view: APIView) -> str | None:
        return getattr(view, "throttle_scope", None)

    def identity_for(self, request: Request, view: APIView) -> str | None:
        return self.user_or_ip(request)


class ScopedEmailRateThrottle(RedisRateThrottle):
    """``<throttle_scope>_email``: per e-mail address in the body, whoever sends it."""

    def scope_for(self, view: APIView) -> str | None:
        scope = getattr(view, "throttle_scope", None)
        return f"{scope}_email" if scope else None

    def identity_for(self, request: Request, view: APIView) -> str | None:
        data: Any = request.data
        email = data.get("email") if isinstance(data, dict) else None
        if not isinstance(email, str) or not email.strip():
            return None
        try:  # look-alike spellings of one address share its counter
            canonical = normalize_email(email)
        except ValidationError:
            canonical = email.strip().lower()
        return hashlib.sha256(canonical.encode()).hexdigest()
