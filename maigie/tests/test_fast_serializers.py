"""``serialize_many`` gives the bytes DRF's serializers give, or falls back to them."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from apps.learning import selectors as learning_selectors
from apps.learning.api.serializers import CourseListOutputSerializer
from apps.learning.models import Course
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.api.goals import GoalOutputSerializer
from apps.planning.selectors.goals import goal_list
from apps.planning.tests.factories import GoalFactory, TaskFactory
from maigie.fast_serializers import _plan, serialize_many

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=datetime.UTC)


def _same_bytes(serializer_class: type[serializers.BaseSerializer[Any]], rows: list[Any]) -> bytes:
    fast = JSONRenderer().render(serialize_many(serializer_class, rows))
    assert fast == JSONRenderer().render(serializer_class(rows, many=True).data)
    return fast


def test_course_rows_with_every_field_kind(user):
    CourseFactory.create(user=user, title="Plain", description="", target_date=None, archived=False)
    full = CourseFactory.create(
        user=user,
        title='Ünïcödé — 数学 🧮 \u2028 "quoted" <b>',
        description="Line one\nline two\ttab \\ back",
        difficulty="ADVANCED",
        target_date=datetime.date(2027, 1, 31),
        progress=33.333333333333336,
        is_ai_generated=True,
    )
    Course.objects.filter(pk=full.pk).update(archived=True, archived_at=MOMENT, created_at=MOMENT)
    TopicFactory.create(module=ModuleFactory.create(course=full), completed=True)
    rows = list(learning_selectors.course_list(user=user, archived=None))

    body = _same_bytes(CourseListOutputSerializer, rows)
    assert _plan(CourseListOutputSerializer) is not None  # the fast path served it
    assert "数学".encode() in body
    assert b"2026-03-29T01:30:15.123456Z" in body
    assert b'"target_date":null' in body


def test_goal_rows_with_nested_tasks(user):
    empty = GoalFactory.create(user=user, title="No tasks", target_date=None)
    goal = GoalFactory.create(user=user, title="Ziel: Prüfung ✓", description="", target_date=datetime.date(2026, 6, 1))
    TaskFactory.create(goal=goal, title="Erste", deadline=MOMENT, completed=True, completed_at=MOMENT)
    TaskFactory.create(goal=goal, title="Zweite", deadline=None)
    rows = list(goal_list(user=user))

    body = _same_bytes(GoalOutputSerializer, rows)
    assert _plan(GoalOutputSerializer) is not None
    assert str(empty.pk).encode() in body
    assert b'"tasks":[]' in body
    assert "Prüfung".encode() in body


class _WithMethod(serializers.Serializer[Any]):
    title = serializers.CharField()
    shout = serializers.SerializerMethodField()

    def get_shout(self, obj: Any) -> str:
        return str(obj.title).upper()


class _Dotted(serializers.Serializer[Any]):
    owner = serializers.EmailField(source="user.email")


class _Defaulted(serializers.Serializer[Any]):
    title = serializers.CharField()
    missing = serializers.CharField(default="fallback")


class _Called(serializers.Serializer[Any]):
    difficulty = serializers.CharField(source="get_difficulty_display")


class _UpperList(serializers.ListSerializer[Any]):
    def to_representation(self, data: Any) -> list[Any]:
        return [{key: str(value).upper() for key, value in row.items()} for row in super().to_representation(data)]


class _WithListClass(serializers.Serializer[Any]):
    title = serializers.CharField()

    class Meta:
        list_serializer_class = _UpperList


def test_other_serializers_go_through_drf(user):
    rows = [CourseFactory.create(user=user, title="café")]
    assert _plan(_WithMethod) is None
    assert _plan(_Dotted) is None
    assert _plan(_WithListClass) is None
    assert serialize_many(_WithListClass, rows) == [{"title": "CAFÉ"}]
    assert serialize_many(_WithMethod, rows) == [{"title": "café", "shout": "CAFÉ"}]
    assert serialize_many(_Dotted, rows) == [{"owner": user.email}]
    # plain fields, but a missing attribute takes the field's default and a method is called: DRF's rules
    assert _plan(_Defaulted) is not None
    assert _plan(_Called) is not None
    assert _same_bytes(_Defaulted, rows) == '[{"title":"café","missing":"fallback"}]'.encode()
    assert _same_bytes(_Called, rows) == b'[{"difficulty":""}]'


def test_list_endpoints_answer_as_before(auth_client, user):
    course = CourseFactory.create(user=user, title="Ω course", target_date=None)
    TopicFactory.create(module=ModuleFactory.create(course=course))
    goal = GoalFactory.create(user=user, title="Ω goal")
    TaskFactory.create(goal=goal)

    for path, drf in (
        ("/api/v1/courses/", CourseListOutputSerializer(list(learning_selectors.course_list(user=user)), many=True)),
        ("/api/v1/goals/", GoalOutputSerializer(list(goal_list(user=user)), many=True)),
    ):
        assert auth_client.get(path).json()["results"] == json.loads(JSONRenderer().render(drf.data))
