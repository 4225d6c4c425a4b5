"""Saved resources (per learner) and the curated catalog (staff)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.billing import entitlements
from apps.learning import events
from apps.learning.embeddings.indexing import RESOURCE
from apps.learning.models import Resource, ResourceType, UserResource
from apps.learning.services.common import clean, index_after_commit
from apps.learning.text import normalize_url
from maigie.cache import CATALOG, invalidate_global_on_commit
from maigie.realtime.publish import publish
from maigie.services import fields_check, model_update

SAVED_RESOURCE_UPDATE_FIELDS = ("title", "description", "progress", "rating", "completed", "notes")
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

    ``title`` and ``description`` are the learner's own, kept on the saved entry: a resource first
    created by a save carries only its normalised URL, so nothing one learner writes reaches another.
    Answers the saved entry and whether it is new for this user (an existing entry is left unchanged).
    """
    url = url.strip()
    try:
        _url_validator(url)
    except ValidationError as exc:
        raise ValidationError({"url": exc.messages}) from exc
    normalized = normalize_url(url)
    resource = Resource.objects.filter(normalized_url=normalized).first()
    if resource is None:
        resource = Resource(url=normalized, title=normalized[:300], type=type)
        clean(resource)
        try:
            with transaction.atomic():
                resource.save()
            index_after_commit(kind=RESOURCE, ids=[resource.pk])
        except IntegrityError:  # saved by someone else meanwhile
            resource = Resource.objects.get(normalized_url=normalized)
    saved = UserResource.objects.filter(user=user, resource=resource).first()
    if saved is not None:
        return saved, False
    entitlements.check_room(user_id=user.pk, metric="resources")
    entry = UserResource(user=user, resource=resource, title=title.strip(), description=description.strip())
    clean(entry)
    saved, created = UserResource.objects.get_or_create(
        user=user, resource=resource, defaults={"title": entry.title, "description": entry.description}
    )
    if created:
        publish(user_id=user.pk, event=events.RESOURCE_SAVED, data=_saved_event(saved))
    return saved, created


@transaction.atomic
def saved_resource_update(*, saved: UserResource, data: Mapping[str, Any]) -> UserResource:
    """Change the learner's title or description of a saved resource, or record progress, rating (1-5),
    completion (with its time) or notes."""
    entitlements.check_editable(user_id=saved.user_id, metric="resources", pk=saved.pk)
    fields_check(data=data, allowed=SAVED_RESOURCE_UPDATE_FIELDS)
    if "completed" in data and data["completed"] != saved.completed:
        data = {**data, "completed_at": timezone.now() if data["completed"] else None}
    saved, changed = model_update(instance=saved, data=data, allowed=(*SAVED_RESOURCE_UPDATE_FIELDS, "completed_at"))
    if changed:
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
    """Put the resource at ``url`` in the curated catalog (created, or found by normalised URL and curated).

    A resource only learners had saved takes the catalog text given here; a curated one keeps its own.
    """
    resource = Resource.objects.filter(normalized_url=normalize_url(url)).first()
    created = resource is None
    if resource is None or not resource.curated:
        resource = resource or Resource()
        resource.url = url
        resource.title = title
        resource.description = description
        resource.type = type
        resource.difficulty = difficulty
        resource.source = source
        resource.estimated_minutes = estimated_minutes
    resource.curated = True
    clean(resource)
    resource.save()
    invalidate_global_on_commit(CATALOG)
    index_after_commit(kind=RESOURCE, ids=[resource.pk])  # unchanged text is skipped by the indexer
    return resource, created


@transaction.atomic
def catalog_resource_create(*, data: Mapping[str, Any]) -> Resource:
    """Add a resource to the catalog (curated unless ``data`` says otherwise)."""
    fields_check(data=data, allowed=CATALOG_RESOURCE_FIELDS)
    resource = Resource(**{"curated": True, **data})
    clean(resource)
    resource.save()
    invalidate_global_on_commit(CATALOG)
    index_after_commit(kind=RESOURCE, ids=[resource.pk])
    return resource


@transaction.atomic
def catalog_resource_update(*, resource: Resource, data: Mapping[str, Any]) -> Resource:
    """Change a catalog entry; every learner who saved it is told (``resource.updated``)."""
    resource, changed = model_update(instance=resource, data=data, allowed=CATALOG_RESOURCE_FIELDS)
    if changed:
        invalidate_global_on_commit(CATALOG)
        index_after_commit(kind=RESOURCE, ids=[resource.pk])
        for saved in UserResource.objects.filter(resource=resource):
            publish(user_id=saved.user_id, event=events.RESOURCE_UPDATED, data=_saved_event(saved))
    return resource


@transaction.atomic
def catalog_resource_delete(*, resource: Resource) -> None:
    """Remove a resource from the catalog and from the learners who saved it (``resource.unsaved``)."""
    resource_id = str(resource.pk)
    saved = list(UserResource.objects.filter(resource=resource).values_list("pk", "user_id"))
    resource.delete()
    invalidate_global_on_commit(CATALOG)
    for saved_id, user_id in saved:
        publish(user_id=user_id, event=events.RESOURCE_UNSAVED, data={"id": str(saved_id), "resource_id": resource_id})
