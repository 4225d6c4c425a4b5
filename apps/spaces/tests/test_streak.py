"""A member's study in a space counts in their own streak: reviews of shared decks and shared topics done."""

from __future__ import annotations

import datetime

import pytest

from apps.review import selectors as review_selectors
from apps.review.models import Achievement, AchievementCode, Card
from apps.spaces import selectors, services
from apps.spaces.models import TopicProgress

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def _member(world):
    return selectors.space_membership(user=world.users["member"], space_id=world.space.pk)


def _made_long_ago(world) -> None:
    Card.objects.filter(deck=world.deck).update(created_at=NOW - 30 * DAY, due=NOW - 30 * DAY)


def test_shared_deck_reviews_and_shared_topics_done_are_the_members_study_days(world):
    _made_long_ago(world)
    member = world.users["member"]
    services.shared_card_review(actor=_member(world), card=world.cards[0], rating=3, now=NOW - 2 * DAY)
    services.shared_topic_complete(actor=_member(world), topic=world.topics[0])
    TopicProgress.objects.filter(user=member).update(completed_at=NOW - DAY)

    found = review_selectors.streak(user=member, now=NOW)
    assert (found["current"], found["active_today"]) == (2, False)

    services.shared_card_review(actor=_member(world), card=world.cards[1], rating=3, now=NOW)
    found = review_selectors.streak(user=member, now=NOW)
    assert (found["current"], found["longest"], found["active_today"]) == (3, 3, True)
    assert review_selectors.streak(user=world.users["owner"], now=NOW)["current"] == 0  # the owner did nothing


def test_a_week_of_shared_reviews_earns_the_streak_achievement(world):
    _made_long_ago(world)
    member = world.users["member"]
    for back in range(6, -1, -1):
        assert not Achievement.objects.filter(user=member, code=AchievementCode.STREAK_7).exists()
        services.shared_card_review(actor=_member(world), card=world.cards[0], rating=3, now=NOW - back * DAY)

    assert Achievement.objects.filter(user=member, code=AchievementCode.STREAK_7).exists()
    assert not Achievement.objects.filter(user=world.users["owner"]).exists()


def test_the_streak_reads_every_kind_of_study_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        review_selectors.study_days(user=world.users["member"], since=NOW - 400 * DAY, until=NOW)
