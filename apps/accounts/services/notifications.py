"""Writes for the notification inbox."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from apps.accounts import events
from apps.accounts.models import Notification, User
from maigie.encoding import utc_iso
from maigie.realtime.publish import publish


@transaction.atomic
def notification_create(
    *, user: User, kind: str, title: str, body: str = "", data: dict[str, Any] | None = None
) -> Notification:
    """Add a notification to ``user``'s inbox and tell their open clients."""
    notification = Notification.objects.create(user=user, kind=kind, title=title, body=body, data=data or {})
    publish(
        user_id=user.pk,
        event=events.NOTIFICATION_CREATED,
        data={"id": str(notification.pk), "kind": kind, "title": title, "body": body, "data": notification.data},
    )
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (idempotent: the first read time is kept)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        publish(
            user_id=notification.user_id,
            event=events.NOTIFICATION_READ,
            data={"ids": [str(notification.pk)], "read_at": utc_iso(notification.read_at)},
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    now = timezone.now()
    count = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now)
    if count:
        publish(user_id=user.pk, event=events.NOTIFICATION_READ, data={"all": True, "read_at": utc_iso(now)})
    return count
