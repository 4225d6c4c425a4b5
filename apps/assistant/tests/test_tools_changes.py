"""What an action recorded comes back typed for its undo, for every kind of field a tool changes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Model

from apps.assistant.tools import changes
from apps.learning.tests.factories import CourseFactory, NoteFactory
from apps.planning.models import OccurrenceException
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 3, 5, 18, 0, 0, 123456, tzinfo=datetime.UTC)


def _round_trip(instance: Model, names: list[str]) -> dict[str, Any]:
    recorded = changes.change(instance, "updated", before=changes.values(instance, names))
    return changes.before_values(recorded)


def test_dates_times_and_plain_values_come_back_as_the_model_holds_them(user):
    course = CourseFactory.create(user=user, target_date=datetime.date(2026, 4, 2), difficulty="ADVANCED")
    goal = GoalFactory.create(user=user, target_date=None)
    block = ScheduleBlockFactory.create(user=user, start_time=MOMENT, end_time=MOMENT + datetime.timedelta(hours=1))
    exception = OccurrenceException.objects.create(
        block=block, original_start=MOMENT, new_start=MOMENT + datetime.timedelta(days=1), new_end=None
    )
    note = NoteFactory.create(user=user, summary="Short.")

    assert _round_trip(course, ["title", "target_date", "difficulty"]) == {
        "title": course.title,
        "target_date": datetime.date(2026, 4, 2),
        "difficulty": "ADVANCED",
    }
    assert _round_trip(goal, ["target_date", "priority"]) == {"target_date": None, "priority": goal.priority}
    restored = _round_trip(block, ["start_time", "end_time"])
    assert restored == {"start_time": MOMENT, "end_time": MOMENT + datetime.timedelta(hours=1)}
    assert all(value.tzinfo is not None for value in restored.values())
    assert _round_trip(exception, ["completed", "cancelled", "new_start", "new_end"]) == {
        "completed": False,
        "cancelled": False,
        "new_start": MOMENT + datetime.timedelta(days=1),
        "new_end": None,
    }
    assert _round_trip(note, ["summary"]) == {"summary": "Short."}
