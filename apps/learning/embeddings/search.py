"""Semantic matches for a query: embed it with the configured provider, then ask the selector."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.learning import selectors
from apps.learning.embeddings.base import provider_key
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.models import Embedding


def nearest(
    *, user: User, query: str, kind: str | None = None, min_score: float = 0.1, limit: int = selectors.SEMANTIC_MATCHES
) -> QuerySet[Embedding]:
    """The user's notes and topics nearest in meaning to ``query``, best first.

    Raises ``EmbeddingError`` when the provider cannot embed the query. A query without words
    matches nothing.
    """
    provider = embedding_provider()
    [vector] = provider.embed([query])
    if not any(vector):
        return selectors.semantic_search_none()
    return selectors.semantic_search(
        user=user, vector=vector, provider=provider_key(provider), kind=kind, min_score=min_score, limit=limit
    )
