"""The voice plan limits, enforced here (values in apps/billing/entitlements.py).

Voice is a plan feature (``voice``); each clip may last ``voice_clip_seconds``; audio heard and
spoken counts against ``voice_minutes_per_month`` (calendar month, UTC). Heard audio is reserved
before recognition, so a refused clip costs nothing; a spoken reply is counted once made.
"""

from __future__ import annotations

import math

from django.utils import timezone

from apps.accounts.models import User
from apps.assistant.quotas import month_resets_at, month_start
from apps.billing import entitlements
from apps.voice import services
from apps.voice.models import VoiceUsageMonth
from maigie.encoding import utc_iso
from maigie.errors import QuotaExceeded

FEATURE = "voice"
MINUTES = "voice_minutes_per_month"


def clip_seconds_allowed(user: User) -> float:
    """The longest clip the learner may send, after checking voice is in their plan (402 if not)."""
    entitlements.check_feature(user, FEATURE)
    return float(entitlements.limits_for(user).voice_clip_seconds)


def seconds_this_month(user: User) -> float:
    """Seconds of voice the learner has used this month (UTC)."""
    row = VoiceUsageMonth.objects.filter(user=user, month=month_start(timezone.now())).first()
    return row.seconds if row else 0.0


def minutes_this_month(user: User) -> int:
    """Whole minutes of voice used this month, rounded up."""
    return math.ceil(seconds_this_month(user) / 60)


def minutes_reserve(user: User, *, seconds: float) -> None:
    """Count ``seconds`` of audio this month, or refuse with ``QuotaExceeded`` (nothing counted)."""
    limit = getattr(entitlements.limits_for(user), MINUTES)
    now = timezone.now()
    month = month_start(now)
    if not services.voice_usage_add(user=user, month=month, seconds=seconds, limit_seconds=_seconds(limit)):
        resets_at = utc_iso(month_resets_at(now))
        raise QuotaExceeded(
            f"You have used your {limit} voice minutes for this month; the quota resets at {resets_at}.",
            details={"limit": limit, "used": minutes_this_month(user), "resets_at": resets_at},
        )


def minutes_record(user: User, *, seconds: float) -> None:
    """Count ``seconds`` of speech already made this month, whatever the limit."""
    services.voice_usage_add(
        user=user, month=month_start(timezone.now()), seconds=seconds, limit_seconds=None, clip=False
    )


def _seconds(minutes: int | None) -> float | None:
    return None if minutes is None else minutes * 60.0
