"""Reads for learning: owned, filtered, ordered querysets in a constant number of queries."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, CharField, Count, F, FloatField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from pgvector.django import CosineDistance

from apps.accounts.models import User
from apps.learning.embeddings.base import EmbeddingError, provider_key
from apps.learning.embeddings.hybrid import MIN_SIMILARITY, TEXT_RANK_WEIGHTS, VECTOR_WEIGHT, reciprocal_rank_fusion
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.models import SEARCH_CONFIG, Course, Module, Note, Resource, Topic, UserResource
from maigie.ownership import get_owned_or_404, owned_by

MAX_RECOMMENDATION_TERMS = 50
RECOMMENDATION_CANDIDATES = 100  # per ranking (words, meaning) before fusion
logger = logging.getLogger(__name__)


def _ordered(queryset: QuerySet[Any], ordering: str | None, tie_breaker: str = "-pk") -> QuerySet[Any]:
    return queryset.order_by(ordering, tie_breaker) if ordering else queryset


# --- what the plan limits count (oldest first: the newest past a cap are read-only) ----------


def active_courses(*, user_id: Any) -> QuerySet[Course]:
    """The user's unarchived courses, counted by the ``active_courses`` limit."""
    return Course.objects.filter(user_id=user_id, archived=False).order_by("created_at", "pk")


def kept_notes(*, user_id: Any) -> QuerySet[Note]:
    """All the user's notes (archived ones too), counted by the ``notes`` limit."""
    return Note.objects.filter(user_id=user_id).order_by("created_at", "pk")


def kept_resources(*, user_id: Any) -> QuerySet[UserResource]:
    """The user's saved resources, counted by the ``resources`` limit."""
    return UserResource.objects.filter(user_id=user_id).order_by("saved_at", "pk")


# --- courses ---------------------------------------------------------------------------------


def course_list(
    *,
    user: User,
    archived: bool | None = False,
    difficulty: str | None = None,
    is_ai_generated: bool | None = None,
    search: str | None = None,
    ordering: str | None = "-created_at",
) -> QuerySet[Course]:
    """The user's courses with module and topic counts (one query a page)."""
    queryset = owned_by(Course.objects.all(), user=user)
    if archived is not None:
        queryset = queryset.filter(archived=archived)
    if difficulty:
        queryset = queryset.filter(difficulty=difficulty)
    if is_ai_generated is not None:
        queryset = queryset.filter(is_ai_generated=is_ai_generated)
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(description__icontains=search))
    queryset = queryset.annotate(
        module_count=Count("modules", distinct=True),
        topic_count=Count("modules__topics", distinct=True),
        completed_topic_count=Count("modules__topics", filter=Q(modules__topics__completed=True), distinct=True),
    )
    return _ordered(queryset, ordering)


def _outline_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "modules",
        queryset=Module.objects.order_by("order").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("order"))
        ),
    )


def course_get(*, user: User, pk: Any) -> Course:
    """One of the user's courses (404 otherwise), without its outline."""
    return get_owned_or_404(Course.objects.all(), user=user, pk=pk)


def course_detail(*, user: User, pk: Any) -> Course:
    """One of the user's courses with its ordered outline (three queries)."""
    return get_owned_or_404(Course.objects.prefetch_related(_outline_prefetch()), user=user, pk=pk)


def module_get(*, user: User, pk: Any) -> Module:
    """One of the user's modules, with its course."""
    return get_owned_or_404(Module.objects.select_related("course"), user=user, owner_path="course__user", pk=pk)


def module_detail(*, user: User, pk: Any) -> Module:
    """One of the user's modules with its ordered topics."""
    return get_owned_or_404(
        Module.objects.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("order"))),
        user=user,
        owner_path="course__user",
        pk=pk,
    )


def topic_get(*, user: User, pk: Any) -> Topic:
    """One of the user's topics, with its module and course."""
    return get_owned_or_404(
        Topic.objects.select_related("module__course"), user=user, owner_path="module__course__user", pk=pk
    )


