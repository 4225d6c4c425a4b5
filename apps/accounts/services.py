"""Writes for users: every change of a user goes through here."""

from __future__ import annotations

from typing import Any

import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework_simplejwt.tokens import RefreshToken

from apps.accounts.models import Notification, Tier, User, normalize_email
from maigie.realtime.publish import publish

logger = structlog.get_logger(__name__)


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    name: str = "",
    timezone: str = "UTC",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user; ``password=None`` makes an account that cannot log in with a password."""
    return User.objects.create_user(
        email=email,
        password=password,
        name=name,
        timezone=timezone,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )


@transaction.atomic
def user_ensure(*, email: str, password: str, **fields: Any) -> tuple[User, bool]:
    """Create the user unless one with that e-mail exists; reset its password either way."""
    user = User.objects.filter(email=normalize_email(email)).first()
    if user is None:
        return user_create(email=email, password=password, **fields), True
    user.set_password(password)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user, False


def token_pair_for(*, user: User) -> dict[str, str]:
    """A fresh access/refresh JWT pair for ``user``."""
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


@transaction.atomic
def notification_create(
    *, user: User, kind: str, title: str, body: str = "", data: dict[str, Any] | None = None
) -> Notification:
    """Add a notification to ``user``'s inbox and tell their open clients."""
    notification = Notification.objects.create(user=user, kind=kind, title=title, body=body, data=data or {})
    publish(
        user_id=user.pk,
        event="notification.created",
        data={"id": str(notification.pk), "kind": kind, "title": title, "body": body, "data": notification.data},
    )
    return notification


@transaction.atomic
def user_tier_set(*, user: User, tier: str, reason: str) -> User:
    """Move ``user`` to ``tier`` (billing decides which); tells their clients when it changed."""
    if tier not in Tier.values:
        raise ValidationError({"tier": [f"Unknown tier {tier!r}."]})
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.tier != tier:
        previous = locked.tier
        locked.tier = tier
        locked.save(update_fields=["tier", "updated_at"])
        logger.info("user_tier_changed", user_id=str(user.pk), previous=previous, tier=tier, reason=reason)
        publish(user_id=user.pk, event="user.updated", data={"id": str(user.pk), "tier": tier})
    user.tier = tier
    return locked
