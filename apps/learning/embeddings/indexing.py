"""Writes of the embedding indexer: embed notes and topics whose text (or embedder) changed.

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
from apps.learning.models import Embedding, EmbeddingKind, Note, Topic

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
