"""WordLlama ``l2_supercat`` (MIT), weights and tokenizer shipped in its wheel: the fast static embedder.

A static-embedding model (token vectors distilled from an LLM's embedding table, averaged and
normalised), so it matches words by meaning ("car" ~ "automobile") with no network, no key and no GPU: about
0.5 s to load, tens of thousands of short texts a second on one core. Its 256 numbers are padded
with zeros to ``DIMENSIONS``, which leaves every cosine similarity unchanged.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import wordllama

from apps.learning.embeddings.base import DIMENSIONS

MODEL_DIM = 256
_WORD = re.compile(r"[^\W_]", re.UNICODE)


@functools.cache
def wordllama_model() -> Any:
    """The model, loaded once per process from the package's own folder (never downloaded)."""
    # The loader looks for the bundled tokenizer under the cache folder: point it at the package.
    return wordllama.WordLlama.load(
        config="l2_supercat", dim=MODEL_DIM, cache_dir=Path(wordllama.__file__).parent, disable_download=True
    )


class WordLlamaEmbeddings:
    """WordLlama vectors of unit length, zero-padded to ``DIMENSIONS`` (zero for a text without words)."""

    name = "local"
    model = f"wordllama-l2_supercat-{MODEL_DIM}"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order."""
        zero = [0.0] * DIMENSIONS
        vectors = [zero] * len(texts)
        filled = [i for i, text in enumerate(texts) if _WORD.search(text)]
        if filled:
            matrix = wordllama_model().embed([texts[i] for i in filled], norm=True)
            for i, row in zip(filled, matrix, strict=True):
                if all(math.isfinite(x) for x in row):  # no known token: the model's mean is 0/0
                    vectors[i] = [float(x) for x in row] + zero[MODEL_DIM:]
        return vectors
