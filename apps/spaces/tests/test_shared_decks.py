"""Shared decks: each member studies with their own FSRS state and log; unsharing and removal revoke at once."""

from __future__ import annotations

import datetime

import pytest

from apps.review.models import Card, CardState, ReviewLog
from apps.spaces import selectors, services
from apps.spaces.models import AuditAction, AuditEntry, MemberCardState, MemberReview, Role
from apps.spaces.tests.factories import MembershipFactory
from apps.spaces.tests.test_members import _received

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _membership(world, who: str):
    return selectors.space_membership(user=world.users[who], space_id=world.space.pk)


def _card_row(card: Card) -> tuple:
    card.refresh_from_db()
    return (card.state, card.due, card.stability, card.difficulty, card.last_review, card.reps, card.lapses)


def _due_ids(world, who: str, now: datetime.datetime) -> list:
    due = selectors.shared_due_cards(membership=_membership(world, who), deck=world.deck, now=now)
    return [card.pk for card in due]


def test_a_members_review_is_theirs_alone(world):
    span, basis = world.cards
    for days, card in ((2, span), (1, basis)):  # made before NOW, so new and due for everyone (span first)
        made = NOW - datetime.timedelta(days=days)
        Card.objects.filter(pk=card.pk).update(created_at=made, due=made)
    owner_before = _card_row(span)
    member = _membership(world, "member")

    services.shared_card_review(actor=member, card=span, rating=3, now=NOW)

    assert _card_row(span) == owner_before  # the owner's state is untouched
    assert not ReviewLog.objects.exists()
    state = MemberCardState.objects.get(user=world.users["member"], card=span)
    assert (state.state, state.reps, state.last_review) == (CardState.LEARNING, 1, NOW)
    assert state.due > NOW
    assert list(MemberReview.objects.values_list("user_id", "card_id", "rating", "state_before")) == [
        (world.users["member"].pk, span.pk, 3, CardState.NEW)
    ]
    assert _due_ids(world, "member", NOW) == [basis.pk]  # span is no longer due for the member
    assert _due_ids(world, "admin", NOW) == [span.pk, basis.pk]  # nor changed for anyone else
    assert _due_ids(world, "owner", NOW) == [span.pk, basis.pk]

    services.shared_card_review(actor=_membership(world, "admin"), card=span, rating=1, now=NOW)
    assert MemberCardState.objects.filter(card=span).count() == 2
    assert MemberCardState.objects.get(user=world.users["member"], card=span).reps == 1


def test_the_owner_studies_their_own_card_state_through_the_space(world):
    span = world.cards[0]
    services.shared_card_review(actor=_membership(world, "owner"), card=span, rating=4, now=NOW)

    span.refresh_from_db()
    assert (span.reps, span.state) == (1, CardState.REVIEW)
    assert ReviewLog.objects.filter(card=span, user=world.users["owner"]).count() == 1
    assert not MemberCardState.objects.exists()
    cards = selectors.shared_cards(membership=_membership(world, "member"), deck=world.deck)
    assert {(c.pk, c.my_state, c.my_reps) for c in cards} == {(c.pk, CardState.NEW, 0) for c in world.cards}


def test_reviews_over_the_api_show_only_the_callers_state(world):
    url = world.url(f"cards/{world.cards[0].pk}/review")
    response = world.client("member").post(url, {"rating": 3, "duration_ms": 4000}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["reps"]) == ("LEARNING", 1)

    for who, reps in (("member", 1), ("admin", 0), ("owner", 0)):
        cards = world.client(who).get(world.url(f"decks/{world.deck.pk}/cards/")).json()["results"]
        assert {c["id"]: c["reps"] for c in cards}[str(world.cards[0].pk)] == reps, who
    viewer = world.client("viewer").post(url, {"rating": 3}, format="json")
    assert (viewer.status_code, viewer.json()["error"]["code"]) == (403, "permission_denied")
    assert not MemberCardState.objects.filter(user=world.users["viewer"]).exists()


def test_outsiders_get_404_for_a_shared_deck_and_its_cards(world):
    client = world.client("outsider")
    for path in (f"decks/{world.deck.pk}/", f"decks/{world.deck.pk}/cards/", f"decks/{world.deck.pk}/due"):
        assert client.get(world.url(path)).status_code == 404
    assert client.post(world.url(f"cards/{world.cards[0].pk}/review"), {"rating": 3}, format="json").status_code == 404
    # the owner's own deck API stays owner-only too
    assert client.get(f"/api/v1/decks/{world.deck.pk}/").status_code == 404
    assert world.client("member").get(f"/api/v1/decks/{world.deck.pk}/").status_code == 404
    assert world.client("member").get(world.url(f"decks/{world.own_deck.pk}/")).status_code == 404  # not shared


