"""Planning tools end to end through the offline provider: goals, blocks, occurrences, sessions."""

import datetime
import json
import zoneinfo

import pytest
from django.utils import timezone

from apps.assistant.models import ActionStatus, AIActionLog
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_confirm, action_run, action_undo
from apps.learning.models import Course
from apps.planning.models import Goal, OccurrenceException, ScheduleBlock, StudySession
from apps.planning.services.schedule import (
    occurrence_complete,
    schedule_block_create,
    schedule_block_restore,
    schedule_block_update,
)
from apps.planning.services.sessions import study_session_delete, study_session_start, study_session_stop
from maigie.errors import Conflict
from maigie.realtime import events

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(user):
    """The learner of these tests lives in New York, so that their local times are not UTC."""
    user.timezone = "America/New_York"
    user.save()
    return user


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


# --- undo of occurrence moves and cancels, block deletes, session starts and stops -------------


def published(user) -> list[tuple[str, dict]]:
    """``(event, data)`` of everything published to ``user`` so far, oldest first."""
    raw = events._sync_client().zrange(f"maigie:rt:{user.pk}:log", 0, -1)
    return [(frame["event"], frame["data"]) for frame in map(json.loads, raw)]  # type: ignore[arg-type]


@pytest.fixture
def act(user, django_capture_on_commit_callbacks):
    """Run a tool call as the assistant would, confirming it when it is proposed."""

    def run(name: str, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            action = action_run(user=user, call=ToolCall(id="c", name=name, arguments=arguments), message=None)
            if action.status == ActionStatus.PROPOSED:
                action = action_confirm(action=action)
        assert action.status == ActionStatus.EXECUTED, action.error
        return action

    return run


@pytest.fixture
def undo(django_capture_on_commit_callbacks):
    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action_undo(action=action)

    return run


def refused(action) -> str:
    with pytest.raises(Conflict) as conflict:
        action_undo(action=action)
    assert AIActionLog.objects.get(pk=action.pk).status == ActionStatus.EXECUTED
    return conflict.value.code


@pytest.fixture
def guitar(user):
    """Daily at 07:00 New York time from tomorrow."""
    first = (local(timezone.now()) + datetime.timedelta(days=1)).replace(hour=7, minute=0, second=0, microsecond=0)
    return schedule_block_create(
        user=user, title="Guitar", start_time=first, end_time=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=DAILY", reminder_minutes=10,
    )  # fmt: skip


def second_day(block) -> datetime.datetime:
    return local(block.start_time) + datetime.timedelta(days=1)  # 07:00 local the next day, across DST too


def exceptions_of(block) -> list[tuple]:
    return list(block.exceptions.values_list("id", "original_start", "completed", "cancelled", "new_start", "new_end"))


def test_moving_one_occurrence_is_undone(act, undo, user, guitar):
    day = local(second_day(guitar)).date()

    action = act("move_schedule_block", block="Guitar", occurrence_date=day.isoformat(), start=f"{day}T09:30")

    [(_, original, _, _, new_start, _)] = exceptions_of(guitar)
    assert (original, local(new_start).hour, local(new_start).minute) == (second_day(guitar), 9, 30)
    assert undo(action).status == ActionStatus.UNDONE
    assert exceptions_of(guitar) == []
    (restored, data), (last, _) = published(user)[-2:]
    assert (restored, data["block_id"], data["change"], last) == (
        "schedule.occurrence_updated",
        str(guitar.pk),
        "restored",
        "assistant.action",
    )
    assert datetime.datetime.fromisoformat(data["occurrence_start"]) == second_day(guitar)


def test_undoing_a_move_of_a_completed_occurrence_keeps_it_completed(act, undo, guitar):
    occurrence_complete(block=guitar, occurrence_start=second_day(guitar))
    before = exceptions_of(guitar)
    day = local(second_day(guitar)).date()

    action = act("move_schedule_block", block="Guitar", occurrence_date=day.isoformat(), duration_minutes=30)
    assert exceptions_of(guitar) != before
    undo(action)

    assert exceptions_of(guitar) == before


def test_undoing_a_move_is_refused_after_the_occurrence_changed(act, guitar):
    day = local(second_day(guitar)).date()
    action = act("move_schedule_block", block="Guitar", occurrence_date=day.isoformat(), start=f"{day}T09:30")
    occurrence_complete(block=guitar, occurrence_start=second_day(guitar))
    after_edit = exceptions_of(guitar)

    assert refused(action) == "undo_conflict"
    assert exceptions_of(guitar) == after_edit


def test_moving_a_one_off_block_by_its_occurrence_is_undone(act, undo, user):
    start = (local(timezone.now()) + datetime.timedelta(days=2)).replace(hour=8, minute=0, second=0, microsecond=0)
    block = schedule_block_create(
        user=user, title="Exam prep", start_time=start, end_time=start + datetime.timedelta(hours=2)
    )

    action = act("move_schedule_block", block="Exam prep", occurrence_date=start.date().isoformat(),
                 start=f"{start.date()}T10:00")  # fmt: skip
    block.refresh_from_db()
    assert local(block.start_time).hour == 10
    undo(action)

    block.refresh_from_db()
    assert (block.start_time, block.end_time) == (start, start + datetime.timedelta(hours=2))
    assert not OccurrenceException.objects.exists()


@pytest.mark.parametrize(
    ("rule", "days", "moved_rule"),
    [
        ("FREQ=WEEKLY;BYDAY=MO", 3, "FREQ=WEEKLY;BYDAY=TH"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", 4, "FREQ=WEEKLY;BYDAY=FR,SU"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", 6, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
        ("FREQ=WEEKLY;BYDAY=MO", 0, "FREQ=WEEKLY;BYDAY=MO"),  # a new time on the same day
        ("FREQ=DAILY", 1, "FREQ=DAILY"),
    ],
)
def test_moving_a_series_to_another_day_moves_its_weekdays_and_is_undone(act, undo, user, rule, days, moved_rule):
    today = local(timezone.now()).replace(hour=18, minute=0, second=0, microsecond=0)
    first = today + datetime.timedelta(days=7 - today.weekday())  # next Monday, 18:00 in New York
    block = schedule_block_create(
        user=user, title="Review", start_time=first, end_time=first + datetime.timedelta(hours=1),
        recurrence_rule=rule,
    )  # fmt: skip
    moved = first + datetime.timedelta(days=days)

    action = act("move_schedule_block", block="Review", start=f"{moved.date()}T19:30")

    block.refresh_from_db()
    assert (block.recurrence_rule, local(block.start_time)) == (moved_rule, moved.replace(hour=19, minute=30))
    undo(action)
    block.refresh_from_db()
    assert (block.recurrence_rule, block.start_time) == (rule, first)


def test_cancelling_one_occurrence_is_undone_and_refused_once_the_series_changed(act, undo, user, guitar):
    day = local(second_day(guitar)).date()

    action = act("cancel_schedule_block", block="Guitar", occurrence_date=day.isoformat())
    assert [row[3] for row in exceptions_of(guitar)] == [True]
    undo(action)
    assert exceptions_of(guitar) == []
    assert ("schedule.occurrence_updated", "restored") in [(e, d.get("change")) for e, d in published(user)]

    again = act("cancel_schedule_block", block="Guitar", occurrence_date=day.isoformat())
    schedule_block_update(block=guitar, data={"recurrence_rule": "FREQ=DAILY;INTERVAL=2"})  # drops its exceptions
    assert refused(again) == "undo_conflict"
    assert exceptions_of(guitar) == []


def test_deleting_a_block_is_undone_with_its_id_fields_and_exceptions(act, undo, user, guitar):
    occurrence_complete(block=guitar, occurrence_start=second_day(guitar))
    fields = ScheduleBlock.objects.filter(pk=guitar.pk).values().get()
    exceptions = exceptions_of(guitar)

    action = act("cancel_schedule_block", block="Guitar")
    assert action.result["block_id"] == str(guitar.pk)
    assert not ScheduleBlock.objects.exists()
    assert not OccurrenceException.objects.exists()
    undo(action)

    restored = ScheduleBlock.objects.filter(pk=guitar.pk).values().get()
    assert {k: v for k, v in restored.items() if k != "updated_at"} == {
        k: v for k, v in fields.items() if k != "updated_at"
    }
    assert exceptions_of(guitar) == exceptions
    created = [data for event, data in published(user) if event == "schedule.created"]
    assert [data["id"] for data in created] == [str(guitar.pk)]


def test_undoing_a_delete_is_refused_when_the_block_exists_again(act, user, guitar):
    action = act("cancel_schedule_block", block="Guitar")
    schedule_block_restore(user=user, snapshot=action.changes[0]["before"])
    schedule_block_update(block=guitar, data={"title": "Guitar practice"})

    assert refused(action) == "undo_conflict"
    assert ScheduleBlock.objects.get().title == "Guitar practice"


def test_starting_a_session_is_undone_while_it_runs(act, undo, user):
    action = act("start_study_session")
    session_id = action.result["session_id"]

    undo(action)

    assert not StudySession.objects.exists()
    assert ("session.deleted", {"id": session_id}) in published(user)


def test_undoing_a_start_is_refused_once_the_session_stopped(act, user):
    action = act("start_study_session")
    study_session_stop(session=StudySession.objects.get())

    assert refused(action) == "undo_conflict"
    assert StudySession.objects.get().ended_at is not None


def test_stopping_a_session_is_undone(act, undo, user):
    session = study_session_start(user=user)

    action = act("stop_study_session")
    assert StudySession.objects.get().ended_at is not None
    undo(action)

    assert StudySession.objects.get(pk=session.pk).ended_at is None
    [reopened] = [data for event, data in published(user) if event == "session.reopened"]
    assert (reopened["id"], reopened["ended_at"]) == (str(session.pk), None)


def test_undoing_a_stop_is_refused_after_the_session_changed_or_while_another_runs(act, user, auth_client):
    study_session_start(user=user)
    stopped = act("stop_study_session")
    running = study_session_start(user=user)

    response = auth_client.post(f"/api/v1/chat/actions/{stopped.pk}/undo")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "session_running"
    assert list(StudySession.objects.filter(ended_at__isnull=True).values_list("pk", flat=True)) == [running.pk]
    study_session_stop(session=running)
    study_session_delete(session=StudySession.objects.get(pk=stopped.result["session_id"]))
    assert refused(stopped) == "undo_conflict"


@pytest.mark.parametrize("tool", ["move_schedule_block", "cancel_schedule_block", "stop_study_session"])
def test_actions_logged_without_their_changes_are_not_undoable(user, tool):
    action = AIActionLog.objects.create(user=user, action_type=tool, status=ActionStatus.EXECUTED, changes=[])

    assert refused(action) == "not_undoable"


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("create_goal", {"title": "Pass the bar", "target_date": "9999-12-31"}),
        ("create_goal", {"title": "Pass the bar", "target_date": "1969-12-31"}),
        ("create_course", {"title": "Law", "target_date": "2200-01-01"}),
    ],
)
def test_a_tool_refuses_a_date_outside_the_window_and_writes_nothing(user, name, arguments):
    action = action_run(user=user, call=ToolCall(id="c", name=name, arguments=arguments), message=None)

    assert action.status == ActionStatus.FAILED
    assert "target_date" in action.error
    assert "1970-01-01" in action.error
    assert not Goal.objects.filter(user=user).exists()
    assert not Course.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("create_goal", {"title": "   "}),
        ("create_course", {"title": "\t \n"}),
        ("add_exam", {"title": "  ", "date": "2099-01-01", "courses": ["Law"]}),
    ],
)
def test_a_blank_title_is_refused_as_the_rest_api_refuses_it(user, name, arguments):
    action = action_run(user=user, call=ToolCall(id="c", name=name, arguments=arguments), message=None)

    assert action.status == ActionStatus.FAILED
    assert "title" in action.error
    assert not Goal.objects.filter(user=user).exists()
    assert not Course.objects.filter(user=user).exists()


