"""Re-ranking candidates on the relevance set (sessions 8 and 10): tuned on ``tuning`` only, then run once.

    python -m bench.relevance_rerank --split tuning    # grids, 5-fold CV, fitted weights (choices here)
    python -m bench.relevance_rerank --split holdout   # each candidate once at its ``CHOSEN`` settings
    python -m bench.relevance_rerank --split all       # every question together (tuning included)

``tuning`` is ``tune``, ``tune2`` (session 10) and ``lecture`` (session 27: long lecture notes), 231
questions; ``lecture2`` (session 27) is the measuring split; the other splits were read before and are
secondary figures. Every candidate re-ranks the API's two candidate lists
(``bench.relevance``: 50 full-text matches of the any-word query, 50 matches by the offline model,
all-MiniLM-L6-v2, above ``MIN_SIMILARITY``). Per candidate note:
``cos`` (0 when not found by meaning), ``gap`` (the question's best ``cos`` minus this one's),
``near`` = exp(-gap / 0.1) (1 at the top, 0.37 at 0.1 below it), ``share`` of the question's distinct
stemmed words the note holds, ``title`` share of them in its title, ``rank`` / ``cd`` the min-max
scaled ``ts_rank`` / ``ts_rank_cd`` (cover density: words close together) over the question's
word matches, ``fuzzy`` rapidfuzz's ``partial_ratio`` of the question to the note's title (0..1,
typo-tolerant). Candidates:

- ``vector``: ``cos`` alone; ``full-text``: ``ts_rank`` alone (the references); ``served-s9``: the
  API's ``coverage_fusion`` of session 9 (w 0.2, floor 0.5, gap 0.1); ``served``: the API's ranking
  now, through ``bench.relevance.served`` (a word match not found by meaning stays at 0, ties go to
  the better ``ts_rank``);
- ``gap-gated``: the served fusion re-gridded: ``cos``, plus ``w`` x ``share`` (from ``floor``) only
  for notes within ``gap`` of the best ``cos``;
- ``rrf``: weighted reciprocal rank fusion (``k``, vector weight ``v``);
- ``tie-break``: notes within ``delta`` of the best ``cos`` holding at least ``floor`` of the words
  come first, by ``share`` then ``cos``; the rest by ``cos`` (words only reorder a near-tie at the top);
- ``title-fuzzy``: ``gap-gated`` (floor 0.5) plus ``t`` x ``fuzzy`` (from ``least``) for notes within
  ``gap`` of the best ``cos``;
- ``linear-small`` / ``linear`` / ``linear-fuzzy``: a linear score over ``cos``, ``share``,
  ``share x near`` / over ``cos``, found by meaning, ``share``, ``share x near``, ``title``,
  ``title x near``, ``rank``, ``cd`` / the same plus ``fuzzy`` and ``fuzzy x near``;
  ``linear-unsure``: ``cos``, found by meaning, ``share``, ``share x near``, ``rank`` and ``share`` and
  ``rank`` times (1 - the question's best ``cos``): words counting more when meaning is unsure.

The linear candidates are fitted on ``tuning`` by pairwise logistic regression (the answer against
every other candidate of its question, features standardised, L2 penalty ``lam``, chosen by 5-fold
CV). Every candidate's whole tuning procedure (grid choice or ``lam`` choice and fit) is also
cross-validated over ``tuning``'s questions (5 folds, question ``i`` in fold ``i % 5``): chosen on
four folds, scored on the fifth. The choice is made by that CV MRR@10.
"""

from __future__ import annotations

import argparse
import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from bench.relevance import (
    CANDIDATES,
    SPLITS,
    TOP,
    full_text_rankings,
    lexemes,
    load,
    scores,
    served,
    split_questions,
    vector_rankings,
)

