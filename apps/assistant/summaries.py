"""Extractive summaries: the sentences that carry a text's most frequent words, in their order."""

from __future__ import annotations

import re
from collections import Counter

from maigie.text import STOPWORDS

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n{2,}")
_WORD = re.compile(r"[a-zA-Z][a-zA-Z'-]+")


def extractive_summary(text: str, *, sentences: int = 3) -> str:
    """Pick the ``sentences`` best-scoring sentences of ``text`` (markdown markers stripped)."""
    plain = re.sub(r"[#*_>`]+", " ", text)
    candidates = [part.strip() for part in _SENTENCE.split(plain) if len(part.strip()) > 1]
    if len(candidates) <= sentences:
        return " ".join(candidates)
    frequency = Counter(word.lower() for word in _WORD.findall(plain) if word.lower() not in STOPWORDS)

    def score(sentence: str) -> float:
        words = [word.lower() for word in _WORD.findall(sentence) if word.lower() not in STOPWORDS]
        return sum(frequency[word] for word in words) / (len(words) ** 0.5) if words else 0.0

    best = sorted(range(len(candidates)), key=lambda index: score(candidates[index]), reverse=True)[:sentences]
    return " ".join(candidates[index] for index in sorted(best))
