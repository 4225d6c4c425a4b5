"""API authentication: simplejwt's JWT check, plus daily activity for the staff stats."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication

from apps.accounts.models import User
from apps.accounts.services.activity import activity_record


class ActivityJWTAuthentication(JWTAuthentication):
    """simplejwt's JWT authentication that also records that the user was active today."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None and isinstance(result[0], User):
            activity_record(user=result[0])
        return result
