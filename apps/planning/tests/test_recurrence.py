"""Recurrence internals: skipping the past gives exactly the occurrences of a full expansion."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from apps.planning.recurrence import series_end, series_starts


def block(rule, *, start, zone="America/New_York"):
    return SimpleNamespace(
        recurrence_rule=rule, start_time=start, end_time=start + timedelta(minutes=45), timezone=zone
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270301T000000Z",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;BYSETPOS=1",
        "FREQ=MONTHLY;BYMONTHDAY=31",
    ],
)
def test_windows_match_the_full_expansion(rule):
    start = datetime(2024, 1, 31, 19, 0, tzinfo=ZoneInfo("America/New_York"))
    series = block(rule, start=start)
    after, before = datetime(2026, 2, 20, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)

    full = rrulestr(rule, dtstart=start).between(after, before, inc=True)

    assert series_starts(series, after=after, before=before) == [s.astimezone(UTC) for s in full if s < before]
    assert {s.astimezone(ZoneInfo("America/New_York")).hour for s in full} == {19}


def test_series_end_of_bounded_and_open_rules():
    start = datetime(2026, 3, 6, 19, 0, tzinfo=ZoneInfo("America/New_York"))

    assert series_end(block("FREQ=DAILY;COUNT=3", start=start)) == datetime(2026, 3, 8, 23, 45, tzinfo=UTC)
    assert series_end(block("FREQ=DAILY", start=start)) is None
