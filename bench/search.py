"""Search by meaning at scale: indexing rate, per-learner recall@10 against exact search, latency.

    python -m bench.search [--users 100] [--notes-per-user 1000] [--queries 300] [--ef-search 40 200]
    MAIGIE_VAR_DIR=/var/tmp/maigie-bench python -m bench.search --reuse --queries 100 --ef-search

Fills the real tables with 100,000 notes over 100 learners (so the owner filter keeps 1% of the
vectors), each a few sentences drawn from the relevance set's notes (``bench/relevance``) under a
varied title, so the vectors are the offline model's on realistic text rather than random points.
Indexing is timed in the bulk path a backfill or migration would use (embed in large batches,
``COPY`` the vectors, build the HNSW index once with ``maintenance_work_mem`` raised) and, on a
sample, in the indexer's own incremental path (``embeddings_index``, rows inserted into the live
index). Then, for queries spread over the learners, it times the project's query (the ORM form
of ``selectors.nearest_objects``' two steps with ``limit=10``: nearest ids from the embeddings
table alone, then those rows joined, the SQL and loading the rows), the shape it replaced (the
joined rows sorted) and the ids found through the HNSW index instead (sorts disabled,
``hnsw.iterative_scan = relaxed_order``) at each ``--ef-search``; each learner's top-10 is
compared with the exact answer (a sequential scan). With ``MAIGIE_VAR_DIR`` outside the temporary
folder the embedded database is kept, and ``--reuse`` times queries on the data already built.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import time
import uuid
from typing import Any

from bench.common import percentile, setup_django, stop_embedded_services

QUERIES = (
    "how do plants turn light into energy",
    "why did the first world war start",
    "eigenvalues of a matrix",
    "what makes a bond ionic or covalent",
    "what do mitochondria do in a cell",
    "expected value and variance of a random variable",
    "supply and demand setting a price",
    "entropy and heat engines",
    "recursion in functions",
    "how vaccines train the immune system",
    "plate tectonics and earthquakes",
    "how a sonnet is built",
)
_VECTOR = re.compile(r"'\[[^\]]*\]'::vector")
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


def _sentences() -> tuple[list[str], list[str]]:
    """Titles and sentences of the relevance set's notes, the material synthetic notes are drawn from."""
    from bench.relevance import load

    documents = load("documents.jsonl")
    titles = [doc["title"] for doc in documents]
    sentences = [part for doc in documents for part in _SENTENCE.split(doc["text"]) if len(part) > 20]
    return titles, sentences


def _fill(users: int, notes_per_user: int) -> tuple[list[Any], float]:
    """Create the learners and their notes (bulk); answers them and the seconds taken."""
    from apps.accounts.models import User
    from apps.learning.models import Note

    rng = random.Random(7)
    titles, sentences = _sentences()
    started = time.perf_counter()
    learners = [
        User.objects.create_user(email=f"bench-{index}-{time.time_ns()}@example.com", password=None)
        for index in range(users)
    ]
    for learner in learners:
        batch = []
        for number in range(notes_per_user):
            title = f"{rng.choice(titles)} ({rng.choice(('lecture', 'reading', 'revision', 'seminar'))} {number})"
            body = " ".join(rng.sample(sentences, rng.randint(2, 5)))
            batch.append(Note(user=learner, title=title, content=body, content_html=body))
        Note.objects.bulk_create(batch, batch_size=2000)
    return learners, time.perf_counter() - started


