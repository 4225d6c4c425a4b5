"""Putting back what a schedule or session write changed: occurrences, deleted blocks, stopped or started sessions."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.services import notification_create
from apps.learning.services import topic_delete
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.models import OccurrenceException, ReminderDelivery, ScheduleBlock, StudySession
from apps.planning.services.schedule import (
    block_snapshot,
    occurrence_cancel,
    occurrence_complete,
    occurrence_move,
    occurrence_restore,
    schedule_block_create,
    schedule_block_delete,
    schedule_block_restore,
    schedule_block_update,
)
from apps.planning.services.sessions import (
    study_session_delete,
    study_session_reopen,
    study_session_start,
    study_session_stop,
)
from apps.planning.tests.factories import GoalFactory, StudySessionFactory
from maigie.encoding import utc_iso
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db

FIRST = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
SECOND = FIRST + timedelta(days=1)


@pytest.fixture
def daily(user):
    return schedule_block_create(
        user=user,
        title="Guitar",
        description="Scales",
        start_time=FIRST,
        end_time=FIRST + timedelta(minutes=45),
        recurrence_rule="FREQ=DAILY;COUNT=10",
        reminder_minutes=15,
    )


def exception_values(block):
    return list(block.exceptions.values_list("id", "original_start", "completed", "cancelled", "new_start", "new_end"))


def block_fields(block):
    """Every stored field of ``block`` but ``updated_at``."""
    fresh = ScheduleBlock.objects.get(pk=block.pk)
    return {f.attname: getattr(fresh, f.attname) for f in ScheduleBlock._meta.concrete_fields if f.name != "updated_at"}


# --- occurrences -------------------------------------------------------------------------------


def test_restoring_a_moved_occurrence_removes_its_exception(daily, events, django_capture_on_commit_callbacks):
    occurrence_move(block=daily, occurrence_start=SECOND, start_time=SECOND + timedelta(hours=2),
                    end_time=SECOND + timedelta(hours=3))  # fmt: skip
    events.drain()

    with django_capture_on_commit_callbacks(execute=True):
        occurrence_restore(block=daily, occurrence_start=SECOND)

    assert not OccurrenceException.objects.exists()
    assert events.drain() == [
        (
            "schedule.occurrence_updated",
            {"block_id": str(daily.pk), "occurrence_start": utc_iso(SECOND), "change": "restored"},
        )
    ]


def test_restoring_puts_back_the_previous_values_of_an_exception(daily, events, django_capture_on_commit_callbacks):
    occurrence_complete(block=daily, occurrence_start=SECOND)
    [(exception_id, *_)] = exception_values(daily)
    occurrence_cancel(block=daily, occurrence_start=SECOND)

    with django_capture_on_commit_callbacks(execute=True):
        occurrence_restore(
            block=daily,
            occurrence_start=SECOND,
            previous={"completed": True, "cancelled": False, "new_start": None, "new_end": None},
        )

    assert exception_values(daily) == [(exception_id, SECOND, True, False, None, None)]
    assert [(event, data["change"]) for event, data in events.drain()] == [("schedule.occurrence_updated", "restored")]


def test_restoring_a_moved_occurrence_back_to_an_earlier_move(daily):
    earlier = (SECOND + timedelta(hours=1), SECOND + timedelta(hours=2))
    occurrence_cancel(block=daily, occurrence_start=SECOND)

    occurrence_restore(
        block=daily,
        occurrence_start=SECOND,
        previous={"completed": False, "cancelled": False, "new_start": earlier[0], "new_end": earlier[1]},
    )

    [(_, original, completed, cancelled, new_start, new_end)] = exception_values(daily)
    assert (original, completed, cancelled, new_start, new_end) == (SECOND, False, False, *earlier)


def test_restoring_refuses_what_is_not_an_occurrence_or_not_an_exception_value(daily, events):
    with pytest.raises(ValidationError) as not_one:
        occurrence_restore(block=daily, occurrence_start=SECOND + timedelta(minutes=1))
    with pytest.raises(ValidationError) as unknown:
        occurrence_restore(block=daily, occurrence_start=SECOND, previous={"title": "x"})
    with pytest.raises(ValidationError) as half_moved:
        occurrence_restore(block=daily, occurrence_start=SECOND, previous={"new_start": SECOND})

    assert set(not_one.value.message_dict) == {"occurrence_start"}
    assert set(unknown.value.message_dict) == {"title"}
    assert set(half_moved.value.message_dict) == {"new_end"}
    assert not OccurrenceException.objects.exists()
    assert events.drain() == []


# --- deleted blocks ----------------------------------------------------------------------------


def test_a_deleted_block_comes_back_with_its_id_fields_exceptions_deliveries_and_sessions(
    user, daily, events, django_capture_on_commit_callbacks
):
    course = CourseFactory.create(user=user)
    topic = TopicFactory.create(module=ModuleFactory.create(course=course))
    goal = GoalFactory.create(user=user)
    daily = schedule_block_update(block=daily, data={"goal_id": goal.pk, "topic_id": topic.pk})
    moved_to = SECOND + timedelta(hours=1, microseconds=654321)  # microseconds must survive the snapshot
    occurrence_move(block=daily, occurrence_start=SECOND, start_time=moved_to, end_time=moved_to + timedelta(hours=1))
    occurrence_cancel(block=daily, occurrence_start=SECOND + timedelta(days=1))
    notification = notification_create(user=user, kind="schedule.reminder", title="Guitar at 19:00")
    ReminderDelivery.objects.create(block=daily, occurrence_start=FIRST, notification=notification)
    session = StudySessionFactory.create(user=user, block=daily, ended_at=FIRST + timedelta(minutes=30))
    before = (block_fields(daily), exception_values(daily))
    deliveries = list(ReminderDelivery.objects.values_list("id", "occurrence_start", "notification_id"))
    snapshot = block_snapshot(daily)
    schedule_block_delete(block=ScheduleBlock.objects.get(pk=daily.pk))
    assert StudySession.objects.get(pk=session.pk).block_id is None
    events.drain()

    with django_capture_on_commit_callbacks(execute=True):
        restored = schedule_block_restore(user=user, snapshot=snapshot)

    assert restored.pk == daily.pk
    assert (block_fields(restored), exception_values(restored)) == before
    assert list(ReminderDelivery.objects.values_list("id", "occurrence_start", "notification_id")) == deliveries
    assert StudySession.objects.get(pk=session.pk).block_id == daily.pk
    [(event, data)] = events.drain()
    assert (event, data["id"], data["goal_id"], data["topic_id"]) == (
        "schedule.created",
        str(daily.pk),
        str(goal.pk),
        str(topic.pk),
    )
    assert data["start_time"] == utc_iso(FIRST)


def test_restoring_a_block_whose_id_exists_again_is_refused(user, daily, events):
    snapshot = block_snapshot(daily)

    with pytest.raises(Conflict) as refused:
        schedule_block_restore(user=user, snapshot=snapshot)

    assert refused.value.code == "undo_conflict"
    assert ScheduleBlock.objects.count() == 1
    assert events.drain() == []


def test_links_that_are_gone_or_not_the_users_are_left_empty(user, other_user, daily):
    course = CourseFactory.create(user=user)
    topic = TopicFactory.create(module=ModuleFactory.create(course=course))
    theirs = GoalFactory.create(user=other_user)
    their_session = StudySessionFactory.create(user=other_user, ended_at=FIRST + timedelta(minutes=5))
    their_notification = notification_create(user=other_user, kind="schedule.reminder", title="Theirs")
    delivery = {"id": str(uuid.uuid4()), "occurrence_start": FIRST.isoformat(), "notification_id": None}
    snapshot = {
        **block_snapshot(daily),
        "goal_id": str(theirs.pk),
        "course_id": str(course.pk),
        "topic_id": str(topic.pk),
        "reminder_deliveries": [{**delivery, "notification_id": str(their_notification.pk)}],
        "study_session_ids": [str(their_session.pk)],
    }
    block_id = daily.pk
    schedule_block_delete(block=daily)
    topic_delete(topic=topic)

    restored = schedule_block_restore(user=user, snapshot=snapshot)

    assert (restored.user_id, restored.goal_id, restored.course_id, restored.topic_id) == (
        user.pk,
        None,
        course.pk,
        None,
    )
    assert StudySession.objects.get(pk=their_session.pk).block_id is None
    assert list(ReminderDelivery.objects.values_list("block_id", "notification_id")) == [(block_id, None)]


# --- sessions ----------------------------------------------------------------------------------


def test_a_stopped_session_is_reopened(user, events, django_capture_on_commit_callbacks):
    session = study_session_stop(session=study_session_start(user=user))
    events.drain()

    with django_capture_on_commit_callbacks(execute=True):
        reopened = study_session_reopen(session=session)

    assert StudySession.objects.get(pk=session.pk).ended_at is None
    assert reopened.ended_at is None
    [(event, data)] = events.drain()
    assert (event, data["id"], data["ended_at"]) == ("session.reopened", str(session.pk), None)


def test_reopening_is_refused_while_another_session_runs(user, events):
    stopped = study_session_stop(session=study_session_start(user=user))
    running = study_session_start(user=user)
    events.drain()

    with pytest.raises(Conflict) as refused:
        study_session_reopen(session=stopped)

    assert refused.value.code == "session_running"
    assert StudySession.objects.get(pk=stopped.pk).ended_at == stopped.ended_at
    assert list(StudySession.objects.filter(ended_at__isnull=True).values_list("pk", flat=True)) == [running.pk]
    assert events.drain() == []


def test_reopening_a_running_session_is_refused(user):
    running = study_session_start(user=user)

    with pytest.raises(ValidationError) as refused:
        study_session_reopen(session=running)

    assert refused.value.message_dict == {"session": ["This session is running."]}


def test_deleting_a_session(user, events, django_capture_on_commit_callbacks):
    session = study_session_start(user=user)
    session_id = str(session.pk)
    events.drain()

    with django_capture_on_commit_callbacks(execute=True):
        study_session_delete(session=session)

    assert not StudySession.objects.exists()
    assert events.drain() == [("session.deleted", {"id": session_id})]
