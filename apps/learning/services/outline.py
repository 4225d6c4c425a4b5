"""Modules and topics of a course: create, update, delete, complete; progress follows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from apps.accounts.signals import progress_made
from apps.learning import events
from apps.learning.models import Course, EmbeddingKind, Module, Topic
from apps.learning.services.common import (
    clean,
    course_edit_check,
    index_after_commit,
    lock_for_edit,
    renumber,
)
from apps.learning.services.progress import course_progress_recompute
from maigie.realtime.publish import publish
from maigie.services import model_update

MODULE_UPDATE_FIELDS = ("title", "description")
TOPIC_UPDATE_FIELDS = ("title", "content", "estimated_hours")
TOPIC_EMBEDDED_FIELDS = ("title", "content")  # what a topic's vector is made from


def topics_build(*, module: Module, topics: Sequence[Mapping[str, Any]], prefix: str) -> list[Topic]:
    """``module``'s topics from their specs, validated, not saved (the caller inserts them in one go)."""
    built = []
    for position, spec in enumerate(topics):
        topic = Topic(
            module=module,
            order=position,
            title=str(spec.get("title", "")).strip(),
            content=spec.get("content") or "",
            estimated_hours=spec.get("estimated_hours"),
        )
        clean(topic, prefix=f"{prefix}.topics[{position}]" if prefix else f"topics[{position}]")
        built.append(topic)
    return built


def _insert_position(requested: int | None, siblings: int) -> int:
    if requested is None or requested > siblings:
        return siblings
    if requested < 0:
        raise ValidationError({"order": ["Must be zero or more."]})
    return requested


def make_room(siblings: models.QuerySet[Any], position: int) -> None:
    """Move the siblings at ``position`` and after one place down the order."""
    following = list(siblings.filter(order__gte=position).order_by("order"))
    for offset, sibling in enumerate(following, start=position + 1):
        sibling.order = offset
    siblings.model._default_manager.bulk_update(following, ["order"])


def module_created(*, course: Course, module: Module, topic_ids: Sequence[Any]) -> None:
    """After a module is inserted (or restored): index its topics, recompute progress, tell the clients."""
    index_after_commit(kind=EmbeddingKind.TOPIC, ids=list(topic_ids))
    course_progress_recompute(course=course)
    publish(
        user_id=course.user_id,
        event=events.MODULE_CREATED,
        data={"id": str(module.pk), "course_id": str(course.pk), "course_progress": course.progress},
    )


def topic_created(*, course: Course, topic: Topic) -> None:
    """After a topic is inserted (or restored): index it, recompute progress, tell the clients."""
    index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk])
    course_progress_recompute(course=course)
    publish(
        user_id=course.user_id,
        event=events.TOPIC_CREATED,
        data={
            "id": str(topic.pk),
            "module_id": str(topic.module_id),
            "course_id": str(course.pk),
            "course_progress": course.progress,
        },
    )


@transaction.atomic
def module_create(
    *,
    course: Course,
    title: str,
    description: str = "",
    order: int | None = None,
    topics: Sequence[Mapping[str, Any]] = (),
) -> Module:
    """Add a module (with optional topics) at ``order`` (default: last) and recompute progress."""
    course = lock_for_edit(course)
    siblings = Module.objects.filter(course=course)
    position = _insert_position(order, siblings.count())
    module = Module(course=course, title=title.strip(), description=description, order=position)
    clean(module)
    make_room(siblings, position)
    module.save()
    created = Topic.objects.bulk_create(topics_build(module=module, topics=topics, prefix=""))
    module_created(course=course, module=module, topic_ids=[topic.pk for topic in created])
    module.refresh_from_db(fields=["completed"])
    return module


@transaction.atomic
def module_update(*, module: Module, data: Mapping[str, Any]) -> Module:
    """Change a module's title or description."""
    course_edit_check(course=module.course)
    data = {**data, "title": str(data["title"]).strip()} if "title" in data else data
    module, changed = model_update(instance=module, data=data, allowed=MODULE_UPDATE_FIELDS)
    if changed:
        publish(
            user_id=module.course.user_id,
            event=events.MODULE_UPDATED,
            data={"id": str(module.pk), "course_id": str(module.course_id), "title": module.title},
        )
    return module


@transaction.atomic
def module_delete(*, module: Module) -> Course:
    """Delete a module and its topics, close the gap in the order and recompute progress."""
    course = lock_for_edit(module.course)
    module_id = module.pk
    module.delete()
    renumber(Module.objects.filter(course=course).order_by("order"), Module)
    course_progress_recompute(course=course)
    publish(
        user_id=course.user_id,
        event=events.MODULE_DELETED,
        data={"id": str(module_id), "course_id": str(course.pk), "course_progress": course.progress},
    )
    return course


