"""One search over everything a learner keeps: notes, topics, saved resources and material passages.

Each kind is ranked twice, by PostgreSQL full-text rank over an any-word query and by cosine
similarity to the query's vector (only vectors of the embedder that embedded the query, above
``MIN_SIMILARITY``), and the two are fused by score (``coverage_fusion``: similarity plus a share
of the query's words the match holds, when it holds most of them). Everything is owner-scoped, except that
material passages include materials shared with the learner in a study space
(``selectors.readable_chunks``). When the embedder fails, the full-text ranking alone answers
(``by_meaning`` False).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F, FloatField, Func, Value
from pgvector.django import CosineDistance

from apps.accounts.models import User
from apps.assistant.context import PASSAGES
from apps.assistant.providers.base import Passage
from apps.learning.embeddings.base import EmbeddingError, provider_key
from apps.learning.embeddings.hybrid import (
    MIN_SIMILARITY,
    TEXT_RANK_WEIGHTS,
    any_word_query,
    coverage_fusion,
    score_fusion,
)
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.models import SEARCH_CONFIG, Topic, UserResource
from apps.learning.selectors import nearest_objects, note_word_matches
from apps.materials.models import MaterialChunk, MaterialStatus
from apps.materials.selectors import readable_chunks

logger = logging.getLogger(__name__)

TYPES = ("note", "topic", "resource", "material")
CANDIDATES = 50  # per kind and ranking: fused results come from these
SNIPPET_CHARS = 240
NOTE_TEXT = 1200  # what the assistant reads of a note found by meaning


@dataclass(frozen=True)
class Hit:
    """One search result; ``material``, ``chunk`` and ``page`` are set for material passages."""

    type: str
    id: Any
    title: str
    snippet: str
    score: float = 0.0
    similarity: float | None = None
    course_id: Any = None
    material: Any = None
    chunk: Any = None
    page: int | None = None
    start_ms: int | None = None  # a recording's passage
    text: str = ""  # the passage (material) or the start of the note, for the assistant to quote


@dataclass
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    by_meaning: bool = True


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"


class QueryShare(Func):
    """The share (0..1) of the query text's distinct stemmed words that a tsvector holds."""

    output_field = FloatField()

    def __init__(self, document: Any, text: str) -> None:
        super().__init__(document, Value(text))

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        document, text = self.get_source_expressions()
        doc_sql, doc_params = compiler.compile(document)
        text_sql, text_params = compiler.compile(text)
        words = f"tsvector_to_array(to_tsvector('{SEARCH_CONFIG}'::regconfig, {text_sql}))"
        held = f"(length({doc_sql}) - length(ts_delete({doc_sql}, {words})))::float"
        return f"({held} / greatest(cardinality({words}), 1))", (*doc_params, *doc_params, *text_params, *text_params)


# (ts_rank, share of the query's words held, hit)
WordHit = tuple[float, float, Hit]


def _full_text(user: User, types: Collection[str], text: str) -> list[WordHit]:
    terms = any_word_query(text)
    if not terms:
        return []
    query = SearchQuery(terms, search_type="raw", config=SEARCH_CONFIG)
    found: list[WordHit] = []
    if "note" in types:
        found += [
            (
                n.rank,
                n.share,
                Hit("note", n.id, n.title, _snippet(n.summary or n.text), course_id=n.course_id, text=n.text),
            )
            for n in note_word_matches(user=user, terms=terms, text=text, limit=CANDIDATES, text_chars=NOTE_TEXT)
        ]
    if "topic" in types:
        document = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
            "content", weight="B", config=SEARCH_CONFIG
        )
        topics = (
            Topic.objects.filter(module__course__user=user, module__course__archived=False)
            .annotate(document=document)
            .filter(document=query)
            .annotate(rank=SearchRank(F("document"), query, weights=TEXT_RANK_WEIGHTS))
            .annotate(share=QueryShare(F("document"), text))
            .select_related("module")
            .order_by("-rank", "pk")[:CANDIDATES]
        )
        found += [
            (t.rank, t.share, Hit("topic", t.pk, t.title, _snippet(t.content), course_id=t.module.course_id))
            for t in topics
        ]
    if "resource" in types:
        saved_document = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("description", weight="B", config=SEARCH_CONFIG)
            + SearchVector("resource__title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("resource__description", weight="B", config=SEARCH_CONFIG)
        )
        saved = (
            UserResource.objects.filter(user=user)
            .annotate(document=saved_document)
            .filter(document=query)
            .annotate(rank=SearchRank(F("document"), query, weights=TEXT_RANK_WEIGHTS))
            .annotate(share=QueryShare(F("document"), text))
            .select_related("resource")
            .order_by("-rank", "pk")[:CANDIDATES]
        )
        found += [(s.rank, s.share, _saved_hit(s)) for s in saved]
    if "material" in types:
        found += [
            (c.rank, c.share, _chunk_hit(c))
            for c in _chunks(user)
            .filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query, weights=TEXT_RANK_WEIGHTS))
            .annotate(share=QueryShare(F("search_vector"), text))
            .order_by("-rank", "pk")[:CANDIDATES]
        ]
    return found


def _saved_hit(saved: UserResource, similarity: float | None = None) -> Hit:
    """A saved resource under the learner's own title and description (else the catalog's)."""
    title = saved.title or saved.resource.title
    snippet = _snippet(saved.description or saved.resource.description)
    return Hit("resource", saved.pk, title, snippet, similarity=similarity)


def _chunks(user: User) -> Any:
    return (
        readable_chunks(user=user)
        .filter(material__status=MaterialStatus.READY)
        .select_related("material")
        .defer("vector", "search_vector", "material__error")
    )


