"""Schedule proposals: study blocks fitted into free time within preferred weekly windows."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from apps.planning.recurrence import MAX_WINDOW

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SLOT_STEP = datetime.timedelta(minutes=15)


@dataclass(frozen=True)
class Window:
    """Preferred study time: these weekdays, between ``start`` and ``end`` local time."""

    days: tuple[str, ...]
    start: datetime.time
    end: datetime.time


@dataclass(frozen=True)
class Busy:
    """A span already taken (an existing occurrence or a block already proposed)."""

    start: datetime.datetime
    end: datetime.datetime


def _spread(days: list[datetime.date], count: int) -> list[datetime.date]:
    """``days`` reordered so the first ``count`` are spread evenly over the week, the rest after."""
    if count >= len(days):
        return days
    picked = [days[(index * len(days)) // count] for index in range(count)]
    return picked + [day for day in days if day not in picked]


def _free_slot(
    *,
    day: datetime.date,
    windows: Sequence[Window],
    zone: zoneinfo.ZoneInfo,
    length: datetime.timedelta,
    busy: list[Busy],
    earliest: datetime.datetime,
) -> Busy | None:
    """The earliest slot of ``length`` on ``day`` inside a window, after ``earliest``, overlapping nothing busy."""
    weekday = WEEKDAYS[day.weekday()]
    for window in sorted((w for w in windows if weekday in w.days), key=lambda w: w.start):
        start = datetime.datetime.combine(day, window.start, tzinfo=zone)
        close = datetime.datetime.combine(day, window.end, tzinfo=zone)
        while start + length <= close:
            end = start + length
            clash = next((b for b in busy if b.start < end and start < b.end), None)
            if start >= earliest and clash is None:
                return Busy(start=start, end=end)
            start = max(start + SLOT_STEP, clash.end if clash else start)
            start = start.astimezone(zone)
    return None


def propose_slots(
    *,
    windows: Sequence[Window],
    timezone: str,
    sessions_per_week: int,
    minutes_per_session: int,
    start: datetime.datetime,
    until: datetime.date,
    busy: Sequence[Busy],
) -> list[Busy]:
    """Study slots from ``start`` to the end of ``until`` (local): per week up to ``sessions_per_week``, one a day.

    Each local calendar week (Monday to Sunday) gets its sessions on days spread across the
    window days; a day with no free slot gives way to the next free one.
    """
    zone = zoneinfo.ZoneInfo(timezone)
    length = datetime.timedelta(minutes=minutes_per_session)
    taken = list(busy)
    first_day = start.astimezone(zone).date()
    last_day = min(until, first_day + datetime.timedelta(days=MAX_WINDOW.days - 1))
    window_days = {day for window in windows for day in window.days}
    slots: list[Busy] = []
    week_start = first_day - datetime.timedelta(days=first_day.weekday())
    while week_start <= last_day:
        days = [
            week_start + datetime.timedelta(days=offset)
            for offset in range(7)
            if WEEKDAYS[offset] in window_days and first_day <= week_start + datetime.timedelta(days=offset) <= last_day
        ]
        found = 0
        for day in _spread(days, sessions_per_week):
            if found == sessions_per_week:
                break
            slot = _free_slot(day=day, windows=windows, zone=zone, length=length, busy=taken, earliest=start)
            if slot is not None:
                slots.append(slot)
                taken.append(slot)
                found += 1
        week_start += datetime.timedelta(days=7)
    return sorted(slots, key=lambda slot: slot.start)
