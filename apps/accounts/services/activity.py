"""Daily activity: one row per user and UTC day, written at most once a day per user."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from apps.accounts.models import DailyActivity, User

ACTIVITY_KEY_PREFIX = "active:"

# The (day, user) pairs this process already marked: a request of theirs needs no Redis round trip.
_marked: set[tuple[datetime.date, Any]] = set()
_marked_day: list[datetime.date] = []


def activity_record(*, user: User) -> None:
    """Note that ``user`` was active today (a Redis marker skips the write after the first).

    Each process remembers whom it marked today, so only a user's first request per process and
    day touches Redis.
    """
    day = timezone.now().date()
    if _marked_day != [day]:
        _marked.clear()
        _marked_day[:] = [day]
    if (day, user.pk) in _marked:
        return
    if cache.add(f"{ACTIVITY_KEY_PREFIX}{day.isoformat()}:{user.pk}", 1, timeout=86400):
        DailyActivity.objects.bulk_create([DailyActivity(user=user, day=day)], ignore_conflicts=True)
    _marked.add((day, user.pk))