# --- shared courses (apps/spaces/policy.py decides who may read them) -------------------------


def course_outline(*, pk: Any) -> Course:
    """A course with its ordered outline, whoever owns it (three queries); 404 if there is none."""
    return get_object_or_404(Course.objects.prefetch_related(_outline_prefetch()), pk=pk)


def module_with_course(*, pk: Any) -> Module:
    """A module with its course, whoever owns it; 404 if there is none."""
    return get_object_or_404(Module.objects.select_related("course"), pk=pk)


def topic_with_course(*, pk: Any) -> Topic:
    """A topic with its module and course, whoever owns it; 404 if there is none."""
    return get_object_or_404(Topic.objects.select_related("module__course"), pk=pk)


# --- notes -----------------------------------------------------------------------------------


def note_list(
    *,
    user: User,
    course: uuid.UUID | None = None,
    topic: uuid.UUID | None = None,
    archived: bool | None = False,
    tag: str | None = None,
    search: str | None = None,
    ordering: str | None = None,
) -> QuerySet[Note]:
    """The user's notes, filtered; with ``search``, ranked by full-text relevance with a snippet."""
    queryset = owned_by(Note.objects.all(), user=user)
    if course is not None:
        queryset = queryset.filter(course_id=course)
    if topic is not None:
        queryset = queryset.filter(topic_id=topic)
    if archived is not None:
        queryset = queryset.filter(archived=archived)
    if tag:
        queryset = queryset.filter(tags__contains=[tag.strip().lower()])
    if search:
        query = SearchQuery(search, search_type="websearch", config=SEARCH_CONFIG)
        queryset = queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query),
            snippet=SearchHeadline(
                "content",
                query,
                config=SEARCH_CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=35,
                min_words=15,
                max_fragments=2,
            ),
        )
        return _ordered(queryset, ordering or "-rank")
    return _ordered(queryset, ordering or "-updated_at")


def note_get(*, user: User, pk: Any) -> Note:
    """One of the user's notes (404 otherwise)."""
    return get_owned_or_404(Note.objects.all(), user=user, pk=pk)


# --- resources -------------------------------------------------------------------------------


def resource_catalog(
    *,
    type: str | None = None,
    difficulty: str | None = None,
    search: str | None = None,
    ordering: str | None = None,
) -> QuerySet[Resource]:
    """The curated catalog, filtered; with ``search``, ranked by full-text relevance."""
    queryset = Resource.objects.filter(curated=True)
    if type:
        queryset = queryset.filter(type=type)
    if difficulty:
        queryset = queryset.filter(difficulty=difficulty)
    if search:
        query = SearchQuery(search, search_type="websearch", config=SEARCH_CONFIG)
        queryset = queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        return _ordered(queryset, ordering or "-rank")
    return _ordered(queryset, ordering or "-created_at")


def saved_resource_list(
    *,
    user: User,
    completed: bool | None = None,
    type: str | None = None,
    ordering: str | None = None,
) -> QuerySet[UserResource]:
    """The user's saved resources with their catalog entries (one query a page)."""
    queryset = owned_by(UserResource.objects.select_related("resource"), user=user)
    if completed is not None:
        queryset = queryset.filter(completed=completed)
    if type:
        queryset = queryset.filter(resource__type=type)
    return _ordered(queryset, ordering or "-saved_at")


def saved_resource_get(*, user: User, pk: Any) -> UserResource:
    """One of the user's saved resources (404 otherwise)."""
    return get_owned_or_404(UserResource.objects.select_related("resource"), user=user, pk=pk)


