"""Reads of schedule blocks and their occurrences, scoped to their owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.planning.models import ScheduleBlock
from apps.planning.recurrence import Occurrence, check_window, expand
from maigie.ownership import get_owned_or_404, owned_by

BLOCK_ORDERINGS = {"start_time", "-start_time", "created_at", "-created_at", "title"}
CONFLICT_HORIZON = timedelta(days=60)
MAX_CONFLICTS = 50


@dataclass(frozen=True)
class Conflict:
    """An occurrence of another block that overlaps an occurrence of ours."""

    occurrence_start: datetime
    other: Occurrence


def block_list(
    *, user: Any, type: str | None = None, goal_id: Any = None, course: Any = None, ordering: str = ""
) -> QuerySet[ScheduleBlock]:
    """``user``'s blocks, filtered and ordered."""
    blocks = owned_by(ScheduleBlock.objects.all(), user=user)
    if type:
        blocks = blocks.filter(type=type)
    if goal_id:
        blocks = blocks.filter(goal_id=goal_id)
    if course:
        blocks = blocks.filter(course_id=course)
    if ordering in BLOCK_ORDERINGS:
        blocks = blocks.order_by(ordering, "created_at")
    return blocks


def block_get(*, user: Any, block_id: Any) -> ScheduleBlock:
    """One of ``user``'s blocks, or 404."""
    return get_owned_or_404(ScheduleBlock.objects.all(), user=user, pk=block_id)


def blocks_in_window(blocks: QuerySet[ScheduleBlock], *, start: datetime, end: datetime) -> QuerySet[ScheduleBlock]:
    """Blocks of ``blocks`` that may have an occurrence overlapping [``start``, ``end``), exceptions prefetched."""
    not_over = Q(series_end__isnull=True) | Q(series_end__gt=start)
    maybe = Q(start_time__lt=end) & (~Q(recurrence_rule="") | Q(end_time__gt=start)) & not_over
    moved_in = Q(exceptions__new_start__lt=end, exceptions__new_end__gt=start)
    return blocks.filter(maybe | moved_in).distinct().prefetch_related("exceptions")


def occurrences_in_window(*, user: Any, start: datetime, end: datetime) -> list[Occurrence]:
    """Every occurrence of ``user``'s blocks overlapping [``start``, ``end``), by start time."""
    check_window(start=start, end=end)
    blocks = blocks_in_window(owned_by(ScheduleBlock.objects.all(), user=user), start=start, end=end)
    occurrences = [o for b in blocks for o in expand(b, b.exceptions.all(), start=start, end=end)]
    return sorted(occurrences, key=lambda o: (o.start, str(o.block.pk)))


def block_conflicts(*, block: ScheduleBlock, only: Occurrence | None = None) -> list[Conflict]:
    """Occurrences of the user's other blocks overlapping ``block``'s (or just ``only``), in its next 60 days."""
    if only is not None:
        ours = [only]
        start, end = only.start, only.end
    else:
        start = max(block.start_time, timezone.now())  # a series' past cannot be rearranged
        end = start + CONFLICT_HORIZON
        ours = expand(block, block.exceptions.all(), start=start, end=end)
    others = blocks_in_window(
        owned_by(ScheduleBlock.objects.exclude(pk=block.pk), user=block.user), start=start, end=end
    )
    theirs = [o for b in others for o in expand(b, b.exceptions.all(), start=start, end=end)]
    conflicts = [
        Conflict(occurrence_start=mine.original_start, other=other)
        for mine in ours
        for other in theirs
        if other.start < mine.end and mine.start < other.end
    ]
    conflicts.sort(key=lambda c: (c.other.start, str(c.other.block.pk)))
    return conflicts[:MAX_CONFLICTS]


def occurrence_of(block: ScheduleBlock, *, original_start: datetime) -> Occurrence | None:
    """The current state of the occurrence of ``block`` scheduled at ``original_start``."""
    exceptions = block.exceptions.all()
    window_start = window_end = original_start
    for exception in exceptions:
        if exception.original_start == original_start and exception.new_start and exception.new_end:
            window_start, window_end = min(original_start, exception.new_start), max(original_start, exception.new_end)
    window_end += block.end_time - block.start_time
    found = expand(block, exceptions, start=window_start, end=window_end)
    return next((o for o in found if o.original_start == original_start), None)