def _bulk_index(learners: list[Any], provider: Any) -> dict[str, float]:
    """Embed every note in large batches, COPY the vectors in, then build the HNSW index once."""
    from django.db import connection
    from django.utils import timezone

    from apps.learning.embeddings.base import provider_key
    from apps.learning.embeddings.indexing import content_hash
    from apps.learning.models import Note

    rows = list(Note.objects.filter(user__in=learners).values_list("pk", "user_id", "title", "summary", "content"))
    texts = [f"{title}\n\n{summary}\n\n{content}".strip() for _, _, title, summary, content in rows]
    started = time.perf_counter()
    vectors = []
    for start in range(0, len(texts), 5000):
        vectors.extend(provider.embed(texts[start : start + 5000]))
    embed_s = time.perf_counter() - started

    key = provider_key(provider)
    now = timezone.now().isoformat()
    buffer = io.StringIO()
    for (pk, user_id, *_), text, vector in zip(rows, texts, vectors, strict=True):
        literal = "[" + ",".join(f"{value:.6g}" for value in vector) + "]"
        buffer.write(f"{uuid.uuid4()}\t{user_id}\tnote\t{pk}\t{key}\t{content_hash(text)}\t{literal}\t{now}\n")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS embedding_vector_hnsw")
        columns = "id, user_id, kind, note_id, provider, content_hash, vector, indexed_at"
        with cursor.copy(f"COPY learning_embedding ({columns}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())
    copy_s = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET max_parallel_maintenance_workers = 1")
        cursor.execute(
            "CREATE INDEX embedding_vector_hnsw ON learning_embedding "
            "USING hnsw (vector vector_cosine_ops) WITH (m = 16, ef_construction = 64)"
        )
        cursor.execute("ANALYZE learning_embedding")
        cursor.execute("ANALYZE learning_note")
    build_s = time.perf_counter() - started
    return {"vectors": len(vectors), "embed_s": embed_s, "copy_s": copy_s, "build_s": build_s}


def _incremental_index(learner: Any, count: int) -> tuple[int, float]:
    """The indexer's own path on ``count`` new notes of one learner, into the live HNSW index."""
    from apps.learning.embeddings.indexing import embeddings_index
    from apps.learning.models import EmbeddingKind, Note

    rng = random.Random(11)
    _, sentences = _sentences()
    notes = Note.objects.bulk_create(
        [Note(user=learner, title=f"Extra {n}", content=" ".join(rng.sample(sentences, 3))) for n in range(count)]
    )
    ids = [note.pk for note in notes]
    started = time.perf_counter()
    stored = sum(embeddings_index(kind=EmbeddingKind.NOTE, ids=ids[s : s + 200]) for s in range(0, len(ids), 200))
    return stored, time.perf_counter() - started


def _ids(queryset: Any, settings: tuple[str, ...]) -> tuple[list[Any], float]:
    """The query's ids under ``SET LOCAL`` settings, and its time in ms."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        started = time.perf_counter()
        found = [match.pk for match in queryset.all()]
        return found, (time.perf_counter() - started) * 1000


def _server_ms(queryset: Any) -> float:
    """PostgreSQL's own execution time for the query (``EXPLAIN ANALYZE``), in ms."""
    from django.db import connection

    compiled, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {compiled}", params)
        [[plan]] = cursor.fetchone()
        return float(plan["Execution Time"])


def _plan(queryset: Any, settings: tuple[str, ...]) -> str:
    from django.db import connection, transaction

    compiled, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(f"EXPLAIN {compiled}", params)
        lines = [row[0].strip() for row in cursor.fetchall()]
        on_embeddings = [line for line in lines if "learning_embedding" in line and ("Scan" in line or "Sort" in line)]
        return "      plan: " + "; ".join(
            _VECTOR.sub("'[...]'::vector", line.split("  (cost")[0]) for line in on_embeddings
        )


def _two_steps(learner: Any, vector: list[float], key: str, top: int) -> Any:
    """The hot path's query (``selectors.nearest_objects``) as an ORM queryset, as served until session 8.

    Kept here only to compare plans (``EXPLAIN``, settings) and the ORM's cost with the fixed statement's.
    """
    from pgvector.django import CosineDistance

    from apps.learning.models import Embedding, Note, Topic

    nearest_ids = (
        Embedding.objects.filter(user=learner, provider=key)
        .exclude(note__in=Note.objects.filter(user=learner, archived=True).values("pk"))
        .exclude(
            topic__in=Topic.objects.filter(module__course__user=learner, module__course__archived=True).values("pk")
        )
        .annotate(distance=CosineDistance("vector", vector))
        .filter(distance__lt=1.0)
        .order_by("distance", "pk")
        .values("pk")[:top]
    )
    return (
        Embedding.objects.filter(pk__in=nearest_ids)
        .annotate(distance=CosineDistance("vector", vector))
        .select_related("note", "topic__module")
        .defer("vector", "note__content_html", "note__search_vector")
        .order_by("distance", "pk")
    )


def _one_statement(learner: Any, vector: list[float], key: str, top: int) -> Any:
    """The query's shape before session 6: the joined note rows are sorted by distance (for comparison)."""
    from django.db.models import Q
    from pgvector.django import CosineDistance

    from apps.learning.models import Embedding

    return (
        Embedding.objects.filter(user=learner, provider=key)
        .filter(Q(note__archived=False) | Q(topic__module__course__archived=False))
        .annotate(distance=CosineDistance("vector", vector))
        .filter(distance__lt=1.0)
        .select_related("note", "topic__module")
        .defer("vector", "note__content_html", "note__search_vector")
        .order_by("distance", "pk")[:top]
    )


def _measure(learners: list[Any], provider: Any, queries: int, top: int, ef_values: list[int]) -> None:
    from apps.learning.embeddings.base import provider_key

    key = provider_key(provider)
    asked = provider.embed(list(QUERIES))
    cases = [(learners[i % len(learners)], asked[i % len(asked)]) for i in range(queries)]

    def production(learner: Any, vector: list[float]) -> Any:
        return _two_steps(learner, vector, key, top)

    def before(learner: Any, vector: list[float]) -> Any:
        return _one_statement(learner, vector, key, top)

    exact_sets = []
    exact_ms = []
    exact_settings = ("enable_indexscan = off", "enable_bitmapscan = off")
    for learner, vector in cases:
        found, ms = _ids(production(learner, vector), exact_settings)
        exact_sets.append(found)
        exact_ms.append(ms)
    print(f"  exact (sequential scan): p50 {percentile(exact_ms, 50):.1f} ms, p95 {percentile(exact_ms, 95):.1f} ms")

    variants: list[tuple[str, Any, tuple[str, ...]]] = [
        ("production: ids from embeddings, then rows", production, ()),
        ("before: joined rows sorted (planner)", before, ()),
    ]
    for ef in ef_values:
        variants.append(
            (
                f"ids by HNSW forced, relaxed_order, ef_search={ef}",
                production,
                ("enable_sort = off", "hnsw.iterative_scan = relaxed_order", f"hnsw.ef_search = {ef}"),
            )
        )
    server = [_server_ms(production(learner, vector)) for learner, vector in cases]
    print(
        f"  production, PostgreSQL's own time (EXPLAIN ANALYZE): "
        f"p50 {percentile(server, 50):.1f} ms, p95 {percentile(server, 95):.1f} ms"
    )
    for label, shape, settings in variants:
        timings, recalls = [], []
        for (learner, vector), exact in zip(cases, exact_sets, strict=True):
            found, ms = _ids(shape(learner, vector), settings)
            timings.append(ms)
            recalls.append(len(set(found) & set(exact)) / len(exact) if exact else 1.0)
        print(
            f"  {label}: recall@{top} mean {sum(recalls) / len(recalls):.3f} (min {min(recalls):.2f}), "
            f"p50 {percentile(timings, 50):.1f} ms, p95 {percentile(timings, 95):.1f} ms"
        )
        learner, vector = cases[0]
        print(_plan(shape(learner, vector), settings))


def _wall(learners: list[Any], provider: Any, queries: int, top: int) -> None:
    """Where one learner's top-``top`` wall time goes, every part timed on the same cases in one loop.

    Per case: embedding the question; the query's ORM form (``_two_steps``, served until session 8:
    building and compiling the queryset, the round trip, the model instances) and its SQL and
    parameters sent through the bare psycopg connection; the hot path (``nearest_objects``: one
    fixed statement, plain rows) and its SQL through the bare connection; PostgreSQL's own time for
    the hot path's statement (``EXPLAIN ANALYZE``: planning + execution); the whole hybrid search of notes
    (``apps.materials.search.search``: embedding, the full-text and by-meaning queries, fusion).
    """
    from django.db import connection

    from apps.learning import selectors
    from apps.learning.embeddings.base import provider_key
    from apps.materials.search import search

    key = provider_key(provider)
    names = ("embed", "orm", "orm's SQL, bare psycopg", "hot path", "hot path's SQL, bare", "in PostgreSQL", "search")
    parts: dict[str, list[float]] = {name: [] for name in names}
    connection.ensure_connection()
    raw = connection.connection

    def timed(name: str, work: Any) -> Any:
        started = time.perf_counter()
        value = work()
        parts[name].append((time.perf_counter() - started) * 1000)
        return value

    for index in range(queries):
        learner, text = learners[index % len(learners)], QUERIES[index % len(QUERIES)]
        [vector] = timed("embed", lambda text=text: provider.embed([text]))

        def orm(learner: Any = learner, vector: list[float] = vector) -> list[Any]:
            matches = _two_steps(learner, vector, key, top)
            return [(row.pk, row.note or row.topic) for row in matches]

        def hot(learner: Any = learner, vector: list[float] = vector) -> list[Any]:
            return selectors.nearest_objects(user=learner, vector=vector, provider=key, limit=top)

        def bare(sql: str, params: Any) -> list[Any]:
            with raw.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())

        found = timed("orm", orm)
        sql, params = _two_steps(learner, vector, key, top).query.sql_with_params()
        timed("orm's SQL, bare psycopg", lambda sql=sql, params=params: bare(sql, params))
        rows = timed("hot path", hot)
        assert [row.id for row in rows] == [obj.pk for _, obj in found]
        hot_params = {
            "vector": "[" + ",".join(repr(float(x)) for x in vector) + "]",
            "user": learner.pk,
            "provider": key,
            "kind": None,
            "ceiling": 1.0,
            "limit": top,
            "chars": 1200,
        }
        timed("hot path's SQL, bare", lambda hot_params=hot_params: bare(selectors._NEAREST_SQL, hot_params))
        with raw.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + selectors._NEAREST_SQL, hot_params)
            [[plan]] = cursor.fetchone()
        parts["in PostgreSQL"].append(float(plan["Planning Time"]) + float(plan["Execution Time"]))
        timed("search", lambda learner=learner, text=text: search(user=learner, query=text, types=("note",), limit=top))
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  wall-clock parts of one learner's top {top} ({queries} queries, interleaved; load {load}):")
    for name, samples in parts.items():
        print(f"    {name:<26} p50 {percentile(samples, 50):6.2f} ms, p95 {percentile(samples, 95):6.2f} ms")


