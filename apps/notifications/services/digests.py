"""The digest e-mail: what is due today (daily) or this week (weekly), streak and course progress."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apps.accounts.models import User
from apps.learning import selectors as learning_selectors
from apps.notifications.models import Channel, Delivery, DigestFrequency, Kind
from apps.notifications.preferences import channels_for, settings_of
from apps.notifications.services.delivery import Message, notify
from apps.planning.models import Goal, GoalStatus, Task
from apps.planning.selectors.analytics import day_bounds, streaks
from apps.planning.selectors.schedule import occurrences_in_window

DIGEST_HOUR = 7  # local time the digest goes out from
MAX_ITEMS = 10
MAX_COURSES = 5

logger = logging.getLogger(__name__)


def digest_period(*, user: User, frequency: str, now: datetime) -> tuple[str, date, date] | None:
    """(period key, first day, last day) when ``user``'s digest is due at ``now``, else None."""
    local = now.astimezone(ZoneInfo(user.timezone))
    if local.hour < DIGEST_HOUR:
        return None
    today = local.date()
    if frequency == DigestFrequency.DAILY:
        return today.isoformat(), today, today
    if frequency == DigestFrequency.WEEKLY and today.weekday() == 0:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}", today, today + timedelta(days=6)
    return None


def digest_context(*, user: User, first: date, last: date, now: datetime) -> dict[str, Any]:
    """What the digest lists: sessions, task deadlines and goal dates in [first, last], streak, courses."""
    zone = ZoneInfo(user.timezone)
    start, _ = day_bounds(user=user, day=first)
    _, end = day_bounds(user=user, day=last)
    sessions = [
        {"title": o.block.title, "when": f"{o.start.astimezone(zone):%a %d %b %H:%M}"}
        for o in occurrences_in_window(user=user, start=start, end=end)
        if not o.completed
    ][:MAX_ITEMS]
    tasks = [
        {"title": t.title, "goal": t.goal.title, "when": f"{t.deadline.astimezone(zone):%a %d %b %H:%M}"}
        for t in Task.objects.filter(
            goal__user=user, completed=False, deadline__gte=start, deadline__lt=end
        ).select_related("goal")[:MAX_ITEMS]
        if t.deadline is not None
    ]
    goals = [
        {"title": g.title, "when": f"{g.target_date:%a %d %b}", "progress": round(g.progress)}
        for g in Goal.objects.filter(
            user=user,
            target_date__gte=first,
            target_date__lte=last,
            status__in=[GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS],
        ).order_by("target_date")[:MAX_ITEMS]
    ]
    courses = learning_selectors.course_list(user=user)[:MAX_COURSES]
    return {
        "name": user.name,
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "weekly": first != last,
        "sessions": sessions,
        "tasks": tasks,
        "goals": goals,
        "streak_days": streaks(user=user, now=now)["current"],
        "courses": [{"title": c.title, "progress": round(c.progress)} for c in courses],
    }


def digest_send(*, user: User, now: datetime) -> bool:
    """Send ``user``'s digest if one is due and not yet sent this period; answers whether it was sent now."""
    preferences = settings_of(user)
    if Channel.EMAIL not in channels_for(user, preferences, Kind.DIGESTS):
        return False
    period = digest_period(user=user, frequency=preferences.digest_frequency, now=now)
    if period is None:
        return False
    key = f"digest:{user.pk}:{period[0]}"
    if Delivery.objects.filter(key=key).exists():
        return False
    context = digest_context(user=user, first=period[1], last=period[2], now=now)
    if not (context["sessions"] or context["tasks"] or context["goals"]):
        return False  # nothing due: no e-mail (the period is tried again next hour, cheaply)
    count = len(context["sessions"]) + len(context["tasks"]) + len(context["goals"])
    notify(
        user=user,
        message=Message(
            kind=Kind.DIGESTS,
            key=key,
            title="Your week ahead" if context["weekly"] else "Your day ahead",
            body=f"{count} thing(s) due; streak {context['streak_days']} day(s).",
            url="/today",
            email_template="digest",
            email_context=context,
        ),
        now=now,
    )
    return True


def digests_send(*, now: datetime) -> int:
    """Send every due digest (hourly from beat); one user's failure is logged and skipped. Answers how many."""
    sent = 0
    users = (
        User.objects.filter(is_active=True)
        .exclude(notification_settings__digest_frequency=DigestFrequency.OFF)
        .select_related("notification_settings")
    )
    for user in users.iterator(chunk_size=500):
        try:
            sent += digest_send(user=user, now=now)
        except Exception:  # one learner's data must not stop the others' digests
            logger.exception("Digest of user %s could not be sent", user.pk)
    return sent
