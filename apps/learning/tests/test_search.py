"""Semantic search: the embedding indexer (after commit, real worker, sweep, command) and the endpoint."""

from __future__ import annotations

import io
import math
import time

import numpy as np
import pytest
from django.core.management import call_command
from django.db.models import Q

from apps.accounts.models import Tier
from apps.accounts.services.users import user_set_tier
from apps.assistant.tests.openai_server import FakeOpenAI
from apps.learning import selectors, services
from apps.learning.embeddings.base import provider_key
from apps.learning.embeddings.hybrid import (
    COVERAGE_FLOOR,
    COVERAGE_GAP,
    COVERAGE_WEIGHT,
    TEXT_WEIGHT,
    any_word_query,
    coverage_fusion,
    score_fusion,
)
from apps.learning.embeddings.indexing import content_hash, embeddings_index, embeddings_stale, note_text
from apps.learning.embeddings.minilm import MiniLMEmbeddings
from apps.learning.models import Embedding, EmbeddingKind, Note
from apps.learning.tasks import sweep_embeddings
from apps.learning.tests.factories import CourseFactory, ModuleFactory, NoteFactory, TopicFactory
from maigie.celery import app as celery_app

OFFLINE = provider_key(MiniLMEmbeddings())
URL = "/api/v1/search/semantic"
PHOTOSYNTHESIS = "Photosynthesis in plants: leaves turn light into chemical energy and store it as sugar."
REVOLUTION = "The French Revolution began in 1789 with the storming of the Bastille."
QUERY = "how do plants make energy from light"


