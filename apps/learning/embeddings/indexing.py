"""Writes of the embedding indexer: embed notes, topics and catalog resources whose text (or embedder) changed.

The indexer is the only writer of ``Embedding`` rows; learning services enqueue it after commit.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from apps.learning.embeddings.base import EmbeddingProvider, provider_key
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.models import Embedding, EmbeddingKind, Note, Resource, ResourceEmbedding, Topic

MAX_TEXT_CHARS = 8000  # about 2,000 tokens: the start of a long note says what it is about


def note_text(note: Note) -> str:
    """What a note's vector represents: its title, summary and text."""
    return "\n\n".join(part for part in (note.title, note.summary, note.content) if part)[:MAX_TEXT_CHARS]


def topic_text(topic: Topic) -> str:
    """What a topic's vector represents: its title and text."""
    return "\n\n".join(part for part in (topic.title, topic.content) if part)[:MAX_TEXT_CHARS]


def content_hash(text: str) -> str:
    """SHA-256 of the embedded text."""
    return hashlib.sha256(text.encode()).hexdigest()


def _sources(kind: str, ids: Sequence[Any]) -> QuerySet[Any]:
    if kind == EmbeddingKind.NOTE:
        return Note.objects.filter(pk__in=ids)
    if kind == EmbeddingKind.TOPIC:
        return Topic.objects.filter(pk__in=ids).select_related("module__course")
    raise ValueError(f"unknown embedding kind {kind!r}")


def _text(kind: str, source: Any) -> str:
    return note_text(source) if kind == EmbeddingKind.NOTE else topic_text(source)


def _owner_id(kind: str, source: Any) -> Any:
    return source.user_id if kind == EmbeddingKind.NOTE else source.module.course.user_id


def embeddings_index(
    *, kind: str, ids: Sequence[uuid.UUID | str], provider: EmbeddingProvider | None = None, force: bool = False
) -> int:
    """Embed the ``kind`` objects ``ids`` whose text or embedder changed (all with ``force``); answers how many.

    Missing objects are skipped. The texts are embedded outside any transaction (a network call);
    a vector is stored only if its object still has the text it was made from, so a slower run
    never overwrites a newer one's vector.
    """
    provider = provider or embedding_provider()
    key = provider_key(provider)
    stored = {
        source_id: (digest, used)
        for source_id, digest, used in Embedding.objects.filter(**{f"{kind}_id__in": ids}).values_list(
            f"{kind}_id", "content_hash", "provider"
        )
    }
    todo: dict[Any, tuple[str, str]] = {}  # pk -> (text, hash)
    unchanged = []
    for source in _sources(kind, ids):
        text = _text(kind, source)
        digest = content_hash(text)
        if not force and stored.get(source.pk) == (digest, key):
            unchanged.append(source.pk)
        else:
            todo[source.pk] = (text, digest)
    now = timezone.now()
    if unchanged:  # checked now: the periodic sweep need not look at them again
        Embedding.objects.filter(**{f"{kind}_id__in": unchanged}).update(indexed_at=now)
    if not todo:
        return 0
    order = list(todo)
    vectors = dict(zip(order, provider.embed([todo[pk][0] for pk in order]), strict=True))
    digests = {pk: digest for pk, (_, digest) in todo.items()}
    return _store(kind=kind, key=key, digests=digests, vectors=vectors, now=now)


@transaction.atomic
def _store(*, kind: str, key: str, digests: dict[Any, str], vectors: dict[Any, list[float]], now: Any) -> int:
    """Write the vectors of the objects that still exist with the embedded text (rows locked meanwhile)."""
    rows, empty = [], []
    for source in _sources(kind, list(vectors)).select_for_update(of=("self",)):
        if content_hash(_text(kind, source)) != digests[source.pk]:
            continue  # edited meanwhile: the run enqueued by that edit embeds the new text
        vector = vectors[source.pk]
        if not any(vector):
            empty.append(source.pk)  # no words: nothing a query could match
            continue
        rows.append(
            Embedding(
                user_id=_owner_id(kind, source),
                kind=kind,
                provider=key,
                content_hash=digests[source.pk],
                vector=vector,
                indexed_at=now,
                **{kind: source},
            )
        )
    Embedding.objects.filter(**{f"{kind}_id__in": empty}).delete()
    Embedding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=[kind],
        update_fields=["user", "provider", "content_hash", "vector", "indexed_at"],
    )
    return len(rows)


def embeddings_stale(*, kind: str, provider: EmbeddingProvider | None = None, limit: int = 500) -> list[uuid.UUID]:
    """Ids of ``kind`` objects with no vector, one from another embedder, or changed since indexed."""
    key = provider_key(provider or embedding_provider())
    model = Note if kind == EmbeddingKind.NOTE else Topic
    stale = model.objects.filter(
        Q(embedding__isnull=True) | ~Q(embedding__provider=key) | Q(embedding__indexed_at__lt=F("updated_at"))
    )
    return list(stale.order_by("updated_at").values_list("pk", flat=True)[:limit])


RESOURCE = "resource"  # the indexer's kind for catalog resources (``ResourceEmbedding``)


def resource_text(resource: Resource) -> str:
    """What a resource's vector represents: its title and description."""
    return "\n\n".join(part for part in (resource.title, resource.description) if part)[:MAX_TEXT_CHARS]


def resource_embeddings_index(
    *, ids: Sequence[uuid.UUID | str], provider: EmbeddingProvider | None = None, force: bool = False
) -> int:
    """Embed the catalog resources ``ids`` whose text or embedder changed (all with ``force``); answers how many."""
    provider = provider or embedding_provider()
    key = provider_key(provider)
    stored = {
        pk: (digest, used)
        for pk, digest, used in ResourceEmbedding.objects.filter(resource_id__in=ids).values_list(
            "resource_id", "content_hash", "provider"
        )
    }
    todo = {}
    for resource in Resource.objects.filter(pk__in=ids):
        text = resource_text(resource)
        if force or stored.get(resource.pk) != (content_hash(text), key):
            todo[resource.pk] = text
    if not todo:
        return 0
    vectors = dict(zip(todo, provider.embed(list(todo.values())), strict=True))
    return _store_resources(key=key, texts=todo, vectors=vectors)


@transaction.atomic
def _store_resources(*, key: str, texts: dict[Any, str], vectors: dict[Any, list[float]]) -> int:
    """Write the vectors of the resources that still exist with the embedded text."""
    rows, empty = [], []
    for resource in Resource.objects.filter(pk__in=list(vectors)).select_for_update():
        if resource_text(resource) != texts[resource.pk]:
            continue  # edited meanwhile: that edit's run embeds the new text
        if not any(vectors[resource.pk]):
            empty.append(resource.pk)
            continue
        digest = content_hash(texts[resource.pk])
        rows.append(
            ResourceEmbedding(resource=resource, provider=key, content_hash=digest, vector=vectors[resource.pk])
        )
    ResourceEmbedding.objects.filter(resource_id__in=empty).delete()
    ResourceEmbedding.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["resource"], update_fields=["provider", "content_hash", "vector"]
    )
    return len(rows)


def resource_embeddings_stale(*, provider: EmbeddingProvider | None = None, limit: int = 500) -> list[uuid.UUID]:
    """Ids of catalog resources with no vector or one from another embedder."""
    key = provider_key(provider or embedding_provider())
    stale = Resource.objects.filter(Q(embedding__isnull=True) | ~Q(embedding__provider=key))
    return list(stale.order_by("pk").values_list("pk", flat=True)[:limit])
