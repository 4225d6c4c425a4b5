"""Session 8's re-ranking candidates on the relevance set: defined and tuned on ``tune`` only, then run once.

    python -m bench.relevance_rerank --split tune      # grids, cross-validation, fitted weights (choices here)
    python -m bench.relevance_rerank --split holdout   # each candidate once at its ``CHOSEN`` settings
    python -m bench.relevance_rerank --split all       # the 192 questions together (tune included)

Every candidate re-ranks the API's two candidate lists (``bench.relevance``: 50 full-text matches of
the any-word query, 50 offline-model matches above ``MIN_SIMILARITY``). Per candidate note:
``cos`` (0 when not found by meaning), ``gap`` (the question's best ``cos`` minus this one's),
``near`` = exp(-gap / 0.1) (1 at the top, 0.37 at 0.1 below it), ``share`` of the question's distinct
stemmed words the note holds, ``title`` share of them in its title, ``rank`` / ``cd`` the min-max
scaled ``ts_rank`` / ``ts_rank_cd`` (cover density: words close together) over the question's
word matches. Candidates:

- ``vector``: ``cos`` alone (the reference); ``served-s7``: the API's ``coverage_fusion`` of session 7
  (ungated); ``served`` (added after the first runs, to check the API against ``gap-gated``): the
  API's ``coverage_fusion`` now, ``gap-gated`` at its chosen settings as served (a word match not
  found by meaning stays in the results at 0, ties go to the better ``ts_rank``);
- ``gap-gated``: ``cos``, plus ``w`` x ``share`` (from ``floor``) only for notes within ``delta`` of
  the best ``cos``: words only break near-ties among the vector's candidates;
- ``title-coverage``: ``cos`` + ``w`` x ``share`` (from 0.3) + ``t`` x ``title``;
- ``linear-small``: a linear score over ``cos``, ``share``, ``share x near``;
- ``linear``: a linear score over ``cos``, ``found by meaning``, ``share``, ``share x near``,
  ``title``, ``title x near``, ``rank``, ``cd``.

The linear candidates are fitted on ``tune`` alone by pairwise logistic regression (the answer
against every other candidate of its question, features standardised on ``tune``, L2 penalty
``lam``); ``lam`` is chosen by 5-fold cross-validation over ``tune``'s questions (CV MRR@10).
"""

from __future__ import annotations

import argparse
import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from bench.relevance import CANDIDATES, TOP, full_text_rankings, lexemes, load, scores, served, vector_rankings

SPLITS = ("tune", "measure", "fresh", "holdout")
NEAR_SCALE = 0.1  # ``near`` = exp(-gap / NEAR_SCALE), fixed before any run
LINEAR_FEATURES = {
    "linear-small": ("cos", "share", "share_near"),
    "linear": ("cos", "has_vec", "share", "share_near", "title", "title_near", "rank", "cd"),
}
# Settings chosen from the ``--split tune`` output (2026-12-02, before any other split was run): grid
# candidates at their best tuning MRR@10 (the first of equals in grid order), the linear ones at the
# ``lam`` best by 5-fold CV over tune. Served: ``gap-gated``, best on tune (0.740 in the grid; 0.730
# for its whole tuning procedure cross-validated over tune, the best of the new candidates).
CHOSEN: dict[str, dict[str, float]] = {
    "vector": {},
    "served-s7": {},
    "gap-gated": {"delta": 0.1, "w": 0.2, "floor": 0.3},  # tune 0.740
    "title-coverage": {"w": 0.2, "t": 0.0},  # tune 0.736 for every t in 0..0.2: titles add nothing here
    "linear-small": {"lam": 0.01},  # CV 0.715 (equal for lam 0.01..10), tune 0.717
    "linear": {"lam": 1.0},  # CV 0.721, tune 0.730
    "served": {},  # the API since session 8: gap-gated as served
}

Features = dict[str, dict[str, float]]  # per candidate note: feature name -> value


