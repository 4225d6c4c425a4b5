"""The assistant's plan quotas, enforced here and only here (limits in apps/billing/entitlements.py).

Chat messages are counted per UTC day, AI generations per calendar month (UTC). A refusal raises
``QuotaExceeded`` (402 ``quota_exceeded`` with ``limit``, ``used`` and ``resets_at``) before any
work is done. A counted generation (an AI course) is checked with ``generation_quota_check`` and
counted with ``generation_record`` on its job's day, in the transaction that records the job; a job
that fails for good gives it back (``generation_refund``), so only generations that produced a
course count.
"""

from __future__ import annotations

import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from apps.accounts.models import User
from apps.assistant import selectors
from apps.assistant.services.usage import usage_generation_record, usage_generation_refund, usage_message_reserve
from apps.billing import entitlements
from maigie.encoding import utc_iso
from maigie.errors import QuotaExceeded

MESSAGES = "assistant_messages_per_day"
GENERATIONS = "ai_course_generations_per_month"


def day_resets_at(now: datetime.datetime) -> datetime.datetime:
    """The next UTC midnight."""
    return datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), datetime.UTC)


def month_start(now: datetime.datetime) -> datetime.date:
    """The first day of ``now``'s UTC month."""
    return now.date().replace(day=1)


def month_resets_at(now: datetime.datetime) -> datetime.datetime:
    """Midnight UTC on the first day of the next month."""
    return datetime.datetime.combine(month_start(now) + relativedelta(months=1), datetime.time(), datetime.UTC)


def messages_today(user: User) -> int:
    """Chat messages the learner has sent today (UTC)."""
    today = timezone.now().date()
    return selectors.usage_totals(user=user, since=today, until=today)["messages"]


def generations_this_month(user: User) -> int:
    """AI generations the learner has used this month (UTC)."""
    return selectors.usage_totals(user=user, since=month_start(timezone.now()))["generations"]


def _iso(moment: datetime.datetime) -> str:
    return utc_iso(moment)


def _exceeded(what: str, *, limit: int, used: int, resets_at: datetime.datetime) -> QuotaExceeded:
    return QuotaExceeded(
        f"You have used your {limit} {what}; the quota resets at {_iso(resets_at)}.",
        details={"limit": limit, "used": used, "resets_at": _iso(resets_at)},
    )


def message_quota_reserve(user: User) -> None:
    """Count one more chat message today, or refuse it with ``QuotaExceeded`` (nothing counted)."""
    limit = getattr(entitlements.limits_for(user), MESSAGES)
    now = timezone.now()
    if not usage_message_reserve(user=user, day=now.date(), limit=limit):
        used = messages_today(user)
        raise _exceeded("assistant messages for today", limit=limit, used=used, resets_at=day_resets_at(now))


def generation_quota_check(user: User) -> None:
    """Refuse with ``QuotaExceeded`` when the learner's AI generations for this month are used up."""
    limit = getattr(entitlements.limits_for(user), GENERATIONS)
    used = generations_this_month(user)
    if limit is not None and used >= limit:
        resets_at = month_resets_at(timezone.now())
        raise _exceeded("AI generations for this month", limit=limit, used=used, resets_at=resets_at)


def generation_record(user: User, *, counted_at: datetime.datetime) -> None:
    """Count one AI generation for the learner on the (UTC) day of ``counted_at`` (its job's creation)."""
    usage_generation_record(user=user, day=counted_at.astimezone(datetime.UTC).date())


def generation_refund(user: User, *, counted_at: datetime.datetime) -> None:
    """Give back the AI generation counted at ``counted_at`` (its job failed, so it does not count)."""
    usage_generation_refund(user=user, day=counted_at.astimezone(datetime.UTC).date())


def usage_overview(user: User) -> dict[str, Any]:
    """Today's and this month's usage with the plan's quotas and when they reset (GET users/me/usage)."""
    now, tier = timezone.now(), entitlements.current_tier(user)
    limits = entitlements.PLAN_LIMITS[tier]
    today = {**selectors.usage_totals(user=user, since=now.date(), until=now.date()), "date": now.date()}
    month = {**selectors.usage_totals(user=user, since=month_start(now)), "start": month_start(now)}
    day_reset, month_reset = _iso(day_resets_at(now)), _iso(month_resets_at(now))
    return {
        "plan": tier,
        "today": {**today, "resets_at": day_reset},
        "month": {**month, "resets_at": month_reset},
        "quotas": {
            MESSAGES: {"limit": getattr(limits, MESSAGES), "used": today["messages"], "resets_at": day_reset},
            GENERATIONS: {
                "limit": getattr(limits, GENERATIONS),
                "used": month["generations"],
                "resets_at": month_reset,
            },
        },
    }
