"""Hybrid ranking: any-word full-text query terms, and fusing the ranking by words with the ranking by meaning."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

# Reciprocal rank fusion's damping constant, tuned on the relevance set's tuning split (docs/search.md).
RRF_K = 60
VECTOR_WEIGHT = 1.5  # the vector ranking's weight against full-text's 1.0 (same tuning)
# Full-text's part in min-max score fusion (`score_fusion`: word-only rankings and the relevance benches;
# with a query vector the API fuses by query coverage, `coverage_fusion`).
TEXT_WEIGHT = 0.1
# ts_rank's weights for labels D, C, B, A: a word in a title counts as much as one in the text (same tuning).
TEXT_RANK_WEIGHTS = [1.0, 1.0, 1.0, 1.0]
# Coverage fusion (the served ranking since session 7): a match holding at least COVERAGE_FLOOR of the
# query's distinct stemmed words adds COVERAGE_WEIGHT x that share, when it is within COVERAGE_GAP of the
# query's best similarity (any distance since session 27). Chosen by 5-fold CV over the tuning splits
# (tune, tune2 and the lecture notes of session 27, docs/search.md): on long lecture notes, where the model
# sees only a note's first 256 word pieces, a note holding most of the query's words is the answer far
# more often than a closer match by meaning.
COVERAGE_WEIGHT = 0.5
COVERAGE_FLOOR = 0.7
COVERAGE_GAP = math.inf
# Cosine similarity under which an offline-model match is noise (tuned on the same split).
MIN_SIMILARITY = 0.2
_TERM = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 32
Item = TypeVar("Item", bound=Hashable)


def any_word_query(text: str) -> str:
    """A raw ``to_tsquery`` string matching any of ``text``'s words (``a | b | c``); "" without words.

    A learner's question rarely holds all of a note's words, so the full-text side of hybrid search
    ranks by how many (and how rare) of them match instead of requiring every one.
    """
    return " | ".join(_TERM.findall(text.lower())[:MAX_TERMS])


def score_fusion(
    by_words: Mapping[Item, float], by_meaning: Mapping[Item, float], *, weight: float = TEXT_WEIGHT
) -> dict[Item, float]:
    """Each item's fused score: its cosine similarity plus ``weight`` x its full-text rank, min-max scaled.

    Full-text ranks are scaled over the query's candidates (the best 1.0, the weakest 0.0; a lone
    match 1.0), so the best word match adds ``weight`` and weak ones little; an item found by one
    side only gets that side's part, and a query with no word match ranks by meaning alone
    (nothing dilutes it). Similarities are kept as they are: they are comparable across queries,
    and a poor vector match stays poor.
    """
    scores = dict(by_meaning)
    if by_words:
        best, worst = max(by_words.values()), min(by_words.values())
        spread = best - worst
        for item, rank in by_words.items():
            scaled = (rank - worst) / spread if spread > 0 else 1.0
            scores[item] = scores.get(item, 0.0) + weight * scaled
    return scores


def coverage_fusion(
    shares: Mapping[Item, float],
    by_meaning: Mapping[Item, float],
    *,
    weight: float = COVERAGE_WEIGHT,
    floor: float = COVERAGE_FLOOR,
    gap: float = COVERAGE_GAP,
) -> dict[Item, float]:
    """Each item's fused score: its cosine similarity, plus ``weight`` x the share of the query's words it holds
    when that share reaches ``floor`` (and, with a finite ``gap``, the item is that close to the best by meaning).

    ``shares`` are the word matches' shares (0..1) of the query's distinct stemmed words. As served
    (``gap=math.inf``), a match holding most of the query's words comes before closer matches by
    meaning that hold few, and a match by words alone scores ``weight`` x its share; a match holding
    less than ``floor`` is ranked by meaning alone (a word match nothing else scores stays at 0). A
    finite ``gap`` (session 8's gated form, in the relevance benches) counts the words only for items
    found by meaning within ``gap`` of the best similarity: words then break near-ties only.
    """
    best = max(by_meaning.values(), default=0.0)
    scores = dict(by_meaning)
    for item, share in shares.items():
        near = math.isinf(gap) or (item in by_meaning and best - by_meaning[item] <= gap)
        counted = near and share >= floor
        scores[item] = scores.get(item, 0.0) + (weight * share if counted else 0.0)
    return scores


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Item]], *, k: int = RRF_K, weights: Sequence[float] | None = None
) -> dict[Item, float]:
    """Each item's fused score: the sum over the rankings holding it of weight / (k + rank), rank from 1."""
    scores: dict[Item, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores
