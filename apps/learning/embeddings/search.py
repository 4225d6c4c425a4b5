"""Semantic matches for a query: embed it with the configured provider, then ask the selector."""

from __future__ import annotations

from apps.accounts.models import User
from apps.learning import selectors
from apps.learning.embeddings.base import provider_key
from apps.learning.embeddings.selection import embedding_provider


def nearest(
    *,
    user: User,
    query: str,
    kind: str | None = None,
    min_score: float = 0.1,
    limit: int = selectors.SEMANTIC_MATCHES,
    text_chars: int = 1200,
) -> list[selectors.Nearest]:
    """The user's notes and topics nearest in meaning to ``query``, best first (``selectors.nearest_objects``).

    Raises ``EmbeddingError`` when the provider cannot embed the query. A query without words
    matches nothing.
    """
    provider = embedding_provider()
    [vector] = provider.embed([query])
    if not any(vector):
        return []
    return selectors.nearest_objects(
        user=user,
        vector=vector,
        provider=provider_key(provider),
        kind=kind,
        min_score=min_score,
        limit=limit,
        text_chars=text_chars,
    )
