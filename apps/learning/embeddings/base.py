"""The embedding interface: texts in, unit-length vectors of ``DIMENSIONS`` numbers out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# The size of the stored vectors (the ``vector(384)`` column): changing it needs a migration and a reindex.
DIMENSIONS = 384


class EmbeddingError(Exception):
    """The provider could not embed the texts (after its own retries); ``transient``: worth retrying later."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class EmbeddingProvider(Protocol):
    """Embeds texts; vectors of different ``key``s are not comparable."""

    name: str
    model: str

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order."""
        ...


def provider_key(provider: EmbeddingProvider) -> str:
    """``name:model``: stored with each vector, so only comparable vectors are searched together."""
    return f"{provider.name}:{provider.model}"