class CountingEmbeddings(MiniLMEmbeddings):
    """The offline embedder, counting the texts it was asked to embed."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts):
        self.texts.extend(texts)
        return super().embed(texts)


@pytest.fixture
def premium(user):
    return user_set_tier(user=user, tier=Tier.PREMIUM_MONTHLY, reason="test")


@pytest.fixture
def eager():
    """Tasks enqueued after commit run at once in this process (Celery's documented eager mode)."""
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = False, False


def note(user, title: str, content: str = "") -> Note:
    created = NoteFactory.create(user=user, title=title, content=content)
    embeddings_index(kind=EmbeddingKind.NOTE, ids=[created.pk])
    return created


# --- indexing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_indexing_stores_the_vector_with_its_embedder_and_hash_and_skips_unchanged_text(user):
    created = NoteFactory.create(user=user, title="Plants", content=PHOTOSYNTHESIS)
    counting = CountingEmbeddings()

    first = embeddings_index(kind=EmbeddingKind.NOTE, ids=[created.pk], provider=counting)
    again = embeddings_index(kind=EmbeddingKind.NOTE, ids=[str(created.pk)], provider=counting)

    stored = Embedding.objects.get(note=created)
    assert (first, again, len(counting.texts)) == (1, 0, 1)
    assert (stored.user, stored.kind, stored.provider) == (user, "note", OFFLINE)
    assert stored.content_hash == content_hash(note_text(created))
    assert list(stored.vector) == pytest.approx(MiniLMEmbeddings().embed([note_text(created)])[0], abs=1e-6)

    Note.objects.filter(pk=created.pk).update(content="Chlorophyll absorbs light.")
    assert embeddings_index(kind=EmbeddingKind.NOTE, ids=[created.pk], provider=counting) == 1
    assert Embedding.objects.filter(note=created).count() == 1
    assert counting.texts[-1] == "Plants\n\nChlorophyll absorbs light."


@pytest.mark.django_db
def test_indexing_skips_missing_objects_and_keeps_no_vector_for_text_without_words(user):
    empty = TopicFactory.create(module__course__user=user, title="…", content="")

    assert embeddings_index(kind=EmbeddingKind.TOPIC, ids=[empty.pk, "6f1c1c1e-0000-4000-8000-000000000000"]) == 0
    assert not Embedding.objects.exists()


@pytest.mark.django_db
def test_note_writes_enqueue_the_indexer_after_commit(user, eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = services.note_create(user=user, title="Plants", content=PHOTOSYNTHESIS)
    assert Embedding.objects.get(note=created).content_hash == content_hash(note_text(created))

    indexed_at = Embedding.objects.get(note=created).indexed_at
    with django_capture_on_commit_callbacks(execute=True):
        services.note_update(note=created, data={"tags": ["biology"]})
    assert Embedding.objects.get(note=created).indexed_at == indexed_at  # not even checked again

    with django_capture_on_commit_callbacks(execute=True):
        services.note_update(note=created, data={"content": "Chlorophyll absorbs red and blue light."})
    created.refresh_from_db()
    assert Embedding.objects.get(note=created).content_hash == content_hash(note_text(created))


@pytest.mark.django_db
def test_course_outline_and_topic_writes_index_the_topics(user, eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        course = services.course_create(
            user=user,
            title="Biology",
            modules=[{"title": "Plants", "topics": [{"title": "Photosynthesis"}, {"title": "Respiration"}]}],
        )
    module = course.modules.get()
    assert set(Embedding.objects.filter(kind="topic").values_list("topic__title", flat=True)) == {
        "Photosynthesis",
        "Respiration",
    }

    with django_capture_on_commit_callbacks(execute=True):
        topic = services.topic_create(module=module, title="Transpiration")
        services.topic_update(topic=topic, data={"content": "Water leaves through the stomata."})
    stored = Embedding.objects.get(topic=topic)
    assert stored.user == user
    assert stored.content_hash == content_hash("Transpiration\n\nWater leaves through the stomata.")


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_indexes_a_new_note(user, celery_worker_process):
    created = services.note_create(user=user, title="Plants", content=PHOTOSYNTHESIS)

    deadline = time.monotonic() + 30
    while not Embedding.objects.filter(note=created).exists() and time.monotonic() < deadline:
        time.sleep(0.2)

    assert Embedding.objects.get(note=created).provider == OFFLINE


@pytest.mark.django_db
def test_sweep_indexes_what_is_missing_changed_or_from_another_embedder(user):
    missing = NoteFactory.create(user=user, title="Missing")
    changed = note(user, "Changed")
    other = note(user, "Other embedder")
    current = note(user, "Current")
    Embedding.objects.filter(note=other).update(provider="openai:text-embedding-3-small")
    services.note_update(note=changed, data={"content": "New text."})
    topic = TopicFactory.create(module__course__user=user, title="Topic")

    assert set(embeddings_stale(kind="note")) == {missing.pk, changed.pk, other.pk}
    assert sweep_embeddings() == {"note": 3, "topic": 1, "resource": 0}
    assert sweep_embeddings() == {"note": 0, "topic": 0, "resource": 0}
    assert Embedding.objects.filter(provider=OFFLINE).count() == 5
    assert Embedding.objects.filter(topic=topic).exists()
    assert current.pk not in embeddings_stale(kind="note")


@pytest.mark.django_db
def test_sweep_stores_batch_after_batch_until_its_time_is_up(user, monkeypatch):
    from apps.learning import tasks

    notes = [NoteFactory.create(user=user, title=f"Note {n}") for n in range(5)]
    NoteFactory.create(user=user, title="", content="", summary="")  # nothing to embed: tried once, not forever
    monkeypatch.setattr(tasks, "SWEEP_BATCH", 2)

    assert sweep_embeddings()["note"] == 5
    assert Embedding.objects.filter(note__in=notes, provider=OFFLINE).count() == 5

    NoteFactory.create_batch(3, user=user)
    monkeypatch.setattr(tasks, "SWEEP_SECONDS", 0)
    assert sweep_embeddings()["note"] == 0  # no time left: nothing started


@pytest.mark.django_db
def test_reindex_command_backfills_and_force_embeds_again(user, other_user):
    NoteFactory.create(user=user, title="Mine")
    NoteFactory.create(user=other_user, title="Theirs")
    TopicFactory.create(module__course__user=user, title="Topic")
    out = io.StringIO()

    call_command("reindex_embeddings", stdout=out)
    call_command("reindex_embeddings", "--kind", "note", stdout=out)
    call_command("reindex_embeddings", "--kind", "note", "--user", user.email, "--force", stdout=out)

    assert out.getvalue().splitlines() == [
        f"embedder: {OFFLINE}",
        "notes: 2 checked, 2 embedded",
        "topics: 1 checked, 1 embedded",
        "resources: 0 checked, 0 embedded",
        "materials: 0 checked, 0 passages embedded",
        f"embedder: {OFFLINE}",
        "notes: 2 checked, 0 embedded",
        f"embedder: {OFFLINE}",
        "notes: 1 checked, 1 embedded",
    ]
    assert Embedding.objects.count() == 3


# --- the endpoint ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_related_note_ranks_first_and_unrelated_ones_are_left_out(auth_client, premium):
    plants = note(premium, "Photosynthesis", PHOTOSYNTHESIS)
    note(premium, "History", REVOLUTION)
    light = note(premium, "Light", "Light is an electromagnetic wave.")

    response = auth_client.get(URL, {"q": QUERY})

    assert response.status_code == 200, response.content
    body = response.json()
    assert [(r["kind"], r["id"]) for r in body["results"]] == [("note", str(plants.pk)), ("note", str(light.pk))]
    first = body["results"][0]
    assert first["title"] == "Photosynthesis"
    assert first["snippet"] == PHOTOSYNTHESIS
    assert 0.3 < first["score"] <= 1.0
    assert body["count"] == 2


@pytest.mark.django_db
def test_low_min_score_lists_every_positive_match_in_order(auth_client, premium):
    note(premium, "Photosynthesis", PHOTOSYNTHESIS)
    note(premium, "Plants", "Plants grow towards light.")
    note(premium, "History", REVOLUTION)

    results = auth_client.get(URL, {"q": QUERY, "min_score": 0}).json()["results"]

    assert {r["title"] for r in results[:2]} == {"Photosynthesis", "Plants"}
    assert all(r["score"] > 0 for r in results)
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


@pytest.mark.django_db
def test_topics_and_notes_by_kind_with_their_course(auth_client, premium):
    course = CourseFactory.create(user=premium)
    topic = TopicFactory.create(module=ModuleFactory.create(course=course), title="Plants and light energy")
    embeddings_index(kind=EmbeddingKind.TOPIC, ids=[topic.pk])
    plants = note(premium, "Photosynthesis", PHOTOSYNTHESIS)

    both = auth_client.get(URL, {"q": QUERY}).json()["results"]
    topics = auth_client.get(URL, {"q": QUERY, "kind": "topic"}).json()["results"]

    assert {(r["kind"], r["id"]) for r in both} == {("topic", str(topic.pk)), ("note", str(plants.pk))}
    assert topics == [
        {
            "kind": "topic",
            "id": str(topic.pk),
            "title": "Plants and light energy",
            "snippet": "",
            "course_id": str(course.pk),
            "score": topics[0]["score"],
        }
    ]


@pytest.mark.django_db
def test_archived_notes_and_courses_are_not_searched(auth_client, premium):
    archived = note(premium, "Photosynthesis", PHOTOSYNTHESIS)
    services.note_update(note=archived, data={"archived": True})
    course = CourseFactory.create(user=premium, archived=True)
    topic = TopicFactory.create(module=ModuleFactory.create(course=course), title="Plants and light")
    embeddings_index(kind=EmbeddingKind.TOPIC, ids=[topic.pk])

    assert auth_client.get(URL, {"q": QUERY}).json()["count"] == 0


@pytest.mark.django_db
def test_another_users_notes_never_appear(auth_client, premium, other_user):
    note(other_user, "Photosynthesis", PHOTOSYNTHESIS)
    TopicFactory.create(module__course__user=other_user, title="Plants and light energy")
    call_command("reindex_embeddings", stdout=io.StringIO())
    mine = note(premium, "My plants", "Plants need light.")

    results = auth_client.get(URL, {"q": QUERY, "min_score": 0}).json()["results"]

    assert [r["id"] for r in results] == [str(mine.pk)]


@pytest.mark.django_db
def test_the_free_plan_searches_by_meaning_too(auth_client, user):
    mine = note(user, "Photosynthesis", PHOTOSYNTHESIS)

    response = auth_client.get(URL, {"q": QUERY})

    assert response.status_code == 200
    assert response.json()["results"][0]["id"] == str(mine.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x", "kind": "course"}, {"q": "x", "min_score": 2}])
def test_bad_queries_are_400(auth_client, premium, params):
    response = auth_client.get(URL, params)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.django_db
def test_a_query_without_words_finds_nothing(auth_client, premium):
    note(premium, "Photosynthesis", PHOTOSYNTHESIS)

    assert auth_client.get(URL, {"q": "?!"}).json() == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.django_db
@pytest.mark.parametrize("notes", [1, 12])
def test_query_count_is_constant(auth_client, premium, django_assert_max_num_queries, notes):
    course = CourseFactory.create(user=premium)
    for n in range(notes):
        created = NoteFactory.create(user=premium, title=f"Plants {n}", content=PHOTOSYNTHESIS, course=course)
        topic = TopicFactory.create(module__course=course, title=f"Light {n}")
        embeddings_index(kind=EmbeddingKind.NOTE, ids=[created.pk])
        embeddings_index(kind=EmbeddingKind.TOPIC, ids=[topic.pk])

    with django_assert_max_num_queries(3):  # user, plan tier, the matches (paged in Python)
        response = auth_client.get(URL, {"q": QUERY, "page_size": 50})

    assert response.json()["count"] == 2 * notes


# --- through the OpenAI-compatible provider --------------------------------------------------


@pytest.fixture
def online(settings):
    with FakeOpenAI() as server:
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = server.base_url
        settings.OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"
        settings.OPENAI_MAX_RETRIES = 0
        yield server


@pytest.mark.django_db
def test_search_with_the_openai_provider_compares_only_its_own_vectors(auth_client, premium, online):
    offline_only = note(premium, "Plants", "plants light energy")  # indexed offline below, then online
    Embedding.objects.filter(note=offline_only).update(provider=OFFLINE)
    online_note = note(premium, "Plants online", "plants light energy")

    results = auth_client.get(URL, {"q": "plants light"}).json()["results"]

    assert [r["id"] for r in results] == [str(online_note.pk)]
    assert Embedding.objects.get(note=online_note).provider == "openai:text-embedding-3-small"
    assert online.embedding_requests[-1]["input"] == ["plants light"]
    assert embeddings_stale(kind="note") == [offline_only.pk]


def cosine(a, b) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.django_db
def test_nearest_objects_ranks_the_learners_kept_vectors_of_the_embedder_by_cosine_in_one_query(
    user, other_user, django_assert_num_queries
):
    course = CourseFactory.create(user=user)
    kept = [
        note(user, "Photosynthesis", PHOTOSYNTHESIS),
        note(user, "Plant cells", "Chloroplasts hold chlorophyll, which absorbs light for plants."),
        note(user, "Revolution", REVOLUTION),
    ]
    topic = TopicFactory.create(module=ModuleFactory.create(course=course), title="Plants and light", content="Leaves.")
    embeddings_index(kind=EmbeddingKind.TOPIC, ids=[topic.pk])
    services.note_update(note=note(user, "Light energy in plants", PHOTOSYNTHESIS), data={"archived": True})
    archived = CourseFactory.create(user=user, archived=True)
    hidden = TopicFactory.create(module=ModuleFactory.create(course=archived), title="Plants and light energy")
    embeddings_index(kind=EmbeddingKind.TOPIC, ids=[hidden.pk])
    note(other_user, "Photosynthesis", PHOTOSYNTHESIS)
    Embedding.objects.filter(note=kept[2]).update(provider="hashed:other")  # another embedder's vector
    [vector] = MiniLMEmbeddings().embed([QUERY])
    searchable = [  # what may be found: the learner's kept notes and topics with an offline vector
        (e.kind, e.note_id or e.topic_id, cosine(vector, e.vector))
        for e in Embedding.objects.filter(Q(note__in=kept[:2]) | Q(topic=topic))
    ]

    for kind, min_score, limit in [
        (None, 0.0, 10),
        (None, 0.0, 2),
        ("note", 0.0, 10),
        ("topic", 0.0, 10),
        (None, 0.5, 10),
    ]:
        expected = sorted(
            (m for m in searchable if (kind is None or m[0] == kind) and m[2] > min_score), key=lambda m: -m[2]
        )[:limit]
        with django_assert_num_queries(1):
            rows = selectors.nearest_objects(
                user=user, vector=vector, provider=OFFLINE, kind=kind, min_score=min_score, limit=limit, text_chars=5
            )
        assert [(r.kind, r.id, round(r.similarity, 5)) for r in rows] == [(k, i, round(c, 5)) for k, i, c in expected]
    assert len({round(m[2], 5) for m in searchable}) == 3  # no ties: the order is the cosine's
    rows = selectors.nearest_objects(user=user, vector=vector, provider=OFFLINE, text_chars=5)
    assert {r.id for r in rows} == {kept[0].pk, kept[1].pk, topic.pk}
    by_id = {r.id: r for r in rows}
    assert (by_id[topic.pk].title, by_id[topic.pk].text, by_id[topic.pk].course_id) == (
        "Plants and light",
        "Leave",
        course.pk,
    )
    assert (by_id[kept[0].pk].text, by_id[kept[0].pk].summary) == (PHOTOSYNTHESIS[:5], kept[0].summary)


@pytest.mark.django_db
def test_filtered_hnsw_scans_continue_until_the_limit_is_met():
    """Without it, an HNSW scan filtered to one learner returns a fraction of the matches (bench.search)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT '[1,0]'::vector <=> '[0,1]'::vector")  # loads pgvector in the session
        cursor.execute("SHOW hnsw.iterative_scan")
        assert cursor.fetchone() == ("strict_order",)


# --- fusion ----------------------------------------------------------------------------------


def test_score_fusion_adds_a_share_of_the_min_max_scaled_word_rank_to_the_similarity():
    fused = score_fusion({"a": 0.4, "b": 0.3, "d": 0.0}, {"b": 0.5, "c": 0.45}, weight=0.1)

    assert fused == pytest.approx({"a": 0.1, "b": 0.5 + 0.1 * 0.75, "c": 0.45, "d": 0.0})
    assert sorted(fused, key=lambda item: -fused[item]) == ["b", "c", "a", "d"]


def test_score_fusion_without_word_matches_ranks_by_meaning_alone():
    by_meaning = {"a": 0.3, "b": 0.6}

    assert score_fusion({}, by_meaning) == by_meaning
    assert score_fusion({"b": 0.05}, by_meaning) == pytest.approx({"a": 0.3, "b": 0.6 + TEXT_WEIGHT})  # a lone match
    assert score_fusion({"c": 0.2}, {}) == pytest.approx({"c": TEXT_WEIGHT})


def test_coverage_fusion_adds_the_share_held_above_the_floor_to_near_ties_by_meaning_only():
    fused = coverage_fusion(
        {"a": 1.0, "b": 0.5, "c": 0.2, "e": 1.0}, {"b": 0.5, "d": 0.55, "e": 0.4}, weight=0.2, floor=0.3, gap=0.1
    )

    # b: within 0.1 of the best (d, 0.55) and above the floor; e: 0.15 below the best; a: words only
    assert fused == pytest.approx({"a": 0.0, "b": 0.6, "c": 0.0, "d": 0.55, "e": 0.4})
    assert coverage_fusion({}, {"d": 0.4}) == {"d": 0.4}


def test_coverage_fusion_as_served_puts_matches_holding_most_of_the_words_first():
    by_meaning = {"best": 0.70, "most": 0.40, "few": 0.68}
    shares = {"most": 0.75, "few": 0.5, "words": 1.0, "one": 0.2}

    fused = coverage_fusion(shares, by_meaning)

    # most holds at least COVERAGE_FLOOR of the words, however far in meaning; few holds too little;
    # a match by words alone holding all of them counts too
    assert (COVERAGE_WEIGHT, COVERAGE_FLOOR) == (0.5, 0.7)
    assert math.isinf(COVERAGE_GAP)
    assert fused == pytest.approx({"best": 0.70, "most": 0.40 + 0.375, "few": 0.68, "words": 0.5, "one": 0.0})
    assert sorted(fused, key=lambda item: -fused[item]) == ["most", "best", "few", "words", "one"]


def test_ungated_coverage_fusion_is_session_7s():
    fused = coverage_fusion({"a": 1.0, "b": 0.5, "c": 0.2}, {"b": 0.5, "d": 0.4}, weight=0.2, floor=0.3, gap=math.inf)

    assert fused == pytest.approx({"a": 0.2, "b": 0.6, "c": 0.0, "d": 0.4})


@pytest.mark.django_db
def test_note_word_matches_rank_the_learners_unarchived_notes_with_their_share_of_the_query(
    user, other_user, django_assert_num_queries
):
    best = NoteFactory.create(user=user, title="Photosynthesis", content=PHOTOSYNTHESIS, summary="Sugar")
    weaker = NoteFactory.create(user=user, title="Light", content="Light travels fast.")
    NoteFactory.create(user=user, title="Photosynthesis again", content=PHOTOSYNTHESIS, archived=True)
    NoteFactory.create(user=other_user, title="Photosynthesis", content=PHOTOSYNTHESIS)
    NoteFactory.create(user=user, title="Revolution", content=REVOLUTION)
    text = "plants turn light into energy"

    with django_assert_num_queries(1):
        found = selectors.note_word_matches(user=user, terms=any_word_query(text), text=text, limit=10, text_chars=12)

    assert [m.id for m in found] == [best.pk, weaker.pk]
    assert [m.share for m in found] == pytest.approx([1.0, 1 / 4])  # plant, turn, light, energi
    assert (found[0].title, found[0].summary, found[0].text) == ("Photosynthesis", "Sugar", PHOTOSYNTHESIS[:12])
    assert found[0].rank > found[1].rank > 0
    assert selectors.note_word_matches(user=user, terms="", text="", limit=10) == []
