"""The learner's items the offline understanding resolves references against, read from the database."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, F, Func, QuerySet, Value
from django.db.models.functions import Coalesce

from apps.accounts.models import User
from apps.learning.models import Course, Note, Topic
from apps.learning.models import Module as CourseModule
from apps.planning.models import Goal, ScheduleBlock, Task

from .items import KINDS, Item, Known

LIMIT = 200  # the most items of one kind considered (in each model's default order)
Row = tuple[str, str, str, str, str, str]


def _wall_time(zone: str) -> Func:
    """A block's first start as wall time in ``zone`` (the learner's, in which the tools read a new start):
    PostgreSQL's timezone(zone, timestamptz), then "HH24:MI"."""
    return Func(
        Func(Value(zone), F("start_time"), function="timezone"),
        Value("HH24:MI"),
        function="to_char",
        output_field=CharField(),
    )


def _rows(
    queryset: QuerySet[Any], kind: str, course: str = "", module: str = "", *, timed_in: str = ""
) -> QuerySet[Any, Row]:
    """``(kind, title, course, module, time, rule)`` of the first ``LIMIT`` rows, in the model's default order
    (time and recurrence rule for blocks, ``timed_in`` given)."""
    text = CharField()
    rows: QuerySet[Any, Row] = (
        queryset.annotate(
            item_kind=Value(kind, output_field=text),
            item_title=F("title"),
            item_course=Coalesce(F(course), Value(""), output_field=text) if course else Value("", output_field=text),
            item_module=F(module) if module else Value("", output_field=text),
            item_time=_wall_time(timed_in) if timed_in else Value("", output_field=text),
            item_rule=F("recurrence_rule") if timed_in else Value("", output_field=text),
        )
        .order_by(*queryset.model._meta.ordering)
        .values_list("item_kind", "item_title", "item_course", "item_module", "item_time", "item_rule")[:LIMIT]
    )
    return rows


def learner_items(user: User) -> Known:
    """The user's active courses, modules, topics, goals, tasks, blocks and notes, in one query."""
    parts = [
        _rows(Course.objects.filter(user=user, archived=False), "course"),
        _rows(CourseModule.objects.filter(course__user=user, course__archived=False), "module", "course__title"),
        _rows(
            Topic.objects.filter(module__course__user=user, module__course__archived=False),
            "topic",
            "module__course__title",
            "module__title",
        ),
        _rows(Goal.objects.filter(user=user), "goal"),
        _rows(Task.objects.filter(goal__user=user), "task", "goal__title"),
        _rows(ScheduleBlock.objects.filter(user=user), "block", "course__title", timed_in=user.timezone),
        _rows(Note.objects.filter(user=user, archived=False), "note"),
    ]
    rows = list(parts[0].union(*parts[1:], all=True))
    # PostgreSQL runs the branches of a UNION ALL one after the other, each in its own ORDER BY; the
    # stable sort keeps each kind's order and puts the kinds in the order of KINDS whatever happens.
    rows.sort(key=lambda row: KINDS.index(row[0]))
    return Known([Item(kind, title, course, module, time, rule) for kind, title, course, module, time, rule in rows])