class Question:
    def __init__(self, answer: str, full: list[tuple[str, float, float]], vector: list[tuple[str, float]]):
        self.answer = answer
        self.full = {item: rank for item, rank, _ in full}
        self.cd = {item: cd for item, _, cd in full}
        self.vector = dict(vector)
        self.features: Features = {}


def word_matches(documents: list[dict[str, Any]], queries: list[str]) -> list[list[tuple[str, float, float]]]:
    """``(id, ts_rank, ts_rank_cd)`` of each query's full-text candidates, in the API's order (``ts_rank``)."""
    from django.db import connection

    from apps.learning.embeddings.hybrid import TEXT_RANK_WEIGHTS, any_word_query
    from apps.learning.models import SEARCH_CONFIG

    ranks = full_text_rankings(documents, queries)
    weights = "{" + ",".join(f"{w:g}" for w in TEXT_RANK_WEIGHTS) + "}"
    bodies = {doc["id"]: doc for doc in documents}
    sql = (
        "SELECT ts_rank_cd(%s::real[], setweight(to_tsvector(%s, %s), 'A') || setweight(to_tsvector(%s, %s), 'C'),"
        " to_tsquery(%s, %s))"
    )
    found = []
    with connection.cursor() as cursor:
        for query, ranking in zip(queries, ranks, strict=True):
            terms = any_word_query(query)
            rows = []
            for item, rank in ranking:
                doc = bodies[item]
                cursor.execute(
                    sql, [weights, SEARCH_CONFIG, doc["title"], SEARCH_CONFIG, doc["text"], SEARCH_CONFIG, terms]
                )
                rows.append((item, rank, float(cursor.fetchone()[0])))
            found.append(rows)
    return found


def scaled(values: dict[str, float]) -> dict[str, float]:
    if not values:
        return {}
    best, worst = max(values.values()), min(values.values())
    return {k: (v - worst) / (best - worst) if best > worst else 1.0 for k, v in values.items()}


def featurise(q: Question, words: set[str], doc_words: dict[str, set[str]], title_words: dict[str, set[str]]) -> None:
    top = max(q.vector.values(), default=0.0)
    rank, cd = scaled(q.full), scaled(q.cd)
    for item in {*q.full, *q.vector}:
        cos = q.vector.get(item, 0.0)
        near = math.exp(-(top - cos) / NEAR_SCALE)
        share = len(words & doc_words[item]) / len(words) if words and item in q.full else 0.0
        title = len(words & title_words[item]) / len(words) if words and item in q.full else 0.0
        q.features[item] = {
            "cos": cos,
            "has_vec": 1.0 if item in q.vector else 0.0,
            "gap": top - cos,
            "share": share,
            "share_near": share * near,
            "title": title,
            "title_near": title * near,
            "rank": rank.get(item, 0.0),
            "cd": cd.get(item, 0.0),
        }


def ranked(scored: dict[str, float], q: Question) -> list[str]:
    return sorted(scored, key=lambda item: (-scored[item], -q.full.get(item, 0.0), item))[:TOP]


def gap_gated(q: Question, delta: float, w: float, floor: float) -> dict[str, float]:
    out = dict(q.vector)
    for item, f in q.features.items():
        if item in q.vector and f["gap"] <= delta and f["share"] >= floor:
            out[item] += w * f["share"]
    return out


def title_coverage(q: Question, w: float, t: float) -> dict[str, float]:
    return {
        item: f["cos"] + (w * f["share"] if f["share"] >= 0.3 else 0.0) + t * f["title"]
        for item, f in q.features.items()
    }


