"""Writes for learning: courses, modules, topics, progress, notes and saved resources.

Every change goes through here (REST, admin, management commands and the assistant's tools),
validates, recomputes progress, publishes a realtime event and enqueues the embedding indexer
after commit.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.billing import entitlements
from apps.learning import events, tasks
from apps.learning.models import (
    MAX_TOPIC_HOURS,
    Course,
    Difficulty,
    EmbeddingKind,
    Module,
    Note,
    Resource,
    ResourceType,
    Topic,
    UserResource,
)
from apps.learning.text import normalize_url
from maigie.realtime.publish import publish

COURSE_UPDATE_FIELDS = ("title", "description", "difficulty", "target_date")
MODULE_UPDATE_FIELDS = ("title", "description")
TOPIC_UPDATE_FIELDS = ("title", "content", "estimated_hours")
NOTE_UPDATE_FIELDS = ("title", "content", "summary", "tags", "archived", "course_id", "topic_id")
TOPIC_EMBEDDED_FIELDS = ("title", "content")  # what a topic's or note's vector is made from
NOTE_EMBEDDED_FIELDS = ("title", "content", "summary")
SAVED_RESOURCE_UPDATE_FIELDS = ("progress", "rating", "completed", "notes")
CATALOG_RESOURCE_FIELDS = (
    "url",
    "title",
    "description",
    "type",
    "source",
    "difficulty",
    "estimated_minutes",
    "thumbnail_url",
    "curated",
)
MAX_TAGS = 20

OrderedT = TypeVar("OrderedT", Module, Topic)


# --- helpers ---------------------------------------------------------------------------------


def _clean(obj: Any, *, prefix: str = "") -> None:
    """Validate ``obj``'s fields (not its uniqueness), naming errors under ``prefix``."""
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        if not prefix:
            raise
        raise ValidationError({f"{prefix}.{name}": messages for name, messages in exc.message_dict.items()}) from exc


def _apply(obj: Any, data: Mapping[str, Any], allowed: Sequence[str]) -> list[str]:
    """Set the allowed keys of ``data`` on ``obj``; the names of the fields that changed."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({name: ["This field cannot be changed."] for name in sorted(unknown)})
    changed = []
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _lock_for_edit(course: Course) -> Course:
    """Re-read ``course`` with a row lock (outline writes on one course are serialised), if editable."""
    locked = Course.objects.select_for_update().get(pk=course.pk)
    course_edit_check(course=locked)
    return locked


def _renumber(items: Iterable[OrderedT], model: type[OrderedT]) -> None:
    """Give ``items`` (already in the wanted order) the orders 0..n-1."""
    changed = []
    for position, item in enumerate(items):
        if item.order != position:
            item.order = position
            changed.append(item)
    if changed:
        model.objects.bulk_update(changed, ["order"])


def _as_uuid(value: Any, *, field: str) -> uuid.UUID:
    """``value`` as a UUID, or a validation error on ``field``."""
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError({field: [f"“{value}” is not a valid id."]}) from exc


def _index_after_commit(*, kind: str, ids: Iterable[uuid.UUID]) -> None:
    """Enqueue the embedding indexer for these objects once the transaction commits.

    ``robust``: a broker outage must not fail the write; the periodic sweep indexes what was missed.
    """
    batch = [str(pk) for pk in ids]
    if batch:
        transaction.on_commit(lambda: tasks.index_embeddings.delay(kind, batch), robust=True)


def course_room_check(*, user: User) -> None:
    """Refuse (402 ``plan_limit``) one more active course when the user's plan has no room for it."""
    entitlements.check_room(user_id=user.pk, metric="active_courses")


def course_edit_check(*, course: Course) -> None:
    """Refuse changes to a course past the plan's cap of active courses (read-only after a downgrade)."""
    entitlements.check_editable(user_id=course.user_id, metric="active_courses", pk=course.pk)


def _course_event(course: Course) -> dict[str, Any]:
    return {"id": str(course.pk), "title": course.title, "progress": course.progress, "archived": course.archived}


# --- progress --------------------------------------------------------------------------------


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


# --- courses ---------------------------------------------------------------------------------


