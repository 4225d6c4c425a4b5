"""Members keep their own notes and cards on a shared course: linked to its topics, private to them."""

from __future__ import annotations

from typing import Any

import pytest

from apps.learning.models import Note
from apps.learning.tests.factories import CourseFactory
from apps.review.models import Card
from apps.spaces.models import Membership
from apps.spaces.tests.conftest import World

pytestmark = pytest.mark.django_db

NOTES = "/api/v1/notes/"


def _note(world: World, who: str, **links: str) -> Any:
    body = {"title": "Span, in my words", "content": "all combinations", **links}
    return world.client(who).post(NOTES, body, format="json")


def test_a_member_links_their_own_note_to_a_shared_topic(world):
    span = world.topics[0]
    response = _note(world, "member", topic_id=str(span.pk))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["topic_id"], body["course_id"]) == (str(span.pk), str(world.course.pk))
    note = Note.objects.get(pk=body["id"])
    assert note.user == world.users["member"]
    # private: the course's owner and the other members do not see it
    assert world.client("owner").get(f"{NOTES}{note.pk}/").status_code == 404
    assert world.client("admin").get(f"{NOTES}{note.pk}/").status_code == 404
    assert [n["id"] for n in world.client("member").get(NOTES).json()["results"]] == [str(note.pk)]


def test_linking_to_a_shared_course_follows_the_study_role(world):
    course_id = str(world.course.pk)
    for who in ("owner", "admin", "member"):
        assert _note(world, who, course_id=course_id).status_code == 201, who
    for who in ("viewer", "outsider"):
        response = _note(world, who, course_id=course_id)
        assert response.status_code == 400, who
        assert response.json()["error"]["details"] == {"course_id": ["No such course."]}
    assert not Note.objects.filter(user__in=[world.users["viewer"], world.users["outsider"]]).exists()


def test_a_course_not_shared_stays_unlinkable(world):
    private = CourseFactory.create(user=world.users["owner"])
    response = _note(world, "member", course_id=str(private.pk))
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"course_id": ["No such course."]}


def test_a_removed_member_can_no_longer_link_but_keeps_their_note(world):
    span = world.topics[0]
    note_id = _note(world, "member", topic_id=str(span.pk)).json()["id"]
    Membership.objects.filter(space=world.space, user=world.users["member"]).delete()
    response = _note(world, "member", topic_id=str(span.pk))
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"topic_id": ["No such topic."]}
    kept = world.client("member").get(f"{NOTES}{note_id}/")
    assert kept.status_code == 200
    assert kept.json()["title"] == "Span, in my words"


def test_a_shared_topic_must_belong_to_the_named_course(world):
    other = CourseFactory.create(user=world.users["member"])
    response = _note(world, "member", course_id=str(other.pk), topic_id=str(world.topics[0].pk))
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"topic_id": ["The topic is not in this course."]}


def test_a_member_links_their_own_card_to_a_shared_topic(world):
    span = world.topics[0]
    for who, expected in (("member", 201), ("viewer", 400), ("outsider", 400)):
        client = world.client(who)
        deck = client.post("/api/v1/decks/", {"title": "Linear algebra"}, format="json").json()
        card = {"deck_id": deck["id"], "front": "What is a span?", "back": "All combinations", "topic_id": str(span.pk)}
        response = client.post("/api/v1/cards/", card, format="json")
        assert response.status_code == expected, (who, response.content)
    mine = Card.objects.exclude(deck=world.deck)  # the shared deck's cards are the owner's
    assert list(mine.values_list("user__email", "topic_id")) == [(world.users["member"].email, span.pk)]
    owners = world.client("owner").get("/api/v1/cards/").json()["results"]
    assert {card["deck_id"] for card in owners} == {str(world.deck.pk)}  # the member's card is private to them
