"""Daily activity: one row per user and UTC day, written at most once a day per user."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from apps.accounts.models import DailyActivity, User

ACTIVITY_KEY_PREFIX = "active:"


def activity_record(*, user: User) -> None:
    """Note that ``user`` was active today (a Redis marker skips the write after the first)."""
    day = timezone.now().date()
    if cache.add(f"{ACTIVITY_KEY_PREFIX}{day.isoformat()}:{user.pk}", 1, timeout=86400):
        DailyActivity.objects.bulk_create([DailyActivity(user=user, day=day)], ignore_conflicts=True)