def _topics_create(*, module: Module, topics: Sequence[Mapping[str, Any]], prefix: str) -> list[Topic]:
    built = []
    for position, spec in enumerate(topics):
        topic = Topic(
            module=module,
            order=position,
            title=str(spec.get("title", "")).strip(),
            content=spec.get("content") or "",
            estimated_hours=spec.get("estimated_hours"),
        )
        _clean(topic, prefix=f"{prefix}.topics[{position}]" if prefix else f"topics[{position}]")
        built.append(topic)
    return Topic.objects.bulk_create(built)


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
    _clean(course)
    course.save()
    topics: list[Topic] = []
    for position, spec in enumerate(modules):
        prefix = f"modules[{position}]"
        module = Module(
            course=course,
            order=position,
            title=str(spec.get("title", "")).strip(),
            description=spec.get("description") or "",
        )
        _clean(module, prefix=prefix)
        module.save()
        topics += _topics_create(module=module, topics=spec.get("topics") or (), prefix=prefix)
    _index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk for topic in topics])
    course_progress_recompute(course=course)
    publish(user_id=user.pk, event=events.COURSE_CREATED, data=_course_event(course))
    return course


@transaction.atomic
def course_update(*, course: Course, data: Mapping[str, Any]) -> Course:
    """Change a course's title, description, difficulty or target date."""
    course_edit_check(course=course)
    data = {**data, "title": str(data["title"]).strip()} if "title" in data else data
    changed = _apply(course, data, COURSE_UPDATE_FIELDS)
    if changed:
        _clean(course)
        course.save(update_fields=[*changed, "updated_at"])
        publish(user_id=course.user_id, event=events.COURSE_UPDATED, data=_course_event(course))
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
        publish(user_id=course.user_id, event=events.COURSE_UPDATED, data=_course_event(course))
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
    course = _lock_for_edit(course)
    current_modules = {module.pk: module for module in Module.objects.filter(course=course)}
    current_topics = {topic.pk: topic for topic in Topic.objects.filter(module__course=course)}
    module_ids = [_as_uuid(entry.get("id"), field="modules") for entry in modules]
    topics_by_module = [[_as_uuid(t, field="topics") for t in entry.get("topics", ())] for entry in modules]
    topic_ids = [topic_id for topics in topics_by_module for topic_id in topics]
    if len(module_ids) != len(set(module_ids)) or set(module_ids) != set(current_modules):
        raise ValidationError({"modules": ["Must list every module of the course exactly once."]})
    if len(topic_ids) != len(set(topic_ids)) or set(topic_ids) != set(current_topics):
        raise ValidationError({"topics": ["Must list every topic of the course exactly once."]})
    _renumber([current_modules[module_id] for module_id in module_ids], Module)
    moved = []
    for module_id, topics in zip(module_ids, topics_by_module, strict=True):
        for position, topic_id in enumerate(topics):
            topic = current_topics[topic_id]
            if topic.module_id != module_id or topic.order != position:
                topic.module_id, topic.order = module_id, position
                moved.append(topic)
    Topic.objects.bulk_update(moved, ["module", "order"])
    course_progress_recompute(course=course)
    publish(user_id=course.user_id, event=events.COURSE_REORDERED, data=_course_event(course))
    return course


# --- modules and topics ----------------------------------------------------------------------


def _insert_position(requested: int | None, siblings: int) -> int:
    if requested is None or requested > siblings:
        return siblings
    if requested < 0:
        raise ValidationError({"order": ["Must be zero or more."]})
    return requested


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
    course = _lock_for_edit(course)
    siblings = Module.objects.filter(course=course)
    position = _insert_position(order, siblings.count())
    module = Module(course=course, title=title.strip(), description=description, order=position)
    _clean(module)
    following = list(siblings.filter(order__gte=position).order_by("order"))
    for offset, sibling in enumerate(following, start=position + 1):
        sibling.order = offset
    Module.objects.bulk_update(following, ["order"])
    module.save()
    created = _topics_create(module=module, topics=topics, prefix="")
    _index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk for topic in created])
    course_progress_recompute(course=course)
    module.refresh_from_db(fields=["completed"])
    publish(
        user_id=course.user_id,
        event=events.MODULE_CREATED,
        data={"id": str(module.pk), "course_id": str(course.pk), "course_progress": course.progress},
    )
    return module


@transaction.atomic
def module_update(*, module: Module, data: Mapping[str, Any]) -> Module:
    """Change a module's title or description."""
    course_edit_check(course=module.course)
    data = {**data, "title": str(data["title"]).strip()} if "title" in data else data
    changed = _apply(module, data, MODULE_UPDATE_FIELDS)
    if changed:
        _clean(module)
        module.save(update_fields=[*changed, "updated_at"])
        publish(
            user_id=module.course.user_id,
            event=events.MODULE_UPDATED,
            data={"id": str(module.pk), "course_id": str(module.course_id), "title": module.title},
        )
    return module


