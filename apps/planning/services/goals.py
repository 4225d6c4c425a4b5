"""Writes for goals and their tasks; progress and status are maintained here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.signals import progress_made
from apps.billing import entitlements
from apps.planning import events
from apps.planning.models import Goal, GoalStatus, Priority, Task
from apps.planning.selectors.goals import ACTIVE_GOAL_STATUSES
from apps.planning.services.links import learning_links
from maigie.encoding import utc_iso
from maigie.realtime.publish import publish
from maigie.services import fields_check

# Status a learner may move a goal to by hand, from each status.
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    GoalStatus.NOT_STARTED: {GoalStatus.IN_PROGRESS, GoalStatus.COMPLETED, GoalStatus.ABANDONED},
    GoalStatus.IN_PROGRESS: {GoalStatus.COMPLETED, GoalStatus.ABANDONED},
    GoalStatus.COMPLETED: {GoalStatus.IN_PROGRESS},
    GoalStatus.ABANDONED: {GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS, GoalStatus.COMPLETED},
}
GOAL_FIELDS = {"title", "description", "target_date", "priority", "status", "course_id"}
TASK_FIELDS = {"title", "description", "completed", "deadline"}


class TaskSpec(TypedDict, total=False):
    """Fields of a task created together with its goal."""

    title: str
    description: str
    completed: bool
    deadline: datetime | None


def goal_payload(goal: Goal) -> dict[str, Any]:
    """The realtime payload describing ``goal``."""
    return {
        "id": str(goal.pk),
        "title": goal.title,
        "status": goal.status,
        "progress": goal.progress,
        "course_id": str(goal.course_id) if goal.course_id else None,
        "completed_at": utc_iso(goal.completed_at) if goal.completed_at else None,
    }


def task_payload(task: Task) -> dict[str, Any]:
    """The realtime payload describing ``task``."""
    return {"id": str(task.pk), "goal_id": str(task.goal_id), "title": task.title, "completed": task.completed}


@transaction.atomic
def goal_create(
    *,
    user: User,
    title: str,
    description: str = "",
    target_date: date | None = None,
    priority: str = Priority.MEDIUM,
    tasks: list[TaskSpec] | None = None,
    course_id: Any = None,
    is_ai_generated: bool = False,
) -> Goal:
    """Create a goal, optionally for one of the user's courses and with its tasks in the given order."""
    entitlements.check_room(user_id=user.pk, metric="active_goals")
    course, _ = learning_links(user=user, course_id=course_id)
    goal = Goal.objects.create(
        user=user,
        course=course,
        title=title,
        description=description,
        target_date=target_date,
        priority=priority,
        is_ai_generated=is_ai_generated,
    )
    now = timezone.now()
    Task.objects.bulk_create(
        [
            Task(
                goal=goal,
                order=index,
                title=spec["title"],
                description=spec.get("description", ""),
                completed=spec.get("completed", False),
                completed_at=now if spec.get("completed", False) else None,
                deadline=spec.get("deadline"),
            )
            for index, spec in enumerate(tasks or [])
        ]
    )
    _refresh(goal)
    publish(user_id=user.pk, event=events.GOAL_CREATED, data=goal_payload(goal))
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, data: dict[str, Any]) -> Goal:
    """Change a goal's fields; a status change must be an allowed, consistent transition."""
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    fields_check(data=data, allowed=GOAL_FIELDS)
    closing = set(data) == {"status"} and data["status"] not in ACTIVE_GOAL_STATUSES
    if not closing:  # completing or abandoning is how a learner gets back under the plan's cap
        _check_editable(goal)
    was = goal.status
    changes = dict(data)
    if "course_id" in changes:
        goal.course, _ = learning_links(user=goal.user, course_id=changes.pop("course_id"))
    status = changes.get("status")
    if status is not None and status != goal.status:
        _check_transition(goal, status)
    for name, value in changes.items():
        setattr(goal, name, value)
    goal.save()
    _refresh(goal)
    _check_reactivation(goal, was=was)
    publish(user_id=goal.user_id, event=events.GOAL_UPDATED, data=goal_payload(goal))
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal) -> None:
    """Delete a goal and its tasks."""
    user_id, goal_id = goal.user_id, str(goal.pk)
    goal.delete()
    publish(user_id=user_id, event=events.GOAL_DELETED, data={"id": goal_id})


@transaction.atomic
def task_create(
    *,
    goal: Goal,
    title: str,
    description: str = "",
    completed: bool = False,
    deadline: datetime | None = None,
) -> Task:
    """Append a task to ``goal``."""
    goal = _lock_for_edit(goal.pk)
    last = goal.tasks.aggregate(last=Max("order"))["last"]
    task = Task.objects.create(
        goal=goal,
        title=title,
        description=description,
        completed=completed,
        completed_at=timezone.now() if completed else None,
        deadline=deadline,
        order=0 if last is None else last + 1,
    )
    publish(user_id=goal.user_id, event=events.TASK_CREATED, data=task_payload(task))
    _refresh_and_publish(goal)
    if task.completed_at is not None:
        _studied(goal, task)
    return task


