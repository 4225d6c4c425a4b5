"""Which occurrences are due for a reminder."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import Q

from apps.planning.models import ScheduleBlock
from apps.planning.recurrence import Occurrence, expand
from apps.planning.services.schedule import MAX_REMINDER_MINUTES

logger = logging.getLogger(__name__)

# A reminder whose time passed longer ago than this (the dispatcher was down) is no longer sent.
REMINDER_GRACE = timedelta(minutes=15)


def due_reminders(*, now: datetime) -> list[Occurrence]:
    """Open occurrences whose reminder time lies in (``now`` - grace, ``now``]."""
    horizon = now + timedelta(minutes=MAX_REMINDER_MINUTES)
    earliest = now - REMINDER_GRACE
    not_over = Q(series_end__isnull=True) | Q(series_end__gt=earliest)
    candidates = Q(start_time__lte=horizon) & (~Q(recurrence_rule="") | Q(start_time__gt=earliest)) & not_over
    moved = Q(exceptions__new_start__gt=earliest, exceptions__new_start__lte=horizon)
    blocks = (
        ScheduleBlock.objects.filter(reminder_minutes__isnull=False, completed=False, user__is_active=True)
        .filter(candidates | moved)
        .distinct()
        .select_related("user")
        .prefetch_related("exceptions")
    )
    due = []
    for block in blocks:
        try:
            due.extend(_due_of(block, now=now, earliest=earliest))
        except Exception:  # one learner's data must not stop everyone's reminders
            logger.exception("Reminders of schedule block %s could not be computed", block.pk)
    return due


def _due_of(block: ScheduleBlock, *, now: datetime, earliest: datetime) -> list[Occurrence]:
    lead = timedelta(minutes=block.reminder_minutes or 0)
    duration = block.end_time - block.start_time
    window_start, window_end = earliest + lead, now + lead + timedelta(microseconds=1)
    occurrences = expand(block, block.exceptions.all(), start=window_start - duration, end=window_end)
    return [o for o in occurrences if window_start < o.start < window_end and not o.completed]
