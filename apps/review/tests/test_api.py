"""Review API: decks and cards CRUD, review and undo, due order, CSV, isolation, query counts, today."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from apps.learning.tests.factories import CourseFactory, NoteFactory
from apps.planning.models import Goal, ScheduleBlock, StudySession, Task
from apps.review import services
from apps.review.models import Card, CardState, ReviewLog
from apps.review.tests.factories import CardFactory, DeckFactory

pytestmark = pytest.mark.django_db


def test_deck_and_card_crud(auth_client, user):
    course = CourseFactory.create(user=user)
    response = auth_client.post("/api/v1/decks/", {"title": "Bio", "course_id": str(course.pk)}, format="json")
    assert response.status_code == 201, response.json()
    deck = response.json()
    assert (deck["course_id"], deck["card_count"], deck["due_count"]) == (str(course.pk), 0, 0)

    response = auth_client.post(
        "/api/v1/cards/",
        {"deck_id": deck["id"], "kind": "cloze", "front": "The {{c1::cell}} is the unit of life", "tags": ["bio"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    card = response.json()
    assert card["prompt"] == "The [...] is the unit of life"
    assert card["answer"] == "The cell is the unit of life"
    assert card["state"] == "NEW"

    response = auth_client.post(
        "/api/v1/cards/bulk",
        {"deck_id": deck["id"], "skip_duplicates": True, "cards": [{"front": "A?"}, {"front": "a"}, {"front": "B?"}]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert len(response.json()["created"]) == 2
    assert response.json()["skipped"] == 1

    response = auth_client.patch(f"/api/v1/cards/{card['id']}/", {"suspended": True}, format="json")
    assert response.json()["suspended"] is True
    detail = auth_client.get(f"/api/v1/decks/{deck['id']}/").json()
    assert (detail["card_count"], detail["due_count"]) == (3, 2)
    assert auth_client.get("/api/v1/cards/", {"tag": "bio"}).json()["count"] == 1

    assert auth_client.delete(f"/api/v1/decks/{deck['id']}/").status_code == 204
    assert not Card.objects.exists()


def test_review_and_undo_through_the_api(auth_client, user):
    card = CardFactory.create(deck=DeckFactory.create(user=user))
    response = auth_client.post(f"/api/v1/cards/{card.pk}/review", {"rating": 3, "duration_ms": 4200}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "LEARNING"
    assert body["last_review"] is not None
    assert body["stability"] > 0
    assert body["difficulty"] > 0
    assert ReviewLog.objects.get(card=card).duration_ms == 4200

    response = auth_client.post(f"/api/v1/cards/{card.pk}/undo-review")
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["last_review"], response.json()["stability"]) == (
        "NEW",
        None,
        None,
    )
    response = auth_client.post(f"/api/v1/cards/{card.pk}/undo-review")
    assert response.status_code == 409
    assert auth_client.post(f"/api/v1/cards/{card.pk}/review", {"rating": 5}, format="json").status_code == 400


def test_another_users_decks_and_cards_are_404(auth_client, other_user):
    deck = DeckFactory.create(user=other_user)
    card = CardFactory.create(deck=deck)
    assert auth_client.get(f"/api/v1/decks/{deck.pk}/").status_code == 404
    assert auth_client.get(f"/api/v1/decks/{deck.pk}/export").status_code == 404
    assert auth_client.get(f"/api/v1/cards/{card.pk}/").status_code == 404
    assert auth_client.post(f"/api/v1/cards/{card.pk}/review", {"rating": 3}, format="json").status_code == 404
    assert auth_client.post(f"/api/v1/cards/{card.pk}/undo-review").status_code == 404
    response = auth_client.post("/api/v1/cards/", {"deck_id": str(deck.pk), "front": "x"}, format="json")
    assert response.status_code == 404
    assert auth_client.get("/api/v1/cards/").json()["count"] == 0
    assert auth_client.get("/api/v1/cards/due").json() == []
    card.refresh_from_db()
    assert card.state == CardState.NEW


def test_an_unknown_or_foreign_note_or_course_link_is_a_400_on_the_field(auth_client, user, other_user):
    deck = DeckFactory.create(user=user)
    card = CardFactory.create(deck=deck)
    foreign_note = NoteFactory.create(user=other_user)
    for note_id in ("00000000-0000-0000-0000-000000000000", str(foreign_note.pk)):
        response = auth_client.patch(f"/api/v1/cards/{card.pk}/", {"note_id": note_id}, format="json")
        assert response.status_code == 400, response.content
        assert response.json()["error"]["details"] == {"note_id": ["No such note."]}
        response = auth_client.post(
            "/api/v1/cards/", {"deck_id": str(deck.pk), "front": "x", "note_id": note_id}, format="json"
        )
        assert response.status_code == 400, response.content
        assert response.json()["error"]["details"] == {"note_id": ["No such note."]}
    foreign_course = CourseFactory.create(user=other_user)
    for course_id in ("00000000-0000-0000-0000-000000000000", str(foreign_course.pk)):
        response = auth_client.post("/api/v1/decks/", {"title": "x", "course_id": course_id}, format="json")
        assert response.status_code == 400, response.content
        assert response.json()["error"]["details"] == {"course_id": ["No such course."]}
        response = auth_client.patch(f"/api/v1/decks/{deck.pk}/", {"course_id": course_id}, format="json")
        assert response.json()["error"]["details"] == {"course_id": ["No such course."]}
    card.refresh_from_db()
    deck.refresh_from_db()
    assert (card.note_id, deck.course_id, Card.objects.count()) == (None, None, 1)


def test_due_cards_are_in_study_order(auth_client, user):
    deck = DeckFactory.create(user=user)
    now = timezone.now()
    new = CardFactory.create(deck=deck, due=now - datetime.timedelta(days=3))
    review = CardFactory.create(deck=deck, state=CardState.REVIEW, due=now - datetime.timedelta(days=1))
    learning = CardFactory.create(deck=deck, state=CardState.LEARNING, due=now - datetime.timedelta(minutes=1))
    CardFactory.create(deck=deck, state=CardState.REVIEW, due=now + datetime.timedelta(days=1))  # not due
    CardFactory.create(deck=deck, suspended=True)
    CardFactory.create(deck=deck, buried_until=now + datetime.timedelta(hours=3))
    CardFactory.create(user=user)  # another deck

    ids = [c["id"] for c in auth_client.get("/api/v1/cards/due", {"deck": str(deck.pk)}).json()]
    assert ids == [str(learning.pk), str(review.pk), str(new.pk)]
    assert len(auth_client.get("/api/v1/cards/due", {"limit": 2}).json()) == 2


def test_list_queries_do_not_grow(auth_client, user, django_assert_max_num_queries):
    for _ in range(3):
        deck = DeckFactory.create(user=user)
        CardFactory.create_batch(5, deck=deck)
    with django_assert_max_num_queries(4):
        assert auth_client.get("/api/v1/decks/").json()["count"] == 3
    with django_assert_max_num_queries(4):
        assert auth_client.get("/api/v1/cards/").json()["count"] == 15
    with django_assert_max_num_queries(3):
        assert len(auth_client.get("/api/v1/cards/due").json()) == 15


def test_csv_import_and_export(auth_client, user):
    deck = DeckFactory.create(user=user)
    content = "front,back,tags\nCapital of France?,Paris,geo europe\nCapital of Peru?,Lima,geo\n"
    response = auth_client.post(f"/api/v1/decks/{deck.pk}/import", {"csv": content}, format="json")
    assert response.json() == {"created": 2, "skipped": 0}
    response = auth_client.get(f"/api/v1/decks/{deck.pk}/export")
    assert response["Content-Type"] == "text/csv"
    assert response.content.decode().replace("\r\n", "\n") == content


def _zone_at_noon(now: datetime.datetime) -> str:
    """A fixed-offset zone where ``now`` is about noon: far from the study day's 04:00 start."""
    offset = (12 - now.astimezone(datetime.UTC).hour + 12) % 24 - 12  # -12..+11 hours from UTC
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # POSIX signs


