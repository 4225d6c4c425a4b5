"""Which embedder indexes and searches: the OpenAI-compatible one when configured, else the offline model (MiniLM)."""

from __future__ import annotations

from django.conf import settings

from apps.learning.embeddings.base import EmbeddingProvider
from apps.learning.embeddings.hashed import HashedEmbeddings
from apps.learning.embeddings.local_model import WordLlamaEmbeddings
from apps.learning.embeddings.minilm import MiniLMEmbeddings
from apps.learning.embeddings.openai_compatible import OpenAIEmbeddings
from maigie.openai_client import OpenAISettings


def embedding_provider() -> EmbeddingProvider:
    """The configured provider (``EMBEDDING_PROVIDER``, ``OPENAI_API_KEY``, ``OPENAI_EMBEDDING_MODEL``)."""
    if settings.EMBEDDING_PROVIDER == "hashed":
        return HashedEmbeddings()
    if settings.EMBEDDING_PROVIDER == "wordllama":
        return WordLlamaEmbeddings()
    if settings.EMBEDDING_PROVIDER == "offline" or not settings.OPENAI_API_KEY:
        return MiniLMEmbeddings()
    return OpenAIEmbeddings(
        OpenAISettings(
            api_key=settings.OPENAI_API_KEY,
            base_url=settings.OPENAI_BASE_URL or None,
            model=settings.OPENAI_EMBEDDING_MODEL,
            timeout=settings.OPENAI_TIMEOUT,
            max_retries=settings.OPENAI_MAX_RETRIES,
        )
    )
