"""Schedule blocks: recurrence in the user's zone (DST, leap days), exceptions, conflicts, ownership."""

from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from apps.planning.models import OccurrenceException, ScheduleBlock
from apps.planning.recurrence import series_starts
from apps.planning.tests.factories import ScheduleBlockFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@pytest.fixture
def new_yorker(user):
    user.timezone = "America/New_York"
    user.save()
    return user


def create_block(auth_client, **body):
    payload = {"title": "Linear algebra", "start_time": "2026-01-05T19:00:00Z", "end_time": "2026-01-05T19:45:00Z"}
    response = auth_client.post("/api/v1/schedule/", {**payload, **body}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def occurrences(auth_client, start, end):
    response = auth_client.get("/api/v1/schedule/occurrences/", {"start": start, "end": end})
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def starts(results):
    return [datetime.fromisoformat(o["start"].replace("Z", "+00:00")) for o in results]


def test_naive_times_are_read_in_the_users_zone(auth_client, new_yorker):
    block = create_block(auth_client, start_time="2026-03-06T19:00:00", end_time="2026-03-06T19:45:00")

    assert block["start_time"] == "2026-03-07T00:00:00Z"
    assert block["timezone"] == "America/New_York"


def test_weekday_block_stays_at_19_local_across_spring_dst(auth_client, new_yorker):
    create_block(
        auth_client, start_time="2026-03-06T19:00:00", end_time="2026-03-06T19:45:00", recurrence_rule=WEEKDAYS
    )

    found = starts(occurrences(auth_client, "2026-03-06T00:00:00Z", "2026-03-11T00:00:00Z"))

    assert found == [
        datetime(2026, 3, 7, 0, 0, tzinfo=UTC),  # Fri 19:00 EST (UTC-5)
        datetime(2026, 3, 9, 23, 0, tzinfo=UTC),  # Mon 19:00 EDT (UTC-4), after the 8 March change
        datetime(2026, 3, 10, 23, 0, tzinfo=UTC),
    ]
    assert {s.astimezone(NEW_YORK).hour for s in found} == {19}


def test_weekday_block_stays_at_19_local_across_autumn_dst(auth_client, new_yorker):
    create_block(
        auth_client, start_time="2026-10-29T19:00:00", end_time="2026-10-29T19:45:00", recurrence_rule=WEEKDAYS
    )

    results = occurrences(auth_client, "2026-10-29T00:00:00Z", "2026-11-04T00:00:00Z")

    assert starts(results) == [
        datetime(2026, 10, 29, 23, 0, tzinfo=UTC),  # Thu 19:00 EDT
        datetime(2026, 10, 30, 23, 0, tzinfo=UTC),
        datetime(2026, 11, 3, 0, 0, tzinfo=UTC),  # Mon 19:00 EST, after the 1 November change
    ]
    assert [r["end"] for r in results][-1] == "2026-11-03T00:45:00Z"
    assert {s.astimezone(NEW_YORK).hour for s in starts(results)} == {19}


def test_leap_day_rule_occurs_only_in_leap_years(auth_client):
    create_block(
        auth_client,
        start_time="2024-02-29T10:00:00Z",
        end_time="2024-02-29T11:00:00Z",
        recurrence_rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    )
    block = ScheduleBlock.objects.get()

    assert occurrences(auth_client, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z") == []
    assert starts(occurrences(auth_client, "2027-06-01T00:00:00Z", "2028-06-01T00:00:00Z")) == [
        datetime(2028, 2, 29, 10, 0, tzinfo=UTC)
    ]
    decade = series_starts(block, after=datetime(2024, 1, 1, tzinfo=UTC), before=datetime(2034, 1, 1, tzinfo=UTC))
    assert [s.year for s in decade] == [2024, 2028, 2032]


@pytest.mark.parametrize(
    ("rule", "expected_days"),
    [
        ("FREQ=DAILY;COUNT=3", [5, 6, 7]),
        ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260126T235959Z", [5, 12, 19, 26]),
        ("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4", [6, 8, 13, 15]),
        ("FREQ=MONTHLY;BYDAY=1MO", [5]),
    ],
)
def test_count_until_and_byday(auth_client, rule, expected_days):
    create_block(auth_client, recurrence_rule=rule)

    found = starts(occurrences(auth_client, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))

    assert [s.day for s in found] == expected_days
    assert {(s.hour, s.minute) for s in found} == {(19, 0)}


def test_series_end_is_recorded(auth_client):
    bounded = create_block(auth_client, recurrence_rule="FREQ=DAILY;COUNT=3")
    unbounded = create_block(auth_client, recurrence_rule="FREQ=DAILY")
    single = create_block(auth_client)

    ends = {b.pk: b.series_end for b in ScheduleBlock.objects.all()}

    assert ends[UUID(bounded["id"])] == datetime(2026, 1, 7, 19, 45, tzinfo=UTC)
    assert ends[UUID(unbounded["id"])] is None
    assert ends[UUID(single["id"])] == datetime(2026, 1, 5, 19, 45, tzinfo=UTC)


def test_unbounded_rule_expands_in_any_window(auth_client):
    create_block(auth_client, recurrence_rule="FREQ=DAILY")

    assert len(occurrences(auth_client, "2030-06-01T00:00:00Z", "2030-06-08T00:00:00Z")) == 7


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SOMETIMES",
        "FREQ=DAILY;BYDAY=XX",
        "not a rule",
        "FREQ=MINUTELY",
        "FREQ=DAILY;UNTIL=20260201",  # RFC 5545: UNTIL must be UTC when the start has a zone
        "FREQ=DAILY;UNTIL=20250101T000000Z",  # ends before it starts
        "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY",
        "FREQ=DAILY;COUNT=100000",
    ],
)
def test_invalid_rules_are_a_400_and_change_nothing(auth_client, user, rule):
    existing = ScheduleBlockFactory.create(user=user, title="Keep", recurrence_rule="FREQ=DAILY")

    created = auth_client.post(
        "/api/v1/schedule/",
        {
            "title": "X",
            "start_time": "2026-01-05T19:00:00Z",
            "end_time": "2026-01-05T20:00:00Z",
            "recurrence_rule": rule,
        },
        format="json",
    )
    patched = auth_client.patch(
        f"/api/v1/schedule/{existing.pk}/", {"recurrence_rule": rule, "title": "Changed"}, format="json"
    )

    for response in (created, patched):
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "validation_error"
        assert "recurrence_rule" in response.json()["error"]["details"]
    assert list(ScheduleBlock.objects.values_list("title", "recurrence_rule")) == [("Keep", "FREQ=DAILY")]