@transaction.atomic
def module_delete(*, module: Module) -> Course:
    """Delete a module and its topics, close the gap in the order and recompute progress."""
    course = _lock_for_edit(module.course)
    module_id = module.pk
    module.delete()
    _renumber(Module.objects.filter(course=course).order_by("order"), Module)
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
    course = _lock_for_edit(module.course)
    siblings = Topic.objects.filter(module=module)
    position = _insert_position(order, siblings.count())
    topic = Topic(module=module, title=title.strip(), content=content, estimated_hours=estimated_hours, order=position)
    _clean(topic)
    following = list(siblings.filter(order__gte=position).order_by("order"))
    for offset, sibling in enumerate(following, start=position + 1):
        sibling.order = offset
    Topic.objects.bulk_update(following, ["order"])
    topic.save()
    _index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk])
    course_progress_recompute(course=course)
    publish(
        user_id=course.user_id,
        event=events.TOPIC_CREATED,
        data={
            "id": str(topic.pk),
            "module_id": str(module.pk),
            "course_id": str(course.pk),
            "course_progress": course.progress,
        },
    )
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, data: Mapping[str, Any]) -> Topic:
    """Change a topic's title, content or estimate (an estimate change recomputes progress)."""
    course = _lock_for_edit(topic.module.course)
    data = {**data, "title": str(data["title"]).strip()} if "title" in data else data
    changed = _apply(topic, data, TOPIC_UPDATE_FIELDS)
    if changed:
        _clean(topic)
        topic.save(update_fields=[*changed, "updated_at"])
        if "estimated_hours" in changed:
            course_progress_recompute(course=course)
        if set(changed) & set(TOPIC_EMBEDDED_FIELDS):
            _index_after_commit(kind=EmbeddingKind.TOPIC, ids=[topic.pk])
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
    course = _lock_for_edit(module.course)
    topic_id = topic.pk
    topic.delete()
    _renumber(Topic.objects.filter(module=module).order_by("order"), Topic)
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
    course = _lock_for_edit(topic.module.course)
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
    return topic


# --- notes -----------------------------------------------------------------------------------


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        value = str(tag).strip().lower()
        if value and value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": [f"At most {MAX_TAGS} tags."]})
    return cleaned


