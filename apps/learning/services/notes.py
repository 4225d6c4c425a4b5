"""Markdown notes, optionally linked to one of the user's courses or topics."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.billing import entitlements
from apps.learning import events
from apps.learning.links import learning_links
from apps.learning.models import EmbeddingKind, Note
from apps.learning.services.common import clean, index_after_commit
from maigie.realtime.publish import publish
from maigie.services import model_update

NOTE_UPDATE_FIELDS = ("title", "content", "summary", "tags", "archived", "course_id", "topic_id")
NOTE_EMBEDDED_FIELDS = ("title", "content", "summary")  # what a note's vector is made from
MAX_TAGS = 20


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        value = str(tag).strip().lower()
        if value and value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": [f"At most {MAX_TAGS} tags."]})
    return cleaned


def _note_links(*, user: User, course_id: Any, topic_id: Any) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """The ids of the course and topic a note links to: the user's own, or shared with them in a space."""
    course, topic = learning_links(user=user, course_id=course_id, topic_id=topic_id, shared=True)
    return (course.pk if course else None), (topic.pk if topic else None)


def note_event(note: Note) -> dict[str, Any]:
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
    clean(note)
    note.save()
    index_after_commit(kind=EmbeddingKind.NOTE, ids=[note.pk])
    publish(user_id=user.pk, event=events.NOTE_CREATED, data=note_event(note))
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
    note, changed = model_update(instance=note, data=data, allowed=NOTE_UPDATE_FIELDS)
    if changed:
        if set(changed) & set(NOTE_EMBEDDED_FIELDS):
            index_after_commit(kind=EmbeddingKind.NOTE, ids=[note.pk])
        publish(user_id=note.user_id, event=events.NOTE_UPDATED, data=note_event(note))
    return note


@transaction.atomic
def note_delete(*, note: Note) -> None:
    """Delete a note."""
    user_id, note_id = note.user_id, note.pk
    note.delete()
    publish(user_id=user_id, event=events.NOTE_DELETED, data={"id": str(note_id)})
