"""Read-cache benchmark: the hit rate of the cached reads on a realistic mix of reads and writes.

Run with ``python -m bench.cache [--learners 20] [--operations 3000] [--seed 7]``. Without
DATABASE_URL / REDIS_URL it uses fresh embedded services. Each learner has a course (3 modules of 4
topics), a deck of 30 cards and a catalog to be recommended from. The operations, learners drawn
uniformly, are the app's usage as the client makes it:

- reads over HTTP (75%): today 30%, course outline 20%, analytics summary 15%, recommendations 10%;
- writes through the services (25%): a card review 17%, a topic completed or reopened 4%, a note 3%,
  a course renamed 1%; and one catalog change (every learner's recommendations) per 500 operations.

It prints the hit rate of each read and overall (target > 70%), and the median latency of hits
and misses.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict
from typing import Any

from bench.common import setup_django

READS = (("today", 30), ("course_outline", 20), ("analytics_summary", 15), ("recommendations", 10))
WRITES = (("review", 17), ("topic", 4), ("note", 3), ("rename", 1))


def seed(learners: int) -> list[dict[str, Any]]:
    from rest_framework.test import APIClient

    from apps.accounts.services import token_pair_for, user_create
    from apps.learning.services import catalog_resource_create, course_create
    from apps.review.services import cards_bulk_create, deck_create

    subjects = ["Chemistry", "Algebra", "History", "Biology", "Physics", "Economics"]
    for index, subject in enumerate(subjects):
        for level in ("basics", "advanced"):
            catalog_resource_create(
                data={"url": f"https://example.org/{index}/{level}", "title": f"{subject} {level}", "type": "ARTICLE"}
            )
    people = []
    for n in range(learners):
        user = user_create(email=f"cache-bench-{n}-{time.time_ns()}@example.org", password=None)
        subject = subjects[n % len(subjects)]
        modules = [
            {"title": f"{subject} part {m}", "topics": [{"title": f"{subject} basics {m}.{t}"} for t in range(4)]}
            for m in range(3)
        ]
        course = course_create(user=user, title=subject, modules=modules)
        deck = deck_create(user=user, title=subject)
        specs = [{"front": f"{subject} question {c}?", "back": "Answer"} for c in range(30)]
        cards, _ = cards_bulk_create(deck=deck, cards=specs)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")
        people.append(
            {
                "user": user,
                "client": client,
                "course": course,
                "topics": [t for module in course.modules.all() for t in module.topics.all()],
                "cards": cards,
            }
        )
    return people


def write(kind: str, person: dict[str, Any], rng: random.Random, n: int) -> None:
    from apps.learning.services import course_update, note_create, topic_complete
    from apps.review.models import Card
    from apps.review.services import card_review

    if kind == "review":
        card = Card.objects.get(pk=rng.choice(person["cards"]).pk)
        card_review(card=card, rating=rng.choice((1, 3, 3, 3, 4)))
    elif kind == "topic":
        topic = rng.choice(person["topics"])
        topic.refresh_from_db()
        topic_complete(topic=topic, completed=not topic.completed)
    elif kind == "note":
        note_create(user=person["user"], title=f"Note {n}", content="What I learnt.", course_id=person["course"].pk)
    else:
        course = person["course"]
        course.refresh_from_db()
        course_update(course=course, data={"title": f"{course.title.split(' #')[0]} #{n}"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--operations", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    setup_django()
    from apps.learning.services import catalog_resource_create
    from maigie.cache import CACHE_REQUESTS

    rng = random.Random(args.seed)
    people = seed(args.learners)
    urls = {
        "today": lambda p: "/api/v1/today",
        "course_outline": lambda p: f"/api/v1/courses/{p['course'].pk}/",
        "analytics_summary": lambda p: "/api/v1/analytics/summary",
        "recommendations": lambda p: "/api/v1/resources/recommendations/",
    }
    kinds = [name for name, weight in READS + WRITES for _ in range(weight)]
    reads = {name for name, _ in READS}
    outcome: dict[str, dict[str, int]] = defaultdict(lambda: {"hit": 0, "miss": 0})
    latency: dict[str, list[float]] = {"hit": [], "miss": []}
    for n in range(args.operations):
        person = rng.choice(people)
        kind = rng.choice(kinds)
        if n % 500 == 499:
            catalog_resource_create(data={"url": f"https://example.org/new/{n}", "title": f"Chemistry {n}"})
        if kind not in reads:
            write(kind, person, rng, n)
            continue
        before = CACHE_REQUESTS.labels(read=kind, result="hit")._value.get()
        started = time.perf_counter()
        response = person["client"].get(urls[kind](person))
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.content
        result = "hit" if CACHE_REQUESTS.labels(read=kind, result="hit")._value.get() > before else "miss"
        outcome[kind][result] += 1
        latency[result].append(elapsed)

    total_hits = sum(o["hit"] for o in outcome.values())
    total = sum(o["hit"] + o["miss"] for o in outcome.values())
    print(f"{args.operations} operations, {args.learners} learners, seed {args.seed}: {total} reads")
    for name, counts in sorted(outcome.items()):
        reads_of = counts["hit"] + counts["miss"]
        print(f"  {name:<18} {reads_of:5d} reads  hit rate {100 * counts['hit'] / reads_of:5.1f}%")
    print(f"  overall hit rate {100 * total_hits / total:.1f}% (target > 70%)")
    for result, values in latency.items():
        if values:
            print(f"  median latency of a {result}: {statistics.median(values):.1f} ms")


if __name__ == "__main__":
    main()
