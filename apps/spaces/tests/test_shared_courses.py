"""Shared courses: each member's own progress, outline edits by leaders only, the progress table, unsharing."""

from __future__ import annotations

from typing import Any

import pytest

from apps.learning.models import Module, Topic
from apps.learning.tests.factories import CourseFactory, TopicFactory
from apps.spaces.models import Role, SharedCourse, TopicProgress
from apps.spaces.tests.conftest import World
from apps.spaces.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _outline(world: World, who: str) -> Any:
    response = world.client(who).get(world.url(f"courses/{world.course.pk}/"))
    assert response.status_code == 200, response.content
    return response.json()


def _done(outline: dict) -> list[bool]:
    return [topic["completed"] for module in outline["modules"] for topic in module["topics"]]


def test_each_member_keeps_their_own_progress_on_one_shared_course(world):
    span, basis = world.topics
    member = world.client("member")
    answer = member.post(world.url(f"topics/{basis.pk}/complete"), {"completed": True}, format="json").json()
    assert answer == {"topic_id": str(basis.pk), "completed": True, "course_id": str(world.course.pk), "progress": 75.0}
    world.client("admin").post(world.url(f"topics/{span.pk}/complete"), {}, format="json")

    assert (_done(_outline(world, "member")), _outline(world, "member")["progress"]) == ([False, True], 75.0)
    assert (_done(_outline(world, "admin")), _outline(world, "admin")["progress"]) == ([True, False], 25.0)
    assert (_done(_outline(world, "owner")), _outline(world, "owner")["progress"]) == ([False, False], 0.0)
    # the owner's own course is untouched by the members' progress
    assert not Topic.objects.filter(module__course=world.course, completed=True).exists()
    # the owner completes their own topic through learning, which their space outline shows
    world.client("owner").post(world.url(f"topics/{span.pk}/complete"), {}, format="json")
    assert Topic.objects.get(pk=span.pk).completed
    assert _done(_outline(world, "owner")) == [True, False]
    # undo
    member.post(world.url(f"topics/{basis.pk}/complete"), {"completed": False}, format="json")
    assert _outline(world, "member")["progress"] == 0.0


def test_leaders_edit_the_outline_through_learning_and_members_see_it(world):
    admin = world.client("admin")
    module = admin.post(
        world.url(f"courses/{world.course.pk}/modules/"),
        {"title": "Matrices", "topics": [{"title": "Rank"}]},
        format="json",
    )
    assert module.status_code == 201, module.content
    topic_id = module.json()["topics"][0]["id"]
    assert admin.patch(world.url(f"topics/{topic_id}/"), {"title": "Matrix rank"}, format="json").status_code == 200
    created = admin.post(world.url(f"modules/{module.json()['id']}/topics/"), {"title": "Inverse"}, format="json")
    assert created.status_code == 201
    assert admin.delete(world.url(f"topics/{created.json()['id']}/")).status_code == 204
    titles = [[t["title"] for t in m["topics"]] for m in _outline(world, "viewer")["modules"]]
    assert titles == [["Span", "Basis"], ["Matrix rank"]]
    assert Module.objects.get(pk=module.json()["id"]).course == world.course
    for who in ("member", "viewer"):
        assert (
            world.client(who).patch(world.url(f"topics/{topic_id}/"), {"title": "x"}, format="json").status_code == 403
        )
    # a topic of a course not shared here is a 404, even for the owner of the space
    elsewhere = TopicFactory.create(module__course__user=world.users["admin"])
    assert admin.patch(world.url(f"topics/{elsewhere.pk}/"), {"title": "x"}, format="json").status_code == 404


def test_members_share_their_own_courses_only(world):
    mine = CourseFactory.create(user=world.users["member"])
    member = world.client("member")
    shared = member.post(world.url("courses/"), {"course_id": str(mine.pk)}, format="json")
    assert shared.status_code == 201, shared.content
    assert shared.json()["owner_id"] == str(world.users["member"].pk)
    theirs = CourseFactory.create(user=world.users["outsider"])
    assert member.post(world.url("courses/"), {"course_id": str(theirs.pk)}, format="json").status_code == 404
    listed = world.client("viewer").get(world.url("courses/")).json()
    assert {row["course_id"] for row in listed["results"]} == {str(mine.pk), str(world.course.pk)}
    # the sharer may unshare their own course; another member may not unshare it
    assert world.client("viewer").delete(world.url(f"courses/{mine.pk}/")).status_code == 403
    assert member.delete(world.url(f"courses/{mine.pk}/")).status_code == 204


def test_unsharing_removes_access(world):
    world.client("member").post(world.url(f"topics/{world.topics[0].pk}/complete"), {}, format="json")
    assert world.client("admin").delete(world.url(f"courses/{world.course.pk}/")).status_code == 204
    assert not SharedCourse.objects.filter(space=world.space).exists()
    member = world.client("member")
    assert member.get(world.url(f"courses/{world.course.pk}/")).status_code == 404
    assert member.post(world.url(f"topics/{world.topics[1].pk}/complete"), {}, format="json").status_code == 404
    assert TopicProgress.objects.filter(user=world.users["member"]).count() == 1  # kept for a re-share


def test_progress_table_per_member_in_constant_queries(world, django_assert_max_num_queries):
    span, basis = world.topics
    world.client("member").post(world.url(f"topics/{basis.pk}/complete"), {}, format="json")
    world.client("owner").post(world.url(f"topics/{span.pk}/complete"), {}, format="json")
    client = world.client("admin")
    for _ in range(15):
        TopicProgress.objects.create(
            user=MembershipFactory.create(space=world.space, role=Role.MEMBER).user,
            topic=span,
            completed_at=span.created_at,
        )
    url = world.url(f"courses/{world.course.pk}/progress/")
    with django_assert_max_num_queries(10):
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    rows = {row["user_id"]: row for row in response.json()["results"]}
    assert len(rows) == 20
    assert rows[str(world.users["member"].pk)] | {"name": "", "email": ""} == {
        "user_id": str(world.users["member"].pk),
        "name": "",
        "email": "",
        "role": "MEMBER",
        "completed_topics": 1,
        "total_topics": 2,
        "progress": 75.0,
    }
    assert rows[str(world.users["owner"].pk)]["progress"] == 25.0
    assert rows[str(world.users["viewer"].pk)]["completed_topics"] == 0