def _recommendation_terms(user: User) -> list[tuple[str, str]]:
    """``(text to match, reason)`` from the user's active courses and their unfinished topics."""
    terms: list[tuple[str, str]] = []
    topics = (
        Topic.objects.filter(module__course__user=user, module__course__archived=False, completed=False)
        .select_related("module__course")
        .order_by("module__course__created_at", "module__order", "order")[:MAX_RECOMMENDATION_TERMS]
    )
    for topic in topics:
        terms.append((topic.title, f'Matches topic "{topic.title}" in your course "{topic.module.course.title}"'))
    courses = Course.objects.filter(user=user, archived=False, progress__lt=100).order_by("-created_at")
    for title in courses.values_list("title", flat=True)[:MAX_RECOMMENDATION_TERMS]:
        terms.append((title, f'Matches your course "{title}"'))
    return terms


def resource_recommendations(*, user: User) -> QuerySet[Resource]:
    """Catalog resources matching the user's active courses and topics by words or meaning, best first, each
    with a reason.

    Each course title and unfinished topic title is a full-text query and, embedded, a vector query
    against the resources' vectors (``ResourceEmbedding`` of the current embedder, similarity at least
    ``MIN_SIMILARITY``); the two rankings are fused (reciprocal rank fusion, as search). ``reason``
    names the first term whose words match, else the term closest in meaning. Resources the user has
    completed are left out. Without an embedder (it failed), words alone rank.
    """
    terms = _recommendation_terms(user)
    if not terms:
        return Resource.objects.none()
    queries = [(SearchQuery(text, search_type="plain", config=SEARCH_CONFIG), reason) for text, reason in terms]
    combined = queries[0][0]
    for query, _ in queries[1:]:
        combined |= query
    completed = UserResource.objects.filter(user=user, completed=True).values("resource_id")
    catalog = Resource.objects.filter(curated=True).exclude(pk__in=completed)
    by_words = list(
        catalog.filter(search_vector=combined)
        .annotate(
            rank=SearchRank(F("search_vector"), combined),
            reason=Case(
                *(When(search_vector=query, then=Value(reason)) for query, reason in queries),
                output_field=CharField(),
            ),
        )
        .order_by("-rank", "-pk")
        .values_list("pk", "reason")[:RECOMMENDATION_CANDIDATES]
    )
    by_meaning = _resources_by_meaning(catalog, terms)
    reasons = dict(by_meaning) | dict(by_words)
    fused = reciprocal_rank_fusion(
        [[pk for pk, _ in by_words], [pk for pk, _ in by_meaning]], weights=[1.0, VECTOR_WEIGHT]
    )
    ranked = sorted(fused, key=lambda pk: (-fused[pk], str(pk)))
    if not ranked:
        return Resource.objects.none()
    return (
        Resource.objects.filter(pk__in=ranked)
        .annotate(
            reason=Case(*(When(pk=pk, then=Value(reasons[pk])) for pk in ranked), output_field=CharField()),
            rank=Case(*(When(pk=pk, then=Value(round(fused[pk], 6))) for pk in ranked), output_field=FloatField()),
        )
        .order_by("-rank", "pk")
    )


def _resources_by_meaning(catalog: QuerySet[Resource], terms: list[tuple[str, str]]) -> list[tuple[Any, str]]:
    """``(resource id, reason)`` of the catalog resources closest in meaning to the terms, best first.

    One query: the terms' mean vector finds the candidates; each one's reason is its closest term.
    """
    try:
        provider = embedding_provider()
        vectors = np.array(provider.embed([text for text, _ in terms]), dtype=np.float64)
    except EmbeddingError:
        logger.warning("recommendations by meaning unavailable, by words only", exc_info=True)
        return []
    norms = np.linalg.norm(vectors, axis=1)
    usable = norms > 0
    if not usable.any():
        return []
    unit = vectors[usable] / norms[usable, None]
    reasons = [reason for (_, reason), ok in zip(terms, usable, strict=True) if ok]
    interest = unit.mean(axis=0)
    rows = (
        catalog.filter(embedding__provider=provider_key(provider))
        .annotate(distance=CosineDistance("embedding__vector", interest.tolist()))
        .order_by("distance", "pk")
        .values_list("pk", "embedding__vector")[:RECOMMENDATION_CANDIDATES]
    )
    found = []
    for pk, vector in rows:
        resource = np.asarray(vector, dtype=np.float64)
        similarities = unit @ (resource / (np.linalg.norm(resource) or 1.0))
        best = int(similarities.argmax())
        if similarities[best] >= MIN_SIMILARITY:
            found.append((pk, reasons[best].replace("Matches", "Close in meaning to", 1)))
    return found


