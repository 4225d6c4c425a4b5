"""A space with one member of each role; its owner shared a course (one module, two topics), a deck (two cards)
and a material (one passage), and keeps one more deck and material unshared; clients."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from apps.accounts.services import token_pair_for
from apps.accounts.services.activity import activity_record
from apps.accounts.tests.factories import UserFactory
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.materials.tests.factories import MaterialFactory
from apps.review.tests.factories import CardFactory, DeckFactory
from apps.spaces.models import Role
from apps.spaces.tests.factories import (
    MembershipFactory,
    SharedCourseFactory,
    SharedDeckFactory,
    SharedMaterialFactory,
    SpaceFactory,
)


def client_for(user: Any) -> APIClient:
    activity_record(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")
    return client


@dataclass
class World:
    space: Any
    users: dict[str, Any]  # "owner", "admin", "member", "viewer", "target" (a viewer), "outsider" -> user
    course: Any
    module: Any
    topics: list[Any]
    deck: Any
    cards: list[Any]
    material: Any
    own_deck: Any  # the owner's, not shared
    own_material: Any  # the owner's, not shared

    def client(self, who: str) -> APIClient:
        return APIClient() if who == "anonymous" else client_for(self.users[who])

    def url(self, tail: str = "") -> str:
        return f"/api/v1/spaces/{self.space.pk}/{tail}"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def world(db: Any) -> World:
    space = SpaceFactory.create()
    users = {}
    for role in Role:
        users[role.value.lower()] = MembershipFactory.create(space=space, role=role).user
    users["target"] = MembershipFactory.create(space=space, role=Role.VIEWER).user
    users["outsider"] = UserFactory.create()
    course = CourseFactory.create(user=users["owner"], title="Linear algebra")
    module = ModuleFactory.create(course=course, title="Vectors")
    topics = [
        TopicFactory.create(module=module, title="Span", estimated_hours=1.0),
        TopicFactory.create(module=module, title="Basis", estimated_hours=3.0),
    ]
    SharedCourseFactory.create(space=space, course=course)
    deck = DeckFactory.create(user=users["owner"], title="Vectors")
    cards = [
        CardFactory.create(deck=deck, front="What is a span?", back="All linear combinations"),
        CardFactory.create(deck=deck, front="What is a basis?", back="An independent spanning set"),
    ]
    SharedDeckFactory.create(space=space, deck=deck)
    material = MaterialFactory.create(user=users["owner"], title="Lecture 1")
    SharedMaterialFactory.create(space=space, material=material)
    return World(
        space=space,
        users=users,
        course=course,
        module=module,
        topics=topics,
        deck=deck,
        cards=cards,
        material=material,
        own_deck=DeckFactory.create(user=users["owner"], title="Private"),
        own_material=MaterialFactory.create(user=users["owner"], title="Private notes"),
    )
