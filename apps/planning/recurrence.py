"""RRULE validation and bounded expansion in a time zone, with per-occurrence exceptions applied.

Every expansion is bounded by its window and by :data:`MAX_EXPANSION` occurrences; a stored rule
that does not pass :func:`parse_rule` (saved before these checks, or written around the services)
expands to nothing and is logged, so one bad block cannot break a page, a chat or a batch job.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError

from maigie.bounds import EARLIEST_DATE, LATEST_DATE, LATEST_DATETIME

logger = logging.getLogger(__name__)

ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_INTERVAL = {"DAILY": 366, "WEEKLY": 53, "MONTHLY": 12, "YEARLY": 10}
MAX_COUNT = 5000
# BY* part: smallest and largest absolute value (negative values count from the end); BYDAY checked apart.
NUMBER_PARTS = {
    "BYMONTH": (1, 12),
    "BYMONTHDAY": (1, 31),
    "BYYEARDAY": (1, 366),
    "BYWEEKNO": (1, 53),
    "BYSETPOS": (1, 366),
}
ALLOWED_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST", *NUMBER_PARTS}
WEEKDAY_ORDER = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS = frozenset(WEEKDAY_ORDER)
BYDAY_RE = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
UNTIL_RE = re.compile(r"^(\d{8})(T\d{6}Z?)?$")
FIRST_OCCURRENCE_HORIZON_YEARS = 10  # a rule must have an occurrence within this many years of its start
GREGORIAN_CYCLE_YEARS = 400  # the calendar (weekdays, leap days) repeats exactly after this
MAX_EXPANSION = 1000  # occurrences of one block in one expansion, whatever the window
MAX_WINDOW = timedelta(days=400)


@dataclass(frozen=True)
class Occurrence:
    """One concrete occurrence of a block."""

    block: Any
    original_start: datetime
    start: datetime
    end: datetime
    completed: bool
    moved: bool


def normalize_rule(rule: str) -> str:
    """The rule without an ``RRULE:`` prefix or surrounding blanks."""
    rule = rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return rule


def _invalid(message: str) -> ValidationError:
    return ValidationError({"recurrence_rule": [message]})


def _check_parts(rule: str) -> dict[str, str]:
    """The rule's parts, refusing unknown, repeated or out-of-range ones (before dateutil sees them)."""
    names = [part.split("=", 1)[0].upper() for part in rule.split(";")]
    if any("=" not in part for part in rule.split(";")):
        raise _invalid("Each part of the rule is NAME=value, separated by semicolons.")
    if len(names) != len(set(names)):
        raise _invalid("A part appears twice in the rule.")
    unknown = sorted(set(names) - ALLOWED_PARTS)
    if unknown:
        raise _invalid(f"Unsupported rule parts: {', '.join(unknown)} (a block keeps the time of day of start_time).")
    parts = rule_parts(rule)
    frequency = parts.get("FREQ")
    if frequency not in ALLOWED_FREQUENCIES:
        raise _invalid("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.")
    if not 1 <= _integer(parts.get("INTERVAL", "1"), "INTERVAL") <= MAX_INTERVAL[frequency]:
        raise _invalid(f"INTERVAL must be between 1 and {MAX_INTERVAL[frequency]} for FREQ={frequency}.")
    if "COUNT" in parts and not 1 <= _integer(parts["COUNT"], "COUNT") <= MAX_COUNT:
        raise _invalid(f"COUNT must be between 1 and {MAX_COUNT}.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise _invalid("Give COUNT or UNTIL, not both.")
    if "UNTIL" in parts:
        match = UNTIL_RE.match(parts["UNTIL"])
        day = match.group(1) if match else ""
        if not match or not EARLIEST_DATE.strftime("%Y%m%d") <= day <= LATEST_DATE.strftime("%Y%m%d"):
            raise _invalid(
                f"UNTIL must be a UTC date-time (e.g. 20270630T000000Z) from {EARLIEST_DATE} to {LATEST_DATE}."
            )
    for name, (low, high) in NUMBER_PARTS.items():
        for value in parts[name].split(",") if name in parts else ():
            if not low <= abs(_integer(value, name)) <= high:
                raise _invalid(f"{name} values must be between {low} and {high} (or -{high} and -{low}).")
    for value in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
        day = BYDAY_RE.match(value)
        if day is None or (day.group(2) is not None and not 1 <= int(day.group(2)) <= 53):
            raise _invalid(
                "BYDAY values are weekdays (MO..SU), optionally with an ordinal from 1 to 53, e.g. 2TU or -1FR."
            )
    if parts.get("WKST", "MO") not in WEEKDAYS:
        raise _invalid("WKST must be a weekday, MO..SU.")
    return parts


def _integer(value: str, name: str) -> int:
    if not re.fullmatch(r"[+-]?\d{1,9}", value):
        raise _invalid(f"{name} must be a whole number.")
    return int(value)


def _first_start(rule: str, dtstart: datetime) -> datetime | None:
    """The rule's first wall-clock start ignoring COUNT and UNTIL, if within the horizon.

    dateutil searches an empty rule up to year 9999 (seconds for a DAILY rule); shifting the anchor
    by whole 400-year Gregorian cycles (same weekdays, leap days, alignment) bounds that search.
    """
    naive = dtstart.replace(tzinfo=None)
    cycles = (MAXYEAR - FIRST_OCCURRENCE_HORIZON_YEARS - naive.year) // GREGORIAN_CYCLE_YEARS
    shift = max(cycles, 0) * GREGORIAN_CYCLE_YEARS
    body = ";".join(part for part in rule.split(";") if part.split("=", 1)[0].upper() not in {"COUNT", "UNTIL"})
    probe = naive.replace(year=naive.year + shift)
    found = rrulestr(body, dtstart=probe).after(probe, inc=True)
    if found is None or found.year - probe.year > FIRST_OCCURRENCE_HORIZON_YEARS:
        return None
    first: datetime = found.replace(year=found.year - shift)
    return first


def parse_rule(rule: str, *, dtstart: datetime) -> rrule:
    """Parse ``rule`` anchored at the aware local ``dtstart``; ``ValidationError`` if it is not a usable RRULE.

    Usable: supported parts with values in range, an occurrence within
    :data:`FIRST_OCCURRENCE_HORIZON_YEARS` of ``dtstart``, and a last occurrence (COUNT or UNTIL)
    before the end of the accepted date window.
    """
    rule = normalize_rule(rule)
    if not rule or "\n" in rule or "\r" in rule or ":" in rule:
        raise _invalid("Give a single RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO,WE.")
    if "DTSTART" in rule.upper():
        raise _invalid("DTSTART comes from start_time, not from the rule.")
    parts = _check_parts(rule)
    try:
        parsed = rrulestr(rule, dtstart=dtstart)
        if not isinstance(parsed, rrule):
            raise _invalid("Give a single RRULE.")
        if _first_start(rule, dtstart) is None:
            raise _invalid(f"The rule has no occurrence within {FIRST_OCCURRENCE_HORIZON_YEARS} years of start_time.")
        if parsed.after(dtstart, inc=True) is None:
            raise _invalid("The rule has no occurrence on or after start_time.")
        if "COUNT" in parts:  # UNTIL is already inside the window
            _last_start(parsed)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        raise _invalid(f"Invalid RRULE: {exc}") from exc
    return parsed


def _last_start(parsed: rrule) -> datetime:
    """The last start of a bounded rule; refused if the series runs past the accepted window."""
    last = None
    for last in parsed:
        if last >= LATEST_DATETIME:
            raise _invalid(f"The series must end before {LATEST_DATETIME:%Y-%m-%d}; lower COUNT or UNTIL.")
    if last is None:
        raise _invalid("The rule has no occurrence on or after start_time.")
    return last


def rule_parts(rule: str) -> dict[str, str]:
    """The ``NAME=value`` parts of an RRULE value, names upper-cased."""
    return dict(part.upper().split("=", 1) for part in normalize_rule(rule).split(";") if "=" in part)


def weekdays_shifted(rule: str, *, days: int) -> str:
    """A weekly rule with its BYDAY weekdays moved ``days`` later ("MO,WE" by 4: "FR,SU"), for a series moved to
    another day; any other rule, or one with ordinal weekdays, unchanged."""
    parts = rule_parts(rule)
    byday = parts.get("BYDAY", "").split(",")
    if parts.get("FREQ") != "WEEKLY" or not all(day in WEEKDAY_ORDER for day in byday) or not days % 7:
        return rule
    moved = {WEEKDAY_ORDER[(WEEKDAY_ORDER.index(day) + days) % 7] for day in byday}
    parts["BYDAY"] = ",".join(sorted(moved, key=WEEKDAY_ORDER.index))
    return ";".join(f"{name}={value}" for name, value in parts.items())


@lru_cache(maxsize=4096)
def stored_rule_problem(rule: str, dtstart: datetime) -> str | None:
    """Why a stored rule cannot be expanded (None if it can); cached, as expansions repeat it."""
    try:
        parse_rule(rule, dtstart=dtstart)
    except ValidationError as exc:
        return "; ".join(exc.messages)
    return None


def series_end(block: Any) -> datetime | None:
    """When the series of ``block`` is over: the end of its last occurrence (COUNT), an upper bound of it
    (UNTIL, without walking every occurrence), ``None`` for an open rule."""
    end: datetime = block.end_time
    if not block.recurrence_rule:
        return end
    duration: timedelta = end - block.start_time
    dtstart = local_start(start=block.start_time, timezone=block.timezone)
    parsed = parse_rule(block.recurrence_rule, dtstart=dtstart)
    parts = rule_parts(block.recurrence_rule)
    if "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").replace(tzinfo=UTC) + timedelta(days=2)
        return until + duration
    if "COUNT" in parts:
        return _last_start(parsed).astimezone(UTC) + duration
    return None