def _chunk_hit(chunk: MaterialChunk, similarity: float | None = None) -> Hit:
    return Hit(
        "material",
        chunk.pk,
        chunk.material.title,
        _snippet(chunk.text),
        similarity=similarity,
        text=chunk.text,
        course_id=chunk.material.course_id,
        material=chunk.material_id,
        chunk=chunk.pk,
        page=chunk.page,
        start_ms=chunk.start_ms,
    )


def _by_vector(user: User, types: Collection[str], vector: list[float], key: str) -> list[tuple[float, Hit]]:
    floor = 1.0 - MIN_SIMILARITY
    found: list[tuple[float, Hit]] = []
    kinds = [kind for kind in ("note", "topic") if kind in types]
    if kinds:
        rows = nearest_objects(
            user=user,
            vector=vector,
            provider=key,
            kind=None if len(kinds) == 2 else kinds[0],
            min_score=MIN_SIMILARITY,
            limit=CANDIDATES,
            text_chars=NOTE_TEXT,
        )
        for row in rows:
            snippet = _snippet(row.summary or row.text)
            text = row.text if row.kind == "note" else ""
            hit = Hit(
                row.kind, row.id, row.title, snippet, similarity=row.similarity, course_id=row.course_id, text=text
            )
            found.append((row.similarity, hit))
    if "resource" in types:
        saved = (
            UserResource.objects.filter(user=user, resource__embedding__provider=key)
            .annotate(distance=CosineDistance("resource__embedding__vector", vector))
            .filter(distance__lt=floor)
            .select_related("resource")
            .order_by("distance", "pk")[:CANDIDATES]
        )
        found += [(1.0 - s.distance, _saved_hit(s, 1.0 - s.distance)) for s in saved]
    if "material" in types:
        nearest_ids = (  # ids from the passages' own rows first, then only those rows loaded (as notes)
            readable_chunks(user=user)
            .filter(material__status=MaterialStatus.READY, provider=key)
            .annotate(distance=CosineDistance("vector", vector))
            .filter(distance__lt=floor)
            .order_by("distance", "pk")
            .values("pk")[:CANDIDATES]
        )
        chunks = (
            _chunks(user)
            .filter(pk__in=nearest_ids)
            .annotate(distance=CosineDistance("vector", vector))
            .order_by("distance", "pk")
        )
        found += [(1.0 - c.distance, _chunk_hit(c, 1.0 - c.distance)) for c in chunks]
    return found


def search(*, user: User, query: str, types: Collection[str] = TYPES, limit: int = 20) -> SearchResult:
    """The user's best ``limit`` matches for ``query`` among ``types``, by fused score.

    With vectors: similarity plus ``COVERAGE_WEIGHT`` x the share of the query's words a match holds
    when it holds at least ``COVERAGE_FLOOR`` of them (``coverage_fusion``); without (the embedder failed, or
    the query has no vector): the min-max scaled full-text rank (``score_fusion``). Ties go to the
    better full-text rank.
    """
    full = sorted(_full_text(user, types, query), key=lambda word_hit: -word_hit[0])
    result = SearchResult()
    nearest: list[tuple[float, Hit]] = []
    vector: list[float] = []
    try:
        provider = embedding_provider()
        [vector] = provider.embed([query])
        if any(vector):
            nearest = sorted(_by_vector(user, types, vector, provider_key(provider)), key=lambda pair: -pair[0])
    except EmbeddingError:
        logger.warning("search by meaning unavailable, full-text only", exc_info=True)
        result.by_meaning = False
    hits: dict[tuple[str, Any], Hit] = {}
    for _, _, hit in full:
        hits.setdefault((hit.type, hit.id), hit)
    for similarity, hit in nearest:
        hits[(hit.type, hit.id)] = (
            hit if (hit.type, hit.id) not in hits else _with(hits[(hit.type, hit.id)], similarity)
        )
    ranks = {(h.type, h.id): rank for rank, _, h in full}
    if result.by_meaning and any(vector):
        fused = coverage_fusion(
            {(h.type, h.id): share for _, share, h in full}, {(h.type, h.id): sim for sim, h in nearest}
        )
    else:
        fused = score_fusion(ranks, {})
    ranked = sorted(fused, key=lambda item: (-fused[item], -ranks.get(item, 0.0), str(item)))[:limit]
    result.hits = [_scored(hits[item], fused[item]) for item in ranked]
    return result


def _with(hit: Hit, similarity: float) -> Hit:
    return Hit(**{**hit.__dict__, "similarity": similarity})


def _scored(hit: Hit, score: float) -> Hit:
    return Hit(**{**hit.__dict__, "score": round(score, 6)})


def passages(
    user: User, question: str, *, types: Collection[str] = ("note", "material"), by_words: bool = False
) -> list[Passage]:
    """The assistant's retriever: the learner's notes and material passages close in meaning to ``question``.

    ``by_words`` also keeps those full-text found alone (similarity 0: the embedder is down, or an exact
    word the model ranks low), for a search the learner asked for. The slots are filled from the hits
    kept: notes found by words alone cannot crowd out the ones found by meaning.
    """
    found = search(user=user, query=question, types=types, limit=CANDIDATES).hits  # kept ones fill the slots
    kept = [hit for hit in found if (hit.similarity is not None or by_words) and hit.text][: PASSAGES * 2]
    return [
        Passage(
            type=hit.type,
            id=str(hit.material or hit.id),
            title=hit.title,
            text=hit.text,
            similarity=hit.similarity or 0.0,
            page=hit.page,
            start_ms=hit.start_ms,
            chunk=str(hit.chunk) if hit.chunk else None,
        )
        for hit in kept
    ]
