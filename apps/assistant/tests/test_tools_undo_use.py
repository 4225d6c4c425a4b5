"""Undoing a create is refused once the learner has used what it created, never because of what it made itself."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.assistant.models import ActionStatus
from apps.assistant.services.actions import action_undo
from apps.assistant.tools import changes
from apps.learning.models import Course, Module, Note, Topic
from apps.learning.services.notes import note_create
from apps.learning.services.outline import topic_complete
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.models import ReminderDelivery, ScheduleBlock
from apps.planning.services.schedule import occurrence_complete
from apps.review.services import deck_create
from apps.review.tests.factories import CardFactory, DeckFactory
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db
OUTLINE = [{"title": "Kinematics", "topics": [{"title": "Velocity"}, {"title": "Acceleration"}]}, {"title": "Forces"}]


def outlined(user, *, modules: int, topics: int) -> Course:
    course = CourseFactory.create(user=user)
    for module in ModuleFactory.create_batch(modules, course=course):
        TopicFactory.create_batch(topics, module=module)
    return course


def refused(action) -> str:
    with pytest.raises(Conflict) as error:
        action_undo(action=action)
    return error.value.code


@pytest.fixture
def weekly(run_tool, user):
    action = run_tool(
        "create_schedule_block",
        title="Linear algebra",
        start="2030-01-08T17:00",
        recurrence_rule="FREQ=WEEKLY;BYDAY=TU",
        reminder_minutes=15,
    )
    assert action.status == ActionStatus.EXECUTED
    return action, ScheduleBlock.objects.get(user=user)


def test_a_created_course_with_its_own_modules_and_topics_is_undone(run_tool, user):
    action = run_tool("create_course", title="Physics 101", modules=OUTLINE)

    assert action_undo(action=action).status == ActionStatus.UNDONE
    assert not Course.objects.filter(user=user).exists()


def test_a_created_course_is_kept_once_a_note_or_deck_is_linked_to_it(run_tool, user):
    noted = run_tool("create_course", title="Physics 101")
    decked = run_tool("create_course", title="Chemistry 101")
    note = note_create(user=user, title="Newton", course_id=Course.objects.get(title="Physics 101").pk)
    deck_create(user=user, title="Bonds", course_id=Course.objects.get(title="Chemistry 101").pk)

    assert refused(noted) == refused(decked) == "undo_conflict"
    assert Course.objects.filter(user=user).count() == 2
    assert Note.objects.get(pk=note.pk).course_id == Course.objects.get(title="Physics 101").pk


def test_a_created_course_is_kept_once_one_of_its_topics_is_completed_or_noted(run_tool, user):
    completed = run_tool("create_course", title="Physics 101", modules=OUTLINE)
    topic_complete(topic=Topic.objects.get(title="Velocity"))
    noted = run_tool("create_course", title="Biology", modules=[{"title": "Cells", "topics": [{"title": "Mitosis"}]}])
    note_create(user=user, title="Phases", topic_id=Topic.objects.get(title="Mitosis").pk)

    assert refused(completed) == refused(noted) == "undo_conflict"


def test_a_created_block_is_kept_once_an_occurrence_is_completed(weekly):
    action, block = weekly
    start = datetime.datetime(2030, 1, 8, 17, tzinfo=zoneinfo.ZoneInfo(block.timezone))
    occurrence_complete(block=block, occurrence_start=start.astimezone(datetime.UTC))

    assert refused(action) == "undo_conflict"
    assert ScheduleBlock.objects.filter(pk=block.pk).exists()


def test_reminders_sent_for_a_created_block_do_not_keep_it(weekly):
    action, block = weekly
    ReminderDelivery.objects.create(block=block, occurrence_start=block.start_time)

    assert action_undo(action=action).status == ActionStatus.UNDONE
    assert not ScheduleBlock.objects.filter(pk=block.pk).exists()


def test_the_undo_endpoint_answers_a_conflict_for_a_used_block(weekly, auth_client):
    action, block = weekly
    occurrence_complete(block=block, occurrence_start=block.start_time)

    response = auth_client.post(f"/api/v1/chat/actions/{action.pk}/undo")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "undo_conflict"
    assert ScheduleBlock.objects.filter(pk=block.pk).exists()


def test_recording_a_created_course_costs_the_same_queries_whatever_its_outline(user, django_assert_num_queries):
    small, large = outlined(user, modules=2, topics=2), outlined(user, modules=8, topics=6)
    with CaptureQueriesContext(connection) as small_queries:
        changes.created(small)

    with django_assert_num_queries(len(small_queries)):
        recorded = changes.created(large)

    assert recorded[0] == changes.change(large, "created")
    assert sorted((item.model, item.pk) for item in recorded) == sorted(
        [("learning.course", str(large.pk))]
        + [("learning.module", str(pk)) for pk in Module.objects.filter(course=large).values_list("pk", flat=True)]
        + [
            ("learning.topic", str(pk))
            for pk in Topic.objects.filter(module__course=large).values_list("pk", flat=True)
        ]
    )
    assert {item.op for item in recorded} == {"created"}


def test_checking_a_created_course_for_use_costs_the_same_queries_whatever_its_outline(user, django_assert_num_queries):
    small, large = outlined(user, modules=2, topics=2), outlined(user, modules=8, topics=6)
    small_recorded, large_recorded = list(changes.created(small)), list(changes.created(large))
    with CaptureQueriesContext(connection) as small_queries:
        assert not changes.used_since(small_recorded)

    with django_assert_num_queries(len(small_queries)):
        assert not changes.used_since(large_recorded)

    note_create(user=user, title="Phases", topic_id=Topic.objects.filter(module__course=large)[0].pk)
    assert changes.used_since(large_recorded)
    assert not changes.used_since(small_recorded)


def test_the_relations_a_created_object_owns_are_left_out_for_it_alone(user):
    filled, kept = DeckFactory.create_batch(2, user=user)
    CardFactory.create(deck=filled)
    CardFactory.create(deck=kept)
    job_deck = changes.change(filled, "created", before={"owns": ["cards"]})

    assert not changes.used_since([job_deck])
    assert changes.used_since([job_deck, changes.change(kept, "created")])
