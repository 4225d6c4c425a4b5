"""Calendar feed: secret rotatable token; VEVENT with RRULE/EXDATE/overrides and VTODO, parsed with icalendar."""

from datetime import UTC, datetime, timedelta
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from apps.planning.models import CalendarFeed, GoalStatus, OccurrenceException
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, TaskFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def new_token(auth_client):
    response = auth_client.post("/api/v1/schedule/calendar-token")
    assert response.status_code == 200
    return response.json()


def fetch(api_client, token):
    return api_client.get("/api/v1/schedule/calendar.ics", {"token": token}, HTTP_ACCEPT="text/calendar")


def test_token_gives_a_working_url_and_rotation_revokes_the_old_one(auth_client, api_client, user):
    first = new_token(auth_client)
    query = parse_qs(urlsplit(first["url"]).query)
    assert urlsplit(first["url"]).path == "/api/v1/schedule/calendar.ics"
    assert query["token"] == [first["token"]]
    assert fetch(api_client, first["token"]).status_code == 200
    assert first["token"] not in CalendarFeed.objects.get(user=user).token_digest

    second = new_token(auth_client)

    assert second["token"] != first["token"]
    old = fetch(api_client, first["token"])
    assert old.status_code == 404
    assert old.json()["error"]["code"] == "not_found"
    assert fetch(api_client, second["token"]).status_code == 200
    assert fetch(api_client, "").status_code == 404


def test_feed_has_blocks_exceptions_and_open_tasks(auth_client, api_client, user):
    user.timezone = "America/New_York"
    user.save()
    start = datetime(2026, 3, 2, 19, 0, tzinfo=NEW_YORK)
    series = ScheduleBlockFactory.create(
        user=user,
        title="Linear algebra",
        start_time=start,
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260430T000000Z",
        reminder_minutes=15,
    )
    OccurrenceException.objects.create(block=series, original_start=start + timedelta(days=2), cancelled=True)
    OccurrenceException.objects.create(
        block=series,
        original_start=start + timedelta(days=7),
        new_start=start + timedelta(days=7, hours=-2),
        new_end=start + timedelta(days=7, hours=-1),
    )
    once = ScheduleBlockFactory.create(user=user, title="Exam", start_time=datetime(2026, 4, 1, 9, 0, tzinfo=UTC))
    goal = GoalFactory.create(user=user, title="Pass the exam")
    open_task = TaskFactory.create(goal=goal, title="Past papers", deadline=datetime(2026, 3, 20, 17, 0, tzinfo=UTC))
    TaskFactory.create(goal=goal, title="Done", completed=True, deadline=datetime(2026, 3, 1, tzinfo=UTC))
    TaskFactory.create(goal=goal, title="No deadline")
    abandoned = GoalFactory.create(user=user, status=GoalStatus.ABANDONED)
    TaskFactory.create(goal=abandoned, title="Dropped", deadline=datetime(2026, 3, 2, tzinfo=UTC))
    ScheduleBlockFactory.create(title="Someone else's")  # another user

    response = fetch(api_client, new_token(auth_client)["token"])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar: Any = Calendar.from_ical(response.content)  # property values are read by their known types
    assert str(calendar["prodid"]) == "-//Maigie//Study schedule//EN"
    assert {tz["tzid"] for tz in calendar.walk("VTIMEZONE")} == {"America/New_York"}
    events = calendar.walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == ["Exam", "Linear algebra", "Linear algebra"]
    master = next(e for e in events if str(e["summary"]) == "Linear algebra" and "rrule" in e)
    assert str(master["uid"]) == f"block-{series.pk}@maigie.app"
    assert master["dtstart"].dt == start
    assert master["dtstart"].params["TZID"] == "America/New_York"
    assert master["rrule"]["FREQ"] == ["WEEKLY"]
    assert master["rrule"]["BYDAY"] == ["MO", "WE"]
    assert master["rrule"]["UNTIL"] == [datetime(2026, 4, 30, tzinfo=UTC)]
    assert [d.dt for d in master["exdate"].dts] == [start + timedelta(days=2)]
    assert master.walk("VALARM")[0]["trigger"].dt == timedelta(minutes=-15)
    override = next(e for e in events if "recurrence-id" in e)
    assert str(override["uid"]) == str(master["uid"])
    assert override["recurrence-id"].dt == start + timedelta(days=7)
    assert override["dtstart"].dt == start + timedelta(days=7, hours=-2)
    single = next(e for e in events if str(e["summary"]) == "Exam")
    assert str(single["uid"]) == f"block-{once.pk}@maigie.app"
    assert "rrule" not in single
    todos = calendar.walk("VTODO")
    assert [(str(t["summary"]), t["due"].dt, str(t["uid"])) for t in todos] == [
        ("Past papers", datetime(2026, 3, 20, 17, 0, tzinfo=UTC), f"task-{open_task.pk}@maigie.app")
    ]


def test_uids_are_stable_across_fetches(auth_client, api_client, user):
    ScheduleBlockFactory.create(user=user, recurrence_rule="FREQ=DAILY")
    token = new_token(auth_client)["token"]

    first, second = (cast(Any, Calendar.from_ical(fetch(api_client, token).content)) for _ in range(2))

    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [str(e["uid"]) for e in second.walk("VEVENT")]


def test_token_endpoint_needs_login(api_client):
    assert api_client.post("/api/v1/schedule/calendar-token").status_code == 401
