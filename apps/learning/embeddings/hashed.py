"""The hashed embedder, a test double: no model, deterministic; lexical, not semantic.

A text becomes a bag of features (word stems, and the character trigrams of each word) hashed
into ``DIMENSIONS`` signed buckets ("feature hashing") and scaled to unit length. Cosine similarity
then measures shared vocabulary: "plants make energy from light" matches "light energy in plants"
and, through trigrams, "photosynthetic" partly matches "photosynthesis", but "car" never matches
"automobile". It is the baseline of the relevance set and a fast double in tests
(``EMBEDDING_PROVIDER=hashed``); search uses a real model (``local_model``, ``openai_compatible``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Sequence

from apps.learning.embeddings.base import DIMENSIONS

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = """a an and are as at be been but by can do does did for from had has have how i if in into is it its
me my no not of on or our so that the their them then there these they this to too was we were what when where
which who why will with you your"""
STOP_WORDS = frozenset(_STOP.split())
# Longest first; a suffix is stripped only when at least three letters remain.
_SUFFIXES = ("ational", "ization", "ations", "ation", "ness", "ment", "ing", "ies", "ied", "ed", "es", "ly", "s")
STEM_WEIGHT = 1.0
TRIGRAM_WEIGHT = 0.7


def stem(word: str) -> str:
    """A light suffix-stripping stem: "plants" → "plant", "making"/"make" → "mak", "studies"/"study" → "stud"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word[-1] in "ey" and len(word) >= 4:
        word = word[:-1]
    return word


def features(text: str) -> Iterable[tuple[str, float]]:
    """The weighted features of ``text``: its non-stop-word stems and their trigrams."""
    for word in _WORD.findall(text.lower()):
        if word in STOP_WORDS:
            continue
        root = stem(word)
        yield f"w:{root}", STEM_WEIGHT
        padded = f"<{root}>"
        grams = [padded[i : i + 3] for i in range(len(padded) - 2)]
        for gram in grams:
            yield f"t:{gram}", TRIGRAM_WEIGHT / math.sqrt(len(grams))


def _bucket(feature: str) -> tuple[int, float]:
    digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % DIMENSIONS, 1.0 if value >> 63 else -1.0


def hashed_vector(text: str) -> list[float]:
    """The unit-length hashed feature vector of ``text`` (all zeros when it has no words)."""
    vector = [0.0] * DIMENSIONS
    for feature, weight in features(text):
        index, sign = _bucket(feature)
        vector[index] += sign * weight
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm else vector


class HashedEmbeddings:
    """Hashed bag of stems and trigrams (see the module docstring for what it can and cannot match)."""

    name = "hashed"
    model = f"hashed-stems-trigrams-{DIMENSIONS}"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit vector per text (a zero vector for a text without words)."""
        return [hashed_vector(text) for text in texts]
