"""Study analytics: per-day figures in the user's time zone, streaks, summary and time series."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import CharField, F, Q, Value

from apps.accounts.models import User
from apps.learning.selectors import activity_moments, course_list
from apps.planning.models import DailyMetric, Goal, GoalStatus, StudySession, Task

METRICS = ("study_minutes", "sessions", "tasks_completed", "topics_completed", "notes_created")
SUMMARY_LIMIT = 20
MAX_SERIES_DAYS = 366


def local_today(*, user: User, now: datetime) -> date:
    """The calendar date at ``now`` in ``user``'s time zone."""
    return now.astimezone(ZoneInfo(user.timezone)).date()


def day_bounds(*, user: User, day: date) -> tuple[datetime, datetime]:
    """The instants at which ``day`` starts and ends in ``user``'s time zone."""
    zone = ZoneInfo(user.timezone)
    return datetime.combine(day, time(), zone), datetime.combine(day + timedelta(days=1), time(), zone)


def day_figures(*, user: User, day: date, now: datetime) -> dict[str, int]:
    """``user``'s figures for local ``day`` as of ``now`` (a running session counts up to ``now``)."""
    return days_figures(user=user, days=[day], now=now)[day]


def days_figures(*, user: User, days: Collection[date], now: datetime) -> dict[date, dict[str, int]]:
    """``user``'s figures for each local day of ``days`` as of ``now``, in two queries whatever their number."""
    bounds = {day: day_bounds(user=user, day=day) for day in days}
    first, last = min(start for start, _ in bounds.values()), max(end for _, end in bounds.values())
    sessions = list(  # those overlapping a day, and those starting in one (counted even if they last no time)
        StudySession.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=first) | Q(started_at__gte=first), user=user, started_at__lt=last
        ).values_list("started_at", "ended_at")
    )
    completed = (
        Task.objects.filter(goal__user=user, completed=True, completed_at__gte=first, completed_at__lt=last)
        .annotate(metric=Value("tasks_completed", output_field=CharField()), moment=F("completed_at"))
        .values_list("metric", "moment")
    )
    moments: dict[str, list[datetime]] = {name: [] for name in ("tasks_completed", "topics_completed", "notes_created")}
    for metric, moment in completed.union(*activity_moments(user=user, start=first, end=last), all=True):
        moments[metric].append(moment)
    figures = {}
    for day, (start, end) in bounds.items():
        seconds = 0.0
        for started_at, ended_at in sessions:
            if started_at < end and (ended_at is None or ended_at > start):
                stop = min(ended_at or now, end, now)
                seconds += max((stop - max(started_at, start)).total_seconds(), 0.0)
        figures[day] = {
            "study_minutes": int(seconds // 60),
            "sessions": sum(start <= started_at < end for started_at, _ in sessions),
            **{name: sum(start <= moment < end for moment in times) for name, times in moments.items()},
        }
    return figures


def daily_series(*, user: User, start: date, end: date, now: datetime) -> dict[date, dict[str, int]]:
    """Figures of each day from ``start`` to ``end`` inclusive: stored ones, live for today and unstored yesterday."""
    stored = {
        m.date: {name: getattr(m, name) for name in METRICS}
        for m in DailyMetric.objects.filter(user=user, date__gte=start, date__lte=end)
    }
    today = local_today(user=user, now=now)
    live_days = [day for day in (today - timedelta(days=1), today) if start <= day <= end]
    live_days = [day for day in live_days if day == today or day not in stored]
    live = days_figures(user=user, days=live_days, now=now) if live_days else {}
    series = {}
    day = start
    while day <= end:
        if day in live:
            series[day] = live[day]
        elif day in stored:
            series[day] = stored[day]
        else:
            series[day] = dict.fromkeys(METRICS, 0)
        day += timedelta(days=1)
    return series


def streaks(*, user: User, now: datetime) -> dict[str, int]:
    """The learner's current and longest streak: the one streak the product shows (``apps.review.selectors.streak``:
    study days with a review, a study session, a completed topic or task, own or in a space; with freezes)."""
    from apps.review.selectors import streak  # noqa: PLC0415 (review builds on planning)

    found = streak(user=user, now=now)
    return {"current": found["current"], "longest": found["longest"]}


def summary(*, user: User, now: datetime) -> dict[str, Any]:
    """Today, this week (Monday to today, local), streaks, the progress of open goals and of active courses,
    and the achievements earned."""
    today = local_today(user=user, now=now)
    monday = today - timedelta(days=today.weekday())
    week = daily_series(user=user, start=monday, end=today, now=now)
    goals = Goal.objects.filter(user=user, status__in=[GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS]).order_by(
        "target_date", "-created_at"
    )[:SUMMARY_LIMIT]
    courses = course_list(user=user, archived=False, ordering="-updated_at")[:SUMMARY_LIMIT]
    from apps.review.achievements import earned_summary  # noqa: PLC0415 (review builds on planning)

    return {
        "date": today,
        "timezone": user.timezone,
        "today": week[today],
        "this_week": {name: sum(figures[name] for figures in week.values()) for name in METRICS},
        "streaks": streaks(user=user, now=now),
        "goals": [
            {"id": g.pk, "title": g.title, "status": g.status, "progress": g.progress, "target_date": g.target_date}
            for g in goals
        ],
        "courses": list(courses),  # annotated with topic_count and completed_topic_count
        "achievements": earned_summary(user=user),
    }


def timeseries(*, user: User, metric: str, start: date, end: date, now: datetime) -> list[dict[str, Any]]:
    """One point per local day from ``start`` to ``end`` inclusive for ``metric``."""
    if metric not in METRICS:
        raise ValidationError({"metric": [f"One of {', '.join(METRICS)}."]})
    if end < start:
        raise ValidationError({"end": ["end must not be before start."]})
    if (end - start).days + 1 > MAX_SERIES_DAYS:
        raise ValidationError({"end": [f"At most {MAX_SERIES_DAYS} days."]})
    series = daily_series(user=user, start=start, end=end, now=now)
    return [{"date": day, "value": figures[metric]} for day, figures in series.items()]
