"""The assistant on shared courses: it knows them, and studies them within the learner's role."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from apps.assistant.context import system_prompt
from apps.assistant.models import ActionStatus
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run, action_undo
from apps.spaces.models import TopicProgress
from apps.spaces.tests.conftest import World

pytestmark = pytest.mark.django_db


def _run(world: World, who: str, name: str, **arguments: Any) -> Any:
    return action_run(user=world.users[who], call=ToolCall(id="call-1", name=name, arguments=arguments), message=None)


def test_the_prompt_names_the_shared_courses_of_members_only(world):
    prompt = system_prompt(world.users["member"])
    assert "Shared course “Linear algebra” in space" in prompt
    assert "your role: member, 0% done by you" in prompt
    assert "Linear algebra" not in system_prompt(world.users["outsider"])


def test_a_member_completes_a_shared_topic_for_themselves_and_undoes_it(world):
    member = world.users["member"]
    action = _run(world, "member", "complete_shared_topic", topic="basis")
    assert action.status == ActionStatus.EXECUTED, action.error
    assert action.result["course_progress"] == 75.0
    assert list(TopicProgress.objects.filter(user=member).values_list("topic__title", flat=True)) == ["Basis"]
    world.topics[1].refresh_from_db()
    assert not world.topics[1].completed  # the owner's own flag is untouched

    action_undo(action=action)
    assert not TopicProgress.objects.filter(user=member).exists()


def test_marking_not_done_is_undone_by_marking_done_again(world):
    member = world.users["member"]
    TopicProgress.objects.create(user=member, topic=world.topics[0], completed_at=timezone.now())
    action = _run(world, "member", "complete_shared_topic", topic="Span", completed=False)
    assert action.status == ActionStatus.EXECUTED, action.error
    assert not TopicProgress.objects.filter(user=member).exists()
    action_undo(action=action)
    assert TopicProgress.objects.filter(user=member, topic=world.topics[0]).exists()


def test_a_viewer_is_refused_and_nothing_changes(world):
    action = _run(world, "viewer", "complete_shared_topic", topic="Span")
    assert action.status == ActionStatus.FAILED
    assert action.error == "topic: Your role in this space (viewer) does not allow this."
    assert not TopicProgress.objects.exists()


def test_an_outsider_cannot_reach_the_topic(world):
    action = _run(world, "outsider", "complete_shared_topic", topic="Span")
    assert action.status == ActionStatus.FAILED
    assert action.error == "topic: No topic is called 'Span'."
    listed = _run(world, "outsider", "list_shared_courses")
    assert listed.result == {"courses": [], "summary": "No shared courses."}


def test_listing_shows_role_and_own_progress(world):
    TopicProgress.objects.create(user=world.users["admin"], topic=world.topics[0], completed_at=timezone.now())
    listed = _run(world, "admin", "list_shared_courses")
    assert [(row["course"], row["role"], row["progress"]) for row in listed.result["courses"]] == [
        ("Linear algebra", "ADMIN", 25.0)
    ]
