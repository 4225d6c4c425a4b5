"""What the assistant is told about the learner: active courses, open goals, upcoming schedule."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from apps.accounts.models import User
from apps.assistant.context import add_context_section
from apps.assistant.selectors import fact_list
from apps.learning import selectors as learning
from apps.planning.selectors import goals as goal_selectors
from apps.planning.selectors import schedule as schedule_selectors

MAX_ITEMS = 8
MAX_FACTS = 20
UPCOMING = datetime.timedelta(days=7)


@add_context_section
def remembered_facts(user: User) -> list[str]:
    """What the learner asked the assistant to remember (first, so the budget never drops it)."""
    return [f"The learner told you: {text}" for text in fact_list(user=user).values_list("text", flat=True)[:MAX_FACTS]]


@add_context_section
def active_courses(user: User) -> list[str]:
    """The learner's active courses with their progress."""
    courses = learning.course_list(user=user)[:MAX_ITEMS]
    return [f"Course “{course.title}”: {course.progress:.0f}% done" for course in courses]


@add_context_section
def open_goals(user: User) -> list[str]:
    """Goals not completed or abandoned, with target dates."""
    goals = goal_selectors.goal_list(user=user).exclude(status__in=["COMPLETED", "ABANDONED"])[:MAX_ITEMS]
    return [
        f"Goal “{goal.title}” ({goal.status.lower().replace('_', ' ')}, {goal.progress:.0f}%"
        + (f", due {goal.target_date.isoformat()})" if goal.target_date else ")")
        for goal in goals
    ]


@add_context_section
def upcoming_schedule(user: User) -> list[str]:
    """The next week's study blocks, in the learner's time zone."""
    now = timezone.now()
    zone = zoneinfo.ZoneInfo(user.timezone)
    occurrences = schedule_selectors.occurrences_in_window(user=user, start=now, end=now + UPCOMING)[:MAX_ITEMS]
    return [f"Scheduled “{o.block.title}” {o.start.astimezone(zone):%a %d %b %H:%M}" for o in occurrences]
