"""Learning's background jobs: the embedding indexer (``ai`` queue) and its periodic sweep."""

from __future__ import annotations

from celery import shared_task

from apps.learning.embeddings.base import EmbeddingError
from apps.learning.embeddings.indexing import (
    RESOURCE,
    embeddings_index,
    embeddings_stale,
    resource_embeddings_index,
    resource_embeddings_stale,
)
from apps.learning.models import EmbeddingKind
from maigie.jobs import TransientError

SWEEP_BATCH = 500


@shared_task(name="ai.index_embeddings")
def index_embeddings(kind: str, ids: list[str]) -> int:
    """Embed these notes, topics or resources if their text changed (idempotent); answers how many were embedded."""
    try:
        if kind == RESOURCE:
            return resource_embeddings_index(ids=ids)
        return embeddings_index(kind=kind, ids=ids)
    except EmbeddingError as exc:
        if exc.transient:
            raise TransientError(str(exc)) from exc  # BaseTask retries it with backoff
        raise


@shared_task(name="ai.sweep_embeddings")
def sweep_embeddings() -> dict[str, int]:
    """Index what the after-commit jobs missed (a lost message, a new embedder); answers counts by kind."""
    done = {}
    for kind in EmbeddingKind.values:
        stale = embeddings_stale(kind=kind, limit=SWEEP_BATCH)
        done[kind] = embeddings_index(kind=kind, ids=stale) if stale else 0
    stale = resource_embeddings_stale(limit=SWEEP_BATCH)
    done[RESOURCE] = resource_embeddings_index(ids=stale) if stale else 0
    return done
