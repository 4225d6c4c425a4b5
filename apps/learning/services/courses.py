"""Courses: create (with an outline), update, archive, delete, reorder."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.learning import events
from apps.learning.models import Course, EmbeddingKind, Module, Topic
from apps.learning.services.common import (
    as_uuid,
    clean,
    course_edit_check,
    course_event,
    course_room_check,
    index_after_commit,
    lock_for_edit,
    renumber,
)
from apps.learning.services.outline import topics_build
from apps.learning.services.progress import course_progress_recompute
from maigie.realtime.publish import publish
from maigie.services import model_update

COURSE_UPDATE_FIELDS = ("title", "description", "difficulty", "target_date")


@transaction.atomic
def course_create(
    *,
    user: User,
    title: str,
    description: str = "",
    difficulty: str = "",
    target_date: datetime.date | None = None,
    is_ai_generated: bool = False,
    modules: Sequence[Mapping[str, Any]] = (),
) -> Course:
    """Create a course, optionally with its whole outline (modules with topics), atomically."""
    course_room_check(user=user)
    course = Course(
        user=user,
        title=title.strip(),
        description=description,
        difficulty=difficulty,
        target_date=target_date,
        is_ai_generated=is_ai_generated,
    )
    clean(course)
    course.save()
    built = []
    for position, spec in enumerate(modules):
        module = Module(
            course=course,
            order=position,
            title=str(spec.get("title", "")).strip(),
            description=spec.get("description") or "",
        )
        clean(module, prefix=f"modules[{position}]")
        built.append(module)
    Module.objects.bulk_create(built)  # the outline in two inserts, whatever its size
    topics = Topic.objects.bulk_create(
        [
            topic
            for position, (module, spec) in enumerate(zip(built, modules, strict=True))
            for topic in topics_build(module=module, topics=spec.get("topics") or (), prefix=f"modules[{position}]")
        ]
    )
    index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk for topic in topics])
    course_progress_recompute(course=course)
    publish(user_id=user.pk, event=events.COURSE_CREATED, data=course_event(course))
    return course


@transaction.atomic
def course_update(*, course: Course, data: Mapping[str, Any]) -> Course:
    """Change a course's title, description, difficulty or target date."""
    course_edit_check(course=course)
    data = {**data, "title": str(data["title"]).strip()} if "title" in data else data
    course, changed = model_update(instance=course, data=data, allowed=COURSE_UPDATE_FIELDS)
    if changed:
        publish(user_id=course.user_id, event=events.COURSE_UPDATED, data=course_event(course))
    return course


@transaction.atomic
def course_set_archived(*, course: Course, archived: bool) -> Course:
    """Archive or unarchive a course (idempotent); unarchiving needs room in the plan."""
    if course.archived and not archived:
        course_room_check(user=course.user)
    if course.archived != archived:
        course.archived = archived
        course.archived_at = timezone.now() if archived else None
        course.save(update_fields=["archived", "archived_at", "updated_at"])
        publish(user_id=course.user_id, event=events.COURSE_UPDATED, data=course_event(course))
    return course


@transaction.atomic
def course_delete(*, course: Course) -> None:
    """Delete a course with its modules and topics; its notes stay, unlinked."""
    user_id, course_id = course.user_id, course.pk
    course.delete()
    publish(user_id=user_id, event=events.COURSE_DELETED, data={"id": str(course_id)})


@transaction.atomic
def course_reorder(*, course: Course, modules: Sequence[Mapping[str, Any]]) -> Course:
    """Set the order of the modules and of the topics (which may move between modules) in one call.

    ``modules`` is ``[{"id": module_id, "topics": [topic_id, ...]}, ...]`` and must list every
    module and every topic of the course exactly once.
    """
    course = lock_for_edit(course)
    current_modules = {module.pk: module for module in Module.objects.filter(course=course)}
    current_topics = {topic.pk: topic for topic in Topic.objects.filter(module__course=course)}
    module_ids = [as_uuid(entry.get("id"), field="modules") for entry in modules]
    topics_by_module = [[as_uuid(t, field="topics") for t in entry.get("topics", ())] for entry in modules]
    topic_ids = [topic_id for topics in topics_by_module for topic_id in topics]
    if len(module_ids) != len(set(module_ids)) or set(module_ids) != set(current_modules):
        raise ValidationError({"modules": ["Must list every module of the course exactly once."]})
    if len(topic_ids) != len(set(topic_ids)) or set(topic_ids) != set(current_topics):
        raise ValidationError({"topics": ["Must list every topic of the course exactly once."]})
    renumber([current_modules[module_id] for module_id in module_ids], Module)
    moved = []
    for module_id, topics in zip(module_ids, topics_by_module, strict=True):
        for position, topic_id in enumerate(topics):
            topic = current_topics[topic_id]
            if topic.module_id != module_id or topic.order != position:
                topic.module_id, topic.order = module_id, position
                moved.append(topic)
    Topic.objects.bulk_update(moved, ["module", "order"])
    course_progress_recompute(course=course)
    publish(user_id=course.user_id, event=events.COURSE_REORDERED, data=course_event(course))
    return course
