"""The signed-in user of a request, typed, for views that require authentication."""

from __future__ import annotations

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from apps.accounts.models import User


def current_user(request: Request) -> User:
    """``request.user`` as a ``User``; anonymous requests never reach the view, but refuse them anyway."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user
