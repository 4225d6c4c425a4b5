"""Reads of study materials: the learner's own only (another learner's id is a 404)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

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


SharedMaterialLookup = Callable[[User], QuerySet[Any]]
_shared_lookups: list[SharedMaterialLookup] = []


def register_shared_materials(lookup: SharedMaterialLookup) -> None:
    """Let search and the assistant read the materials ``lookup(user)`` names (ids of others' materials shared
    with ``user``, e.g. in a study space): materials does not know who shares what."""
    _shared_lookups.append(lookup)


def readable_chunks(*, user: User) -> QuerySet[MaterialChunk]:
    """Passages of the user's own materials and of the materials shared with them (search, the assistant)."""
    visible = Q(user=user)
    for lookup in _shared_lookups:
        visible |= Q(material_id__in=lookup(user))
    return MaterialChunk.objects.filter(visible)


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