@transaction.atomic
def task_update(*, task: Task, data: dict[str, Any]) -> Task:
    """Change a task; completing or reopening it updates its goal's progress and status."""
    fields_check(data=data, allowed=TASK_FIELDS)
    goal = _lock_for_edit(task.goal_id)
    task = Task.objects.select_for_update().get(pk=task.pk)
    was_completed = task.completed
    for name, value in data.items():
        setattr(task, name, value)
    if task.completed and not was_completed:
        task.completed_at = timezone.now()
    elif not task.completed:
        task.completed_at = None
    task.save()
    event = events.TASK_UPDATED
    if task.completed != was_completed:
        event = events.TASK_COMPLETED if task.completed else events.TASK_REOPENED
    publish(user_id=goal.user_id, event=event, data=task_payload(task))
    _refresh_and_publish(goal)
    if task.completed and not was_completed:
        _studied(goal, task)
    return task


def _studied(goal: Goal, task: Task) -> None:
    """A task done makes a study day: the streak's achievements may be reached."""
    progress_made.send(sender=Task, user=goal.user, now=task.completed_at, metrics=("streak",))


@transaction.atomic
def task_delete(*, task: Task) -> None:
    """Delete a task; its goal's progress is recomputed."""
    goal = _lock_for_edit(task.goal_id)
    task_id = str(task.pk)
    task.delete()
    publish(user_id=goal.user_id, event=events.TASK_DELETED, data={"id": task_id, "goal_id": str(goal.pk)})
    _refresh_and_publish(goal)


@transaction.atomic
def task_reorder(*, goal: Goal, task_ids: list[Any]) -> list[Task]:
    """Put ``goal``'s tasks in the order of ``task_ids``, which must name each of them once."""
    goal = _lock_for_edit(goal.pk)
    tasks = {str(t.pk): t for t in goal.tasks.all()}
    wanted = [str(pk) for pk in task_ids]
    if len(wanted) != len(set(wanted)) or set(wanted) != set(tasks):
        raise ValidationError({"task_ids": ["List every task of the goal exactly once."]})
    ordered = [tasks[pk] for pk in wanted]
    for index, task in enumerate(ordered):
        task.order = index
    Task.objects.bulk_update(ordered, ["order"])
    publish(user_id=goal.user_id, event=events.TASKS_REORDERED, data={"goal_id": str(goal.pk), "task_ids": wanted})
    return ordered


def _lock_for_edit(goal_id: Any) -> Goal:
    """Re-read the goal with a row lock, refusing a goal past the plan's cap (read-only)."""
    goal = Goal.objects.select_for_update().get(pk=goal_id)
    _check_editable(goal)
    return goal


def _check_editable(goal: Goal) -> None:
    entitlements.check_editable(user_id=goal.user_id, metric="active_goals", pk=goal.pk)


def _check_reactivation(goal: Goal, *, was: str) -> None:
    """Refuse a finished goal becoming active again (reopened by hand or by a task) over the plan's cap."""
    if was not in ACTIVE_GOAL_STATUSES and goal.status in ACTIVE_GOAL_STATUSES:
        entitlements.check_room(user_id=goal.user_id, metric="active_goals", excluding=goal.pk)


def _check_transition(goal: Goal, status: str) -> None:
    if status not in ALLOWED_TRANSITIONS[goal.status]:
        raise ValidationError({"status": [f"A goal cannot move from {goal.status} to {status}."]})
    total = goal.tasks.count()
    done = goal.tasks.filter(completed=True).count()
    if status == GoalStatus.COMPLETED and done < total:
        raise ValidationError({"status": ["Complete every task before completing the goal."]})
    if status == GoalStatus.NOT_STARTED and done > 0:
        raise ValidationError({"status": ["A goal with completed tasks has started."]})
    if status == GoalStatus.IN_PROGRESS and total > 0 and done == total:
        raise ValidationError({"status": ["Every task is done: reopen a task or add one."]})


def _refresh(goal: Goal) -> None:
    """Recompute progress, and status unless the goal is abandoned."""
    total = goal.tasks.count()
    done = goal.tasks.filter(completed=True).count()
    goal.progress = round(100.0 * done / total, 1) if total else (100.0 if goal.status == GoalStatus.COMPLETED else 0.0)
    if goal.status != GoalStatus.ABANDONED and total:
        if done == total:
            goal.status = GoalStatus.COMPLETED
        elif done > 0 or goal.status == GoalStatus.COMPLETED:
            goal.status = GoalStatus.IN_PROGRESS
    if goal.status == GoalStatus.COMPLETED:
        goal.completed_at = goal.completed_at or timezone.now()
    else:
        goal.completed_at = None
    goal.save(update_fields=["progress", "status", "completed_at", "updated_at"])


def _refresh_and_publish(goal: Goal) -> None:
    before = (goal.progress, goal.status)
    _refresh(goal)
    _check_reactivation(goal, was=before[1])
    if (goal.progress, goal.status) != before:
        publish(user_id=goal.user_id, event=events.GOAL_UPDATED, data=goal_payload(goal))
