"""Snapshots of a course, module, topic or note taken before deleting it, and their restoration (an undo).

A snapshot is JSON: the object's fields and its whole subtree (modules, topics with completion),
and, per nullable link that deletion empties (notes, goals, schedule blocks, sessions, materials,
cards...), the ids that pointed at it. Restoring re-creates everything with the same ids at the
same place in the outline and re-links what is still unlinked. What deletion cascades outside the
outline (space shares, members' progress) is not restored.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.billing import entitlements
from apps.learning import events
from apps.learning.links import learning_links
from apps.learning.models import Course, EmbeddingKind, Module, Note, Topic
from apps.learning.services.common import (
    course_event,
    course_room_check,
    index_after_commit,
    lock_for_edit,
)
from apps.learning.services.notes import note_event
from apps.learning.services.outline import make_room, module_created, topic_created
from apps.learning.services.progress import course_progress_recompute
from maigie.encoding import jsonable
from maigie.errors import Conflict
from maigie.realtime.publish import publish

COURSE_FIELDS = ("title", "description", "difficulty", "target_date", "is_ai_generated", "archived")
MODULE_FIELDS = ("title", "description", "order")
TOPIC_FIELDS = ("title", "content", "estimated_hours", "order", "completed")
NOTE_FIELDS = ("title", "content", "summary", "tags", "archived", "course_id", "topic_id")


def _links(instance: models.Model) -> dict[str, list[str]]:
    """Per nullable link that deleting ``instance`` empties (``label.field``), the ids pointing at it."""
    found: dict[str, list[str]] = {}
    for relation in instance._meta.related_objects:
        if relation.on_delete is not models.SET_NULL:
            continue
        linked = relation.related_model._default_manager.filter(**{relation.field.name: instance})
        if ids := [str(pk) for pk in linked.values_list("pk", flat=True)]:
            found[f"{relation.related_model._meta.label_lower}.{relation.field.name}"] = ids
    return found


def _relink(instance: models.Model, links: Mapping[str, list[str]]) -> None:
    """Point the objects of ``links`` that are still unlinked back at ``instance``."""
    relations = {
        f"{relation.related_model._meta.label_lower}.{relation.field.name}": relation
        for relation in instance._meta.related_objects
    }
    for key, ids in links.items():
        if relation := relations.get(key):
            name = relation.field.name
            relation.related_model._default_manager.filter(pk__in=ids, **{f"{name}__isnull": True}).update(
                **{name: instance}
            )


def topic_snapshot(topic: Topic) -> dict[str, Any]:
    """``topic`` as JSON, with its completion and the links its deletion empties."""
    snapshot: dict[str, Any] = jsonable(
        {
            "id": topic.pk,
            "module_id": topic.module_id,
            "completed_at": topic.completed_at,
            "links": _links(topic),
            **{name: getattr(topic, name) for name in TOPIC_FIELDS},
        }
    )
    return snapshot


def module_snapshot(module: Module) -> dict[str, Any]:
    """``module`` as JSON with its topics."""
    snapshot: dict[str, Any] = jsonable(
        {
            "id": module.pk,
            "course_id": module.course_id,
            "links": _links(module),
            "topics": [topic_snapshot(topic) for topic in module.topics.order_by("order")],
            **{name: getattr(module, name) for name in MODULE_FIELDS},
        }
    )
    return snapshot


def course_snapshot(course: Course) -> dict[str, Any]:
    """``course`` as JSON with its whole outline."""
    snapshot: dict[str, Any] = jsonable(
        {
            "id": course.pk,
            "links": _links(course),
            "modules": [module_snapshot(module) for module in course.modules.order_by("order")],
            **{name: getattr(course, name) for name in COURSE_FIELDS},
        }
    )
    return snapshot


def _refuse_existing(model: type[models.Model], pk: Any, kind: str) -> None:
    if model._default_manager.filter(pk=pk).exists():
        raise Conflict(f"This {kind} exists again.", code="undo_conflict")


def _make_room(siblings: models.QuerySet[Any], position: int) -> int:
    """Shift the siblings from ``position`` on by one; the position to insert at (at most the end)."""
    position = min(position, siblings.count())
    make_room(siblings, position)
    return position


def _topic_build(module: Module, snapshot: Mapping[str, Any], *, order: int) -> Topic:
    completed_at = snapshot["completed_at"]
    return Topic(
        id=uuid.UUID(snapshot["id"]),
        module=module,
        title=snapshot["title"],
        content=snapshot["content"],
        estimated_hours=snapshot["estimated_hours"],
        order=order,
        completed=snapshot["completed"],
        completed_at=datetime.datetime.fromisoformat(completed_at) if completed_at else None,
    )


def _topics_restore(module: Module, topics: list[Mapping[str, Any]]) -> list[Topic]:
    created = Topic.objects.bulk_create(
        _topic_build(module, snapshot, order=position) for position, snapshot in enumerate(topics)
    )
    for topic, snapshot in zip(created, topics, strict=True):
        _relink(topic, snapshot["links"])
    return created


def _module_build(course: Course, snapshot: Mapping[str, Any], *, order: int) -> tuple[Module, list[Topic]]:
    module = Module.objects.create(
        id=uuid.UUID(snapshot["id"]),
        course=course,
        title=snapshot["title"],
        description=snapshot["description"],
        order=order,
    )
    _relink(module, snapshot["links"])
    return module, _topics_restore(module, snapshot["topics"])


@transaction.atomic
def topic_restore(*, user: User, snapshot: Mapping[str, Any]) -> Topic:
    """Re-create a deleted topic from its :func:`topic_snapshot` at its place; 409 when its module is gone."""
    _refuse_existing(Topic, snapshot["id"], "topic")
    module = Module.objects.select_related("course").filter(pk=snapshot["module_id"], course__user=user).first()
    if module is None:
        raise Conflict("The module this topic was in no longer exists.", code="undo_conflict")
    course = lock_for_edit(module.course)
    topic = _topic_build(module, snapshot, order=_make_room(Topic.objects.filter(module=module), snapshot["order"]))
    topic.save(force_insert=True)
    _relink(topic, snapshot["links"])
    topic_created(course=course, topic=topic)
    return topic


@transaction.atomic
def module_restore(*, user: User, snapshot: Mapping[str, Any]) -> Module:
    """Re-create a deleted module with its topics from its :func:`module_snapshot`; 409 when its course is gone."""
    _refuse_existing(Module, snapshot["id"], "module")
    course = Course.objects.filter(pk=snapshot["course_id"], user=user).first()
    if course is None:
        raise Conflict("The course this module was in no longer exists.", code="undo_conflict")
    course = lock_for_edit(course)
    position = _make_room(Module.objects.filter(course=course), snapshot["order"])
    module, topics = _module_build(course, snapshot, order=position)
    module_created(course=course, module=module, topic_ids=[topic.pk for topic in topics])
    return module


@transaction.atomic
def course_restore(*, user: User, snapshot: Mapping[str, Any]) -> Course:
    """Re-create a deleted course of ``user`` with its outline from its :func:`course_snapshot`.

    An active course needs room in the plan (402 otherwise).
    """
    _refuse_existing(Course, snapshot["id"], "course")
    if not snapshot["archived"]:
        course_room_check(user=user)
    fields = {name: snapshot[name] for name in COURSE_FIELDS}
    if fields["target_date"]:
        fields["target_date"] = datetime.date.fromisoformat(fields["target_date"])
    course = Course.objects.create(
        id=uuid.UUID(snapshot["id"]), user=user, archived_at=timezone.now() if fields["archived"] else None, **fields
    )
    topics: list[Topic] = []
    for position, module in enumerate(snapshot["modules"]):
        topics += _module_build(course, module, order=position)[1]
    _relink(course, snapshot["links"])
    index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk for topic in topics])
    course_progress_recompute(course=course)
    publish(user_id=user.pk, event=events.COURSE_CREATED, data=course_event(course))
    return course


def note_snapshot(note: Note) -> dict[str, Any]:
    """``note`` as JSON, with the cards and quizzes made from it."""
    snapshot: dict[str, Any] = jsonable(
        {"id": note.pk, "links": _links(note), **{name: getattr(note, name) for name in NOTE_FIELDS}}
    )
    return snapshot


def _linkable(user: User, course_id: Any, topic_id: Any) -> tuple[Course | None, Topic | None]:
    """The course and topic a restored note may link to still: both, the course alone, or neither."""
    for course, topic in ((course_id, topic_id), (course_id, None)):
        try:
            return learning_links(user=user, course_id=course, topic_id=topic, shared=True)
        except ValidationError:
            continue
    return None, None


@transaction.atomic
def note_restore(*, user: User, snapshot: Mapping[str, Any]) -> Note:
    """Re-create a deleted note of ``user`` from its :func:`note_snapshot`: same id and text, its course and topic
    while the learner may still link them, its cards and quizzes re-linked. 402 when the plan has no room."""
    _refuse_existing(Note, snapshot["id"], "note")
    entitlements.check_room(user_id=user.pk, metric="notes")
    course, topic = _linkable(user, snapshot["course_id"], snapshot["topic_id"])
    note = Note.objects.create(
        id=uuid.UUID(snapshot["id"]),
        user=user,
        course=course,
        topic=topic,
        **{name: snapshot[name] for name in NOTE_FIELDS if name not in ("course_id", "topic_id")},
    )
    _relink(note, snapshot["links"])
    index_after_commit(kind=EmbeddingKind.NOTE, ids=[note.pk])
    publish(user_id=user.pk, event=events.NOTE_CREATED, data=note_event(note))
    return note
