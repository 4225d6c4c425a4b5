"""What the learning writes share: validation, locking, ordering, indexing, plan checks."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.billing import entitlements
from apps.learning import tasks
from apps.learning.models import Course, Module, Topic
from maigie.services import fields_validate

OrderedT = TypeVar("OrderedT", Module, Topic)


def clean(obj: Any, *, prefix: str = "") -> None:
    """Validate ``obj``'s fields (:func:`maigie.services.fields_validate`), naming errors under ``prefix``."""
    try:
        fields_validate(obj)
    except ValidationError as exc:
        if not prefix:
            raise
        raise ValidationError({f"{prefix}.{name}": messages for name, messages in exc.message_dict.items()}) from exc


def lock_for_edit(course: Course) -> Course:
    """Re-read ``course`` with a row lock (outline writes on one course are serialised), if editable."""
    locked = Course.objects.select_for_update().get(pk=course.pk)
    course_edit_check(course=locked)
    return locked


def renumber(items: Iterable[OrderedT], model: type[OrderedT]) -> None:
    """Give ``items`` (already in the wanted order) the orders 0..n-1."""
    changed = []
    for position, item in enumerate(items):
        if item.order != position:
            item.order = position
            changed.append(item)
    if changed:
        model.objects.bulk_update(changed, ["order"])


def as_uuid(value: Any, *, field: str) -> uuid.UUID:
    """``value`` as a UUID, or a validation error on ``field``."""
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError({field: [f"“{value}” is not a valid id."]}) from exc


def index_after_commit(*, kind: str, ids: Iterable[uuid.UUID]) -> None:
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


def course_event(course: Course) -> dict[str, Any]:
    return {"id": str(course.pk), "title": course.title, "progress": course.progress, "archived": course.archived}
