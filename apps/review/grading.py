"""Offline grading of short answers: a normalised match, else meaning similarity with the local WordLlama model.

Thresholds (docs/review.md, "Short answers"): a cosine similarity of the two answers' WordLlama vectors
at least :data:`SIMILAR` counts as right. It was chosen on a calibration set of 12 pairs (right
paraphrases scored 0.50-0.81, wrong answers 0.05-0.26), not on the test set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from apps.learning.embeddings.local_model import LocalModelEmbeddings
from apps.review.text import normalise

SIMILAR = 0.45

Method = Literal["blank", "normalised_match", "similar_meaning", "not_similar"]


@dataclass(frozen=True)
class Grade:
    """Whether a short answer is right, how that was decided, the similarity when measured, and why."""

    correct: bool
    method: Method
    similarity: float | None
    reasoning: str


def similarity(given: str, expected: str) -> float:
    """The cosine similarity of the two texts' WordLlama vectors (unit length; 0 for a text without words)."""
    first, second = LocalModelEmbeddings().embed([given, expected])
    return round(sum(a * b for a, b in zip(first, second, strict=True)), 3)


def grade_short_answer(given: str, expected: str) -> Grade:
    """Right when equal to the expected answer once normalised (case, punctuation, articles and spacing
    ignored), else when similar enough in meaning (:data:`SIMILAR`); the reasoning says which, with the score."""
    given_n, expected_n = normalise(given), normalise(expected)
    if not given_n:
        return Grade(False, "blank", None, "No answer given.")
    if given_n == expected_n:
        return Grade(
            True, "normalised_match", None, "Matches the expected answer (case, punctuation and articles ignored)."
        )
    score = similarity(given, expected)
    if score >= SIMILAR:
        reasoning = (
            f"Similar in meaning to the expected answer: similarity {score:.2f} (at least {SIMILAR:.2f} counts)."
        )
        return Grade(True, "similar_meaning", score, reasoning)
    reasoning = f"Not similar enough to the expected answer: similarity {score:.2f} (below {SIMILAR:.2f})."
    return Grade(False, "not_similar", score, reasoning)
