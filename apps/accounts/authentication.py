"""API authentication: simplejwt's JWT check, revocation by token version, daily activity, rate limits.

The user a token names is kept in a per-process cache for ``AUTH_USER_CACHE_SECONDS`` (5 s), so
an authenticated request needs no database query. Only acceptance is cached: a token whose version
differs from the cached user's, or a cached user who is inactive, is checked against the database.
Saving or deleting a user and :func:`apps.accounts.services.tokens.families_revoke` drop the entry
in the process that made the change at once; other processes stop accepting a deactivated user or
a revoked token within ``AUTH_USER_CACHE_SECONDS`` (docs/performance.md).
"""

from __future__ import annotations

import uuid
from typing import Any

from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import AUTH_HEADER_TYPE_BYTES, JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from apps.accounts.auth_cache import cache_user, cached_user
from apps.accounts.models import User
from apps.accounts.services.activity import activity_record
from apps.accounts.services.tokens import VERSION_CLAIM
from apps.accounts.throttling import throttle_anonymous
from maigie.request_context import set_input_timezone


def token_user(token: Token) -> User:
    """The user a validated access token names, if that user is active and the session not revoked.

    A token without ``ver`` counts as version 0: it stops working at the user's first revocation.
    Raises ``AuthenticationFailed`` (401) otherwise, a malformed user id included.
    """
    claim = token.get(api_settings.USER_ID_CLAIM)
    try:
        user_id = uuid.UUID(claim) if isinstance(claim, str) else None
    except ValueError:
        user_id = None
    if user_id is None:
        raise InvalidToken("Token contained no recognizable user identification")
    cached = cached_user(user_id, token.get(VERSION_CLAIM, 0))
    if cached is not None:
        return cached
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise exceptions.AuthenticationFailed("User not found", code="user_not_found")
    if not user.is_active:
        raise exceptions.AuthenticationFailed("User is inactive", code="user_inactive")
    if token.get(VERSION_CLAIM, 0) != user.token_version:
        raise exceptions.AuthenticationFailed("This session has been revoked.", code="token_revoked")
    cache_user(user)
    return user


# The configured schemes (``Bearer``) by their lower-case form: a scheme is matched in any case (RFC 7235).
_SCHEMES = {scheme.lower(): scheme for scheme in AUTH_HEADER_TYPE_BYTES}


class ActivityJWTAuthentication(JWTAuthentication):
    """simplejwt's JWT authentication plus revocation; records daily activity, rate-limits bad tokens."""

    def get_raw_token(self, header: bytes) -> bytes | None:
        """simplejwt's reading of the header, with the scheme in any case (``bearer``, ``BEARER``)."""
        parts = header.split(None, 1)
        canonical = _SCHEMES.get(parts[0].lower()) if len(parts) == 2 else None
        return super().get_raw_token(canonical + b" " + parts[1] if canonical else header)

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            result = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle_anonymous(request)
            raise
        if result is not None and isinstance(result[0], User):
            activity_record(user=result[0])
            set_input_timezone(result[0].timezone)
        return result

    def get_user(self, validated_token: Token) -> User:  # type: ignore[override]
        return token_user(validated_token)