def test_today_counts_cards_tasks_blocks_and_streak(auth_client, user, django_assert_max_num_queries):
    now = timezone.now()
    user.timezone = _zone_at_noon(now)  # the test's moments stay inside one study day whenever it runs
    user.save()
    deck = DeckFactory.create(user=user)
    CardFactory.create_batch(7, deck=deck)
    CardFactory.create(deck=deck, state=CardState.REVIEW, due=now + datetime.timedelta(days=30))
    goal = Goal.objects.create(user=user, title="G")
    Task.objects.create(goal=goal, title="Overdue", deadline=now - datetime.timedelta(days=2))
    Task.objects.create(goal=goal, title="Done", completed=True, deadline=now)
    ScheduleBlock.objects.create(
        user=user,
        title="Study",
        start_time=now + datetime.timedelta(minutes=5),
        end_time=now + datetime.timedelta(minutes=50),
    )
    card = Card.objects.filter(deck=deck).earliest("created_at")
    services.card_review(card=card, rating=3, now=now - datetime.timedelta(seconds=1))
    StudySession.objects.create(
        user=user, started_at=now - datetime.timedelta(days=1), ended_at=now - datetime.timedelta(days=1, minutes=-30)
    )

    with django_assert_max_num_queries(13):  # 11, and 2 for achievements (earned, metrics)
        body = auth_client.get("/api/v1/today").json()
    assert body["cards"]["due_now"] == 6
    assert body["cards"]["new"] == 6
    assert body["cards"]["reviewed_today"] == 1
    assert body["cards"]["estimated_minutes"] == 1
    assert [t["title"] for t in body["tasks"]] == ["Overdue"]
    assert body["tasks"][0]["overdue"] is True
    assert [b["title"] for b in body["blocks"]] == ["Study"]
    assert body["streak"]["current"] == 2
    assert body["streak"]["active_today"] is True


def test_a_card_without_a_kind_is_cloze_when_its_front_holds_a_deletion(auth_client, user):
    deck = DeckFactory.create(user=user)
    front = "The {{c1::chain rule}} differentiates compositions"
    response = auth_client.post(
        "/api/v1/cards/bulk", {"deck_id": str(deck.pk), "cards": [{"front": front}, {"front": "Plain"}]}, format="json"
    )
    assert response.status_code == 201, response.content
    assert sorted(Card.objects.filter(deck=deck).values_list("kind", flat=True)) == ["BASIC", "CLOZE"]
    response = auth_client.post("/api/v1/cards/", {"deck_id": str(deck.pk), "front": front}, format="json")
    assert (response.json()["kind"], response.json()["prompt"]) == ("CLOZE", "The [...] differentiates compositions")
    response = auth_client.post(
        "/api/v1/cards/", {"deck_id": str(deck.pk), "front": front, "kind": "basic"}, format="json"
    )
    assert response.json()["kind"] == "BASIC"  # a kind given is kept
