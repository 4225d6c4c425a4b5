"""The weekly progress report e-mail: last week's figures, sent on Monday morning in each user's zone."""

from __future__ import annotations

import logging
import zoneinfo
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from apps.accounts.models import User
from apps.learning import selectors as learning_selectors
from apps.planning.selectors.analytics import daily_series, local_today, streaks
from maigie.mail import queue_email

SEND_FROM_HOUR = 8  # local time on Monday
MAX_COURSES = 5

logger = logging.getLogger(__name__)


def weekly_report_context(*, user: User, now: datetime) -> dict[str, Any]:
    """Last week's (Monday to Sunday, local) figures for the report."""
    today = local_today(user=user, now=now)
    monday = today - timedelta(days=today.weekday() + 7)
    sunday = monday + timedelta(days=6)
    days = daily_series(user=user, start=monday, end=sunday, now=now).values()
    courses = learning_selectors.course_list(user=user)[:MAX_COURSES]
    return {
        "name": user.name,
        "week_start": monday.isoformat(),
        "week_end": sunday.isoformat(),
        "minutes_studied": sum(day["study_minutes"] for day in days),
        "tasks_completed": sum(day["tasks_completed"] for day in days),
        "topics_completed": sum(day["topics_completed"] for day in days),
        "streak_days": streaks(user=user, now=now)["current"],
        "courses": [{"title": course.title, "progress": round(course.progress)} for course in courses],
    }


def weekly_reports_send(*, now: datetime) -> int:
    """Queue the report of each opted-in user whose Monday morning has come (once a week); how many were due."""
    queued = 0
    for user in User.objects.filter(is_active=True, preferences__email_weekly_report=True):
        local_now = now.astimezone(zoneinfo.ZoneInfo(user.timezone))
        if local_now.weekday() != 0 or local_now.hour < SEND_FROM_HOUR:
            continue
        year, week, _ = local_now.isocalendar()
        try:
            with transaction.atomic():
                queue_email(
                    to=user.email,
                    template="weekly_report",
                    context=weekly_report_context(user=user, now=now),
                    idempotency_key=f"weekly-report:{user.pk}:{year}-W{week:02d}",
                )
        except Exception:  # one user's data must not stop the others' reports
            logger.exception("Weekly report of user %s could not be queued", user.pk)
            continue
        queued += 1
    return queued
