"""The per-user secret calendar-feed token."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from apps.accounts.models import User
from apps.planning.models import CalendarFeed


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256, so a database leak does not leak feeds."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_rotate(*, user: User) -> str:
    """Give ``user`` a new feed token; the previous one stops working at once."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=user, defaults={"token_digest": token_digest(token)})
    return token