def test_end_before_start_and_bad_zone_are_refused(auth_client):
    response = auth_client.post(
        "/api/v1/schedule/",
        {
            "title": "X",
            "start_time": "2026-01-05T19:00:00Z",
            "end_time": "2026-01-05T18:00:00Z",
            "timezone": "Mars/Base",
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"end_time", "timezone"}
    assert not ScheduleBlock.objects.exists()


def test_single_occurrence_complete_move_cancel_leave_the_series(auth_client):
    block = create_block(auth_client, recurrence_rule="FREQ=DAILY;COUNT=5")
    base = f"/api/v1/schedule/{block['id']}/occurrences"

    done = auth_client.post(f"{base}/complete", {"occurrence_start": "2026-01-06T19:00:00Z"}, format="json")
    moved = auth_client.post(
        f"{base}/move",
        {
            "occurrence_start": "2026-01-07T19:00:00Z",
            "start_time": "2026-01-07T08:00:00Z",
            "end_time": "2026-01-07T09:00:00Z",
        },
        format="json",
    )
    cancelled = auth_client.post(f"{base}/cancel", {"occurrence_start": "2026-01-08T19:00:00Z"}, format="json")

    assert done.status_code == 200
    assert done.json()["completed"] is True
    assert moved.status_code == 200
    assert moved.json()["occurrence"]["start"] == "2026-01-07T08:00:00Z"
    assert cancelled.status_code == 204
    results = occurrences(auth_client, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")
    assert [(r["start"], r["completed"], r["moved"]) for r in results] == [
        ("2026-01-05T19:00:00Z", False, False),
        ("2026-01-06T19:00:00Z", True, False),
        ("2026-01-07T08:00:00Z", False, True),
        ("2026-01-09T19:00:00Z", False, False),
    ]
    assert results[2]["occurrence_start"] == "2026-01-07T19:00:00Z"
    series = ScheduleBlock.objects.get(pk=block["id"])
    assert (series.start_time, series.recurrence_rule, series.completed) == (
        datetime(2026, 1, 5, 19, 0, tzinfo=UTC),
        "FREQ=DAILY;COUNT=5",
        False,
    )


def test_occurrence_moved_from_outside_the_window_is_listed(auth_client):
    block = create_block(auth_client, recurrence_rule="FREQ=WEEKLY;COUNT=3")
    auth_client.post(
        f"/api/v1/schedule/{block['id']}/occurrences/move",
        {
            "occurrence_start": "2026-01-12T19:00:00Z",
            "start_time": "2026-03-01T10:00:00Z",
            "end_time": "2026-03-01T11:00:00Z",
        },
        format="json",
    )

    found = occurrences(auth_client, "2026-02-20T00:00:00Z", "2026-03-10T00:00:00Z")

    assert [(r["occurrence_start"], r["start"]) for r in found] == [("2026-01-12T19:00:00Z", "2026-03-01T10:00:00Z")]


def test_occurrence_actions_need_a_real_occurrence(auth_client):
    block = create_block(auth_client, recurrence_rule="FREQ=DAILY")

    response = auth_client.post(
        f"/api/v1/schedule/{block['id']}/occurrences/cancel",
        {"occurrence_start": "2026-01-06T18:00:00Z"},
        format="json",
    )

    assert response.status_code == 400
    assert "occurrence_start" in response.json()["error"]["details"]
    assert not OccurrenceException.objects.exists()


def test_single_block_completion_and_move(auth_client):
    block = create_block(auth_client)
    base = f"/api/v1/schedule/{block['id']}/occurrences"

    auth_client.post(f"{base}/complete", {"occurrence_start": block["start_time"]}, format="json")
    moved = auth_client.post(
        f"{base}/move",
        {
            "occurrence_start": block["start_time"],
            "start_time": "2026-01-06T07:00:00Z",
            "end_time": "2026-01-06T08:00:00Z",
        },
        format="json",
    )

    assert moved.status_code == 200
    stored = ScheduleBlock.objects.get(pk=block["id"])
    assert (stored.completed, stored.start_time) == (True, datetime(2026, 1, 6, 7, 0, tzinfo=UTC))


def test_creating_and_moving_report_conflicts(auth_client):
    daily = create_block(
        auth_client,
        title="Daily",
        start_time="2030-01-05T19:00:00Z",
        end_time="2030-01-05T19:45:00Z",
        recurrence_rule="FREQ=DAILY;COUNT=10",
    )

    clash = create_block(
        auth_client, title="Exam prep", start_time="2030-01-08T19:30:00Z", end_time="2030-01-08T21:00:00Z"
    )
    assert [(c["block_id"], c["start"], c["occurrence_start"]) for c in clash["conflicts"]] == [
        (daily["id"], "2030-01-08T19:00:00Z", "2030-01-08T19:30:00Z")
    ]

    free = create_block(auth_client, title="Early", start_time="2030-01-09T07:00:00Z", end_time="2030-01-09T08:00:00Z")
    assert free["conflicts"] == []
    moved = auth_client.post(
        f"/api/v1/schedule/{daily['id']}/occurrences/move",
        {
            "occurrence_start": "2030-01-09T19:00:00Z",
            "start_time": "2030-01-09T07:30:00Z",
            "end_time": "2030-01-09T08:15:00Z",
        },
        format="json",
    ).json()
    assert [c["title"] for c in moved["conflicts"]] == ["Early"]


def test_conflicts_of_a_past_series_start_from_now(auth_client):
    create_block(auth_client, title="Old daily", recurrence_rule="FREQ=DAILY")  # since January 2026

    clash = create_block(auth_client, title="Past evening", recurrence_rule="FREQ=DAILY;COUNT=3")

    assert clash["conflicts"] == []  # both series overlap only before now


def test_changing_the_series_drops_single_occurrence_changes(auth_client):
    block = create_block(auth_client, recurrence_rule="FREQ=DAILY;COUNT=5")
    auth_client.post(
        f"/api/v1/schedule/{block['id']}/occurrences/cancel",
        {"occurrence_start": "2026-01-06T19:00:00Z"},
        format="json",
    )

    response = auth_client.patch(
        f"/api/v1/schedule/{block['id']}/", {"start_time": "2026-01-05T18:00:00Z"}, format="json"
    )

    assert response.status_code == 200
    assert not OccurrenceException.objects.exists()
    assert len(occurrences(auth_client, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")) == 5


def test_occurrence_window_is_validated(auth_client):
    too_long = auth_client.get(
        "/api/v1/schedule/occurrences/", {"start": "2026-01-01T00:00:00Z", "end": "2028-01-01T00:00:00Z"}
    )
    reversed_ = auth_client.get(
        "/api/v1/schedule/occurrences/", {"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"}
    )
    missing = auth_client.get("/api/v1/schedule/occurrences/")

    assert [r.status_code for r in (too_long, reversed_, missing)] == [400, 400, 400]


def test_another_users_blocks_answer_404(auth_client, other_user):
    block = ScheduleBlockFactory.create(user=other_user, recurrence_rule="FREQ=DAILY")
    start = {"occurrence_start": "2026-01-06T19:00:00Z"}

    assert auth_client.get(f"/api/v1/schedule/{block.pk}/").status_code == 404
    assert auth_client.patch(f"/api/v1/schedule/{block.pk}/", {"title": "x"}, format="json").status_code == 404
    assert auth_client.delete(f"/api/v1/schedule/{block.pk}/").status_code == 404
    for action in ("complete", "cancel"):
        assert (
            auth_client.post(f"/api/v1/schedule/{block.pk}/occurrences/{action}", start, format="json").status_code
            == 404
        )
    assert auth_client.get("/api/v1/schedule/").json()["count"] == 0
    assert occurrences(auth_client, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z") == []
    assert ScheduleBlock.objects.filter(pk=block.pk, title=block.title).exists()


def test_linking_another_users_goal_is_refused(auth_client, other_user):
    from apps.planning.tests.factories import GoalFactory

    goal = GoalFactory.create(user=other_user)

    response = auth_client.post(
        "/api/v1/schedule/",
        {
            "title": "X",
            "start_time": "2026-01-05T19:00:00Z",
            "end_time": "2026-01-05T20:00:00Z",
            "goal_id": str(goal.pk),
        },
        format="json",
    )

    assert response.status_code == 400
    assert "goal_id" in response.json()["error"]["details"]


def test_list_and_occurrence_query_counts_are_constant(auth_client, user, django_assert_max_num_queries):
    for index in range(12):
        block = ScheduleBlockFactory.create(
            user=user, recurrence_rule="FREQ=DAILY", start_time=datetime(2026, 1, 5, 6 + index, tzinfo=UTC)
        )
        OccurrenceException.objects.create(
            block=block, original_start=block.start_time + timedelta(days=1), cancelled=True
        )

    with django_assert_max_num_queries(3):
        listed = auth_client.get("/api/v1/schedule/?page_size=12")
    with django_assert_max_num_queries(3):
        found = occurrences(auth_client, "2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z")

    assert len(listed.json()["results"]) == 12
    assert len(found) == 12 * 7 - 12


def test_a_local_time_the_clocks_skip_is_refused_by_name(auth_client, new_yorker):
    body = {"title": "Gap", "start_time": "2027-03-14T02:30:00", "end_time": "2027-03-14T03:30:00"}

    response = auth_client.post("/api/v1/schedule/", body, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "start_time": [
            "“2027-03-14T02:30:00” does not exist in America/New_York: the clocks skip that time that day "
            "(daylight saving). Give a time before or after the change, or an offset."
        ]
    }
    assert not ScheduleBlock.objects.exists()
    after = create_block(auth_client, start_time="2027-03-14T03:00:00", end_time="2027-03-14T03:30:00")
    assert after["start_time"] == "2027-03-14T07:00:00Z"
    moved = create_block(auth_client, start_time="2027-03-14T02:30:00-05:00", end_time="2027-03-14T03:45:00")
    assert moved["start_time"] == "2027-03-14T07:30:00Z"  # with an offset it is a real moment


def test_a_local_time_the_clocks_repeat_is_its_first_occurrence(auth_client, new_yorker):
    block = create_block(auth_client, start_time="2027-11-07T01:30:00", end_time="2027-11-07T02:30:00")

    assert (block["start_time"], block["end_time"]) == ("2027-11-07T05:30:00Z", "2027-11-07T07:30:00Z")  # EDT, EST


def test_a_block_type_may_be_sent_in_any_letter_case(auth_client):
    assert create_block(auth_client, type="review")["type"] == "REVIEW"


@pytest.mark.parametrize("start", ["9999-12-31T23:30:00", "9999-12-31T23:30:00-05:00", "0001-01-01T00:30:00"])
def test_a_local_time_at_the_ends_of_the_calendar_is_a_400_not_a_500(auth_client, new_yorker, start):
    """In UTC such a time is past year 9999 or before year 1: out of the accepted window, not an overflow."""
    response = auth_client.post(
        "/api/v1/schedule/", {"title": "Far", "start_time": start, "end_time": start}, format="json"
    )

    assert response.status_code == 400
    assert "start_time" in response.json()["error"]["details"]
