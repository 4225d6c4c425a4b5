"""JWT pairs with refresh-token rotation, blacklisting and reuse detection by token family.

Every token carries the user's ``token_version`` (claim ``ver``); :func:`families_revoke` bumps it,
so every access token issued before stops working at once, and closes the user's WebSockets.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from rest_framework import exceptions
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken, UntypedToken

from apps.accounts.auth_cache import user_cache_forget
from apps.accounts.models import SecurityEventKind, TokenFamily, User
from apps.accounts.services.audit import Client, security_event_record
from maigie.realtime.sessions import sessions_close

FAMILY_CLAIM = "fam"
VERSION_CLAIM = "ver"


class TokenRefused(exceptions.AuthenticationFailed):
    """A refresh token that is invalid, expired, revoked or reused (401)."""

    default_detail = "Token is invalid, expired or revoked."
    default_code = "token_not_valid"


def _pair(*, user: User, family: TokenFamily) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    refresh[FAMILY_CLAIM] = str(family.pk)
    refresh[VERSION_CLAIM] = user.token_version  # copied into the access token
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


@transaction.atomic
def token_pair_for(*, user: User) -> dict[str, str]:
    """A fresh access/refresh JWT pair for ``user``, starting a new token family (session)."""
    return _pair(user=user, family=TokenFamily.objects.create(user=user))


def _claims(raw: str) -> dict[str, Any]:
    """The verified claims of a refresh token (signature, pinned algorithm, exp, aud, iss)."""
    try:
        token = UntypedToken(raw)  # type: ignore[arg-type]
    except TokenError as exc:
        raise TokenRefused from exc
    if token.get(api_settings.TOKEN_TYPE_CLAIM) != "refresh" or not token.get(FAMILY_CLAIM):
        raise TokenRefused
    return dict(token.payload)


@transaction.atomic
def families_revoke(*, user: User, reason: str) -> int:
    """End every session of ``user`` now: refresh tokens, access tokens and open WebSockets.

    Revokes each live token family and bumps ``user.token_version`` (so tokens issued before fail
    on their next use); after the commit, the user's sockets are closed. Returns how many families.
    """
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user_cache_forget(user.pk)
    transaction.on_commit(lambda: user_cache_forget(user.pk))
    user.token_version = User.objects.values_list("token_version", flat=True).get(pk=user.pk)
    sessions_close(user_id=user.pk, version=user.token_version)
    return TokenFamily.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )


@transaction.atomic
def _rotate(*, claims: dict[str, Any], client: Client) -> dict[str, str] | None:
    """Blacklist the presented token and issue the next one; ``None`` if it was already used."""
    family = (
        TokenFamily.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=claims[FAMILY_CLAIM], user_id=claims[api_settings.USER_ID_CLAIM], revoked_at__isnull=True)
        .first()
    )
    outstanding = OutstandingToken.objects.filter(jti=claims[api_settings.JTI_CLAIM]).first()
    if family is None or outstanding is None or not family.user.is_active:
        raise TokenRefused
    if BlacklistedToken.objects.filter(token=outstanding).exists():
        family.revoked_at = timezone.now()
        family.revoked_reason = "reuse"
        family.save(update_fields=["revoked_at", "revoked_reason"])
        security_event_record(
            kind=SecurityEventKind.REFRESH_REUSED, user=family.user, client=client, data={"family": str(family.pk)}
        )
        return None
    BlacklistedToken.objects.create(token=outstanding)
    family.save(update_fields=["last_rotated_at"])
    return _pair(user=family.user, family=family)


def token_refresh(*, refresh: str, client: Client) -> dict[str, str]:
    """Rotate ``refresh``: a token presented twice revokes its whole family (session)."""
    pair = _rotate(claims=_claims(refresh), client=client)
    if pair is None:
        raise TokenRefused("Refresh token reuse detected: this session has been revoked.", code="token_reused")
    return pair


@transaction.atomic
def token_logout(*, refresh: str, client: Client) -> None:
    """End the session of ``refresh``: blacklist it and revoke its family (idempotent)."""
    claims = _claims(refresh)
    family = (
        TokenFamily.objects.select_for_update(of=("self",))
        .filter(pk=claims[FAMILY_CLAIM])
        .select_related("user")
        .first()
    )
    if family is None or family.revoked_at is not None:
        return
    outstanding = OutstandingToken.objects.filter(jti=claims[api_settings.JTI_CLAIM]).first()
    if outstanding is not None:
        BlacklistedToken.objects.get_or_create(token=outstanding)
    family.revoked_at = timezone.now()
    family.revoked_reason = "logout"
    family.save(update_fields=["revoked_at", "revoked_reason"])
    security_event_record(kind=SecurityEventKind.LOGOUT, user=family.user, client=client)


@transaction.atomic
def token_logout_everywhere(*, user: User, client: Client) -> int:
    """End every session of ``user`` at their own request (a lost device); audited. Returns how many."""
    ended = families_revoke(user=user, reason="logout_everywhere")
    security_event_record(kind=SecurityEventKind.LOGOUT, user=user, client=client, data={"everywhere": True})
    return ended