NEAR_SCALE = 0.1  # ``near`` = exp(-gap / NEAR_SCALE), fixed before any run
LINEAR_FEATURES = {
    "linear-small": ("cos", "share", "share_near"),
    "linear": ("cos", "has_vec", "share", "share_near", "title", "title_near", "rank", "cd"),
    "linear-fuzzy": (
        "cos",
        "has_vec",
        "share",
        "share_near",
        "title",
        "title_near",
        "rank",
        "cd",
        "fuzzy",
        "fuzzy_near",
    ),
    "linear-unsure": ("cos", "has_vec", "share", "share_near", "share_unsure", "rank", "rank_unsure"),
}
LAMS = (0.01, 0.1, 1.0, 10.0, 100.0)
SHUFFLES = 5  # fold assignments averaged in the repeated CV (the choice is made on it)
GRIDS: dict[str, list[dict[str, float]]] = {
    "vector": [{}],
    "full-text": [{}],
    "served-s9": [{}],
    "gap-gated": [
        {"w": w, "floor": f, "gap": g}
        for w in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
        for f in (0.0, 0.3, 0.5, 0.7, 0.85, 1.0)
        for g in (0.02, 0.05, 0.1, 0.2, math.inf)
    ],
    "rrf": [{"k": k, "v": v} for k in (1, 5, 10, 30, 60) for v in (1.0, 1.5, 2.0, 3.0, 5.0)],
    "tie-break": [{"delta": d, "floor": f} for d in (0.005, 0.01, 0.02, 0.03, 0.05) for f in (0.0, 0.5)],
    "title-fuzzy": [
        {"w": w, "t": t, "least": c, "gap": g}
        for w in (0.0, 0.1, 0.2)
        for t in (0.02, 0.05, 0.1, 0.2)
        for c in (0.0, 0.8)
        for g in (0.05, 0.1, 0.2)
    ],
}
# Settings chosen from ``--split tuning``'s output (session 27, 2026-12-05, tune + tune2 + lecture, before
# ``lecture2`` was in the repository): grid candidates at their best tuning MRR@10 (first of equals in grid
# order), the linear ones at the ``lam`` best by 5-fold CV. The choice, by each tuning procedure's CV MRR@10
# (``i % 5``; mean of 5 assignments): gap-gated at w 0.5, floor 0.7, gap inf, 0.7418 / 0.7418 (the same cell
# on every fold), served since; linear 0.7228 / 0.7150; linear-unsure 0.7119 / 0.7135; served-s9 (session
# 9's settings, served until session 27) 0.7078; vector alone 0.6769; full-text alone 0.5284.
CHOSEN: dict[str, dict[str, float]] = {
    "vector": {},
    "full-text": {},
    "served-s9": {},  # w 0.2, floor 0.5, gap 0.1: tuning 0.708
    "gap-gated": {"w": 0.5, "floor": 0.7, "gap": math.inf},  # tuning 0.742, CV 0.7418 / 0.7418: served
    "rrf": {"k": 1, "v": 1.5},  # tuning 0.699, CV 0.6872 / 0.6895
    "tie-break": {"delta": 0.05, "floor": 0.5},  # tuning 0.693, CV 0.6883 / 0.6891
    "title-fuzzy": {"w": 0.1, "t": 0.02, "least": 0.8, "gap": 0.2},  # tuning 0.706, CV 0.7000 / 0.7007
    "linear-small": {"lam": 100.0},  # tuning 0.692, CV 0.6784 / 0.6824
    "linear": {"lam": 0.01},  # tuning 0.723, CV 0.7228 / 0.7150
    "linear-fuzzy": {"lam": 0.01},  # tuning 0.718, CV 0.7146 / 0.7062
    "linear-unsure": {"lam": 0.1},  # tuning 0.719, CV 0.7119 / 0.7135
    "served": {},  # the API: coverage_fusion at COVERAGE_WEIGHT 0.5, COVERAGE_FLOOR 0.7, COVERAGE_GAP inf
}

Features = dict[str, dict[str, float]]  # per candidate note: feature name -> value
Method = Callable[["Question"], dict[str, float]]


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


def featurise(
    q: Question, text: str, words: set[str], doc_words: dict[str, set[str]], titles: dict[str, tuple[str, set[str]]]
) -> None:
    from rapidfuzz import fuzz

    top = max(q.vector.values(), default=0.0)
    rank, cd = scaled(q.full), scaled(q.cd)
    for item in {*q.full, *q.vector}:
        cos = q.vector.get(item, 0.0)
        near = math.exp(-(top - cos) / NEAR_SCALE)
        share = len(words & doc_words[item]) / len(words) if words and item in q.full else 0.0
        title = len(words & titles[item][1]) / len(words) if words and item in q.full else 0.0
        fuzzy = fuzz.partial_ratio(text.lower(), titles[item][0].lower()) / 100.0
        q.features[item] = {
            "cos": cos,
            "has_vec": 1.0 if item in q.vector else 0.0,
            "gap": top - cos,
            "share": share,
            "share_near": share * near,
            "share_unsure": share * (1.0 - top),
            "rank_unsure": rank.get(item, 0.0) * (1.0 - top),
            "title": title,
            "title_near": title * near,
            "rank": rank.get(item, 0.0),
            "cd": cd.get(item, 0.0),
            "fuzzy": fuzzy,
            "fuzzy_near": fuzzy * near,
        }


