"""Reads of goals and tasks, scoped to their owner."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from apps.planning.models import Goal, GoalStatus, Priority, Task
from maigie.ownership import get_owned_or_404, owned_by

GOAL_ORDERINGS = {"created_at", "-created_at", "target_date", "-target_date", "priority", "-priority", "title"}
ACTIVE_GOAL_STATUSES = (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)


def active_goals(*, user_id: Any) -> QuerySet[Goal]:
    """The user's goals neither completed nor abandoned, oldest first: what ``active_goals`` counts."""
    return Goal.objects.filter(user_id=user_id, status__in=ACTIVE_GOAL_STATUSES).order_by("created_at", "pk")


def goal_list(
    *, user: Any, status: str | None = None, priority: str | None = None, course: Any = None, ordering: str = ""
) -> QuerySet[Goal]:
    """``user``'s goals with their tasks, filtered and ordered."""
    goals = owned_by(Goal.objects.all(), user=user).prefetch_related(
        Prefetch("tasks", queryset=Task.objects.order_by("order", "created_at"))
    )
    if status:
        goals = goals.filter(status=status)
    if priority:
        goals = goals.filter(priority=priority)
    if course:
        goals = goals.filter(course_id=course)
    if ordering.lstrip("-") == "priority":  # by rank, not alphabetically
        rank = Case(
            *(When(priority=p, then=Value(i)) for i, p in enumerate(Priority.values)), output_field=IntegerField()
        )
        goals = goals.annotate(priority_rank=rank).order_by(
            ordering.replace("priority", "priority_rank"), "-created_at"
        )
    elif ordering in GOAL_ORDERINGS:
        goals = goals.order_by(ordering, "-created_at")
    return goals


def goal_get(*, user: Any, goal_id: Any) -> Goal:
    """One of ``user``'s goals, or 404."""
    return get_owned_or_404(goal_list(user=user), user=user, pk=goal_id)


def task_get(*, user: Any, task_id: Any) -> Task:
    """One task of ``user``'s goals, or 404."""
    return get_owned_or_404(Task.objects.select_related("goal"), user=user, owner_path="goal__user", pk=task_id)
