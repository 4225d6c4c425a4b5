"""JWT authentication for WebSocket connections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from apps.accounts.authentication import token_user
from apps.accounts.services.tokens import VERSION_CLAIM


@dataclass(frozen=True)
class Session:
    """Who a socket is authenticated as, until when, and under which token version."""

    user: Any
    token: AccessToken
    version: int
    expires_at: float  # Unix time


@database_sync_to_async
def session_for_token(raw_token: str) -> Session | None:
    """The session an access token opens, or ``None``.

    Validation is the REST API's (signature, pinned algorithm, ``exp``, ``aud``, ``iss``, active user,
    token version): a token refused there is refused here.
    """
    try:
        token = AccessToken(raw_token)  # type: ignore[arg-type]
        user = token_user(token)
    except (TokenError, AuthenticationFailed):
        return None
    return Session(user=user, token=token, version=int(token.get(VERSION_CLAIM, 0)), expires_at=float(token["exp"]))


@database_sync_to_async
def session_is_current(session: Session) -> bool:
    """Whether ``session`` still holds: its user active and no revocation since its token was issued."""
    try:
        token_user(session.token)
    except AuthenticationFailed:
        return False
    return True
