"""Review services: FSRS scheduling against the library, undo, bury/suspend, CSV, caps, quizzes."""

from __future__ import annotations

import datetime
import random

import fsrs
import pytest
from django.core.exceptions import ValidationError

from apps.billing import entitlements
from apps.learning.tests.factories import NoteFactory
from apps.review import services
from apps.review.models import Card, CardKind, CardState, QuestionKind, ReviewLog
from apps.review.scheduling import study_day
from apps.review.tests.factories import CardFactory, DeckFactory
from maigie.errors import Conflict, PlanLimitReached

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_new_card_rated_good_is_due_later_and_again_keeps_it_soon(user):
    deck = DeckFactory.create(user=user)
    good = services.card_create(deck=deck, front="Good?", now=T0)
    again = services.card_create(deck=deck, front="Again?", now=T0)

    services.card_review(card=good, rating=3, now=T0)
    services.card_review(card=again, rating=1, now=T0)

    good.refresh_from_db()
    again.refresh_from_db()
    assert good.state == CardState.LEARNING
    assert good.due > T0
    assert good.last_review == T0
    assert good.stability is not None
    assert good.difficulty is not None
    assert good.reps == 1
    assert again.state == CardState.LEARNING
    assert T0 < again.due <= T0 + datetime.timedelta(minutes=1)
    assert again.due < good.due


def test_a_review_sequence_matches_the_fsrs_library(user):
    """Same due dates, states, stability and difficulty as ``fsrs.Scheduler`` for the same sequence."""
    deck = DeckFactory.create(user=user)
    card = services.card_create(deck=deck, front="Sequence?", now=T0)
    expected = fsrs.Card(due=T0)
    scheduler = fsrs.Scheduler(desired_retention=0.9)
    now = T0
    for rating in (3, 3, 3, 1, 3, 4):
        random.seed(7)  # the library fuzzes longer intervals with ``random``
        card = services.card_review(card=card, rating=rating, now=now)
        random.seed(7)
        expected, _ = scheduler.review_card(expected, fsrs.Rating(rating), review_datetime=now)
        card.refresh_from_db()
        assert card.due == expected.due
        assert card.state == expected.state.name.upper()
        assert card.stability == pytest.approx(expected.stability)
        assert card.difficulty == pytest.approx(expected.difficulty)
        now = expected.due
    assert card.state == CardState.REVIEW
    assert card.lapses == 1
    assert card.reps == 6
    assert ReviewLog.objects.filter(card=card).count() == 6


def test_desired_retention_comes_from_the_preferences(user):
    user.preferences = {"desired_retention": 0.97}
    user.save()
    deck = DeckFactory.create(user=user)
    strict = services.card_create(deck=deck, front="a?", now=T0)
    other = DeckFactory.create()
    lenient = services.card_create(deck=other, front="b?", now=T0)
    intervals = []
    for card in (strict, lenient):
        now = T0
        for _ in range(3):
            random.seed(1)
            card = services.card_review(card=card, rating=3, now=now)
            intervals.append(card.due - now)
            now = card.due
    assert intervals[2] < intervals[5]  # the third review's interval: shorter when more must be kept


def test_undo_restores_the_previous_state_exactly(user):
    deck = DeckFactory.create(user=user)
    card = services.card_create(deck=deck, front="Undo?", now=T0)
    services.card_review(card=card, rating=3, now=T0)
    card.refresh_from_db()
    before = {f: getattr(card, f) for f in ("state", "step", "stability", "difficulty", "due", "last_review", "reps")}

    services.card_review(card=card, rating=1, now=T0 + datetime.timedelta(minutes=10))
    services.card_undo_review(card=card)

    card.refresh_from_db()
    assert {f: getattr(card, f) for f in before} == before
    assert ReviewLog.objects.filter(card=card).count() == 1
    services.card_undo_review(card=card)
    card.refresh_from_db()
    assert (card.state, card.due, card.last_review, card.stability, card.reps) == (CardState.NEW, T0, None, None, 0)
    with pytest.raises(Conflict):
        services.card_undo_review(card=card)


def test_suspended_cards_cannot_be_reviewed_and_bury_lasts_the_study_day(user):
    card = CardFactory.create(deck=DeckFactory.create(user=user))
    services.card_update(card=card, data={"suspended": True})
    with pytest.raises(Conflict):
        services.card_review(card=card, rating=3)
    services.card_update(card=card, data={"suspended": False, "buried": True}, now=T0)
    assert card.buried_until == study_day(user=user, now=T0)[2]


def test_study_day_starts_at_the_day_start_hour_in_the_users_zone(user):
    user.timezone = "America/New_York"
    user.preferences = {"day_start_hour": 4}
    # 2026-03-08 is the spring DST change in New York: 02:00 EST -> 03:00 EDT.
    day, start, end = study_day(user=user, now=datetime.datetime(2026, 3, 8, 7, 30, tzinfo=datetime.UTC))  # 03:30 EDT
    assert day == datetime.date(2026, 3, 7)
    assert start == datetime.datetime(2026, 3, 7, 9, 0, tzinfo=datetime.UTC)  # 04:00 EST
    assert end == datetime.datetime(2026, 3, 8, 8, 0, tzinfo=datetime.UTC)  # 04:00 EDT: a 23-hour day
    day, _, _ = study_day(user=user, now=datetime.datetime(2026, 3, 8, 8, 0, tzinfo=datetime.UTC))
    assert day == datetime.date(2026, 3, 8)


