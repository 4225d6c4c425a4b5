"""Reads of study materials: the learner's own only (another learner's id is a 404)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.materials.models import Material, MaterialChunk, MaterialStatus
from maigie.ownership import get_owned_or_404, owned_by


def material_list(
    *, user: User, status: str | None = None, course: uuid.UUID | None = None, topic: uuid.UUID | None = None
) -> QuerySet[Material]:
    """The user's materials, newest first."""
    queryset = owned_by(Material.objects.all(), user=user)
    if status is not None:
        queryset = queryset.filter(status=status)
    if course is not None:
        queryset = queryset.filter(course_id=course)
    if topic is not None:
        queryset = queryset.filter(topic_id=topic)
    return queryset.order_by("-created_at", "-pk")


def material_get(*, user: User, pk: Any) -> Material:
    """One of the user's materials (404 otherwise)."""
    return get_owned_or_404(Material.objects.all(), user=user, pk=pk)


def material_chunks(*, material: Material) -> QuerySet[MaterialChunk]:
    """A material's passages in reading order."""
    return MaterialChunk.objects.filter(material=material).defer("vector", "search_vector").order_by("index")


def materials_to_reindex(*, provider: str, force: bool = False) -> QuerySet[Material]:
    """Ready materials with a passage whose vector another embedder made (or none); all with ``force``."""
    ready = Material.objects.filter(status=MaterialStatus.READY)
    if not force:
        ready = ready.filter(pk__in=MaterialChunk.objects.exclude(provider=provider).values("material_id"))
    return ready.order_by("created_at")
