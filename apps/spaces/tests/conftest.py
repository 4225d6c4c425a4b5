"""A space with one member of each role, a course its owner shared (one module, two topics) and clients."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from apps.accounts.services import token_pair_for
from apps.accounts.services.activity import activity_record
from apps.accounts.tests.factories import UserFactory
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.spaces.models import Role
from apps.spaces.tests.factories import MembershipFactory, SharedCourseFactory, SpaceFactory


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

    def client(self, who: str) -> APIClient:
        return APIClient() if who == "anonymous" else client_for(self.users[who])

    def url(self, tail: str = "") -> str:
        return f"/api/v1/spaces/{self.space.pk}/{tail}"


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
    return World(space=space, users=users, course=course, module=module, topics=topics)