@transaction.atomic
def topic_create(
    *,
    module: Module,
    title: str,
    content: str = "",
    estimated_hours: float | None = None,
    order: int | None = None,
) -> Topic:
    """Add a topic to a module at ``order`` (default: last) and recompute progress."""
    course = lock_for_edit(module.course)
    if not Module.objects.filter(pk=module.pk, course=course).exists():  # deleted since it was read
        raise ValidationError({"module": ["This module no longer exists."]})
    siblings = Topic.objects.filter(module=module)
    position = _insert_position(order, siblings.count())
    topic = Topic(module=module, title=title.strip(), content=content, estimated_hours=estimated_hours, order=position)
    clean(topic)
    make_room(siblings, position)
    topic.save()
    topic_created(course=course, topic=topic)
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, data: Mapping[str, Any]) -> Topic:
    """Change a topic's title, content or estimate (an estimate change recomputes progress)."""
    course = lock_for_edit(topic.module.course)
    data = {**data, "title": str(data["title"]).strip()} if "title" in data else data
    topic, changed = model_update(instance=topic, data=data, allowed=TOPIC_UPDATE_FIELDS)
    if changed:
        if "estimated_hours" in changed:
            course_progress_recompute(course=course)
        if set(changed) & set(TOPIC_EMBEDDED_FIELDS):
            index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk])
        publish(
            user_id=course.user_id,
            event=events.TOPIC_UPDATED,
            data={"id": str(topic.pk), "module_id": str(topic.module_id), "course_id": str(course.pk)},
        )
    return topic


@transaction.atomic
def topic_delete(*, topic: Topic) -> Course:
    """Delete a topic, close the gap in its module's order and recompute progress."""
    module = topic.module
    course = lock_for_edit(module.course)
    topic_id = topic.pk
    topic.delete()
    renumber(Topic.objects.filter(module=module).order_by("order"), Topic)
    course_progress_recompute(course=course)
    publish(
        user_id=course.user_id,
        event=events.TOPIC_DELETED,
        data={
            "id": str(topic_id),
            "module_id": str(module.pk),
            "course_id": str(course.pk),
            "course_progress": course.progress,
        },
    )
    return course


@transaction.atomic
def topic_complete(*, topic: Topic, completed: bool = True) -> Topic:
    """Mark a topic done or not done; module completion and course progress follow."""
    course = lock_for_edit(topic.module.course)
    topic.module.course = course  # callers read the fresh progress from here
    if topic.completed != completed:
        topic.completed = completed
        topic.completed_at = timezone.now() if completed else None
        topic.save(update_fields=["completed", "completed_at", "updated_at"])
        course_progress_recompute(course=course)
        module_completed = Module.objects.values_list("completed", flat=True).get(pk=topic.module_id)
        topic.module.completed = module_completed
        publish(
            user_id=course.user_id,
            event=events.TOPIC_COMPLETED,
            data={
                "id": str(topic.pk),
                "completed": completed,
                "module_id": str(topic.module_id),
                "module_completed": module_completed,
                "course_id": str(course.pk),
                "course_progress": course.progress,
            },
        )
        if completed:
            progress_made.send(
                sender=Topic,
                user=course.user,
                now=timezone.now(),
                metrics=("topics_completed", "courses_finished", "streak"),
            )
    return topic


@transaction.atomic
def topic_move(*, topic: Topic, module: Module, order: int | None = None) -> Topic:
    """Move ``topic`` into ``module`` of the same course at ``order`` (default: last); both modules renumbered."""
    if module.course_id != topic.module.course_id:
        raise ValidationError({"module": ["The topic can only move to a module of its own course."]})
    course = lock_for_edit(topic.module.course)
    source = topic.module
    others = Topic.objects.filter(module=module).exclude(pk=topic.pk).order_by("order")
    position = _insert_position(order, others.count())
    ordered = list(others)
    ordered.insert(position, topic)
    topic.module = module
    for offset, item in enumerate(ordered):
        item.order = offset
    Topic.objects.bulk_update(ordered, ["module", "order"])  # the order constraint is checked at commit
    if source.pk != module.pk:
        renumber(Topic.objects.filter(module=source).order_by("order"), Topic)
    course_progress_recompute(course=course)
    publish(
        user_id=course.user_id,
        event=events.TOPIC_UPDATED,
        data={"id": str(topic.pk), "module_id": str(module.pk), "course_id": str(course.pk)},
    )
    return topic
