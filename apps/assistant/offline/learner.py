"""The learner's items the offline understanding resolves references against, read from the database."""

from __future__ import annotations

from apps.accounts.models import User
from apps.learning.models import Course, Note, Topic
from apps.learning.models import Module as CourseModule
from apps.planning.models import Goal, ScheduleBlock, Task

from .items import Item, Known

LIMIT = 200  # the most items of one kind considered (in each model's default order)


def learner_items(user: User) -> Known:
    """The user's active courses, modules, topics, goals, tasks, blocks and notes: one query per kind."""
    items = [
        Item("course", title)
        for title in Course.objects.filter(user=user, archived=False).values_list("title", flat=True)[:LIMIT]
    ]
    items += [
        Item("module", title, course)
        for title, course in CourseModule.objects.filter(course__user=user, course__archived=False).values_list(
            "title", "course__title"
        )[:LIMIT]
    ]
    items += [
        Item("topic", title, course, module)
        for title, course, module in Topic.objects.filter(
            module__course__user=user, module__course__archived=False
        ).values_list("title", "module__course__title", "module__title")[:LIMIT]
    ]
    items += [Item("goal", title) for title in Goal.objects.filter(user=user).values_list("title", flat=True)[:LIMIT]]
    items += [
        Item("task", title, goal)
        for title, goal in Task.objects.filter(goal__user=user).values_list("title", "goal__title")[:LIMIT]
    ]
    items += [
        Item("block", title, course or "")
        for title, course in ScheduleBlock.objects.filter(user=user).values_list("title", "course__title")[:LIMIT]
    ]
    items += [
        Item("note", title)
        for title in Note.objects.filter(user=user, archived=False).values_list("title", flat=True)[:LIMIT]
    ]
    return Known(items)
