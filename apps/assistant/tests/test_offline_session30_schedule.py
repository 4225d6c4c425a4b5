"""Offline, session 30: schedule classes found failing on measure70-73 (overlaps asked in other words, windows said
with "thru", occurrences cancelled beside a reason or several at once, the day said before "it", a new clock before
a remark), each said here in other words than the examples it was fixed on."""

from datetime import date

import pytest

from apps.assistant.offline.dates import parse_date, parse_window
from apps.assistant.tests.offline_learner import calls, say

TODAY = date(2026, 3, 4)  # the test learner's Wednesday


def _cancel(block, day=None):
    return ("cancel_schedule_block", {"block": block, **({"occurrence_date": day} if day else {})})


@pytest.mark.parametrize(
    ("said", "start", "end"),
    [
        ("are any of my sessions clashing from april 2 to april 9?", "2026-04-02", "2026-04-09"),
        ("is anything double booked between the 10th and the 20th", "2026-03-10", "2026-03-20"),
        ("show me overlaps in my calendar may 3-9", "2026-05-03", "2026-05-09"),
    ],
)
def test_overlaps_over_a_span_are_the_conflicts_not_the_listing(said, start, end):
    assert calls(said) == [("find_schedule_conflicts", {"start": start, "end": end})]


def test_a_span_asked_without_overlaps_is_still_listed():
    assert calls("show me everything from april 2 to april 9") == [
        ("list_schedule", {"start": "2026-04-02", "end": "2026-04-09"})
    ]


@pytest.mark.parametrize(
    ("said", "start", "end"),
    [
        ("what's on from tomorrow thru friday", "2026-03-05", "2026-03-06"),
        ("anything planned april 6 thru april 12?", "2026-04-06", "2026-04-12"),
        ("what do i have until friday", "2026-03-04", "2026-03-06"),
    ],
)
def test_a_window_said_with_thru(said, start, end):
    assert calls(said) == [("list_schedule", {"start": start, "end": end})]


def test_two_dates_joined_by_through_are_the_window_and_two_weekdays_stay_a_range():
    assert parse_window("june 2 through june 8", TODAY) == (date(2026, 6, 2), date(2026, 6, 8))
    assert parse_window("next week, mon through sun", TODAY) == (date(2026, 3, 9), date(2026, 3, 15))


def test_pausing_a_block_on_a_day_skips_that_day():
    assert calls("pause orgo review tomorrow, dentist appointment") == [_cancel("Orgo review", "2026-03-05")]


def test_pausing_a_session_until_later_pauses_no_block():
    assert [name for name, _ in calls("pause my session until tomorrow")] == ["stop_study_session"]


def test_several_blocks_cancelled_on_one_day_beside_a_reason():
    assert calls("skip ML reading and orgo review tomorrow, flying out") == [
        _cancel("ML reading", "2026-03-05"),
        _cancel("Orgo review", "2026-03-05"),
    ]


def test_several_short_names_with_no_day_are_asked_about():
    understood = say("cancel orgo and spanish")
    assert understood.calls == []
    assert understood.question


def test_a_days_one_after_a_clause_naming_the_block():
    assert calls("can't make spanish on monday, skip monday's one") == [_cancel("Spanish practice", "2026-03-09")]


def test_both_days_are_the_two_days_the_message_before_named():
    assert calls("so cancel ML reading on both days", "i'm away friday and saturday") == [
        _cancel("ML reading", "2026-03-06"),
        _cancel("ML reading", "2026-03-07"),
    ]


def test_both_days_with_no_days_named_before_asks():
    understood = say("skip ML reading both days")
    assert understood.calls == []
    assert understood.question


def test_an_event_named_after_a_holiday_is_no_day():
    assert parse_date("the halloween party", TODAY) is None
    assert parse_date("halloween", TODAY) == date(2026, 10, 31)
    assert calls("skip orgo review, christmas party at work", "what do i have tomorrow") == [
        _cancel("Orgo review", "2026-03-05")
    ]


@pytest.mark.parametrize(
    ("said", "arguments"),
    [
        (
            "spanish practice this evening, could you move it to 8:30pm",
            {"block": "Spanish practice", "start": "2026-03-04T20:30", "occurrence_date": "2026-03-04"},
        ),
        (
            "ML reading this morning, can you push it to noon",
            {"block": "ML reading", "start": "2026-03-04T12:00", "occurrence_date": "2026-03-04"},
        ),
        (
            "orgo review this thursday, can you make it 90 minutes",
            {"block": "Orgo review", "duration_minutes": 90, "occurrence_date": "2026-03-05"},
        ),
    ],
)
def test_the_day_said_before_it_is_the_occurrence_moved(said, arguments):
    assert calls(said) == [("move_schedule_block", arguments)]


def test_a_part_of_today_the_block_does_not_meet_is_asked_about():
    understood = say("lin alg problem sets this morning, can you move it to 3pm")
    assert understood.calls == []
    assert understood.question


@pytest.mark.parametrize(
    ("said", "previous", "start"),
    [
        ("push tonight's spanish to 9, my shift runs late", "", "2026-03-04T21:00"),
        ("shift spanish to 8 then, still on the bus", "what do i have tonight", "2026-03-04T20:00"),
    ],
)
def test_a_bare_clock_before_a_remark_keeps_the_evening(said, previous, start):
    assert calls(said, previous) == [
        ("move_schedule_block", {"block": "Spanish practice", "start": start, "occurrence_date": "2026-03-04"})
    ]