# --- activity figures (read by planning's analytics) ---------------------------------------


def activity_moments(*, user: User, start: datetime, end: datetime) -> list[QuerySet[Any, tuple[str, datetime]]]:
    """``(metric, moment)`` rows of the topics ``user`` completed and the notes they created in [``start``,
    ``end``): one query each, to be combined (``union``) with the caller's own."""
    text = CharField()
    return [
        Topic.objects.filter(module__course__user=user, completed=True, completed_at__gte=start, completed_at__lt=end)
        .annotate(metric=Value("topics_completed", output_field=text), moment=F("completed_at"))
        .values_list("metric", "moment"),
        Note.objects.filter(user=user, created_at__gte=start, created_at__lt=end)
        .annotate(metric=Value("notes_created", output_field=text), moment=F("created_at"))
        .values_list("metric", "moment"),
    ]


def learning_active_users(*, since: datetime) -> QuerySet[User]:
    """Users who completed a topic or created a note since ``since``."""
    completed = Topic.objects.filter(completed=True, completed_at__gte=since).values("module__course__user_id")
    noted = Note.objects.filter(created_at__gte=since).values("user_id")
    return User.objects.filter(Q(pk__in=completed) | Q(pk__in=noted))


# --- semantic search -------------------------------------------------------------------------


SEMANTIC_MATCHES = 200  # the most matches a search by meaning returns (pages included)


@dataclass(frozen=True)
class Nearest:
    """One of :func:`nearest_objects`' matches: a note or a topic and its cosine similarity."""

    kind: str
    id: uuid.UUID
    title: str
    summary: str  # a note's summary ("" for a topic)
    text: str  # the first ``text_chars`` of the note's or topic's text
    course_id: uuid.UUID | None
    similarity: float


# One statement, its text fixed (only values are bound): the query vector parsed once, the nearest
# ids from the learner's vectors alone (per-user btree, exact distances), then those rows joined.
_NEAREST_SQL = """
WITH asked AS (SELECT %(vector)s::vector AS v),
nearest AS (
    SELECT e.note_id, e.topic_id, e.vector <=> asked.v AS distance, e.id
    FROM learning_embedding e CROSS JOIN asked
    WHERE e.user_id = %(user)s AND e.provider = %(provider)s AND (%(kind)s::text IS NULL OR e.kind = %(kind)s)
      AND (e.note_id IS NULL OR e.note_id NOT IN (
          SELECT id FROM learning_note WHERE user_id = %(user)s AND archived))
      AND (e.topic_id IS NULL OR e.topic_id NOT IN (
          SELECT t.id FROM learning_topic t JOIN learning_module m ON m.id = t.module_id
          JOIN learning_course c ON c.id = m.course_id WHERE c.user_id = %(user)s AND c.archived))
      AND e.vector <=> asked.v < %(ceiling)s
    ORDER BY distance, e.id
    LIMIT %(limit)s
)
SELECT CASE WHEN n.id IS NULL THEN 'topic' ELSE 'note' END, COALESCE(n.id, t.id), COALESCE(n.title, t.title),
       COALESCE(n.summary, ''), left(COALESCE(n.content, t.content), %(chars)s), COALESCE(n.course_id, m.course_id),
       1 - nearest.distance
FROM nearest
LEFT JOIN learning_note n ON n.id = nearest.note_id
LEFT JOIN learning_topic t ON t.id = nearest.topic_id
LEFT JOIN learning_module m ON m.id = t.module_id
ORDER BY nearest.distance, nearest.id
"""


