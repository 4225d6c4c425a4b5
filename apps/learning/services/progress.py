"""Course progress and module completion, computed from the topics (one place for the rule)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from apps.learning.models import MAX_TOPIC_HOURS, Course, Module, Topic


def progress_percent(topics: Sequence[tuple[bool, float | None]]) -> float:
    """Completed share of ``(completed, estimated_hours)`` topics, 0..100, weighted by hours.

    A topic without a usable estimate (none, or outside 0..:data:`MAX_TOPIC_HOURS` as older rows may
    hold) weighs the mean of the estimated ones; with no usable estimate at all every topic weighs
    the same (the share of completed topics by count).
    """
    if not topics:
        return 0.0
    usable = [hours if hours is not None and 0 <= hours <= MAX_TOPIC_HOURS else None for _, hours in topics]
    known = [hours for hours in usable if hours is not None]
    mean = sum(known) / len(known) if known else 0.0
    if mean <= 0:
        return round(100.0 * sum(1 for completed, _ in topics if completed) / len(topics), 2)
    weights = [mean if hours is None else hours for hours in usable]
    done = sum(weight for (completed, _), weight in zip(topics, weights, strict=True) if completed)
    return min(100.0, max(0.0, round(100.0 * done / sum(weights), 2)))


@transaction.atomic
def course_progress_recompute(*, course: Course) -> Course:
    """Recompute module completion and course progress from the topics (one place for the rule)."""
    modules = dict(Module.objects.filter(course=course).values_list("id", "completed"))
    rows = list(Topic.objects.filter(module__course=course).values_list("module_id", "completed", "estimated_hours"))
    by_module: dict[uuid.UUID, list[bool]] = {module_id: [] for module_id in modules}
    for module_id, completed, _ in rows:
        by_module[module_id].append(completed)
    for module_id, states in by_module.items():
        completed = bool(states) and all(states)
        if modules[module_id] != completed:
            Module.objects.filter(pk=module_id).update(completed=completed, updated_at=timezone.now())
    progress = progress_percent([(completed, hours) for _, completed, hours in rows])
    if course.progress != progress:
        course.progress = progress
        course.updated_at = timezone.now()
        Course.objects.filter(pk=course.pk).update(progress=progress, updated_at=course.updated_at)
    return course
