"""The read cache (maigie.cache): hits, invalidation by every kind of write, stampede safety, metrics."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from prometheus_client import REGISTRY
from rest_framework.test import APIClient

from apps.accounts.services.tokens import token_pair_for
from apps.accounts.services.users import user_update
from apps.accounts.tests.factories import UserFactory
from apps.learning.services import catalog_resource_create, course_create, course_delete, course_update, topic_complete
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.models import Task
from apps.planning.services.goals import goal_create, task_update
from apps.review.services import card_create, card_review, deck_create, exam_create
from maigie import cache
from maigie.realtime.registry import declared

pytestmark = pytest.mark.django_db(transaction=True)  # invalidation runs on commit


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.READ_CACHE_ENABLED = True


def hits(read: str, result: str = "hit") -> float:
    return REGISTRY.get_sample_value("maigie_cache_requests_total", {"read": read, "result": result}) or 0.0


@pytest.fixture
def learner() -> Any:
    return UserFactory.create(timezone="UTC")


@pytest.fixture
def client(learner: Any) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=learner)['access']}")
    return api


def test_every_realtime_event_is_classified():
    """A new event must say which cached reads it changes (or that it changes none)."""
    for event in declared():
        depends = [read.name for read in cache.READS.values() if read.depends(event)]
        assert bool(depends) != (event in cache.NO_CACHED_READ), event


def _course(learner: Any) -> Any:
    course = CourseFactory.create(user=learner, title="Organic chemistry")
    TopicFactory.create(module=ModuleFactory.create(course=course), title="Alkenes")
    return course


@pytest.mark.parametrize(
    "read",
    ["course_outline", "course_list", "goal_list", "analytics_summary", "today", "recommendations"],
)
def test_no_stale_read_after_a_write(read, learner, client, monkeypatch):
    """Each cached read: a miss, then a hit, then each write that changes it is visible on the next read."""
    course = _course(learner)
    topic = course.modules.get().topics.get()
    deck = deck_create(user=learner, title="Deck")
    in_ten_days = timezone.localdate() + dt.timedelta(days=10)
    url = {
        "course_outline": f"/api/v1/courses/{course.pk}/",
        "course_list": "/api/v1/courses/",
        "goal_list": "/api/v1/goals/",
        "analytics_summary": "/api/v1/analytics/summary",
        "today": "/api/v1/today",
        "recommendations": "/api/v1/resources/recommendations/",
    }[read]
    by_read: dict[str, list[tuple[Callable[[], Any], Callable[[dict[str, Any]], Any]]]] = {
        "course_outline": [
            (lambda: course_update(course=course, data={"title": "Organic chemistry II"}), lambda d: d["title"]),
            (lambda: topic_complete(topic=topic), lambda d: d["modules"][0]["topics"][0]["completed"]),
        ],
        "course_list": [
            (
                lambda: course_update(course=course, data={"title": "Organic chemistry II"}),
                lambda d: d["results"][0]["title"],
            ),
            (lambda: topic_complete(topic=topic), lambda d: d["results"][0]["completed_topic_count"]),
            (lambda: course_create(user=learner, title="Physics"), lambda d: [c["title"] for c in d["results"]]),
        ],
        "goal_list": [
            (
                lambda: goal_create(
                    user=learner, title="Pass the exam", course_id=course.pk, tasks=[{"title": "Past paper"}]
                ),
                lambda d: [g["title"] for g in d["results"]],
            ),
            (
                lambda: task_update(task=Task.objects.get(goal__user=learner), data={"completed": True}),
                lambda d: [g["progress"] for g in d["results"]],
            ),
            (lambda: course_delete(course=course), lambda d: [g["course_id"] for g in d["results"]]),
        ],
        "analytics_summary": [
            (lambda: goal_create(user=learner, title="Pass the exam"), lambda d: [g["title"] for g in d["goals"]]),
            (lambda: topic_complete(topic=topic), lambda d: d["today"]["topics_completed"]),
            (lambda: user_update(user=learner, timezone="Europe/Paris"), lambda d: d["timezone"]),
        ],
        "today": [
            (lambda: card_create(deck=deck, front="What is an alkene?", back="C=C"), lambda d: d["cards"]["due_now"]),
            (lambda: card_review(card=deck.cards.get(), rating=3), lambda d: d["cards"]["reviewed_today"]),
            (
                lambda: exam_create(user=learner, title="Final", date=in_ten_days, course_ids=[course.pk]),
                lambda d: [exam["title"] for exam in d["exams"]],
            ),
            (lambda: topic_complete(topic=topic), lambda d: [t["title"] for t in d["next_topics"]]),
        ],
        "recommendations": [
            (
                lambda: catalog_resource_create(
                    data={"url": "https://example.org/alkenes", "title": "Alkenes explained", "type": "ARTICLE"}
                ),
                lambda d: [r["title"] for r in d["results"]],
            ),
            (lambda: topic_complete(topic=topic), lambda d: [r["reason"] for r in d["results"]]),
        ],
    }
    writes = by_read[read]
    first = client.get(url)
    assert first.status_code == 200, first.content
    before_hits = hits(read)
    assert client.get(url).json() == first.json()
    assert hits(read) == before_hits + 1

    for write, figure in writes:
        stale = figure(client.get(url).json())
        write()
        fresh = client.get(url).json()
        assert fresh == _uncached(client, url, monkeypatch), write
        assert figure(fresh) != stale, write


def _uncached(client: APIClient, url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The answer computed now from the database, bypassing the cache."""
    with monkeypatch.context() as patch:
        patch.setattr(cache, "get_or_compute", lambda read, **kwargs: kwargs["compute"]())
        return client.get(url).json()