def test_a_title_is_kept_without_its_surrounding_spaces(user):
    action = action_run(
        user=user, call=ToolCall(id="c", name="create_goal", arguments={"title": "  Pass the bar \n"}), message=None
    )

    assert action.status == ActionStatus.EXECUTED, action.error
    assert Goal.objects.get(user=user).title == "Pass the bar"


def test_list_goals_shows_own_open_goals_or_those_of_a_status(user, other_user):
    from apps.planning.services.goals import goal_create, goal_update

    goal_create(
        user=user,
        title="Pass the bar",
        target_date=datetime.date(2027, 7, 1),
        tasks=[{"title": "Torts"}, {"title": "Contracts", "completed": True}],
    )
    done = goal_create(user=user, title="Run a 10k")
    goal_update(goal=done, data={"status": "COMPLETED"})
    goal_create(user=other_user, title="Someone else's goal")

    def listed(**arguments):
        action = action_run(user=user, call=ToolCall(id="c", name="list_goals", arguments=arguments), message=None)
        assert action.status == ActionStatus.EXECUTED, action.error
        return action.result

    open_goals = listed()
    assert [row["goal"] for row in open_goals["goals"]] == ["Pass the bar"]
    assert open_goals["goals"][0] == {
        "goal": "Pass the bar", "status": "IN_PROGRESS", "target_date": "2027-07-01", "progress": 50.0, "tasks_done": 1,
        "tasks": 2,
    }  # fmt: skip
    assert open_goals["summary"] == "1 goal(s): Pass the bar (1/2 tasks, due 2027-07-01)."
    assert [row["goal"] for row in listed(status="COMPLETED")["goals"]] == ["Run a 10k"]
    assert listed(status="ABANDONED")["summary"] == "You have no goals there yet."