def _existing(users: int, notes_per_user: int) -> list[Any]:
    """A previous run's learners with their vectors (``--reuse``), or [] when they are not all there."""
    from apps.accounts.models import User
    from apps.learning.models import Embedding

    learners = list(User.objects.filter(email__startswith="bench-").order_by("created_at")[:users])
    if len(learners) < users or Embedding.objects.filter(user__in=learners).count() < users * notes_per_user:
        return []
    return learners


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--notes-per-user", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--ef-search", type=int, nargs="*", default=[40, 200], help="none: skip the HNSW plans")
    parser.add_argument("--incremental", type=int, default=2000, help="notes timed through the indexer's own path")
    parser.add_argument(
        "--reuse", action="store_true", help="time queries on a previous run's data (MAIGIE_VAR_DIR outside /tmp)"
    )
    parser.add_argument("--wall-only", action="store_true", help="only the wall-clock parts (with --reuse)")
    options = parser.parse_args()
    setup_django()
    try:
        from django.db import connection

        from apps.learning.embeddings.base import provider_key
        from apps.learning.embeddings.selection import embedding_provider

        provider = embedding_provider()
        with connection.cursor() as cursor:
            cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            [pgvector] = cursor.fetchone()
        total = options.users * options.notes_per_user
        print(f"Maigie search-by-meaning benchmark ({provider_key(provider)}, pgvector {pgvector})")
        print(f"  load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        learners = _existing(options.users, options.notes_per_user) if options.reuse else []
        if learners:
            print(f"  reusing {total} notes and vectors of a previous run (indexing not timed)")
        else:
            learners, fill_s = _fill(options.users, options.notes_per_user)
            print(f"  notes: {total} ({options.users} learners x {options.notes_per_user}) created in {fill_s:.1f} s")
            bulk = _bulk_index(learners, provider)
            n = bulk["vectors"]
            whole = bulk["embed_s"] + bulk["copy_s"] + bulk["build_s"]
            print(
                f"  bulk indexing: {n} vectors; embed {bulk['embed_s']:.1f} s ({n / bulk['embed_s']:.0f}/s), "
                f"COPY {bulk['copy_s']:.1f} s, HNSW build {bulk['build_s']:.1f} s; "
                f"together {n / whole:.0f} vectors/s"
            )
            if options.incremental:
                stored, seconds = _incremental_index(learners[-1], options.incremental)
                print(
                    f"  indexer path (embeddings_index, live index): {stored} in {seconds:.1f} s "
                    f"= {stored / seconds:.0f}/s"
                )
        if not options.wall_only:
            _measure(learners, provider, options.queries, options.top, options.ef_search)
        print(f"  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        _wall(learners, provider, options.queries, options.top)
        print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        stop_embedded_services()


if __name__ == "__main__":
    main()