def nearest_objects(
    *,
    user: User,
    vector: list[float],
    provider: str,
    kind: str | None = None,
    min_score: float = 0.0,
    limit: int = SEMANTIC_MATCHES,
    text_chars: int = 1200,
) -> list[Nearest]:
    """The user's ``limit`` notes (unarchived) and topics (of unarchived courses) nearest to ``vector``, as rows.

    Only vectors of the ``provider`` that embedded the query are compared; ``similarity`` is the
    cosine similarity, and matches scoring ``min_score`` or less are left out. One SQL statement
    whose text is fixed (no query compiled, no model instance built per request), in two steps:
    the nearest ids from the embeddings table alone (the learner's rows through the per-user
    btree, exact distances, only ids sorted; archived objects excluded by id), then only those
    rows joined to their notes and topics (docs/search.md, "At scale" and "Wall clock").
    """
    if not user.is_authenticated:
        return []
    literal = "[" + ",".join(repr(float(x)) for x in vector) + "]"
    params: dict[str, str | float | int | uuid.UUID | None] = {
        "vector": literal,
        "user": user.pk,
        "provider": provider,
        "kind": kind,
        "ceiling": 1.0 - min_score,
        "limit": limit,
        "chars": text_chars,
    }
    with connection.cursor() as cursor:
        cursor.execute(_NEAREST_SQL, params)
        return [Nearest(*row) for row in cursor.fetchall()]


@dataclass(frozen=True)
class WordMatch:
    """One of :func:`note_word_matches`: a note, its full-text rank and the share of the query's words it holds."""

    id: uuid.UUID
    title: str
    summary: str
    text: str
    course_id: uuid.UUID | None
    rank: float
    share: float


# The learner's unarchived notes are read through the per-user btree (``OFFSET 0`` keeps the word
# match out of the subquery, so the planner cannot AND in the GIN index over every learner's notes,
# which costs more the more learners there are), then matched and ranked. ``share``: the query's
# distinct stemmed words the note holds, over their number.
_NOTE_WORDS_SQL = """
WITH asked AS (SELECT to_tsquery(%(config)s::regconfig, %(terms)s) AS q,
                      tsvector_to_array(to_tsvector(%(config)s::regconfig, %(text)s)) AS words)
SELECT n.id, n.title, n.summary, left(n.content, %(chars)s), n.course_id,
       ts_rank(%(weights)s::real[], n.search_vector, asked.q),
       (length(n.search_vector) - length(ts_delete(n.search_vector, asked.words)))::float
       / greatest(cardinality(asked.words), 1)
FROM (SELECT id, title, summary, content, course_id, search_vector FROM learning_note
      WHERE user_id = %(user)s AND NOT archived OFFSET 0) n CROSS JOIN asked
WHERE n.search_vector @@ asked.q
ORDER BY 6 DESC, n.id
LIMIT %(limit)s
"""


def note_word_matches(*, user: User, terms: str, text: str, limit: int, text_chars: int = 1200) -> list[WordMatch]:
    """The user's unarchived notes matching the raw tsquery ``terms`` (``any_word_query(text)``), best rank first.

    One fixed statement (no ORM compiling, plain rows) for the search's hot path; the rank is
    ``ts_rank`` with ``TEXT_RANK_WEIGHTS`` (title and text alike), the weights of the hybrid search.
    """
    if not terms or not user.is_authenticated:
        return []
    params: dict[str, str | int | list[float] | uuid.UUID] = {
        "config": SEARCH_CONFIG,
        "terms": terms,
        "text": text,
        "chars": text_chars,
        "weights": list(TEXT_RANK_WEIGHTS),
        "user": user.pk,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(_NOTE_WORDS_SQL, params)
        return [WordMatch(*row) for row in cursor.fetchall()]
