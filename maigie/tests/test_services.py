"""The shared update helper: only allowed fields, one error shape, only changed columns saved."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F

from apps.learning.models import Course, Module, Resource
from apps.learning.tests.factories import CourseFactory, ResourceFactory
from maigie.services import fields_check, fields_validate, model_update

pytestmark = pytest.mark.django_db


def test_unknown_fields_are_refused_by_name_and_nothing_changes() -> None:
    course = CourseFactory.create(title="Algebra")

    with pytest.raises(ValidationError) as caught:
        model_update(instance=course, data={"title": "New", "user_id": 1, "progress": 50}, allowed=("title",))

    assert caught.value.message_dict == {
        "progress": ["This field cannot be changed."],
        "user_id": ["This field cannot be changed."],
    }
    assert Course.objects.get(pk=course.pk).title == "Algebra"


def test_only_changed_fields_and_updated_at_are_saved() -> None:
    course = CourseFactory.create(title="Algebra", description="old")
    before = course.updated_at
    # A concurrent write to a column the update does not touch must survive it.
    Course.objects.filter(pk=course.pk).update(progress=F("progress") + 40)

    course, changed = model_update(
        instance=course, data={"title": "Algebra", "description": "new"}, allowed=("title", "description")
    )

    assert changed == ["description"]
    stored = Course.objects.get(pk=course.pk)
    assert (stored.title, stored.description, stored.progress) == ("Algebra", "new", 40)
    assert stored.updated_at > before


def test_no_change_saves_nothing() -> None:
    course = CourseFactory.create(title="Algebra")
    Course.objects.filter(pk=course.pk).update(updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))

    _, changed = model_update(instance=course, data={"title": "Algebra"}, allowed=("title",))

    assert changed == []
    assert Course.objects.get(pk=course.pk).updated_at.year == 2020


def test_fields_are_validated_before_saving() -> None:
    course = CourseFactory.create(title="Algebra")

    with pytest.raises(ValidationError) as caught:
        model_update(instance=course, data={"title": ""}, allowed=("title",))

    assert "title" in caught.value.message_dict
    assert Course.objects.get(pk=course.pk).title == "Algebra"


def test_a_model_without_updated_at_saves_the_changed_fields() -> None:
    resource = ResourceFactory.create(title="Old", url="https://example.com/a")

    _, changed = model_update(
        instance=resource, data={"title": "New", "url": "https://EXAMPLE.com/b/"}, allowed=("title", "url")
    )

    stored = Resource.objects.get(pk=resource.pk)
    assert changed == ["title", "url"]
    assert (stored.title, stored.normalized_url) == ("New", "https://example.com/b")


def test_fields_check_accepts_allowed_keys() -> None:
    fields_check(data={"title": "x"}, allowed={"title", "description"})
    with pytest.raises(ValidationError) as caught:
        fields_check(data={"id": "x"}, allowed={"title"})
    assert caught.value.message_dict == {"id": ["This field cannot be changed."]}


def test_a_held_parent_is_not_read_again_but_a_missing_one_is_refused(django_assert_num_queries) -> None:
    course = CourseFactory.create()
    module = Module(course=course, order=0, title="Held")

    with django_assert_num_queries(0):  # the course is in hand: no existence query
        fields_validate(module)

    orphan = Module(course_id=uuid.uuid4(), order=0, title="Orphan")
    with pytest.raises(ValidationError) as caught:
        fields_validate(orphan)
    assert "course" in caught.value.message_dict


def test_a_held_parent_still_gets_its_other_checks() -> None:
    module = Module(course=CourseFactory.create(), order=0, title="")

    with pytest.raises(ValidationError) as caught:
        fields_validate(module)

    assert list(caught.value.message_dict) == ["title"]
