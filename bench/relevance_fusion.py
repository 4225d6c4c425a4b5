"""Fusion candidates on the relevance set: each tuned on ``tune`` only, then run once on a measuring split.

    python -m bench.relevance_fusion --split tune      # every candidate's grid (choices are made here)
    python -m bench.relevance_fusion --split holdout   # each candidate once, at its ``CHOSEN`` settings

Inputs per question are the API's two candidate lists (``bench.relevance``: full-text ``ts_rank``
over the any-word query, offline-model cosine similarity above ``MIN_SIMILARITY``, 50 each) and,
for the full-text candidates, which of the query's stemmed words each note holds (PostgreSQL's
``to_tsvector`` of the query and of the note, English configuration). Candidates:

- ``vector``: cosine similarity alone (the reference);
- ``minmax``: the API before session 7: similarity + w x min-max scaled ``ts_rank``;
- ``rrf``: weighted reciprocal rank fusion, k and the vector weight from the grid;
- ``coverage``: similarity + w x (share of the query's words the note holds) ^ p;
- ``rare-coverage``: as ``coverage``, each word weighted by its rarity (idf over the learner's notes);
- ``gated``: ``minmax`` only when full-text's best note holds at least a share c of the query's
  words, else vector alone;
- ``coverage-gated``: ``coverage`` only for notes holding at least a share c of the query's words;
- ``served``: session 7's API, ``coverage_fusion`` ungated (``gap=math.inf``; ``coverage-gated`` as served:
  a word match under the floor stays ranked at 0, ties go to the better ``ts_rank``).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import Any

from bench.relevance import CANDIDATES, TOP, full_text_rankings, lexemes, load, scores, served, vector_rankings

Scores = dict[str, float]
# Settings chosen from the ``--split tune`` grid (best tuning MRR@10; recall as tie-break), per candidate.
CHOSEN: dict[str, dict[str, float]] = {
    "vector": {},
    "minmax": {"w": 0.1},
    "rrf": {"k": 5, "v": 3.0},
    "coverage": {"w": 0.15, "p": 1.0},
    "rare-coverage": {"w": 0.15, "p": 1.0},
    "gated": {"c": 0.3, "w": 0.1},
    "coverage-gated": {"c": 0.3, "w": 0.2, "p": 1.0},
    "served": {},  # the API's ``coverage_fusion`` (coverage-gated's settings; words-only matches kept at 0)
}


class Question:
    """One question's candidate lists and word overlaps."""

    def __init__(self, full: list[tuple[str, float]], vector: list[tuple[str, float]], words: set[str]) -> None:
        self.full = dict(full)
        self.full_order = [item for item, _ in full]
        self.vector = dict(vector)
        self.vector_order = [item for item, _ in vector]
        self.words = words


def rank(scored: Scores) -> list[str]:
    return sorted(scored, key=lambda item: (-scored[item], item))[:TOP]


def minmax(q: Question, w: float) -> Scores:
    from apps.learning.embeddings.hybrid import score_fusion

    return score_fusion(q.full, q.vector, weight=w)


def rrf(q: Question, k: float, v: float) -> Scores:
    out: Scores = {}
    for position, item in enumerate(q.full_order, start=1):
        out[item] = out.get(item, 0.0) + 1.0 / (k + position)
    for position, item in enumerate(q.vector_order, start=1):
        out[item] = out.get(item, 0.0) + v / (k + position)
    return out


def make_coverage(doc_words: dict[str, set[str]], idf: dict[str, float] | None) -> Callable[..., Scores]:
    def share(q: Question, item: str) -> float:
        if not q.words:
            return 0.0
        held = q.words & doc_words[item]
        if idf is None:
            return len(held) / len(q.words)
        return sum(idf.get(word, 0.0) for word in held) / (sum(idf.get(word, 0.0) for word in q.words) or 1.0)

    def coverage(q: Question, w: float, p: float, c: float = 0.0) -> Scores:
        out = dict(q.vector)
        for item in q.full:
            part = share(q, item)
            if part >= c:
                out[item] = out.get(item, 0.0) + w * part**p
        return out

    return coverage


