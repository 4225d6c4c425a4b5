"""JWT authentication for WebSocket connections."""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken


@database_sync_to_async
def user_for_token(raw_token: str) -> Any:
    """The active user an access token names, or ``AnonymousUser``.

    Validation is simplejwt's own (signature, pinned algorithm, ``exp``, ``aud``, ``iss``),
    the same as for the REST API.
    """
    try:
        token = AccessToken(raw_token)  # type: ignore[arg-type]
    except TokenError:
        return AnonymousUser()
    user_model = get_user_model()
    user_id = token.get(api_settings.USER_ID_CLAIM)
    user = user_model.objects.filter(**{api_settings.USER_ID_FIELD: user_id}, is_active=True).first()
    return user or AnonymousUser()
