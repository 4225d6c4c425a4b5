"""Writes of a learner's notification settings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.notifications.models import Kind, NotificationSettings
from apps.notifications.preferences import DEFAULT_CHANNELS, KIND_KEYS


@transaction.atomic
def notification_settings_update(*, user: User, data: dict[str, Any]) -> NotificationSettings:
    """Apply a partial update: ``channels`` ({kind: {channel: bool}}, merged), quiet hours, digest frequency."""
    settings, _ = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    channels = {kind: dict(switches) for kind, switches in (settings.channels or {}).items()}
    for kind, switches in (data.get("channels") or {}).items():
        if kind not in DEFAULT_CHANNELS:
            raise ValidationError({"channels": [f"Unknown kind {kind!r}."]})
        channels.setdefault(kind, {}).update(switches)
    settings.channels = channels
    if "quiet_start" in data or "quiet_end" in data:
        start = data.get("quiet_start", settings.quiet_start)
        end = data.get("quiet_end", settings.quiet_end)
        if (start is None) != (end is None) or (start is not None and start == end):
            raise ValidationError({"quiet_hours": ["Give both start and end (different), or neither."]})
        settings.quiet_start, settings.quiet_end = start, end
    if "digest_frequency" in data:
        settings.digest_frequency = data["digest_frequency"]
    settings.save()
    return settings


@transaction.atomic
def email_unsubscribe(*, user: User, kind: Kind) -> NotificationSettings:
    """Turn off e-mails of ``kind`` (an unsubscribe link); idempotent."""
    return notification_settings_update(user=user, data={"channels": {KIND_KEYS[kind]: {"email": False}}})
