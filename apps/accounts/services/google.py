"""Google sign-in: verify an ID token against Google's published keys, then find, link or create the user."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jwt
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.db import transaction
from rest_framework import exceptions

from apps.accounts.emails import normalize_email
from apps.accounts.models import SecurityEventKind, User
from apps.accounts.services.audit import Client, security_event_record
from apps.accounts.services.tokens import families_revoke, token_pair_for
from apps.accounts.services.users import user_create
from maigie.errors import NotConfigured

PROVIDER = "google"


class GoogleTokenRefused(exceptions.AuthenticationFailed):
    default_detail = "Invalid Google ID token."
    default_code = "invalid_google_token"


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    """One key client per URL: it caches Google's keys and refetches on an unknown ``kid``."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600, timeout=5)


def google_verify_id_token(*, id_token: str) -> dict[str, Any]:
    """The claims of a Google ID token: RS256 signature by a published key, our ``aud``, Google's ``iss``, ``exp``."""
    if not settings.GOOGLE_CLIENT_IDS:
        raise NotConfigured("Google sign-in is not configured.")
    try:
        signing_key = _jwks_client(settings.GOOGLE_JWKS_URL).get_signing_key_from_jwt(id_token)
        claims: dict[str, Any] = jwt.decode(
            id_token,
            signing_key.key,
            algorithms=["RS256"],
            audience=settings.GOOGLE_CLIENT_IDS,
            issuer=settings.GOOGLE_ISSUERS,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.PyJWKClientConnectionError as exc:
        raise exceptions.APIException("Google's keys could not be fetched.", code="google_unavailable") from exc
    except (jwt.PyJWKClientError, jwt.InvalidTokenError) as exc:
        raise GoogleTokenRefused from exc
    return claims


def _ensure_active(user: User) -> None:
    if not user.is_active:
        raise exceptions.AuthenticationFailed("This account is disabled.", code="account_disabled")


@transaction.atomic
def google_user_for_claims(*, claims: dict[str, Any], client: Client) -> User:
    """The user verified Google ``claims`` sign in: linked by ``sub``, else by verified e-mail, else new."""
    account = SocialAccount.objects.select_related("user").filter(provider=PROVIDER, uid=claims["sub"]).first()
    if account is not None:
        account.extra_data = claims
        account.save(update_fields=["extra_data", "last_login"])
        user: User = account.user
        _ensure_active(user)
        security_event_record(kind=SecurityEventKind.GOOGLE_LOGIN, user=user, client=client)
        return user
    email = normalize_email(str(claims.get("email", "")))
    if not email or claims.get("email_verified") is not True:
        raise GoogleTokenRefused("Google did not confirm this e-mail address.", code="google_email_unverified")
    existing = User.objects.select_for_update().filter(email=email).first()
    if existing is None:
        user = user_create(email=email, password=None, name=str(claims.get("name", ""))[:150])
    else:
        user = existing
        _ensure_active(user)
        if not user.email_verified:  # whoever registered this address never proved it: lock them out
            user.set_unusable_password()
            families_revoke(user=user, reason="google_takeover")
    user.email_verified = True
    user.save(update_fields=["email_verified", "password", "updated_at"])
    SocialAccount.objects.create(user=user, provider=PROVIDER, uid=claims["sub"], extra_data=claims)
    security_event_record(
        kind=SecurityEventKind.GOOGLE_LINKED, user=user, client=client, data={"created": existing is None}
    )
    return user


def google_authenticate(*, id_token: str, client: Client) -> tuple[User, dict[str, str]]:
    """Sign in with a Google ID token: the linked account, the account with that verified e-mail, or a new one."""
    claims = google_verify_id_token(id_token=id_token)
    user = google_user_for_claims(claims=claims, client=client)
    return user, token_pair_for(user=user)
