"""Review events: published after commit, with the declared payloads."""

from __future__ import annotations

import pytest

from apps.review.models import Card

pytestmark = pytest.mark.django_db


def test_deck_and_review_events(auth_client, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deck = auth_client.post("/api/v1/decks/", {"title": "Bio"}, format="json").json()
        auth_client.post("/api/v1/cards/", {"deck_id": deck["id"], "front": "Cell?"}, format="json")
    card = Card.objects.get(deck_id=deck["id"])
    assert events.drain() == [
        ("deck.changed", {"id": deck["id"], "change": "created", "title": "Bio", "card_count": 0}),
        ("deck.changed", {"id": deck["id"], "change": "cards", "title": "Bio", "card_count": 1}),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        reviewed = auth_client.post(f"/api/v1/cards/{card.pk}/review", {"rating": 4}, format="json").json()
        auth_client.post(f"/api/v1/cards/{card.pk}/undo-review")
    (name, data), (earned, achievement), (undo_name, undone) = events.drain()
    assert (earned, achievement["code"]) == ("achievement.earned", "FIRST_REVIEW")  # once: the undo keeps it
    assert (name, data["rating"], data["state"], data["due"]) == ("card.reviewed", 4, "REVIEW", reviewed["due"])
    assert (undo_name, undone["undone"], undone["state"], undone["last_review"]) == ("card.reviewed", True, "NEW", None)
