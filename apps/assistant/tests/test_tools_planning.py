"""Planning tools end to end through the offline provider: goals, blocks, occurrences, sessions."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from apps.assistant.context import conversation_context
from apps.assistant.models import ActionStatus
from apps.assistant.providers.offline import OfflineProvider
from apps.assistant.services.actions import action_confirm, action_undo
from apps.assistant.services.chat import chat_reply
from apps.assistant.services.conversations import conversation_create
from apps.learning.models import Course
from apps.planning.models import Goal, OccurrenceException, ScheduleBlock
from apps.planning.services.schedule import schedule_block_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def say(user, django_capture_on_commit_callbacks):
    user.timezone = "America/New_York"
    user.save()
    conversation = conversation_create(user=user)
    offline = OfflineProvider(timezone_name=user.timezone)

    def send(text: str):
        with django_capture_on_commit_callbacks(execute=True):
            return chat_reply(
                user=user,
                conversation=conversation,
                content=text,
                provider=offline,
                fallback=offline,
                context=conversation_context,
            )

    return send


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo("America/New_York"))


def test_the_headline_request_creates_the_course_and_its_recurring_reminded_block(say, user):
    reply = say(
        "Create a course on organic chemistry with 3 modules and study it Tuesdays and Thursdays at 6pm, "
        "remind me 15 minutes before"
    )

    assert [action.status for action in reply.actions] == [ActionStatus.EXECUTED, ActionStatus.EXECUTED]
    course = Course.objects.get(user=user)
    assert (course.title.lower(), course.modules.count()) == ("organic chemistry", 3)
    block = ScheduleBlock.objects.get(user=user)
    assert block.course_id == course.pk
    assert block.recurrence_rule == "FREQ=WEEKLY;BYDAY=TU,TH"
    assert block.reminder_minutes == 15
    start = local(block.start_time)
    assert (start.hour, start.minute, start.strftime("%a")) in {(18, 0, "Tue"), (18, 0, "Thu")}
    assert block.end_time - block.start_time == datetime.timedelta(minutes=60)
    assert start > local(timezone.now())
    assert "Created the course" in reply.message.content
    assert "(recurring)" in reply.message.content


def test_a_goal_with_tasks(say, user):
    say(
        "create a high priority goal to submit my thesis by May 1 with tasks write the introduction, "
        "run experiments and proofread"
    )

    goal = Goal.objects.get(user=user)
    assert (goal.title, goal.priority) == ("Submit my thesis", "HIGH")
    tasks = [title.lower() for title in goal.tasks.order_by("order").values_list("title", flat=True)]
    assert tasks == ["write the introduction", "run experiments", "proofread"]
    assert goal.target_date is not None
    assert (goal.target_date.month, goal.target_date.day) == (5, 1)


@pytest.fixture
def reading(user):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    return schedule_block_create(
        user=user, title="Reading", start_time=start, end_time=start + datetime.timedelta(hours=1)
    )


def test_changing_a_series_length_and_undoing_it(say, reading):
    reply = say("change my Reading block to 45 minutes")

    block = ScheduleBlock.objects.get(pk=reading.pk)
    assert block.end_time - block.start_time == datetime.timedelta(minutes=45)
    action_undo(action=reply.actions[0])
    block.refresh_from_db()
    assert block.end_time - block.start_time == datetime.timedelta(hours=1)


def test_cancelling_one_occurrence_is_proposed_then_done(say, user):
    now = local(timezone.now())
    first = (now + datetime.timedelta(days=1)).replace(hour=7, minute=0, second=0, microsecond=0)
    schedule_block_create(
        user=user,
        title="Guitar",
        start_time=first,
        end_time=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=DAILY",
    )

    reply = say("cancel my Guitar session tomorrow")
    action = reply.actions[0]
    assert action.status == ActionStatus.PROPOSED
    assert not OccurrenceException.objects.exists()

    action_confirm(action=action)

    cancelled = OccurrenceException.objects.get()
    assert cancelled.cancelled
    assert local(cancelled.original_start) == first


def test_listing_the_schedule(say, reading):
    reply = say("show my schedule for this week")

    action = reply.actions[0]
    assert action.status == ActionStatus.EXECUTED
    titles = [row["title"] for row in action.result["occurrences"]]
    in_week = local(reading.start_time).isocalendar().week == local(timezone.now()).isocalendar().week
    assert titles == (["Reading"] if in_week else [])


def test_an_unknown_block_fails_cleanly(say):
    reply = say("change my Reading block to 45 minutes")
    assert reply.actions[0].status == ActionStatus.FAILED
    assert "No block is called 'Reading'" in reply.actions[0].error
