"""Read-only tools about how the learner is doing: activity over a period, and learning insights."""

from __future__ import annotations

import datetime
from typing import Literal

from django.db.models import Sum
from django.utils import timezone
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.tools.learning import course_named
from apps.assistant.tools.registry import Arguments, Tool, ToolOutcome, register
from apps.learning.models import Topic
from apps.planning.models import Goal, GoalStatus, Task
from apps.planning.selectors import analytics

LISTED = 5
ACTIVE_GOALS = (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)


def period_days(period: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last local day of ``period`` as seen on ``today`` (weeks start on Monday)."""
    monday = today - datetime.timedelta(days=today.weekday())
    if period == "today":
        return today, today
    if period == "this_week":
        return monday, today
    if period == "last_week":
        return monday - datetime.timedelta(days=7), monday - datetime.timedelta(days=1)
    return today.replace(day=1), today


class SummarizeActivity(Arguments):
    """What the learner did over a period: study time, sessions, topics and tasks completed, notes written."""

    period: Literal["today", "this_week", "last_week", "this_month"]


def summarize_activity(user: User, arguments: SummarizeActivity) -> ToolOutcome:
    now = timezone.now()
    first, last = period_days(arguments.period, analytics.local_today(user=user, now=now))
    series = analytics.daily_series(user=user, start=first, end=last, now=now)
    totals = {name: sum(day[name] for day in series.values()) for name in analytics.METRICS}
    start, _ = analytics.day_bounds(user=user, day=first)
    _, end = analytics.day_bounds(user=user, day=last)
    topics = list(
        Topic.objects.filter(module__course__user=user, completed_at__gte=start, completed_at__lt=end)
        .order_by("completed_at")
        .values_list("title", flat=True)[:LISTED]
    )
    tasks = list(
        Task.objects.filter(goal__user=user, completed=True, completed_at__gte=start, completed_at__lt=end)
        .order_by("completed_at")
        .values_list("title", flat=True)[:LISTED]
    )
    hours, minutes = divmod(totals["study_minutes"], 60)
    when = arguments.period.replace("_", " ")
    summary = (
        f"{when.capitalize()}: {hours} h {minutes} min of study in {totals['sessions']} session(s), "
        f"{totals['topics_completed']} topic(s) and {totals['tasks_completed']} task(s) completed, "
        f"{totals['notes_created']} note(s) written."
    )
    if topics:
        summary += " Topics: " + ", ".join(f"“{title}”" for title in topics) + "."
    return ToolOutcome(
        result={
            "period": arguments.period,
            "start": first.isoformat(),
            "end": last.isoformat(),
            **totals,
            "topics": topics,
            "tasks": tasks,
            "summary": summary,
        }
    )


class GetInsights(Arguments):
    """Where the learner stands: weak topics (most forgotten flashcards), overdue tasks and goals, streak."""

    course: str | None = Field(default=None, description="Narrow to this course (title or id)")


def get_insights(user: User, arguments: GetInsights) -> ToolOutcome:
    now = timezone.now()
    today = analytics.local_today(user=user, now=now)
    topics = Topic.objects.filter(module__course__user=user, module__course__archived=False)
    goals = Goal.objects.filter(user=user, status__in=ACTIVE_GOALS)
    if arguments.course:
        course = course_named(user, arguments.course)
        topics, goals = topics.filter(module__course=course), goals.filter(course=course)
    weak = list(
        topics.annotate(lapses=Sum("cards__lapses"))
        .filter(lapses__gt=0)
        .order_by("-lapses", "title")
        .values("title", "lapses", "completed")[:LISTED]
    )
    overdue_tasks = list(
        Task.objects.filter(goal__in=goals, completed=False, deadline__lt=now)
        .order_by("deadline")
        .values_list("title", "goal__title")[:LISTED]
    )
    overdue_goals = list(
        goals.filter(target_date__lt=today).order_by("target_date").values_list("title", "target_date")[:LISTED]
    )
    streak = analytics.streaks(user=user, now=now)
    parts = [f"Streak: {streak['current']} day(s) (longest {streak['longest']})."]
    if weak:
        parts.append("Weak topics: " + ", ".join(f"“{row['title']}”" for row in weak) + ".")
    if overdue_tasks:
        parts.append("Overdue tasks: " + ", ".join(f"“{title}” ({goal})" for title, goal in overdue_tasks) + ".")
    if overdue_goals:
        parts.append("Overdue goals: " + ", ".join(f"“{title}” (due {day})" for title, day in overdue_goals) + ".")
    if len(parts) == 1:
        parts.append("Nothing is overdue and no topic stands out as weak.")
    return ToolOutcome(
        result={
            "weak_topics": [{"title": row["title"], "lapses": row["lapses"]} for row in weak],
            "overdue_tasks": [{"title": title, "goal": goal} for title, goal in overdue_tasks],
            "overdue_goals": [{"title": title, "target_date": str(day)} for title, day in overdue_goals],
            "streak": streak,
            "summary": " ".join(parts),
        }
    )


for tool in (
    Tool("summarize_activity", SummarizeActivity.__doc__ or "", SummarizeActivity, summarize_activity),
    Tool("get_insights", GetInsights.__doc__ or "", GetInsights, get_insights),
):
    register(tool)
