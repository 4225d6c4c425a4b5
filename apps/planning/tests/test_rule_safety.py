"""Recurrence rules and times that used to save a block and then break it (issues #13, #14)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from apps.accounts.models import Notification
from apps.accounts.tests.factories import UserFactory
from apps.assistant.models import ActionStatus
from apps.assistant.offline.parser import parse
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run
from apps.planning.models import ScheduleBlock
from apps.planning.selectors.calendar import calendar_feed
from apps.planning.services.analytics import daily_metrics_aggregate
from apps.planning.services.reminders import reminders_dispatch
from apps.planning.tests.factories import ScheduleBlockFactory, StudySessionFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)
BAD_RULES = [
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=WEEKLY;INTERVAL=-1",
    "FREQ=WEEKLY;INTERVAL=200000000",
    "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5000",
    "FREQ=MONTHLY;INTERVAL=0",
    "FREQ=DAILY;UNTIL=99991231T000000Z",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
    "FREQ=YEARLY;BYEASTER=0",
    "FREQ=MONTHLY;BYMONTHDAY=40",
    "FREQ=WEEKLY;BYDAY=MO;BYDAY=TU",
    "FREQ=DAILY;COUNT=0",
]
POISON = "FREQ=MONTHLY;INTERVAL=0"  # never answers in dateutil


def post_block(auth_client, **body):
    payload = {"title": "Linear algebra", "start_time": "2026-01-05T19:00:00Z", "end_time": "2026-01-05T19:45:00Z"}
    return auth_client.post("/api/v1/schedule/", {**payload, **body}, format="json")


@pytest.mark.parametrize("rule", BAD_RULES)
def test_unusable_rule_is_refused_and_nothing_saved(auth_client, rule):
    response = post_block(auth_client, recurrence_rule=rule)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert "recurrence_rule" in error["details"]
    assert not ScheduleBlock.objects.exists()


@pytest.mark.parametrize("rule", BAD_RULES)
def test_unusable_rule_is_refused_on_update(auth_client, rule):
    block = post_block(auth_client).json()

    response = auth_client.patch(f"/api/v1/schedule/{block['id']}/", {"recurrence_rule": rule}, format="json")

    assert response.status_code == 400
    assert ScheduleBlock.objects.get().recurrence_rule == ""


@pytest.mark.parametrize(
    "rule",
    ["FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=50"],
)
def test_sparse_rules_still_work(auth_client, rule):
    response = post_block(auth_client, recurrence_rule=rule)
    assert response.status_code == 201, response.json()

    listed = auth_client.get(
        "/api/v1/schedule/occurrences/", {"start": "2026-01-01T00:00:00Z", "end": "2027-02-01T00:00:00Z"}
    )
    assert listed.status_code == 200


@pytest.mark.parametrize(
    "times",
    [
        {"end_time": "9999-12-31T23:00:00Z"},
        {"start_time": "0001-01-01T00:00:00Z"},
        {"start_time": "0677-03-01T10:00:00Z"},
        {"start_time": "2199-12-31T23:00:00Z", "end_time": "2200-01-01T01:00:00Z"},
    ],
)
def test_times_outside_the_window_are_refused(auth_client, times):
    response = post_block(auth_client, **times)

    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) <= {"start_time", "end_time"}
    assert not ScheduleBlock.objects.exists()


def test_occurrence_move_outside_the_window_is_refused(auth_client):
    block = post_block(auth_client, recurrence_rule="FREQ=DAILY").json()

    response = auth_client.post(
        f"/api/v1/schedule/{block['id']}/occurrences/move",
        {
            "occurrence_start": "2026-01-06T19:00:00Z",
            "start_time": "9999-12-31T22:00:00Z",
            "end_time": "9999-12-31T23:00:00Z",
        },
        format="json",
    )

    assert response.status_code == 400


def test_stored_bad_blocks_do_not_break_listing_or_feed(auth_client, user):
    ScheduleBlockFactory.create(user=user, start_time=START, recurrence_rule=POISON)
    ScheduleBlockFactory.create(user=user, start_time=START, end_time=datetime(9999, 12, 31, 23, tzinfo=UTC))
    ScheduleBlockFactory.create(user=user, start_time=START, recurrence_rule="FREQ=DAILY;COUNT=2", title="Healthy")

    response = auth_client.get(
        "/api/v1/schedule/occurrences/", {"start": "2026-01-05T00:00:00Z", "end": "2026-01-08T00:00:00Z"}
    )

    assert response.status_code == 200
    assert [o["title"] for o in response.json()["results"] if o["title"] == "Healthy"] == ["Healthy", "Healthy"]
    assert b"Healthy" in calendar_feed(user=user)


def test_reminder_batch_delivers_beside_a_poisoned_block():
    poisoned_owner, healthy_owner = UserFactory.create(), UserFactory.create()
    ScheduleBlockFactory.create(user=poisoned_owner, start_time=START, recurrence_rule=POISON, reminder_minutes=15)
    ScheduleBlockFactory.create(
        user=poisoned_owner, start_time=START, end_time=datetime(9999, 12, 31, 23, tzinfo=UTC), reminder_minutes=15
    )
    ScheduleBlockFactory.create(
        user=healthy_owner, title="Calculus", start_time=START, recurrence_rule="FREQ=DAILY", reminder_minutes=15
    )

    sent = reminders_dispatch(now=START - timedelta(minutes=15))

    assert sent == 1
    assert list(Notification.objects.values_list("user_id", "title")) == [(healthy_owner.pk, "Calculus at 19:00")]


def test_analytics_roll_up_continues_past_a_failing_user():
    broken, fine = UserFactory.create(), UserFactory.create()
    now = START + timedelta(days=1)
    for learner in (broken, fine):
        StudySessionFactory.create(user=learner, started_at=START, ended_at=START + timedelta(minutes=30))
    type(broken).objects.filter(pk=broken.pk).update(timezone="Not/AZone")  # stands for any bad stored data

    assert daily_metrics_aggregate(now=now) == 1
    assert fine.daily_metrics.count() == 1


def test_sanitize_command_makes_poisoned_rules_one_off(user, capsys):
    poisoned = ScheduleBlockFactory.create(user=user, start_time=START, recurrence_rule=POISON)
    healthy = ScheduleBlockFactory.create(user=user, start_time=START, recurrence_rule="FREQ=WEEKLY;BYDAY=MO")

    call_command("schedule_rules_sanitize")

    poisoned.refresh_from_db()
    healthy.refresh_from_db()
    assert (poisoned.recurrence_rule, healthy.recurrence_rule) == ("", "FREQ=WEEKLY;BYDAY=MO")
    assert "1 block(s) made one-off." in capsys.readouterr().out


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY;INTERVAL=0", "FREQ=DAILY;UNTIL=99991231T000000Z"])
def test_assistant_tool_goes_through_the_same_validation(user, rule):
    call = ToolCall(
        id="c",
        name="create_schedule_block",
        arguments={"title": "Study", "start": "2026-03-05T19:00", "recurrence_rule": rule},
    )

    action = action_run(user=user, call=call, message=None)

    assert action.status == ActionStatus.FAILED
    assert "recurrence_rule" in action.error
    assert not ScheduleBlock.objects.exists()


def test_offline_parser_far_until_is_refused_by_the_service(user):
    now = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
    calls = parse("study chemistry every day at 7pm until 31 December 2250", now=now, timezone=user.timezone)
    blocks = [c for c in calls if c.name == "create_schedule_block"]
    assert blocks, calls

    actions = [
        action_run(user=user, call=ToolCall(id="c", name=c.name, arguments=c.arguments), message=None) for c in blocks
    ]

    assert [a.status for a in actions] == [ActionStatus.FAILED]
    assert not ScheduleBlock.objects.exists()