def ranked(scored: dict[str, float], q: Question) -> list[str]:
    return sorted(scored, key=lambda item: (-scored[item], -q.full.get(item, 0.0), item))[:TOP]


def shares(q: Question) -> dict[str, float]:
    return {item: f["share"] for item, f in q.features.items() if item in q.full}


def gap_gated(q: Question, w: float, floor: float, gap: float) -> dict[str, float]:
    """The served fusion's form (``coverage_fusion``) at other settings, through the API's tie order."""
    return served(q.full, q.vector, shares(q), weight=w, floor=floor, gap=gap)


def rrf(q: Question, k: float, v: float) -> dict[str, float]:
    from apps.learning.embeddings.hybrid import reciprocal_rank_fusion

    by_words = sorted(q.full, key=lambda item: (-q.full[item], item))
    by_meaning = sorted(q.vector, key=lambda item: (-q.vector[item], item))
    return reciprocal_rank_fusion([by_words, by_meaning], k=int(k), weights=[1.0, v])


def tie_break(q: Question, delta: float, floor: float) -> dict[str, float]:
    top = max(q.vector.values(), default=0.0)

    def key(item: str) -> tuple[float, float, float]:
        share = q.features[item]["share"]
        cos = q.vector.get(item, 0.0)
        lead = item in q.vector and top - cos <= delta and share >= floor
        return (1.0, share, cos) if lead else (0.0, 0.0, cos)

    order = sorted(q.features, key=lambda item: (*(-part for part in key(item)), -q.full.get(item, 0.0), item))
    return {item: -float(position) for position, item in enumerate(order)}


def title_fuzzy(q: Question, w: float, t: float, least: float, gap: float) -> dict[str, float]:
    out = dict(q.vector)
    for item, f in q.features.items():
        if item in q.vector and f["gap"] <= gap:
            out[item] += (w * f["share"] if f["share"] >= 0.5 else 0.0) + (
                t * f["fuzzy"] if f["fuzzy"] >= least else 0.0
            )
    return out


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


def mrr_recall(questions: list[Question], method: Method) -> tuple[float, float]:
    return scores([ranked(method(q), q) for q in questions], [q.answer for q in questions])


def procedure_cv(
    questions: list[Question], train: Callable[[list[Question]], Method], folds: int = 5, shuffle: int = 0
) -> tuple[float, float]:
    """MRR@10 and recall@10 of a whole tuning procedure: tuned on the other folds, scored on the held one.

    Question ``i`` is in fold ``i % folds`` (``shuffle`` 0) or in the fold of its place in a permutation
    seeded by ``shuffle``.
    """
    order = np.random.default_rng(shuffle).permutation(len(questions)) if shuffle else np.arange(len(questions))
    fold_of = {id(questions[i]): place % folds for place, i in enumerate(order)}
    rankings, answers = [], []
    for fold in range(folds):
        method = train([q for q in questions if fold_of[id(q)] != fold])
        held = [q for q in questions if fold_of[id(q)] == fold]
        rankings += [ranked(method(q), q) for q in held]
        answers += [q.answer for q in held]
    return scores(rankings, answers)


def repeated_cv(questions: list[Question], train: Callable[[list[Question]], Method]) -> tuple[float, float]:
    """``procedure_cv``'s figures averaged over ``SHUFFLES`` fold assignments (the first: ``i % 5``)."""
    runs = [procedure_cv(questions, train, shuffle=shuffle) for shuffle in range(SHUFFLES)]
    return float(np.mean([mrr for mrr, _ in runs])), float(np.mean([recall for _, recall in runs]))


def grid_choice(
    method: Callable[..., dict[str, float]], grid: list[dict[str, float]]
) -> Callable[[list[Question]], Method]:
    """Trains by picking the grid's best settings (MRR@10, then recall@10, first of equals) on the questions given."""

    def train(questions: list[Question]) -> Method:
        best = max(grid, key=lambda s: (mrr_recall(questions, functools.partial(method, **s)), -grid.index(s)))
        return functools.partial(method, **best)

    return train


def fitting(names: Sequence[str], lam: float) -> Callable[[list[Question]], Method]:
    """Trains by fitting a ``Linear`` at ``lam`` on the questions given."""
    return lambda questions: Linear(names, lam).fit(questions)


def linear_choice(names: Sequence[str]) -> Callable[[list[Question]], Method]:
    """Trains by choosing ``lam`` by 5-fold CV on the questions given, then fitting on all of them."""

    def train(questions: list[Question]) -> Method:
        lam = max(LAMS, key=lambda lam: (procedure_cv(questions, fitting(names, lam)), -LAMS.index(lam)))
        return Linear(names, lam).fit(questions)

    return train