def local_start(*, start: datetime, timezone: str) -> datetime:
    """``start`` as an aware wall-clock time in ``timezone``."""
    return start.astimezone(ZoneInfo(timezone))


def series_starts(block: Any, *, after: datetime, before: datetime) -> list[datetime]:
    """Scheduled (original) starts of ``block`` in [``after``, ``before``), as UTC datetimes.

    At most :data:`MAX_EXPANSION` of them; a stored rule that is not usable any more gives none (and is logged).
    """
    if not block.recurrence_rule:
        return [block.start_time] if after <= block.start_time < before else []
    dtstart = local_start(start=block.start_time, timezone=block.timezone)
    problem = stored_rule_problem(block.recurrence_rule, dtstart)
    if problem is not None:
        logger.warning("Schedule block %s has an unusable recurrence rule: %s", block.pk, problem)
        return []
    after_local, before_local = after.astimezone(dtstart.tzinfo), before.astimezone(dtstart.tzinfo)
    rule = rrulestr(block.recurrence_rule, dtstart=rebased_start(block.recurrence_rule, dtstart, after=after_local))
    return [s.astimezone(UTC) for s in _until(rule.xafter(after_local, count=MAX_EXPANSION, inc=True), before_local)]


def _until(starts: Iterator[datetime], before: datetime) -> Iterator[datetime]:
    for start in starts:
        if start >= before:
            return
        yield start


