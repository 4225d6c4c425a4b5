"""Every published event is declared in its app's events.py and its payload fits the declaration."""

import uuid

import pytest
from django.db import transaction

from apps.accounts.models import User
from maigie.realtime import registry
from maigie.realtime.publish import publish

pytestmark = pytest.mark.django_db


def test_each_app_declares_its_events():
    declared = registry.declared()
    for name in ("user.updated", "course.updated", "goal.created", "assistant.action", "subscription.updated"):
        assert name in declared


def test_a_declared_event_with_a_fitting_payload_is_published(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        publish(user_id=uuid.uuid4(), event="course.deleted", data={"id": str(uuid.uuid4())})
    assert len(callbacks) == 1


def test_an_undeclared_event_is_refused_before_anything_is_queued(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(registry.InvalidEvent, match="not declared"):
        publish(user_id=uuid.uuid4(), event="course.exploded", data={"id": str(uuid.uuid4())})
    assert callbacks == []


@pytest.mark.parametrize(
    "data",
    [
        {},  # id missing
        {"id": "not-a-uuid"},
        {"id": str(uuid.uuid4()), "title": "a key not declared"},
    ],
)
def test_a_payload_that_does_not_fit_is_refused(data):
    with pytest.raises(registry.InvalidEvent, match="invalid payload"):
        publish(user_id=uuid.uuid4(), event="course.deleted", data=data)


def test_times_are_utc_with_z():
    data = {
        "id": str(uuid.uuid4()),
        "block_id": None,
        "course_id": None,
        "topic_id": None,
        "started_at": "2026-03-01T10:00:00+01:00",
        "ended_at": None,
    }
    with pytest.raises(registry.InvalidEvent):
        registry.validate("session.started", data)
    registry.validate("session.started", {**data, "started_at": "2026-03-01T09:00:00.250000Z"})


def test_the_refusal_rolls_back_the_write_that_published(user):
    @transaction.atomic
    def rename_and_publish():
        User.objects.filter(pk=user.pk).update(name="Changed")
        publish(user_id=user.pk, event="user.updated", data={"id": str(user.pk)})  # tier missing

    with pytest.raises(registry.InvalidEvent):
        rename_and_publish()
    user.refresh_from_db()
    assert user.name != "Changed"


def test_validation_is_off_when_not_asked_for(settings, django_capture_on_commit_callbacks):
    settings.REALTIME_VALIDATE_EVENTS = False
    with django_capture_on_commit_callbacks() as callbacks:
        publish(user_id=uuid.uuid4(), event="course.exploded", data={})
    assert len(callbacks) == 1


def test_a_name_is_declared_once():
    class Other(registry.Payload):
        id: int

    with pytest.raises(ValueError, match="declared twice"):
        registry.declare("course.deleted", Other)