def _note_links(
    *, user: User, course_id: uuid.UUID | None, topic_id: uuid.UUID | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """Check the course and topic a note links to are the user's; a topic implies its course."""
    if topic_id is not None:
        topic_course = (
            Topic.objects.filter(pk=topic_id, module__course__user=user)
            .values_list("module__course_id", flat=True)
            .first()
        )
        if topic_course is None:
            raise ValidationError({"topic_id": ["Unknown topic."]})
        if course_id is not None and course_id != topic_course:
            raise ValidationError({"topic_id": ["The topic is not in this course."]})
        return topic_course, topic_id
    if course_id is not None and not Course.objects.filter(pk=course_id, user=user).exists():
        raise ValidationError({"course_id": ["Unknown course."]})
    return course_id, None


def _note_event(note: Note) -> dict[str, Any]:
    return {
        "id": str(note.pk),
        "title": note.title,
        "course_id": str(note.course_id) if note.course_id else None,
        "topic_id": str(note.topic_id) if note.topic_id else None,
        "archived": note.archived,
    }


@transaction.atomic
def note_create(
    *,
    user: User,
    title: str,
    content: str = "",
    summary: str = "",
    course_id: uuid.UUID | None = None,
    topic_id: uuid.UUID | None = None,
    tags: Iterable[str] = (),
) -> Note:
    """Create a markdown note, optionally linked to one of the user's courses or topics."""
    entitlements.check_room(user_id=user.pk, metric="notes")
    course_id, topic_id = _note_links(user=user, course_id=course_id, topic_id=topic_id)
    note = Note(
        user=user,
        title=title.strip(),
        content=content,
        summary=summary,
        course_id=course_id,
        topic_id=topic_id,
        tags=_clean_tags(tags),
    )
    _clean(note)
    note.save()
    _index_after_commit(kind=EmbeddingKind.NOTE, ids=[note.pk])
    publish(user_id=user.pk, event=events.NOTE_CREATED, data=_note_event(note))
    return note


@transaction.atomic
def note_update(*, note: Note, data: Mapping[str, Any]) -> Note:
    """Change a note's text, tags, links or archived flag."""
    entitlements.check_editable(user_id=note.user_id, metric="notes", pk=note.pk)
    data = dict(data)
    if "title" in data:
        data["title"] = str(data["title"]).strip()
    if "tags" in data:
        data["tags"] = _clean_tags(data["tags"])
    if "course_id" in data or "topic_id" in data:
        course_id = data.get("course_id", note.course_id)
        topic_id = data.get("topic_id", note.topic_id)
        if "topic_id" not in data and course_id != note.course_id:
            topic_id = None  # moving a note to another course (or none) unlinks its topic
        data["course_id"], data["topic_id"] = _note_links(user=note.user, course_id=course_id, topic_id=topic_id)
    changed = _apply(note, data, NOTE_UPDATE_FIELDS)
    if changed:
        _clean(note)
        note.save()
        if set(changed) & set(NOTE_EMBEDDED_FIELDS):
            _index_after_commit(kind=EmbeddingKind.NOTE, ids=[note.pk])
        publish(user_id=note.user_id, event=events.NOTE_UPDATED, data=_note_event(note))
    return note


@transaction.atomic
def note_delete(*, note: Note) -> None:
    """Delete a note."""
    user_id, note_id = note.user_id, note.pk
    note.delete()
    publish(user_id=user_id, event=events.NOTE_DELETED, data={"id": str(note_id)})


# --- resources -------------------------------------------------------------------------------

_url_validator = URLValidator(schemes=["http", "https"])


def _saved_event(saved: UserResource) -> dict[str, Any]:
    return {
        "id": str(saved.pk),
        "resource_id": str(saved.resource_id),
        "completed": saved.completed,
        "progress": saved.progress,
        "rating": saved.rating,
    }


@transaction.atomic
def resource_save(
    *,
    user: User,
    url: str,
    title: str = "",
    description: str = "",
    type: str = ResourceType.OTHER,
) -> tuple[UserResource, bool]:
    """Save the resource at ``url`` for ``user``; an equivalent URL reuses the same resource.

    Answers the saved entry and whether it is new for this user.
    """
    url = url.strip()
    try:
        _url_validator(url)
    except ValidationError as exc:
        raise ValidationError({"url": exc.messages}) from exc
    normalized = normalize_url(url)
    resource = Resource.objects.filter(normalized_url=normalized).first()
    if resource is None:
        resource = Resource(url=url, title=title.strip() or normalized, description=description, type=type)
        _clean(resource)
        try:
            with transaction.atomic():
                resource.save()
        except IntegrityError:  # saved by someone else meanwhile
            resource = Resource.objects.get(normalized_url=normalized)
    saved = UserResource.objects.filter(user=user, resource=resource).first()
    if saved is not None:
        return saved, False
    entitlements.check_room(user_id=user.pk, metric="resources")
    saved, created = UserResource.objects.get_or_create(user=user, resource=resource)
    if created:
        publish(user_id=user.pk, event=events.RESOURCE_SAVED, data=_saved_event(saved))
    return saved, created


@transaction.atomic
def saved_resource_update(*, saved: UserResource, data: Mapping[str, Any]) -> UserResource:
    """Record progress, rating (1-5), completion (with its time) or notes on a saved resource."""
    entitlements.check_editable(user_id=saved.user_id, metric="resources", pk=saved.pk)
    changed = _apply(saved, data, SAVED_RESOURCE_UPDATE_FIELDS)
    if "completed" in changed:
        saved.completed_at = timezone.now() if saved.completed else None
        changed.append("completed_at")
    if changed:
        _clean(saved)
        saved.save(update_fields=changed)
        publish(user_id=saved.user_id, event=events.RESOURCE_UPDATED, data=_saved_event(saved))
    return saved


@transaction.atomic
def saved_resource_delete(*, saved: UserResource) -> None:
    """Unsave a resource (the catalog entry stays)."""
    user_id, saved_id, resource_id = saved.user_id, saved.pk, saved.resource_id
    saved.delete()
    publish(user_id=user_id, event=events.RESOURCE_UNSAVED, data={"id": str(saved_id), "resource_id": str(resource_id)})


@transaction.atomic
def catalog_resource_ensure(
    *,
    url: str,
    title: str,
    description: str = "",
    type: str = ResourceType.OTHER,
    difficulty: str = "",
    source: str = "",
    estimated_minutes: int | None = None,
) -> tuple[Resource, bool]:
    """Put the resource at ``url`` in the curated catalog (created, or found by normalised URL and curated)."""
    resource = Resource.objects.filter(normalized_url=normalize_url(url)).first()
    created = resource is None
    if resource is None:
        resource = Resource(
            url=url,
            title=title,
            description=description,
            type=type,
            difficulty=difficulty,
            source=source,
            estimated_minutes=estimated_minutes,
        )
    resource.curated = True
    _clean(resource)
    resource.save()
    return resource, created


@transaction.atomic
def catalog_resource_create(*, data: Mapping[str, Any]) -> Resource:
    """Add a resource to the catalog (curated unless ``data`` says otherwise)."""
    resource = Resource(curated=True)
    _apply(resource, data, CATALOG_RESOURCE_FIELDS)
    _clean(resource)
    resource.save()
    return resource


@transaction.atomic
def catalog_resource_update(*, resource: Resource, data: Mapping[str, Any]) -> Resource:
    """Change a catalog entry; every learner who saved it is told (``resource.updated``)."""
    changed = _apply(resource, data, CATALOG_RESOURCE_FIELDS)
    if changed:
        _clean(resource)
        resource.save()
        for saved in UserResource.objects.filter(resource=resource):
            publish(user_id=saved.user_id, event=events.RESOURCE_UPDATED, data=_saved_event(saved))
    return resource


@transaction.atomic
def catalog_resource_delete(*, resource: Resource) -> None:
    """Remove a resource from the catalog and from the learners who saved it (``resource.unsaved``)."""
    resource_id = str(resource.pk)
    saved = list(UserResource.objects.filter(resource=resource).values_list("pk", "user_id"))
    resource.delete()
    for saved_id, user_id in saved:
        publish(user_id=user_id, event=events.RESOURCE_UNSAVED, data={"id": str(saved_id), "resource_id": resource_id})


# --- demo data -------------------------------------------------------------------------------

DEMO_COURSE_TITLE = "Linear Algebra Foundations"
DEMO_COURSE_OUTLINE: list[dict[str, Any]] = [
    {
        "title": "Vectors",
        "topics": [
            {"title": "Vectors and vector spaces", "estimated_hours": 1.5},
            {"title": "Linear combinations and span", "estimated_hours": 1.0},
            {"title": "Linear independence and bases", "estimated_hours": 2.0},
        ],
    },
    {
        "title": "Matrices",
        "topics": [
            {"title": "Matrix multiplication", "estimated_hours": 1.5},
            {"title": "Determinants", "estimated_hours": 1.0},
            {"title": "Inverse matrices", "estimated_hours": 1.5},
        ],
    },
    {
        "title": "Eigenvalues",
        "topics": [
            {"title": "Eigenvalues and eigenvectors", "estimated_hours": 2.0},
            {"title": "Diagonalisation", "estimated_hours": 2.0},
        ],
    },
]


DEMO_RESOURCES: list[dict[str, Any]] = [
    {
        "url": "https://www.youtube.com/playlist?list=PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab",
        "title": "Essence of linear algebra",
        "description": "Visual introduction to vectors, matrices, determinants and eigenvalues.",
        "type": ResourceType.VIDEO,
        "difficulty": Difficulty.BEGINNER,
        "source": "3Blue1Brown",
    },
    {
        "url": "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/",
        "title": "MIT 18.06 Linear Algebra",
        "description": "Gilbert Strang's course: matrix multiplication, inverse matrices, eigenvalues.",
        "type": ResourceType.COURSE,
        "difficulty": Difficulty.INTERMEDIATE,
        "source": "MIT OpenCourseWare",
    },
    {
        "url": "https://www.khanacademy.org/math/linear-algebra",
        "title": "Linear algebra on Khan Academy",
        "description": "Vectors and spaces, matrix transformations, alternate bases.",
        "type": ResourceType.COURSE,
        "difficulty": Difficulty.BEGINNER,
        "source": "Khan Academy",
    },
]


@transaction.atomic
def demo_course_ensure(*, user: User) -> tuple[Course, bool]:
    """The demo learner's sample course and a small catalog, created once (idempotent).

    Answers the course and whether it is new.
    """
    for spec in DEMO_RESOURCES:
        catalog_resource_ensure(**spec)
    existing = Course.objects.filter(user=user, title=DEMO_COURSE_TITLE).first()
    if existing is not None:
        return existing, False
    course = course_create(
        user=user,
        title=DEMO_COURSE_TITLE,
        description="Vectors, matrices and eigenvalues: a four-week introduction.",
        difficulty=Difficulty.BEGINNER,
        modules=DEMO_COURSE_OUTLINE,
    )
    return course, True
