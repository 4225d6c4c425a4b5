"""Writes of the voice app: the monthly usage counter, changed only by conditional ``F()`` updates."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F

from apps.accounts.models import User
from apps.voice.models import VoiceUsageMonth


@transaction.atomic
def voice_usage_add(
    *, user: User, month: datetime.date, seconds: float, limit_seconds: float | None, clip: bool = True
) -> bool:
    """Add ``seconds`` (and a clip) to ``month`` if the total stays within ``limit_seconds``; ``False`` if not."""
    row, _ = VoiceUsageMonth.objects.get_or_create(user=user, month=month)
    rows = VoiceUsageMonth.objects.filter(pk=row.pk)
    if limit_seconds is not None:
        rows = rows.filter(seconds__lte=limit_seconds - seconds)  # checked and added in one UPDATE
    return rows.update(seconds=F("seconds") + seconds, clips=F("clips") + int(clip)) == 1
