"""The offline date resolver: weekdays, month ends, leap days, DST, recurrences, durations."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from apps.assistant.offline.dates import (
    first_occurrence,
    parse_date,
    parse_duration,
    parse_recurrence,
    parse_reminder,
    parse_time,
    parse_window,
    shift,
)

NY = ZoneInfo("America/New_York")
TUESDAY = date(2026, 11, 17)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("next Tuesday", date(2026, 11, 24)),  # said on a Tuesday: a week later
        ("on Tuesday", date(2026, 11, 17)),  # a bare weekday includes today
        ("this Tuesday", date(2026, 11, 17)),
        ("next Wednesday", date(2026, 11, 18)),
        ("Monday", date(2026, 11, 23)),
        ("tomorrow", date(2026, 11, 18)),
        ("the day after tomorrow", date(2026, 11, 19)),
        ("in 2 weeks", date(2026, 12, 1)),
        ("in three days", date(2026, 11, 20)),
        ("in 3 months", date(2027, 2, 17)),
        ("by March 1st", date(2027, 3, 1)),  # already past this year: next year
        ("by December 20", date(2026, 12, 20)),
        ("on the 5th of January", date(2027, 1, 5)),
        ("2027-06-01", date(2027, 6, 1)),
        ("by the end of the month", date(2026, 11, 30)),
        ("by the end of next month", date(2026, 12, 31)),
        ("by the end of the year", date(2026, 12, 31)),
        ("by the end of February", date(2027, 2, 28)),
    ],
)
def test_parse_date_relative_to_a_tuesday(phrase, expected):
    assert parse_date(phrase, TUESDAY) == expected


def test_month_ends_clamp():
    assert shift(date(2027, 1, 31), "month", 1) == date(2027, 2, 28)
    assert shift(date(2028, 1, 31), "month", 1) == date(2028, 2, 29)
    assert shift(date(2026, 3, 31), "month", 3) == date(2026, 6, 30)
    assert parse_date("in 1 month", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_date("end of the month", date(2027, 2, 10)) == date(2027, 2, 28)


def test_leap_day():
    assert parse_date("by Feb 29", date(2028, 2, 27)) == date(2028, 2, 29)
    # No Feb 29 in 2026 or 2027: the next one is in 2028.
    assert parse_date("by Feb 29", date(2026, 3, 1)) == date(2028, 2, 29)
    assert parse_date("next Tuesday", date(2028, 2, 27)) == date(2028, 2, 29)
    assert parse_date("tomorrow", date(2028, 2, 28)) == date(2028, 2, 29)
    assert parse_date("tomorrow", date(2027, 2, 28)) == date(2027, 3, 1)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at 6pm", (18, 0)),
        ("at 6:30 pm", (18, 30)),
        ("at 12am", (0, 0)),
        ("at 12pm", (12, 0)),
        ("at 18:45", (18, 45)),
        ("at 6", (18, 0)),  # a bare hour 1-7 reads as pm
        ("at 9", (9, 0)),
        ("tomorrow morning", (9, 0)),
        ("this afternoon", (14, 0)),
        ("in the evening", (19, 0)),
        ("tonight", (19, 0)),
        ("tonight at 8:15", (20, 15)),
        ("at noon", (12, 0)),
        ("from 6 to 8pm", (18, 0)),
        ("from 11 to 1pm", (11, 0)),
    ],
)
def test_parse_time(phrase, expected):
    assert parse_time(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("for 45 minutes", 45),
        ("a 30-minute review", 30),
        ("for an hour", 60),
        ("1.5 hours", 90),
        ("2h", 120),
        ("for an hour and a half", 90),
        ("half an hour", 30),
        ("from 6 to 8pm", 120),
        ("at 6pm, remind me 15 minutes before", None),
    ],
)
def test_parse_duration(phrase, expected):
    assert parse_duration(phrase) == expected


def test_parse_reminder():
    assert parse_reminder("remind me 15 minutes before") == 15
    assert parse_reminder("and remind me an hour before") == 60
    assert parse_reminder("with a 10 minute reminder") == 10
    assert parse_reminder("with a reminder 30 minutes before") == 30
    assert parse_reminder("remind me to study") == 15
    assert parse_reminder("study at 6pm") is None


def test_windows():
    assert parse_window("this week", TUESDAY) == (date(2026, 11, 16), date(2026, 11, 22))
    assert parse_window("next week", TUESDAY) == (date(2026, 11, 23), date(2026, 11, 29))
    assert parse_window("this weekend", TUESDAY) == (date(2026, 11, 21), date(2026, 11, 22))
    assert parse_window("this weekend", date(2028, 2, 27)) == (date(2028, 2, 26), date(2028, 2, 27))
    assert parse_window("this month", date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert parse_window("next month", date(2027, 1, 31)) == (date(2027, 2, 1), date(2027, 2, 28))
    assert parse_window("the next 3 days", TUESDAY) == (date(2026, 11, 17), date(2026, 11, 19))
    assert parse_window("from April 6 to April 10", TUESDAY) == (date(2027, 4, 6), date(2027, 4, 10))
    assert parse_window("", TUESDAY) == (date(2026, 11, 17), date(2026, 11, 23))


def _rule(text, now):
    rec = parse_recurrence(text, now.date())
    assert rec is not None
    start = first_occurrence(rec, now, (18, 0))
    return start, rec.body(start, NY)


def test_recurrence_across_the_spring_dst_change_in_new_york():
    # Thursday 5 March 2026 10:00 EST; clocks go forward on Sunday 8 March.
    now = datetime(2026, 3, 5, 10, 0, tzinfo=NY)
    start, body = _rule("Tuesdays and Thursdays for 3 weeks", now)
    assert start == datetime(2026, 3, 5, 18, 0, tzinfo=NY)
    # Last day 25 March, 23:59:59 EDT (UTC-4) is 03:59:59 UTC the next day.
    assert body == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260326T035959Z"
    assert start.utcoffset().total_seconds() == -5 * 3600


def test_recurrence_across_the_autumn_dst_change_in_new_york():
    # Saturday 31 October 2026 09:00 EDT; clocks go back on Sunday 1 November.
    now = datetime(2026, 10, 31, 9, 0, tzinfo=NY)
    start, body = _rule("every day for 2 weeks", now)
    assert start == datetime(2026, 10, 31, 18, 0, tzinfo=NY)
    # Last day 13 November, 23:59:59 EST (UTC-5).
    assert body == "FREQ=DAILY;UNTIL=20261114T045959Z"
    start, body = _rule("every weekday until November 3", now)
    assert start == datetime(2026, 11, 2, 18, 0, tzinfo=NY)
    assert body == "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20261104T045959Z"


@pytest.mark.parametrize(
    ("phrase", "body"),
    [
        ("every weekday", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
        ("on weekends", "FREQ=WEEKLY;BYDAY=SA,SU"),
        ("every other Wednesday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
        ("Mondays, Wednesdays and Fridays", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        ("every week on Monday", "FREQ=WEEKLY;BYDAY=MO"),
        ("every 2 days", "FREQ=DAILY;INTERVAL=2"),
        ("daily for 10 sessions", "FREQ=DAILY;COUNT=10"),
    ],
)
def test_recurrence_bodies(phrase, body):
    london = ZoneInfo("Europe/London")
    now = datetime(2026, 11, 17, 14, 30, tzinfo=london)
    rec = parse_recurrence(phrase, now.date())
    assert rec is not None
    assert rec.body(first_occurrence(rec, now, (18, 0)), london) == body


def test_no_recurrence_in_a_one_off():
    assert parse_recurrence("tomorrow at 6pm", TUESDAY) is None


def test_first_occurrence_skips_a_time_already_past_today():
    now = datetime(2026, 11, 17, 19, 0, tzinfo=NY)  # Tuesday, 19:00
    rec = parse_recurrence("Tuesdays and Thursdays", now.date())
    assert rec is not None
    assert first_occurrence(rec, now, (18, 0)) == datetime(2026, 11, 19, 18, 0, tzinfo=NY)
