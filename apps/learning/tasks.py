"""Learning's background jobs: the embedding indexer (``ai`` queue) and its periodic sweep."""

from __future__ import annotations

import time
from typing import Any

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

# The sweep stores each batch before embedding the next, and stops starting batches after SWEEP_SECONDS
# (under the task's soft time limit): a slow model's re-index after an upgrade progresses every run.
SWEEP_BATCH = 50
SWEEP_SECONDS = 150


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
    deadline = time.monotonic() + SWEEP_SECONDS
    done = dict.fromkeys([*EmbeddingKind.values, RESOURCE], 0)
    for kind in done:
        tried: set[Any] = set()  # an object that stays stale (no words to embed) is tried once per run
        while time.monotonic() < deadline:
            stale = [pk for pk in _stale(kind) if pk not in tried]
            if not stale:
                break
            tried.update(stale)
            done[kind] += (
                resource_embeddings_index(ids=stale) if kind == RESOURCE else embeddings_index(kind=kind, ids=stale)
            )
    return done


def _index(kind: str, ids: list[Any]) -> int:
    return resource_embeddings_index(ids=ids) if kind == RESOURCE else embeddings_index(kind=kind, ids=ids)


def _stale(kind: str) -> list[Any]:
    if kind == RESOURCE:
        return list(resource_embeddings_stale(limit=SWEEP_BATCH))
    return list(embeddings_stale(kind=kind, limit=SWEEP_BATCH))