def make_gated(doc_words: dict[str, set[str]]) -> Callable[..., Scores]:
    def gated(q: Question, c: float, w: float) -> Scores:
        if q.full_order and q.words:
            best = q.full_order[0]
            if len(q.words & doc_words[best]) / len(q.words) >= c:
                return minmax(q, w)
        return dict(q.vector)

    return gated


def grids() -> dict[str, list[dict[str, float]]]:
    weights = (0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3)
    shares = (0.3, 0.4, 0.5, 0.6, 0.75, 1.0)
    return {
        "vector": [{}],
        "minmax": [{"w": w} for w in weights],
        "rrf": [{"k": k, "v": v} for k in (1, 5, 10, 20, 30, 60) for v in (1.0, 1.5, 2.0, 3.0, 5.0)],
        "coverage": [{"w": w, "p": p} for w in weights for p in (0.5, 1.0, 2.0)],
        "rare-coverage": [{"w": w, "p": p} for w in weights for p in (0.5, 1.0, 2.0)],
        "gated": [{"c": c, "w": w} for c in shares for w in weights],
        "coverage-gated": [{"c": c, "w": w, "p": 1.0} for c in shares for w in weights],
        "served": [{}],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "measure", "fresh", "holdout"], default="tune")
    args = parser.parse_args()

    from bench.common import setup_django_without_migrations, stop_embedded_services

    setup_django_without_migrations()
    try:
        from apps.learning.embeddings.hybrid import MIN_SIMILARITY
        from apps.learning.embeddings.local_model import WordLlamaEmbeddings

        documents = load("documents.jsonl")
        chosen = [q for q in load("queries.jsonl") if q["split"] == args.split]
        questions, answers = [q["q"] for q in chosen], [q["doc"] for q in chosen]
        full = full_text_rankings(documents, questions)
        vector = vector_rankings(WordLlamaEmbeddings(), documents, questions, MIN_SIMILARITY)
        doc_words = dict(
            zip(
                [doc["id"] for doc in documents],
                lexemes([f"{doc['title']}\n{doc['text']}" for doc in documents]),
                strict=True,
            )
        )
        frequency: dict[str, int] = {}
        for words in doc_words.values():
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        idf = {word: math.log(1 + len(documents) / count) for word, count in frequency.items()}
        asked = [Question(f, v, w) for f, v, w in zip(full, vector, lexemes(questions), strict=True)]

        def share(q: Question, item: str) -> float:
            return len(q.words & doc_words[item]) / len(q.words) if q.words else 0.0

        methods: dict[str, Callable[..., Scores]] = {
            "vector": lambda q: dict(q.vector),
            "minmax": minmax,
            "rrf": rrf,
            "coverage": make_coverage(doc_words, None),
            "rare-coverage": make_coverage(doc_words, idf),
            "gated": make_gated(doc_words),
            "coverage-gated": make_coverage(doc_words, None),
            "served": lambda q: served(q.full, q.vector, {item: share(q, item) for item in q.full}, gap=math.inf),
        }
        paraphrase = [i for i, q in enumerate(chosen) if q["paraphrase"]]
        print(f"{args.split}: {len(chosen)} questions ({len(paraphrase)} paraphrases), {CANDIDATES} candidates a side")
        print(f"{'candidate':<44} {'MRR@10':>7} {'R@10':>6} {'para R@10':>9}")

        def report(label: str, settings: dict[str, Any]) -> None:
            rankings = [rank(methods[label](q, **settings)) for q in asked]
            mrr, recall = scores(rankings, answers)
            _, para = scores([rankings[i] for i in paraphrase], [answers[i] for i in paraphrase])
            shown = ", ".join(f"{key}={value:g}" for key, value in settings.items())
            print(f"{label + (f' ({shown})' if shown else ''):<44} {mrr:>7.3f} {recall:>6.3f} {para:>9.3f}")

        if args.split == "tune":  # the grid: the only place settings are chosen
            for label, grid in grids().items():
                for settings in grid:
                    report(label, settings)
        else:
            for label, settings in CHOSEN.items():
                report(label, settings)
    finally:
        stop_embedded_services()


if __name__ == "__main__":
    main()
