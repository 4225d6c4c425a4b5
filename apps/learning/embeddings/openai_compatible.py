"""Embeddings from any OpenAI-compatible API (OpenAI, Azure OpenAI, Ollama, vLLM) via ``openai``."""

from __future__ import annotations

import math
from collections.abc import Sequence

import openai

from apps.learning.embeddings.base import DIMENSIONS, EmbeddingError
from maigie.openai_client import OpenAISettings, openai_client

BATCH_SIZE = 64  # texts per request (the API accepts up to 2048)


class OpenAIEmbeddings:
    """``client.embeddings.create`` with ``dimensions=DIMENSIONS``; retries 429/5xx with backoff."""

    name = "openai"

    def __init__(self, config: OpenAISettings) -> None:
        self.model = config.model
        self.client = openai_client(config)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit vector per text, in order (the API may answer a batch's items in any order)."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH_SIZE):
            batch = [text or " " for text in texts[start : start + BATCH_SIZE]]  # the API refuses ""
            try:
                response = self.client.embeddings.create(
                    model=self.model, input=batch, dimensions=DIMENSIONS, encoding_format="float"
                )
            except openai.OpenAIError as exc:
                raise EmbeddingError(f"{exc.__class__.__name__}: {exc}", transient=_transient(exc)) from exc
            items = sorted(response.data, key=lambda item: item.index)
            if len(items) != len(batch) or any(len(item.embedding) != DIMENSIONS for item in items):
                raise EmbeddingError(f"expected {len(batch)} vectors of {DIMENSIONS} numbers from {self.model}")
            vectors.extend(_unit(list(item.embedding)) for item in items)
        return vectors


def _transient(exc: openai.OpenAIError) -> bool:
    """Connection failures, timeouts, rate limits and 5xx pass; bad keys, models or inputs do not."""
    if isinstance(exc, openai.APIConnectionError | openai.RateLimitError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _unit(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm else vector
