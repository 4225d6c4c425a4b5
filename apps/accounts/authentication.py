"""API authentication: simplejwt's JWT check, daily activity, and rate limits for refused tokens."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication

from apps.accounts.models import User
from apps.accounts.services.activity import activity_record
from apps.accounts.throttling import throttle_anonymous


class ActivityJWTAuthentication(JWTAuthentication):
    """simplejwt's JWT authentication; records that the user was active today, rate-limits bad tokens."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            result = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle_anonymous(request)
            raise
        if result is not None and isinstance(result[0], User):
            activity_record(user=result[0])
        return result