def test_unsharing_and_removal_revoke_access_at_once(world):
    member = world.client("member")
    due = world.url(f"decks/{world.deck.pk}/due")
    assert member.get(due).status_code == 200
    services.shared_card_review(actor=_membership(world, "member"), card=world.cards[0], rating=3, now=NOW)

    services.deck_unshare(actor=_membership(world, "admin"), shared=world.deck.space_shares.get())
    assert member.get(due).status_code == 404
    assert member.post(world.url(f"cards/{world.cards[0].pk}/review"), {"rating": 3}, format="json").status_code == 404
    assert MemberCardState.objects.filter(user=world.users["member"]).count() == 1  # kept for a re-share

    services.deck_share(actor=_membership(world, "owner"), deck_id=world.deck.pk)
    assert member.get(due).status_code == 200
    admin = _membership(world, "admin")
    services.member_remove(actor=admin, target=selectors.member_get(membership=admin, user_id=world.users["member"].pk))
    assert member.get(due).status_code == 404
    assert [e.action for e in AuditEntry.objects.order_by("created_at")][:2] == [
        AuditAction.DECK_UNSHARED,
        AuditAction.DECK_SHARED,
    ]


def test_sharing_needs_the_decks_owner_as_an_admin(world):
    own = world.client("admin").post("/api/v1/decks/", {"title": "Matrices"}, format="json").json()
    response = world.client("admin").post(world.url("decks/"), {"deck_id": own["id"]}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["title"], response.json()["card_count"]) == ("Matrices", 0)
    again = world.client("admin").post(world.url("decks/"), {"deck_id": own["id"]}, format="json")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_shared")
    mine = world.client("member").post("/api/v1/decks/", {"title": "Mine"}, format="json").json()
    refused = world.client("member").post(world.url("decks/"), {"deck_id": mine["id"]}, format="json")
    assert refused.status_code == 403


def test_leaders_edit_cards_and_members_are_told_live(world, django_capture_on_commit_callbacks):
    admin = _membership(world, "admin")
    got = _received(
        world,
        django_capture_on_commit_callbacks,
        lambda: services.shared_card_update(actor=admin, card=world.cards[0], data={"back": "Every combination"}),
        "member",
        "viewer",
    )
    changed = {
        "space_id": str(world.space.pk),
        "deck_id": str(world.deck.pk),
        "card_id": str(world.cards[0].pk),
        "change": "updated",
    }
    assert got == {"member": [("space.deck_changed", changed)], "viewer": [("space.deck_changed", changed)]}
    world.cards[0].refresh_from_db()
    assert world.cards[0].back == "Every combination"


def test_a_removed_member_gets_no_more_deck_events(world, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    admin = _membership(world, "admin")
    target = selectors.member_get(membership=admin, user_id=world.users["member"].pk)
    _received(world, capture, lambda: services.member_remove(actor=admin, target=target), "member")

    got = _received(
        world,
        capture,
        lambda: services.shared_card_create(actor=admin, deck=world.deck, front="What is a rank?"),
        "member",
        "viewer",
    )
    assert got["member"] == []
    assert [event for event, _ in got["viewer"]] == ["space.deck_changed"]


def test_the_deck_progress_table_counts_each_members_reviews(world, django_assert_max_num_queries):
    span, basis = world.cards
    services.shared_card_review(actor=_membership(world, "member"), card=span, rating=1, now=NOW)
    later = NOW + datetime.timedelta(minutes=2)
    services.shared_card_review(actor=_membership(world, "member"), card=span, rating=3, now=later)
    services.shared_card_review(actor=_membership(world, "member"), card=basis, rating=3, now=later)
    services.shared_card_review(actor=_membership(world, "owner"), card=basis, rating=3, now=NOW)
    for _ in range(10):
        MembershipFactory.create(space=world.space, role=Role.MEMBER)

    with django_assert_max_num_queries(12):
        response = world.client("admin").get(world.url(f"decks/{world.deck.pk}/progress/"), {"page_size": 50})
    assert response.status_code == 200, response.content
    rows = {
        row["user_id"]: (row["reviews"], row["cards_studied"], row["total_cards"]) for row in response.json()["results"]
    }
    assert rows[str(world.users["member"].pk)] == (3, 2, 2)
    assert rows[str(world.users["owner"].pk)] == (1, 1, 2)
    assert rows[str(world.users["viewer"].pk)] == (0, 0, 2)