def rebased_start(rule: str, dtstart: datetime, *, after: datetime) -> datetime:
    """A later anchor that yields the same occurrences from ``after`` on, so expansion skips the past.

    Only for DAILY/WEEKLY rules without COUNT: moving the anchor by whole periods (wall-clock days,
    so DST keeps the local time) keeps its weekday, time of day and INTERVAL alignment.
    """
    parts = rule_parts(rule)
    if "COUNT" in parts or parts.get("FREQ") not in {"DAILY", "WEEKLY"}:
        return dtstart
    step = timedelta(days=int(parts.get("INTERVAL", "1")) * (7 if parts["FREQ"] == "WEEKLY" else 1))
    periods = (after.replace(tzinfo=None) - dtstart.replace(tzinfo=None)) // step - 1
    return dtstart + step * periods if periods > 0 else dtstart


def is_occurrence(block: Any, start: datetime) -> bool:
    """Whether ``start`` is a scheduled start of ``block``'s series."""
    return bool(series_starts(block, after=start, before=start + timedelta(microseconds=1)))


def expand(block: Any, exceptions: Iterable[Any], *, start: datetime, end: datetime) -> list[Occurrence]:
    """Occurrences of ``block`` overlapping [``start``, ``end``), exceptions applied, ordered by start.

    Never raises for what is stored: a block that cannot be expanded (say a time near the end of
    the calendar) gives no occurrences and is logged, so the caller's other blocks still show.
    """
    try:
        return _expand(block, exceptions, start=start, end=end)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        logger.exception("Schedule block %s cannot be expanded", getattr(block, "pk", None))
        return []


def _expand(block: Any, exceptions: Iterable[Any], *, start: datetime, end: datetime) -> list[Occurrence]:
    duration = block.end_time - block.start_time
    by_original = {e.original_start: e for e in exceptions}
    result = []
    for original in series_starts(block, after=start - duration + timedelta(microseconds=1), before=end):
        exception = by_original.pop(original, None)
        occurrence = _apply(block, original, duration, exception)
        if occurrence is not None and occurrence.start < end and occurrence.end > start:
            result.append(occurrence)
    for exception in by_original.values():  # moved into the window from outside it
        if exception.new_start is not None and not exception.cancelled:
            occurrence = _apply(block, exception.original_start, duration, exception)
            if occurrence is not None and occurrence.start < end and occurrence.end > start:
                result.append(occurrence)
    return sorted(result, key=lambda o: o.start)


def _apply(block: Any, original: datetime, duration: timedelta, exception: Any) -> Occurrence | None:
    if exception is None:
        completed = block.completed and not block.recurrence_rule
        return Occurrence(block, original, original, original + duration, completed, moved=False)
    if exception.cancelled:
        return None
    moved = exception.new_start is not None
    occurrence_start = exception.new_start if moved else original
    occurrence_end = exception.new_end if moved else original + duration
    return Occurrence(block, original, occurrence_start, occurrence_end, exception.completed, moved=moved)


def check_window(*, start: datetime, end: datetime) -> None:
    """Refuse a window that is empty, reversed or longer than :data:`MAX_WINDOW`."""
    if end <= start:
        raise ValidationError({"end": ["end must be after start."]})
    if end - start > MAX_WINDOW:
        raise ValidationError({"end": [f"The window may span at most {MAX_WINDOW.days} days."]})