class Linear:
    """A linear score fitted by pairwise logistic regression (answer against each other candidate)."""

    def __init__(self, names: Sequence[str], lam: float) -> None:
        self.names, self.lam = tuple(names), lam
        self.mean = np.zeros(len(names))
        self.std = np.ones(len(names))
        self.weights = np.zeros(len(names))

    def matrix(self, q: Question, items: list[str]) -> np.ndarray:
        return np.array([[q.features[item][name] for name in self.names] for item in items])

    def fit(self, questions: list[Question]) -> Linear:
        pool = np.vstack([self.matrix(q, list(q.features)) for q in questions])
        self.mean, self.std = pool.mean(axis=0), pool.std(axis=0) + 1e-9
        diffs = []
        for q in questions:
            if q.answer in q.features:
                others = [item for item in q.features if item != q.answer]
                if others:
                    x = (self.matrix(q, [q.answer]) - self.matrix(q, others)) / self.std
                    diffs.append(x)
        x = np.vstack(diffs)
        w = np.zeros(x.shape[1])
        for _ in range(50):  # Newton's method on the L2-penalised logistic loss of "answer above other"
            p = 1.0 / (1.0 + np.exp(-(x @ w)))
            gradient = x.T @ (p - 1.0) + self.lam * w
            hessian = (x * (p * (1 - p))[:, None]).T @ x + self.lam * np.eye(x.shape[1])
            step = np.linalg.solve(hessian, gradient)
            w -= step
            if np.abs(step).max() < 1e-9:
                break
        self.weights = w / self.std  # on the raw features (the mean only shifts every score alike)
        return self

    def __call__(self, q: Question) -> dict[str, float]:
        items = list(q.features)
        if not items:
            return {}
        return dict(zip(items, (self.matrix(q, items) @ self.weights).tolist(), strict=True))


def mrr_recall(questions: list[Question], method: Callable[[Question], dict[str, float]]) -> tuple[float, float]:
    return scores([ranked(method(q), q) for q in questions], [q.answer for q in questions])


def cross_validated(questions: list[Question], names: Sequence[str], lam: float, folds: int = 5) -> float:
    rankings, answers = [], []
    for fold in range(folds):
        held = [q for i, q in enumerate(questions) if i % folds == fold]
        model = Linear(names, lam).fit([q for i, q in enumerate(questions) if i % folds != fold])
        rankings += [ranked(model(q), q) for q in held]
        answers += [q.answer for q in held]
    return scores(rankings, answers)[0]


Method = Callable[[Question], dict[str, float]]


def procedure_cv(questions: list[Question], train: Callable[[list[Question]], Method], folds: int = 5) -> float:
    """MRR@10 of a whole tuning procedure over ``folds`` folds: tuned on the other folds, scored on the held one."""
    rankings, answers = [], []
    for fold in range(folds):
        method = train([q for i, q in enumerate(questions) if i % folds != fold])
        held = [q for i, q in enumerate(questions) if i % folds == fold]
        rankings += [ranked(method(q), q) for q in held]
        answers += [q.answer for q in held]
    return scores(rankings, answers)[0]


def grid_choice(method: Callable[..., dict[str, float]], grid: list[dict[str, float]]) -> Callable[..., Method]:
    """Trains by picking the grid's best settings (first of equals) on the questions given."""

    def train(questions: list[Question]) -> Method:
        best = max(grid, key=lambda s: (mrr_recall(questions, lambda q: method(q, **s)), -grid.index(s)))
        return lambda q: method(q, **best)

    return train


def linear_choice(names: Sequence[str], lams: Sequence[float]) -> Callable[[list[Question]], Method]:
    """Trains by choosing ``lam`` by 5-fold CV on the questions given, then fitting on all of them."""

    def train(questions: list[Question]) -> Method:
        lam = max(lams, key=lambda lam: (cross_validated(questions, names, lam), -lams.index(lam)))
        return Linear(names, lam).fit(questions)

    return train


