"""Relevance of search on a labelled set: MRR@10 and recall@10 for full-text, vector and hybrid.

``bench/relevance/documents.jsonl`` holds 511 learner notes: 311 short ones over about 30 subjects and,
since session 27, 200 lecture notes of ten university courses (most 500 to 3,500 characters).
``queries.jsonl`` holds the questions, each with its answer, in splits: ``tune`` (51), ``tune2`` (80,
session 10, a writer who read only the notes) and ``lecture`` (100, session 27, over the first hundred
lecture notes): together ``tuning``, the only questions choices are made on; ``lecture2`` (100, session
27, over the other hundred, added after the choice), the measuring split; ``measure`` (40), ``fresh``
(33), ``holdout`` (68) and ``fresh2`` (80), read before and reported as secondary figures. ``paraphrase``
marks a query sharing no content word with its answer (``--check``: PostgreSQL's any-word
full-text query must not match the answer). Full-text is PostgreSQL's ``ts_rank`` over the API's
any-word query, a title word counting as a text word; vectors are ranked by cosine similarity; hybrid is
the API's ``coverage_fusion`` (served since session 7, re-chosen in session 27) and the earlier
``score_fusion`` (on a tuning split the grid of weights, and RRF, is printed too;
``bench.relevance_fusion`` and ``bench.relevance_rerank`` compare the fusion candidates).
Run: ``python -m bench.relevance [--split lecture2|holdout|...|tuning] [--check]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).parent / "relevance"
TOP = 10
CANDIDATES = 50  # per side, as the API
SPLITS = ("tune", "tune2", "lecture", "measure", "fresh", "holdout", "fresh2", "lecture2")
GROUPS = {"tuning": ("tune", "tune2", "lecture"), "all": SPLITS}  # splits asked together


def load(name: str) -> list[dict[str, Any]]:
    """The rows of one JSONL file of the set."""
    return [json.loads(line) for line in (HERE / name).read_text().splitlines() if line.strip()]


def split_questions(split: str) -> list[dict[str, Any]]:
    """The questions of ``split``: one of ``SPLITS`` or of ``GROUPS`` (``tuning``: tune and tune2)."""
    wanted = GROUPS.get(split, (split,))
    return [q for q in load("queries.jsonl") if q["split"] in wanted]


def full_text_rankings(documents: list[dict[str, Any]], queries: list[str]) -> list[list[tuple[str, float]]]:
    """For each query, ``(id, ts_rank)`` of PostgreSQL's full-text matches, best first (the API's candidates).

    Each note is labelled as the notes' column is (title A, text C) and ranked with the API's
    ``TEXT_RANK_WEIGHTS`` (a title word counts as a text word).
    """
    from django.db import connection

    from apps.learning.embeddings.hybrid import TEXT_RANK_WEIGHTS, any_word_query
    from apps.learning.models import SEARCH_CONFIG

    weights = "'{" + ",".join(f"{w:g}" for w in TEXT_RANK_WEIGHTS) + "}'"
    rows = ", ".join(["(%s, %s, %s)"] * len(documents))
    params: list[Any] = [value for doc in documents for value in (doc["id"], doc["title"], doc["text"])]
    # Only placeholders are formatted into the SQL; every value is bound.
    select = f"SELECT id, ts_rank({weights}, v, q) FROM (VALUES {rows}) AS d(id, title, body), to_tsquery(%s, %s) q, "  # noqa: S608
    vector = "(SELECT setweight(to_tsvector(%s, title), 'A') || setweight(to_tsvector(%s, body), 'C') AS v)"
    sql = select + f"LATERAL {vector} w WHERE v @@ q ORDER BY ts_rank({weights}, v, q) DESC, id LIMIT {CANDIDATES}"
    rankings = []
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(sql, [*params, SEARCH_CONFIG, any_word_query(query) or "''", SEARCH_CONFIG, SEARCH_CONFIG])
            rankings.append([(row[0], row[1]) for row in cursor.fetchall()])
    return rankings


def lexemes(texts: list[str]) -> list[set[str]]:
    """The distinct stemmed words of each text (PostgreSQL's ``to_tsvector``, the search configuration)."""
    from django.db import connection

    from apps.learning.models import SEARCH_CONFIG

    with connection.cursor() as cursor:
        found = []
        for text in texts:
            cursor.execute("SELECT tsvector_to_array(to_tsvector(%s, %s))", [SEARCH_CONFIG, text])
            found.append(set(cursor.fetchone()[0]))
        return found


def served(
    full: dict[str, float], vector: dict[str, float], shares: dict[str, float], **settings: float
) -> dict[str, float]:
    """The API's ranking (``apps.materials.search.search``): ``coverage_fusion``, ties to the better ``ts_rank``.

    ``settings`` override ``coverage_fusion``'s (``gap=math.inf``: session 7's ungated fusion).
    """
    from apps.learning.embeddings.hybrid import coverage_fusion

    fused = coverage_fusion(shares, vector, **settings)
    ordered = sorted(fused, key=lambda item: (-fused[item], -full.get(item, 0.0), item))
    return {item: -float(position) for position, item in enumerate(ordered)}  # in that order, scores keep it


def sharing_words(documents: list[dict[str, Any]], paraphrases: list[dict[str, Any]]) -> list[str]:
    """The paraphrases whose answer PostgreSQL's any-word full-text query matches (none should)."""
    from django.db import connection

    from apps.learning.embeddings.hybrid import any_word_query
    from apps.learning.models import SEARCH_CONFIG

    bodies = {doc["id"]: f"{doc['title']}\n{doc['text']}" for doc in documents}
    found = []
    with connection.cursor() as cursor:
        for query in paraphrases:
            terms = any_word_query(query["q"]) or "''"
            cursor.execute(
                "SELECT to_tsvector(%s, %s) @@ to_tsquery(%s, %s)",
                [SEARCH_CONFIG, bodies[query["doc"]], SEARCH_CONFIG, terms],
            )
            if cursor.fetchone()[0]:
                found.append(query["q"])
    return found


def embedded(provider: Any, texts: list[str]) -> np.ndarray:
    """``provider``'s vectors of ``texts``, kept in the temporary directory by model and text (a rerun skips them)."""
    digest = hashlib.sha256("\0".join([provider.name, provider.model, *texts]).encode()).hexdigest()[:24]
    path = Path(tempfile.gettempdir()) / "maigie-relevance" / f"{provider.model}-{digest}.npy"
    if path.exists():
        loaded: np.ndarray = np.load(path)
        return loaded
    vectors = np.array(provider.embed(texts))
    path.parent.mkdir(exist_ok=True)
    np.save(path, vectors)
    return vectors


def vector_rankings(provider: Any, documents: list[dict[str, Any]], queries: list[str], min_similarity: float):
    """For each query, ``(id, similarity)`` of the nearest above ``min_similarity``, best first (the candidates)."""
    docs = embedded(provider, [f"{doc['title']}\n\n{doc['text']}" for doc in documents])
    asked = embedded(provider, queries)
    ids = [doc["id"] for doc in documents]
    rankings = []
    for row in asked @ docs.T:
        order = [i for i in np.argsort(-row, kind="stable")[:CANDIDATES] if row[i] > min_similarity]
        rankings.append([(ids[i], float(row[i])) for i in order])
    return rankings


def scores(rankings: list[list[str]], answers: list[str]) -> tuple[float, float]:
    """MRR@10 and recall@10."""
    rankings = [ranking[:TOP] for ranking in rankings]
    ranks = [
        ranking.index(answer) + 1 if answer in ranking else None
        for ranking, answer in zip(rankings, answers, strict=False)
    ]
    mrr = sum(1.0 / rank for rank in ranks if rank) / len(ranks)
    recall = sum(1 for rank in ranks if rank) / len(ranks)
    return mrr, recall


Scored = list[list[tuple[str, float]]]


def ids(rankings: Scored) -> list[list[str]]:
    return [[item for item, _ in ranking] for ranking in rankings]


def rrf(full: Scored, vector: Scored, k: int, weight: float) -> list[list[str]]:
    """Full-text and vector rankings fused by (weighted) reciprocal rank fusion."""
    from apps.learning.embeddings.hybrid import reciprocal_rank_fusion

    fused = []
    for a, b in zip(ids(full), ids(vector), strict=True):
        ranked = reciprocal_rank_fusion([a, b], k=k, weights=[1.0, weight])
        fused.append(sorted(ranked, key=lambda item: (-ranked[item], item))[:TOP])
    return fused


def scored(full: Scored, vector: Scored, weight: float) -> list[list[str]]:
    """Full-text and vector candidates fused by score (``score_fusion``, the API's ranking)."""
    from apps.learning.embeddings.hybrid import score_fusion

    fused = []
    for a, b in zip(full, vector, strict=True):
        ranked = score_fusion(dict(a), dict(b), weight=weight)
        fused.append(sorted(ranked, key=lambda item: (-ranked[item], item))[:TOP])
    return fused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "tuning"], default="holdout")
    parser.add_argument("--check", action="store_true", help="only check the paraphrases, rank nothing")
    args = parser.parse_args()

    from bench.common import setup_django_without_migrations, stop_embedded_services

    setup_django_without_migrations()
    try:
        from apps.learning.embeddings.hashed import HashedEmbeddings
        from apps.learning.embeddings.hybrid import MIN_SIMILARITY, TEXT_WEIGHT
        from apps.learning.embeddings.local_model import WordLlamaEmbeddings
        from apps.learning.embeddings.minilm import MiniLMEmbeddings

        documents = load("documents.jsonl")
        chosen = split_questions(args.split)
        questions, answers = [q["q"] for q in chosen], [q["doc"] for q in chosen]
        overlapping = sharing_words(documents, [q for q in chosen if q["paraphrase"]])
        paraphrases = sum(q["paraphrase"] for q in chosen)
        print(f"{args.split}: {len(chosen)} queries ({paraphrases} paraphrases) over {len(documents)} notes")
        if overlapping:
            print(f"  paraphrases sharing a word with their answer: {overlapping}")
        if args.check:
            return
        full = full_text_rankings(documents, questions)
        print(f"{'ranking':<40} {'MRR@10':>7} {'recall@10':>9} {'paraphrases':>12}")

        def report(label: str, rankings: list[list[str]]) -> None:
            mrr, recall = scores(rankings, answers)
            para = [i for i, q in enumerate(chosen) if q["paraphrase"]]
            _, para_recall = scores([rankings[i] for i in para], [answers[i] for i in para])
            print(f"{label:<40} {mrr:>7.3f} {recall:>9.3f} {para_recall:>12.3f}")

        report("full-text (PostgreSQL, any word)", ids(full))
        doc_words = dict(
            zip(
                [doc["id"] for doc in documents],
                lexemes([f"{d['title']}\n{d['text']}" for d in documents]),
                strict=True,
            )
        )
        question_words = lexemes(questions)
        providers: list[Any] = [HashedEmbeddings(), WordLlamaEmbeddings(), MiniLMEmbeddings()]
        if os.environ.get("OPENAI_API_KEY"):
            from apps.learning.embeddings.selection import embedding_provider

            providers.append(embedding_provider())
        for provider in providers:
            floor = MIN_SIMILARITY if provider.name == "local" else 0.0
            vector = vector_rankings(provider, documents, questions, floor)
            report(f"vector {provider.name}:{provider.model}"[:40], ids(vector))
            if args.split in GROUPS["tuning"] or args.split == "tuning":  # the choices are made here, and only here
                for k, weight in [(k, w) for k in (5, 10, 30, 60) for w in (1.0, 1.5, 2.0, 3.0)]:
                    report(f"  rrf {provider.name} (k={k}, vector x{weight:g})", rrf(full, vector, k, weight))
                for text_weight in (0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3):
                    report(f"  scores {provider.name} (text x{text_weight:g})", scored(full, vector, text_weight))
            report(f"hybrid {provider.name} (min-max x{TEXT_WEIGHT:g}, before)", scored(full, vector, TEXT_WEIGHT))
            shares = [
                {item: len(words & doc_words[item]) / len(words) if words else 0.0 for item, _ in ranking}
                for ranking, words in zip(full, question_words, strict=True)
            ]
            fused = [served(dict(a), dict(b), c) for a, b, c in zip(full, vector, shares, strict=True)]
            report(f"hybrid {provider.name} (served: coverage)", [list(order)[:TOP] for order in fused])
            before = [
                served(dict(a), dict(b), c, weight=0.2, floor=0.5, gap=0.1)
                for a, b, c in zip(full, vector, shares, strict=True)
            ]
            report(f"hybrid {provider.name} (served until s27)", [list(order)[:TOP] for order in before])
    finally:
        stop_embedded_services()


if __name__ == "__main__":
    main()