def test_a_value_computed_across_a_write_is_not_served_after_it(learner):
    """The generation is read before computing: a value computed from pre-write data is never read again."""
    calls: list[int] = []

    def compute_racing_a_write() -> int:
        calls.append(1)
        if len(calls) == 1:
            cache.invalidate(user_id=learner.pk, event="goal.created")  # a write commits meanwhile
            return 1  # what the database said before it
        return 2

    first = cache.get_or_compute(cache.TODAY, user_id=learner.pk, compute=compute_racing_a_write)
    second = cache.get_or_compute(cache.TODAY, user_id=learner.pk, compute=compute_racing_a_write)

    assert (first, second) == (1, 2)


def test_concurrent_misses_compute_once():
    computed: list[int] = []
    barrier = threading.Barrier(8)
    results: list[int] = []

    def slow() -> int:
        computed.append(1)
        time.sleep(0.3)
        return 42

    def reader() -> None:
        barrier.wait()
        results.append(cache.get_or_compute(cache.DASHBOARD, user_id="stampede", compute=slow))

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [42] * 8
    assert len(computed) == 1


def test_global_tag_invalidates_every_user(learner):
    other = UserFactory.create()
    values = iter(range(10))
    read = cache.RECOMMENDATIONS
    a = cache.get_or_compute(read, user_id=learner.pk, compute=lambda: next(values))
    b = cache.get_or_compute(read, user_id=other.pk, compute=lambda: next(values))
    catalog_resource_create(data={"url": "https://example.org/x", "title": "X", "type": "ARTICLE"})

    assert cache.get_or_compute(read, user_id=learner.pk, compute=lambda: next(values)) not in (a, b)
    assert cache.get_or_compute(read, user_id=other.pk, compute=lambda: next(values)) not in (a, b)


def test_hits_and_misses_are_exposed_on_metrics(learner):
    cache.get_or_compute(cache.TODAY, user_id=learner.pk, compute=lambda: 1)
    cache.get_or_compute(cache.TODAY, user_id=learner.pk, compute=lambda: 1)

    body = Client().get("/metrics").content.decode()

    assert 'maigie_cache_requests_total{read="today",result="hit"}' in body
    assert 'maigie_cache_requests_total{read="today",result="miss"}' in body


def test_a_review_keeps_todays_plan_cached_and_its_card_counts_fresh(learner, client, monkeypatch):
    """A review changes only today's card counts and streak, which are computed on each read: the plan stays a hit."""
    _course(learner)
    deck = deck_create(user=learner, title="Deck")
    card_create(deck=deck, front="What is an alkene?", back="C=C")
    first = client.get("/api/v1/today").json()
    hit, miss = hits("today"), hits("today", "miss")
    card_review(card=deck.cards.get(), rating=3)
    fresh = client.get("/api/v1/today").json()
    assert (hits("today"), hits("today", "miss")) == (hit + 1, miss)
    assert (first["cards"]["reviewed_today"], fresh["cards"]["reviewed_today"]) == (0, 1)
    assert (first["streak"]["active_today"], fresh["streak"]["active_today"]) == (False, True)
    assert fresh == _uncached(client, "/api/v1/today", monkeypatch)


@pytest.mark.parametrize(
    "query",
    ["?search=chem", "?junk=1", "?page=01", "?page=1&page=1", "?page_size=%D9%A1", "?ordering=title", "?archived=all"],
)
def test_only_plain_pages_of_a_list_are_kept(learner, client, query):
    """A filter, search, unknown parameter or a second spelling of a page is answered fresh and stores nothing."""
    _course(learner)
    client.get("/api/v1/courses/?page=1")
    misses, kept = hits("course_list", "miss"), hits("course_list")

    answer = client.get(f"/api/v1/courses/{query}")
    again = client.get(f"/api/v1/courses/{query}")

    assert answer.status_code == again.status_code
    assert answer.json().get("results") == again.json().get("results")  # an error's request ids differ
    assert (hits("course_list", "miss"), hits("course_list")) == (misses, kept)
    assert client.get("/api/v1/courses/?page=1").status_code == 200
    assert hits("course_list") == kept + 1  # the plain page is still a hit


def test_a_hit_is_one_redis_round_trip(learner, monkeypatch):
    """The generations and the value they key are read by one script call."""
    from django_redis import get_redis_connection

    cache.get_or_compute(cache.TODAY, user_id=learner.pk, compute=lambda: 41)
    redis = get_redis_connection("default")
    commands: list[Any] = []
    original = redis.execute_command

    def spy(*args: Any, **kwargs: Any) -> Any:
        commands.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(redis, "execute_command", spy)

    assert cache.get_or_compute(cache.TODAY, user_id=learner.pk, compute=lambda: 42) == 41
    assert commands == ["EVALSHA"]


def test_spellings_of_one_plain_page_share_its_entry(learner, client):
    """Padding, percent-encoding or another order of the same parameters is the same page, kept once."""
    _course(learner)
    first = client.get("/api/v1/courses/?page=1&page_size=10").json()
    misses, kept = hits("course_list", "miss"), hits("course_list")

    for query in ("?page_size=10&page=1", "?page=1&page_size=10&", "?&p%61ge=1&page_size=10"):
        assert client.get(f"/api/v1/courses/{query}").json() == first, query

    assert (hits("course_list", "miss"), hits("course_list")) == (misses, kept + 3)