def build(split: str) -> list[Question]:
    from apps.learning.embeddings.hybrid import MIN_SIMILARITY
    from apps.learning.embeddings.local_model import WordLlamaEmbeddings

    documents = load("documents.jsonl")
    chosen = [q for q in load("queries.jsonl") if split == "all" or q["split"] == split]
    texts = [q["q"] for q in chosen]
    full = word_matches(documents, texts)
    vector = vector_rankings(WordLlamaEmbeddings(), documents, texts, MIN_SIMILARITY)
    ids = [doc["id"] for doc in documents]
    doc_words = dict(zip(ids, lexemes([f"{d['title']}\n{d['text']}" for d in documents]), strict=True))
    title_words = dict(zip(ids, lexemes([d["title"] for d in documents]), strict=True))
    questions = []
    for row, f, v, words in zip(chosen, full, vector, lexemes(texts), strict=True):
        q = Question(row["doc"], f, v)
        featurise(q, words, doc_words, title_words)
        questions.append(q)
    return questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="tune")
    args = parser.parse_args()

    from bench.common import setup_django_without_migrations, stop_embedded_services

    setup_django_without_migrations()
    try:
        tune = build("tune")
        asked = tune if args.split == "tune" else build(args.split)

        def served_s7(q: Question) -> dict[str, float]:
            return served(
                q.full, q.vector, {item: f["share"] for item, f in q.features.items() if item in q.full}, gap=math.inf
            )

        def served_now(q: Question) -> dict[str, float]:
            return served(q.full, q.vector, {item: f["share"] for item, f in q.features.items() if item in q.full})

        methods: dict[str, Callable[..., dict[str, float]]] = {
            "vector": lambda q: dict(q.vector),
            "served-s7": served_s7,
            "gap-gated": gap_gated,
            "title-coverage": title_coverage,
            "served": served_now,
        }
        print(f"{args.split}: {len(asked)} questions, {CANDIDATES} candidates a side")
        print(f"{'candidate':<48} {'MRR@10':>7} {'R@10':>6}")

        def line(label: str, mrr: float, recall: float, extra: str = "") -> None:
            print(f"{label:<48} {mrr:>7.3f} {recall:>6.3f} {extra}")

        def settings_label(label: str, settings: dict[str, float]) -> str:
            shown = ", ".join(f"{k}={v:g}" for k, v in settings.items())
            return label + (f" ({shown})" if shown else "")

        if args.split == "tune":  # the grids: the only place settings are chosen
            grids: dict[str, list[dict[str, float]]] = {
                "vector": [{}],
                "served-s7": [{}],
                "gap-gated": [
                    {"delta": d, "w": w, "floor": c}
                    for d in (0.02, 0.05, 0.1, 0.15, 0.2)
                    for w in (0.05, 0.1, 0.15, 0.2, 0.3)
                    for c in (0.0, 0.3)
                ],
                "title-coverage": [
                    {"w": w, "t": t} for w in (0.0, 0.1, 0.15, 0.2, 0.3) for t in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)
                ],
            }
            for label, grid in grids.items():
                for settings in grid:
                    line(
                        settings_label(label, settings),
                        *mrr_recall(asked, functools.partial(methods[label], **settings)),
                    )
            lams = (0.01, 0.1, 1.0, 10.0, 100.0)
            for label, names in LINEAR_FEATURES.items():
                for lam in lams:
                    model = Linear(names, lam).fit(tune)
                    cv = cross_validated(tune, names, lam)
                    line(settings_label(label, {"lam": lam}), *mrr_recall(asked, model), f"  CV MRR {cv:.3f}")
            print("each candidate's whole tuning procedure, 5-fold CV over tune (settings chosen on 4 folds):")
            for label, grid in grids.items():
                print(f"  {label:<20} CV MRR@10 {procedure_cv(tune, grid_choice(methods[label], grid)):.3f}")
            for label, names in LINEAR_FEATURES.items():
                print(f"  {label:<20} CV MRR@10 {procedure_cv(tune, linear_choice(names, lams)):.3f}")
        else:
            for label, settings in CHOSEN.items():
                if label in LINEAR_FEATURES:
                    model = Linear(LINEAR_FEATURES[label], settings["lam"]).fit(tune)
                    weights = ", ".join(f"{n}={w:+.3f}" for n, w in zip(model.names, model.weights, strict=True))
                    line(settings_label(label, settings), *mrr_recall(asked, model), f"  [{weights}]")
                else:
                    line(
                        settings_label(label, settings),
                        *mrr_recall(asked, functools.partial(methods[label], **settings)),
                    )
    finally:
        stop_embedded_services()


if __name__ == "__main__":
    main()