def test_cloze_cards_need_a_deletion(user):
    deck = DeckFactory.create(user=user)
    with pytest.raises(ValidationError):
        services.card_create(deck=deck, kind=CardKind.CLOZE, front="No deletion here")
    card = services.card_create(deck=deck, kind=CardKind.CLOZE, front="Paris is the {{c1::capital}} of France")
    assert card.kind == CardKind.CLOZE


def test_csv_round_trip_skips_duplicates(user):
    deck = DeckFactory.create(user=user)
    content = 'front,back,tags\n"What is 2+2?",4,math easy\n"The {{c1::Seine}} flows through Paris",,geo\n'
    assert services.cards_import_csv(deck=deck, content=content) == {"created": 2, "skipped": 0}
    assert services.cards_import_csv(deck=deck, content=content) == {"created": 0, "skipped": 2}

    exported = services.cards_export_csv(Card.objects.filter(deck=deck).order_by("created_at", "pk"))
    other = DeckFactory.create(user=user)
    assert services.cards_import_csv(deck=other, content=exported) == {"created": 2, "skipped": 0}
    rows = sorted(Card.objects.filter(deck=other).values_list("kind", "front", "back", "tags"))
    assert rows == [
        (CardKind.BASIC, "What is 2+2?", "4", ["math", "easy"]),
        (CardKind.CLOZE, "The {{c1::Seine}} flows through Paris", "", ["geo"]),
    ]


def test_the_plan_caps_cards(user, monkeypatch):
    monkeypatch.setattr(
        entitlements, "FREE", entitlements.FREE.__class__(**{**entitlements.FREE.as_dict(), "cards": 2})
    )
    monkeypatch.setitem(entitlements.PLAN_LIMITS, user.tier, entitlements.FREE)
    deck = DeckFactory.create(user=user)
    with pytest.raises(PlanLimitReached):
        services.cards_bulk_create(deck=deck, cards=[{"front": f"{n}?"} for n in range(3)])
    services.cards_bulk_create(deck=deck, cards=[{"front": f"{n}?"} for n in range(2)])
    with pytest.raises(PlanLimitReached):
        services.card_create(deck=deck, front="one more?")


def test_generation_refuses_at_the_cards_cap(auth_client, user, monkeypatch):
    monkeypatch.setattr(
        entitlements, "FREE", entitlements.FREE.__class__(**{**entitlements.FREE.as_dict(), "cards": 2})
    )
    monkeypatch.setitem(entitlements.PLAN_LIMITS, user.tier, entitlements.FREE)
    services.cards_bulk_create(deck=DeckFactory.create(user=user), cards=[{"front": f"{n}?"} for n in range(2)])
    note = NoteFactory.create(user=user, content="Osmosis means the movement of water across a membrane.")
    response = auth_client.post("/api/v1/decks/generate", {"note_id": str(note.pk)}, format="json")
    assert response.status_code == 402
    assert response.json()["error"]["code"] == "plan_limit"


def test_quiz_attempts_are_graded_with_reasoning(user):
    quiz = services.quiz_create(
        user=user,
        title="Q",
        questions=[
            {"kind": QuestionKind.MULTIPLE_CHOICE, "prompt": "2+2?", "answer": "4", "choices": ["3", "4"]},
            {"kind": QuestionKind.TRUE_FALSE, "prompt": "Sky is green", "answer": "false"},
            {"kind": QuestionKind.SHORT_ANSWER, "prompt": "Mitochondria?", "answer": "the powerhouse of the cell"},
        ],
    )
    q1, q2, q3 = quiz.questions.all()
    deck = DeckFactory.create(user=user)
    attempt = services.quiz_attempt_submit(
        user=user, quiz=quiz, answers={q1.pk: "4", q2.pk: "TRUE", q3.pk: "Powerhouse of the cell!"}, deck=deck
    )
    assert (attempt.correct, attempt.total) == (2, 3)
    assert [r["correct"] for r in attempt.results] == [True, False, True]
    assert attempt.results[1]["reasoning"] == "The right choice is 'false'."
    assert attempt.results[2]["reasoning"] == "Matches the expected answer (case, punctuation and articles ignored)."
    assert attempt.results[2]["method"] == "normalised_match"
    assert list(deck.cards.values_list("front", "back", "tags")) == [("Sky is green", "false", ["quiz"])]


def test_unreadable_csv_is_a_validation_error(user):
    deck = DeckFactory.create(user=user)
    with pytest.raises(ValidationError):
        services.cards_import_csv(deck=deck, content="x" * 200_000)
    with pytest.raises(ValidationError):
        services.cards_import_csv(deck=deck, content=" ,back\n")
