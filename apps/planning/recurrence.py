"""RRULE parsing and expansion in a time zone, with per-occurrence exceptions applied."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError

ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_COUNT = 5000
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


def parse_rule(rule: str, *, dtstart: datetime) -> rrule:
    """Parse ``rule`` anchored at the aware local ``dtstart``; ``ValidationError`` if it is not a usable RRULE."""
    rule = normalize_rule(rule)
    if not rule or "\n" in rule or "\r" in rule or ":" in rule:
        raise ValidationError({"recurrence_rule": ["Give a single RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO,WE."]})
    if "DTSTART" in rule.upper():
        raise ValidationError({"recurrence_rule": ["DTSTART comes from start_time, not from the rule."]})
    try:
        parsed = rrulestr(rule, dtstart=dtstart)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError({"recurrence_rule": [f"Invalid RRULE: {exc}"]}) from exc
    if not isinstance(parsed, rrule):
        raise ValidationError({"recurrence_rule": ["Give a single RRULE."]})
    parts = rule_parts(rule)
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValidationError({"recurrence_rule": ["FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."]})
    if int(parts.get("COUNT", "0")) > MAX_COUNT:
        raise ValidationError({"recurrence_rule": [f"COUNT may be at most {MAX_COUNT}."]})
    if parsed.after(dtstart - timedelta(microseconds=1), inc=True) is None:
        raise ValidationError({"recurrence_rule": ["The rule has no occurrence on or after start_time."]})
    return parsed


def rule_parts(rule: str) -> dict[str, str]:
    """The ``NAME=value`` parts of an RRULE value, names upper-cased."""
    return dict(part.upper().split("=", 1) for part in normalize_rule(rule).split(";") if "=" in part)


def series_end(block: Any) -> datetime | None:
    """When the last occurrence of ``block`` ends; ``None`` for a rule without COUNT or UNTIL."""
    end: datetime = block.end_time
    if not block.recurrence_rule:
        return end
    parts = rule_parts(block.recurrence_rule)
    if "COUNT" not in parts and "UNTIL" not in parts:
        return None
    dtstart = local_start(start=block.start_time, timezone=block.timezone)
    last: datetime = list(parse_rule(block.recurrence_rule, dtstart=dtstart))[-1]  # parse_rule ensures one
    duration: timedelta = end - block.start_time
    return last.astimezone(UTC) + duration


def local_start(*, start: datetime, timezone: str) -> datetime:
    """``start`` as an aware wall-clock time in ``timezone``."""
    return start.astimezone(ZoneInfo(timezone))


def series_starts(block: Any, *, after: datetime, before: datetime) -> list[datetime]:
    """Scheduled (original) starts of ``block`` in [``after``, ``before``), as UTC datetimes."""
    if not block.recurrence_rule:
        return [block.start_time] if after <= block.start_time < before else []
    dtstart = local_start(start=block.start_time, timezone=block.timezone)
    after_local, before_local = after.astimezone(dtstart.tzinfo), before.astimezone(dtstart.tzinfo)
    rule = rrulestr(block.recurrence_rule, dtstart=rebased_start(block.recurrence_rule, dtstart, after=after_local))
    return [s.astimezone(UTC) for s in rule.between(after_local, before_local, inc=True) if s < before]


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
    """Occurrences of ``block`` overlapping [``start``, ``end``), exceptions applied, ordered by start."""
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
