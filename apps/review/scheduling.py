"""FSRS through the ``fsrs`` package: the learner's scheduler, card conversion, and the study day."""

from __future__ import annotations

import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import fsrs
from django.core.exceptions import ValidationError

from apps.review.models import CardState, FsrsParameters

DEFAULT_RETENTION = 0.9
DEFAULT_DAY_START_HOUR = 4

_TO_FSRS = {
    CardState.NEW: fsrs.State.Learning,
    CardState.LEARNING: fsrs.State.Learning,
    CardState.REVIEW: fsrs.State.Review,
    CardState.RELEARNING: fsrs.State.Relearning,
}
_FROM_FSRS = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}


def desired_retention(user: Any) -> float:
    """The learner's desired retention (preference ``desired_retention``, default 0.9)."""
    return float((user.preferences or {}).get("desired_retention", DEFAULT_RETENTION))


def day_start_hour(user: Any) -> int:
    """The local hour at which the learner's study day starts (preference ``day_start_hour``, default 4)."""
    return int((user.preferences or {}).get("day_start_hour", DEFAULT_DAY_START_HOUR))


DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)


def parameters_for(user: Any) -> tuple[float, ...] | None:
    """The learner's own FSRS parameters, or None for the library's defaults (one query)."""
    stored = FsrsParameters.objects.filter(user_id=user.pk).values_list("parameters", flat=True).first()
    return tuple(stored) if stored else None


def scheduler_for(user: Any) -> fsrs.Scheduler:
    """The FSRS scheduler with the learner's parameters (the library's defaults if none) and desired retention."""
    return fsrs.Scheduler(
        parameters=parameters_for(user) or DEFAULT_PARAMETERS, desired_retention=desired_retention(user)
    )


def check_parameters(parameters: Any) -> None:
    """Refuse parameters the library would not accept (21 numbers, each within its bounds)."""
    try:
        fsrs.Scheduler(parameters=parameters)
    except (ValueError, TypeError) as exc:
        raise ValidationError({"parameters": [str(exc).replace("\n", " ")]}) from exc


class MemoryState(Protocol):
    """Stored FSRS memory state: a :class:`Card` (its owner's) or a space member's own state of a shared card."""

    state: str
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime.datetime
    last_review: datetime.datetime | None


def to_fsrs(card: MemoryState) -> fsrs.Card:
    """The library's card for ``card``'s stored memory state."""
    return fsrs.Card(
        state=_TO_FSRS[CardState(card.state)],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def apply_fsrs(card: MemoryState, scheduled: fsrs.Card) -> None:
    """Copy the library's new state onto ``card`` (not saved)."""
    card.state = _FROM_FSRS[scheduled.state]
    card.step = scheduled.step
    card.stability = scheduled.stability
    card.difficulty = scheduled.difficulty
    card.due = scheduled.due
    card.last_review = scheduled.last_review


def study_day(*, user: Any, now: datetime.datetime) -> tuple[datetime.date, datetime.datetime, datetime.datetime]:
    """The learner's study day containing ``now``: its date and its start and end instants.

    A study day runs from the day-start hour (local time, the user's zone) to the same hour the
    next day, so a review at 01:00 counts for the day before with the default 04:00.
    """
    zone = ZoneInfo(user.timezone)
    hour = day_start_hour(user)
    local = now.astimezone(zone)
    day = (local - datetime.timedelta(hours=hour)).date()
    return (
        day,
        day_starts(day, zone=zone, hour=hour),
        day_starts(day + datetime.timedelta(days=1), zone=zone, hour=hour),
    )


def day_starts(day: datetime.date, *, zone: ZoneInfo, hour: int) -> datetime.datetime:
    """The instant the study day ``day`` starts in ``zone``."""
    return datetime.datetime.combine(day, datetime.time(hour), zone).astimezone(datetime.UTC)
