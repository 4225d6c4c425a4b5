"""Semantic search benchmark: offline indexing throughput and query latency at scale.

    python -m bench.search [--users 100] [--notes-per-user 1000] [--queries 200] [--top 10]

Fills the database with generated notes (100,000 by default over 100 learners, so the owner filter
matters), indexes them with the configured embedder in the indexer's batches, then, for queries
spread over the learners, times ``nearest()`` (embedding the query plus the SQL), the SQL alone
through the HNSW index, and the same SQL as an exact scan (no index), and prints each learner's
top-``--top`` recall against the exact answer and the plan PostgreSQL chose.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from typing import Any

from bench.common import percentile, setup_django, stop_embedded_services

SUBJECTS = (
    "photosynthesis chlorophyll light energy leaves glucose plants",
    "french revolution bastille monarchy republic napoleon paris",
    "linear algebra matrices eigenvalues vectors determinants basis",
    "organic chemistry carbon bonds alkanes reactions molecules",
    "cell biology mitochondria membrane nucleus proteins enzymes",
    "probability distributions variance expectation random sampling",
    "world war trenches alliances treaty versailles armistice",
    "thermodynamics entropy heat engines temperature pressure",
    "programming functions loops recursion variables algorithms",
    "microeconomics supply demand prices markets elasticity",
)
FILLER = [
    "study",
    "review",
    "notes",
    "chapter",
    "summary",
    "example",
    "question",
    "answer",
    "lecture",
    "key",
    "idea",
    "remember",
]
QUERIES = (
    "how do plants turn light into energy",
    "why did the monarchy fall in paris",
    "eigenvalues of a matrix",
    "carbon bonds in organic molecules",
    "what do mitochondria do in a cell",
    "expected value and variance of a random variable",
    "treaty that ended the war",
    "entropy and heat",
    "recursion in functions",
    "what happens to prices when demand rises",
)


_VECTOR = re.compile(r"'\[[^\]]*\]'::vector")


def _note_text(rng: random.Random) -> tuple[str, str]:
    words = rng.choice(SUBJECTS).split()
    title = " ".join(rng.sample(words, 3)).capitalize()
    body = " ".join(rng.choice(words + FILLER) for _ in range(rng.randint(40, 120)))
    return title, body


def _fill(users: int, notes_per_user: int) -> list[Any]:
    from apps.accounts.models import Tier, User
    from apps.learning.models import Note

    rng = random.Random(7)
    learners = [
        User.objects.create_user(email=f"bench-{index}-{time.time_ns()}@example.com", password=None)
        for index in range(users)
    ]
    User.objects.filter(pk__in=[u.pk for u in learners]).update(tier=Tier.PREMIUM_MONTHLY)
    for learner in learners:
        batch = []
        for _ in range(notes_per_user):
            title, content = _note_text(rng)
            batch.append(Note(user=learner, title=title, content=content, content_html=content))
        Note.objects.bulk_create(batch, batch_size=1000)
    return learners


def _index(learners: list[Any]) -> tuple[int, float]:
    from apps.learning.embeddings.indexing import embeddings_index
    from apps.learning.models import EmbeddingKind, Note

    ids = list(Note.objects.filter(user__in=learners).values_list("pk", flat=True))
    started = time.perf_counter()
    stored = 0
    for start in range(0, len(ids), 500):
        stored += embeddings_index(kind=EmbeddingKind.NOTE, ids=ids[start : start + 500])
    return stored, time.perf_counter() - started


def _time_queries(
    learners: list[Any], queries: int, iterative_scan: str, top: int
) -> tuple[list[float], list[float], list[float], list[float], str]:
    from django.db import connection

    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would have them
        cursor.execute("ANALYZE learning_embedding")
        cursor.execute("ANALYZE learning_note")
        cursor.execute(f"SET hnsw.iterative_scan = {iterative_scan}")

    from apps.learning import selectors
    from apps.learning.embeddings.base import provider_key
    from apps.learning.embeddings.search import nearest
    from apps.learning.embeddings.selection import embedding_provider

    provider = embedding_provider()
    whole: list[float] = []
    sql: list[float] = []
    exact_ms: list[float] = []
    recalls: list[float] = []
    plan = ""
    for index in range(queries):
        learner = learners[index % len(learners)]
        query = QUERIES[index % len(QUERIES)]
        started = time.perf_counter()
        list(nearest(user=learner, query=query)[:top])
        whole.append((time.perf_counter() - started) * 1000)
        [vector] = provider.embed([query])
        queryset = selectors.semantic_search(user=learner, vector=vector, provider=provider_key(provider))[:top]
        started = time.perf_counter()
        found = [match.pk for match in queryset]
        sql.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        exact = _exact(queryset)
        exact_ms.append((time.perf_counter() - started) * 1000)
        recalls.append(len(set(found) & set(exact)) / len(exact) if exact else 1.0)
        if not plan:
            compiled, params = queryset.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN {compiled}", params)
                rows = [_VECTOR.sub("'[...]'::vector", row[0]) for row in cursor.fetchall()]
                plan = "\n".join(f"    {row}" for row in rows)
    return whole, sql, exact_ms, recalls, plan


def _exact(queryset: Any) -> list[Any]:
    """The same query answered without any index: a full scan and sort, the exact top matches."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        return [match.pk for match in queryset.all()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--notes-per-user", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument(
        "--iterative-scan",
        choices=("strict_order", "relaxed_order", "off"),
        default="strict_order",
        help="pgvector's hnsw.iterative_scan for the queries (the project sets strict_order)",
    )
    options = parser.parse_args()
    setup_django()
    try:
        from apps.learning.embeddings.base import provider_key
        from apps.learning.embeddings.selection import embedding_provider

        learners = _fill(options.users, options.notes_per_user)
        stored, seconds = _index(learners)
        whole, sql, exact_ms, recalls, plan = _time_queries(
            learners, options.queries, options.iterative_scan, options.top
        )
        total = options.users * options.notes_per_user
        print(
            f"Maigie semantic search benchmark ({provider_key(embedding_provider())}, "
            f"hnsw.iterative_scan={options.iterative_scan})"
        )
        print(f"  notes: {total} ({options.users} learners x {options.notes_per_user})")
        print(f"  indexing: {stored} vectors in {seconds:.1f} s = {stored / seconds:.0f} notes/s")
        timed = (("nearest() (embed + SQL)", whole), ("SQL, HNSW index", sql), ("SQL, exact scan", exact_ms))
        for name, samples in timed:
            print(
                f"  {name}: p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms, "
                f"p99 {percentile(samples, 99):.1f} ms over {len(samples)} queries "
                f"(top {options.top} of {min(options.queries, options.users)} learners)"
            )
        mean_recall = sum(recalls) / len(recalls)
        print(
            f"  recall@{options.top} of the index against the exact scan, per learner: "
            f"mean {mean_recall:.3f}, min {min(recalls):.2f}"
        )
        print("  plan:")
        print(plan)
    finally:
        stop_embedded_services()


if __name__ == "__main__":
    main()