def build(split: str) -> list[Question]:
    from apps.learning.embeddings.hybrid import MIN_SIMILARITY
    from apps.learning.embeddings.minilm import MiniLMEmbeddings

    documents = load("documents.jsonl")
    chosen = split_questions(split)
    texts = [q["q"] for q in chosen]
    full = word_matches(documents, texts)
    vector = vector_rankings(MiniLMEmbeddings(), documents, texts, MIN_SIMILARITY)
    ids = [doc["id"] for doc in documents]
    doc_words = dict(zip(ids, lexemes([f"{d['title']}\n{d['text']}" for d in documents]), strict=True))
    title_words = lexemes([d["title"] for d in documents])
    titles = {doc["id"]: (doc["title"], words) for doc, words in zip(documents, title_words, strict=True)}
    questions = []
    for row, f, v, words in zip(chosen, full, vector, lexemes(texts), strict=True):
        q = Question(row["doc"], f, v)
        featurise(q, row["q"], words, doc_words, titles)
        questions.append(q)
    return questions


METHODS: dict[str, Callable[..., dict[str, float]]] = {
    "vector": lambda q: dict(q.vector),
    "full-text": lambda q: dict(q.full),
    "served-s9": lambda q: gap_gated(q, w=0.2, floor=0.5, gap=0.1),
    "gap-gated": gap_gated,
    "rrf": rrf,
    "tie-break": tie_break,
    "title-fuzzy": title_fuzzy,
    "served": lambda q: served(q.full, q.vector, shares(q)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "tuning", "all"], default="tuning")
    args = parser.parse_args()

    from bench.common import setup_django_without_migrations, stop_embedded_services

    setup_django_without_migrations()
    try:
        tuning = build("tuning")
        asked = tuning if args.split == "tuning" else build(args.split)
        print(f"{args.split}: {len(asked)} questions, {CANDIDATES} candidates a side")
        print(f"{'candidate':<56} {'MRR@10':>7} {'R@10':>6}")

        def line(label: str, mrr: float, recall: float, extra: str = "") -> None:
            print(f"{label:<56} {mrr:>7.3f} {recall:>6.3f} {extra}", flush=True)

        def settings_label(label: str, settings: dict[str, float]) -> str:
            shown = ", ".join(f"{k}={v:g}" for k, v in settings.items())
            return label + (f" ({shown})" if shown else "")

        if args.split == "tuning":  # the grids: the only place settings are chosen
            for label, grid in GRIDS.items():
                for settings in grid:
                    line(
                        settings_label(label, settings),
                        *mrr_recall(asked, functools.partial(METHODS[label], **settings)),
                    )
            for label, names in LINEAR_FEATURES.items():
                for lam in LAMS:
                    cv = procedure_cv(tuning, fitting(names, lam))
                    line(
                        settings_label(label, {"lam": lam}),
                        *mrr_recall(asked, Linear(names, lam).fit(tuning)),
                        f"  CV {cv[0]:.3f} / {cv[1]:.3f}",
                    )
            print(
                "each candidate's tuning procedure, 5-fold CV over tuning (chosen on 4 folds), and its choice on all:"
            )
            procedures = {label: grid_choice(METHODS[label], grid) for label, grid in GRIDS.items()}
            procedures |= {label: linear_choice(names) for label, names in LINEAR_FEATURES.items()}
            for label, train in procedures.items():
                mrr, recall = procedure_cv(tuning, train)
                repeated = repeated_cv(tuning, train)
                method = train(tuning)
                shown = method.keywords if isinstance(method, functools.partial) else {"lam": getattr(method, "lam", 0)}
                line(
                    settings_label(f"  {label}", shown),
                    *mrr_recall(tuning, method),
                    f"  CV {mrr:.4f} / {recall:.3f}, {SHUFFLES} assignments {repeated[0]:.4f} / {repeated[1]:.3f}",
                )
        else:
            for label, settings in CHOSEN.items():
                if label in LINEAR_FEATURES:
                    model = Linear(LINEAR_FEATURES[label], settings["lam"]).fit(tuning)
                    weights = ", ".join(f"{n}={w:+.3f}" for n, w in zip(model.names, model.weights, strict=True))
                    line(settings_label(label, settings), *mrr_recall(asked, model), f"  [{weights}]")
                else:
                    line(
                        settings_label(label, settings),
                        *mrr_recall(asked, functools.partial(METHODS[label], **settings)),
                    )
    finally:
        stop_embedded_services()


if __name__ == "__main__":
    main()
