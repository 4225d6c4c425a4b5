"""Nudges: streak at risk, idle days, a goal or an exam approaching, cards piling up; once per period."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from apps.accounts.models import User
from apps.notifications.models import Delivery, Kind
from apps.notifications.preferences import channels_for, settings_of
from apps.notifications.services.delivery import Message, notify
from apps.planning.models import Goal, GoalStatus
from apps.planning.selectors.analytics import streaks
from apps.review.exams import readiness
from apps.review.models import Exam
from apps.review.scheduling import study_day
from apps.review.selectors import SECONDS_PER_CARD, due_cards, study_days

NUDGE_FROM_HOUR, NUDGE_UNTIL_HOUR = 9, 21  # local hours nudges are considered in
STREAK_RISK_HOUR = 19  # evening: the day's study has not happened yet
GOAL_DUE_DAYS = 3
EXAM_STAGES = (7, 3, 1)  # an exam is nudged when it is this many days away or fewer: once per stage
LOOKBACK_DAYS = 60  # an inactivity stretch older than this was nudged already (or the learner has left)

logger = logging.getLogger(__name__)


def nudges_for(*, user: User, now: datetime) -> list[Message]:
    """The nudges due for ``user`` at ``now``; each one's key names its period, so it goes out once."""
    local = now.astimezone(ZoneInfo(user.timezone))
    if not NUDGE_FROM_HOUR <= local.hour < NUDGE_UNTIL_HOUR:
        return []
    today = local.date()
    study_today = study_day(user=user, now=now)[0]  # the streak's days start at the learner's day-start hour
    active = sorted(study_days(user=user, since=now - timedelta(days=LOOKBACK_DAYS + 1), until=now))
    messages = []
    if local.hour >= STREAK_RISK_HOUR and (not active or active[-1] != study_today):
        current = streaks(user=user, now=now)["current"]
        if current > 0:
            messages.append(
                Message(
                    kind=Kind.NUDGES,
                    key=f"nudge:streak:{user.pk}:{today.isoformat()}",
                    title=f"Keep your {current}-day streak",
                    body="A few minutes of study today keeps it going.",
                    url="/today",
                    data={"nudge": "streak_at_risk", "streak_days": current},
                    expires_at=datetime.combine(today + timedelta(days=1), datetime.min.time(), local.tzinfo),
                )
            )
    since = active[-1] if active else user.created_at.astimezone(local.tzinfo).date()
    idle = (study_today - since).days
    if idle >= settings.NUDGE_INACTIVE_DAYS and since >= study_today - timedelta(days=LOOKBACK_DAYS):
        messages.append(
            Message(
                kind=Kind.NUDGES,
                key=f"nudge:inactive:{user.pk}:{since.isoformat()}",
                title="Pick up where you left off",
                body=f"No study for {idle} days. Ten minutes today?",
                url="/today",
                data={"nudge": "inactive", "days": idle},
            )
        )
    goals = Goal.objects.filter(
        user=user,
        status__in=[GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS],
        target_date__gte=today,
        target_date__lte=today + timedelta(days=GOAL_DUE_DAYS),
    ).order_by("target_date")
    for goal in goals:
        assert goal.target_date is not None  # filtered
        days = (goal.target_date - today).days
        messages.append(
            Message(
                kind=Kind.NUDGES,
                key=f"nudge:goal:{goal.pk}:{goal.target_date.isoformat()}",
                title=f"{goal.title}: due {'today' if days == 0 else f'in {days} day(s)'}",
                body=f"{round(goal.progress)}% done.",
                url=f"/goals/{goal.pk}",
                data={"nudge": "goal_due", "goal_id": str(goal.pk), "target_date": goal.target_date.isoformat()},
            )
        )
    messages.extend(_exam_nudges(user=user, today=today, now=now))
    due = due_cards(user=user, now=now).count()
    if due >= settings.NUDGE_DUE_CARDS:
        messages.append(
            Message(
                kind=Kind.NUDGES,
                key=f"nudge:cards:{user.pk}:{today.isoformat()}",
                title=f"{due} cards are waiting",
                body=f"About {max(1, round(due * SECONDS_PER_CARD / 60))} minutes clears them.",
                url="/review",
                data={"nudge": "cards_piling_up", "due_cards": due},
                expires_at=datetime.combine(today + timedelta(days=1), datetime.min.time(), local.tzinfo),
            )
        )
    return messages


def _exam_nudges(*, user: User, today: date, now: datetime) -> list[Message]:
    """One nudge per exam and stage (a week, three days, the day before) with the learner's readiness."""
    exams = Exam.objects.filter(user=user, date__gt=today, date__lte=today + timedelta(days=EXAM_STAGES[0]))
    messages = []
    for exam in exams.prefetch_related("courses", "topics").order_by("date"):
        days = (exam.date - today).days
        stage = min(limit for limit in EXAM_STAGES if days <= limit)
        ready = round(100 * readiness(exam=exam, now=now)["score"])
        messages.append(
            Message(
                kind=Kind.NUDGES,
                key=f"nudge:exam:{exam.pk}:{exam.date.isoformat()}:{stage}",
                title=f"{exam.title}: {'tomorrow' if days == 1 else f'in {days} days'}",
                body=f"Readiness {ready}%. Your prep plan and weakest topics are on the exam page.",
                url=f"/exams/{exam.pk}",
                data={"nudge": "exam_approaching", "exam_id": str(exam.pk), "days": days, "readiness": ready},
            )
        )
    return messages


def nudges_send(*, now: datetime) -> int:
    """Send every due nudge not yet sent (hourly from beat); one user's failure is logged and skipped."""
    sent = 0
    for user in User.objects.filter(is_active=True).select_related("notification_settings").iterator(chunk_size=500):
        try:
            if not channels_for(user, settings_of(user), Kind.NUDGES):
                continue
            for message in nudges_for(user=user, now=now):
                if not Delivery.objects.filter(key=message.key).exists():
                    notify(user=user, message=message, now=now)
                    sent += Delivery.objects.filter(key=message.key).exists()  # no channel, no device: none
        except Exception:  # one learner's data must not stop the others' nudges
            logger.exception("Nudges of user %s could not be sent", user.pk)
    return sent
