"""Plan caps on kept data: creation refused at the cap, data past it read-only after a downgrade."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import pytest
from django.db import connection

from apps.accounts.models import Job, JobState, Tier
from apps.accounts.services import job_create
from apps.accounts.services.users import user_set_tier
from apps.accounts.tests.factories import UserFactory
from apps.assistant.generation.runs import COURSE_GENERATION, course_generation_run
from apps.assistant.models import ActionStatus
from apps.assistant.providers.base import ToolCall
from apps.assistant.services.actions import action_run
from apps.billing import entitlements
from apps.learning import services as learning
from apps.learning.models import Course, Note, UserResource
from apps.planning.models import Goal, GoalStatus
from apps.planning.services import goals as planning
from maigie.errors import PlanLimitReached

pytestmark = pytest.mark.django_db

SMALL_FREE = dataclasses.replace(entitlements.FREE, active_goals=2, notes=2, resources=2)


@pytest.fixture
def small_free_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """The free plan with caps of 2 goals, notes and resources, so tests need not create a hundred."""
    monkeypatch.setitem(entitlements.PLAN_LIMITS, Tier.FREE, SMALL_FREE)


def set_tier(user: Any, tier: str) -> None:
    user_set_tier(user=type(user).objects.get(pk=user.pk), tier=tier, reason="test")


def assert_plan_limit(response: Any, *, metric: str, **details: Any) -> None:
    assert response.status_code == 402, response.content
    error = response.json()["error"]
    assert error["code"] == "plan_limit"
    assert error["details"] == {"metric": metric, **details}


def courses_created(client: Any, count: int) -> list[str]:
    ids = []
    for index in range(count):
        response = client.post("/api/v1/courses/", {"title": f"Course {index}"}, format="json")
        assert response.status_code == 201, response.content
        ids.append(response.json()["id"])
    return ids


# --- creation at the cap -----------------------------------------------------------------------


def test_free_plan_refuses_a_fourth_active_course_and_creates_nothing(auth_client, user):
    first, *_ = courses_created(auth_client, 3)

    refused = auth_client.post("/api/v1/courses/", {"title": "One too many"}, format="json")

    assert_plan_limit(refused, metric="active_courses", limit=3, used=3)
    assert refused.json()["error"]["message"] == (
        "Your plan allows 3 active courses; archive or delete some, or upgrade to Premium."
    )
    assert Course.objects.filter(user=user).count() == 3
    # Archiving one makes room; unarchiving it again while full is refused.
    assert auth_client.post(f"/api/v1/courses/{first}/archive").status_code == 200
    assert auth_client.post("/api/v1/courses/", {"title": "Fits now"}, format="json").status_code == 201
    assert_plan_limit(auth_client.post(f"/api/v1/courses/{first}/unarchive"), metric="active_courses", limit=3, used=3)
    assert Course.objects.get(pk=first).archived is True


def test_premium_has_no_course_cap_and_the_cap_returns_with_free(auth_client, user):
    set_tier(user, Tier.PREMIUM_YEARLY)
    courses_created(auth_client, 4)
    set_tier(user, Tier.FREE)

    assert_plan_limit(
        auth_client.post("/api/v1/courses/", {"title": "Fifth"}, format="json"),
        metric="active_courses",
        limit=3,
        used=4,
    )


def test_goal_cap_counts_only_active_goals(auth_client, user, small_free_plan):
    first = auth_client.post("/api/v1/goals/", {"title": "One"}, format="json").json()["id"]
    auth_client.post("/api/v1/goals/", {"title": "Two"}, format="json")

    assert_plan_limit(
        auth_client.post("/api/v1/goals/", {"title": "Three"}, format="json"), metric="active_goals", limit=2, used=2
    )
    done = auth_client.patch(f"/api/v1/goals/{first}/", {"status": GoalStatus.COMPLETED}, format="json")
    assert done.status_code == 200, done.content
    assert auth_client.post("/api/v1/goals/", {"title": "Three"}, format="json").status_code == 201
    # Reopening the completed goal would make three active.
    reopened = auth_client.patch(f"/api/v1/goals/{first}/", {"status": GoalStatus.IN_PROGRESS}, format="json")
    assert_plan_limit(reopened, metric="active_goals", limit=2, used=2)
    assert Goal.objects.get(pk=first).status == GoalStatus.COMPLETED


def test_reopening_a_task_cannot_reactivate_a_goal_over_the_cap(user, small_free_plan):
    finished = planning.goal_create(user=user, title="Finished", tasks=[{"title": "t", "completed": True}])
    planning.goal_create(user=user, title="A")
    planning.goal_create(user=user, title="B")
    task = finished.tasks.get()
    assert Goal.objects.get(pk=finished.pk).status == GoalStatus.COMPLETED

    with pytest.raises(PlanLimitReached):
        planning.task_update(task=task, data={"completed": False})

    task.refresh_from_db()
    assert task.completed is True
    assert Goal.objects.get(pk=finished.pk).status == GoalStatus.COMPLETED


def test_note_and_resource_caps(auth_client, user, small_free_plan):
    for title in ("a", "b"):
        assert auth_client.post("/api/v1/notes/", {"title": title}, format="json").status_code == 201
    refused = auth_client.post("/api/v1/notes/", {"title": "c"}, format="json")
    assert_plan_limit(refused, metric="notes", limit=2, used=2)
    # archived notes count: the refusal does not suggest archiving
    assert refused.json()["error"]["message"] == "Your plan allows 2 notes; delete some, or upgrade to Premium."
    assert Note.objects.filter(user=user).count() == 2

    for path in ("one", "two"):
        saved = auth_client.post("/api/v1/resources/", {"url": f"https://example.com/{path}"}, format="json")
        assert saved.status_code == 201, saved.content
    again = auth_client.post("/api/v1/resources/", {"url": "https://example.com/one"}, format="json")
    assert again.status_code == 200  # already saved: not one more
    assert_plan_limit(
        auth_client.post("/api/v1/resources/", {"url": "https://example.com/three"}, format="json"),
        metric="resources",
        limit=2,
        used=2,
    )
    assert UserResource.objects.filter(user=user).count() == 2


def test_the_subscription_shows_usage_next_to_each_cap(auth_client, user):
    courses_created(auth_client, 2)
    auth_client.post("/api/v1/goals/", {"title": "Goal"}, format="json")
    auth_client.post("/api/v1/notes/", {"title": "Note"}, format="json")

    body = auth_client.get("/api/v1/subscription/").json()

    assert body["limits"]["active_courses"] == 3
    assert {name: body["usage"][name] for name in ("active_courses", "active_goals", "notes", "resources")} == {
        "active_courses": 2,
        "active_goals": 1,
        "notes": 1,
        "resources": 0,
    }


# --- read-only after a downgrade -------------------------------------------------------------


def test_after_a_downgrade_the_newest_courses_past_the_cap_are_read_only(auth_client, user):
    set_tier(user, Tier.PREMIUM_MONTHLY)
    c1, c2, c3, c4, c5 = courses_created(auth_client, 5)
    outline = {"title": "M", "topics": [{"title": "T"}]}
    module = auth_client.post(f"/api/v1/courses/{c5}/modules/", outline, format="json").json()
    set_tier(user, Tier.FREE)

    over_limit = auth_client.get("/api/v1/subscription/").json()["over_limit"]
    assert over_limit == {
        "active_courses": sorted([c4, c5]),
        "active_goals": [],
        "notes": [],
        "resources": [],
        "cards": [],
        "spaces_owned": [],
    }
    assert auth_client.patch(f"/api/v1/courses/{c1}/", {"title": "Kept editable"}, format="json").status_code == 200
    for course_id in (c4, c5):
        assert_plan_limit(
            auth_client.patch(f"/api/v1/courses/{course_id}/", {"title": "No"}, format="json"),
            metric="active_courses",
            limit=3,
            read_only=True,
        )
    topic_id = module["topics"][0]["id"]
    assert auth_client.post(f"/api/v1/topics/{topic_id}/complete").status_code == 402
    assert auth_client.post(f"/api/v1/courses/{c5}/modules/", {"title": "M2"}, format="json").status_code == 402
    assert auth_client.patch(f"/api/v1/modules/{module['id']}/", {"title": "x"}, format="json").status_code == 402
    assert auth_client.delete(f"/api/v1/topics/{topic_id}/").status_code == 402
    # Nothing is lost: all five are listed and readable.
    assert auth_client.get("/api/v1/courses/").json()["count"] == 5
    assert auth_client.get(f"/api/v1/courses/{c5}/").json()["title"] == "Course 4"
    assert Course.objects.get(pk=c5).title == "Course 4"

    # Deleting or archiving gets the learner back under the cap; what remains becomes editable.
    assert auth_client.delete(f"/api/v1/courses/{c5}/").status_code == 204
    assert auth_client.patch(f"/api/v1/courses/{c4}/", {"title": "No"}, format="json").status_code == 402
    assert auth_client.post(f"/api/v1/courses/{c3}/archive").status_code == 200
    assert auth_client.patch(f"/api/v1/courses/{c4}/", {"title": "Yes"}, format="json").status_code == 200
    assert auth_client.patch(f"/api/v1/courses/{c2}/", {"title": "Also"}, format="json").status_code == 200


def test_upgrading_again_makes_everything_editable(auth_client, user):
    set_tier(user, Tier.PREMIUM_MONTHLY)
    *_, newest = courses_created(auth_client, 4)
    set_tier(user, Tier.FREE)
    assert auth_client.patch(f"/api/v1/courses/{newest}/", {"title": "No"}, format="json").status_code == 402

    set_tier(user, Tier.PREMIUM_YEARLY)

    assert auth_client.patch(f"/api/v1/courses/{newest}/", {"title": "Yes"}, format="json").status_code == 200
    assert auth_client.get("/api/v1/subscription/").json()["over_limit"]["active_courses"] == []


def test_a_goal_past_the_cap_is_read_only_but_can_be_finished(auth_client, user, small_free_plan):
    set_tier(user, Tier.PREMIUM_MONTHLY)
    goals = [
        auth_client.post("/api/v1/goals/", {"title": f"G{i}", "tasks": [{"title": "t"}]}, format="json").json()
        for i in range(3)
    ]
    set_tier(user, Tier.FREE)
    newest = goals[-1]
    task_id = newest["tasks"][0]["id"]

    assert_plan_limit(
        auth_client.patch(f"/api/v1/goals/{newest['id']}/", {"title": "No"}, format="json"),
        metric="active_goals",
        limit=2,
        read_only=True,
    )
    assert auth_client.post(f"/api/v1/goals/{newest['id']}/tasks/", {"title": "t2"}, format="json").status_code == 402
    assert auth_client.patch(f"/api/v1/tasks/{task_id}/", {"completed": True}, format="json").status_code == 402
    abandoned = auth_client.patch(f"/api/v1/goals/{newest['id']}/", {"status": GoalStatus.ABANDONED}, format="json")
    assert abandoned.status_code == 200, abandoned.content
    assert Goal.objects.get(pk=newest["id"]).status == GoalStatus.ABANDONED
    # The two remaining active goals are within the cap and editable.
    assert auth_client.patch(f"/api/v1/goals/{goals[0]['id']}/", {"title": "Yes"}, format="json").status_code == 200


def test_notes_and_resources_past_the_cap_are_read_only(auth_client, user, small_free_plan):
    set_tier(user, Tier.PREMIUM_MONTHLY)
    notes = [auth_client.post("/api/v1/notes/", {"title": f"n{i}"}, format="json").json()["id"] for i in range(3)]
    saved = [
        auth_client.post("/api/v1/resources/", {"url": f"https://example.com/{i}"}, format="json").json()["id"]
        for i in range(3)
    ]
    set_tier(user, Tier.FREE)

    assert auth_client.patch(f"/api/v1/notes/{notes[0]}/", {"title": "ok"}, format="json").status_code == 200
    assert_plan_limit(
        auth_client.patch(f"/api/v1/notes/{notes[2]}/", {"title": "no"}, format="json"),
        metric="notes",
        limit=2,
        read_only=True,
    )
    assert Note.objects.get(pk=notes[2]).title == "n2"
    assert auth_client.patch(f"/api/v1/resources/saved/{saved[2]}/", {"progress": 50}, format="json").status_code == 402
    assert auth_client.delete(f"/api/v1/notes/{notes[2]}/").status_code == 204
    assert auth_client.delete(f"/api/v1/resources/saved/{saved[2]}/").status_code == 204


def test_an_over_cap_check_costs_two_queries(user, django_assert_num_queries):
    set_tier(user, Tier.PREMIUM_MONTHLY)
    courses = [learning.course_create(user=user, title=f"C{i}") for i in range(4)]
    set_tier(user, Tier.FREE)

    with django_assert_num_queries(2):  # tier, the ids past the cap
        assert entitlements.over_limit(user_id=user.pk, metric="active_courses") == {courses[3].pk}


def test_each_cap_counts_the_objects_its_app_registered(user):
    """The checks find the counted objects by metric; a metric nobody registered is a programming error."""
    course = learning.course_create(user=user, title="Kept")
    archived = learning.course_create(user=user, title="Archived")
    Course.objects.filter(pk=archived.pk).update(archived=True)

    assert list(entitlements.kept_objects(user_id=user.pk, metric="active_courses")) == [course]
    assert set(entitlements._kept) == {"active_courses", "active_goals", "notes", "resources", "cards", "spaces_owned"}
    with pytest.raises(ValueError, match="assistant_messages_per_day"):
        entitlements.check_room(user_id=user.pk, metric="assistant_messages_per_day")


# --- concurrency -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_never_exceed_the_cap():
    user = UserFactory.create()
    learning.course_create(user=user, title="Existing")
    learning.course_create(user=user, title="Existing too")
    barrier = threading.Barrier(5)
    outcomes: list[str] = []

    def create(index: int) -> None:
        barrier.wait()
        try:
            learning.course_create(user=user, title=f"Racer {index}")
            outcomes.append("created")
        except PlanLimitReached:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(index,)) for index in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["created", "refused", "refused", "refused", "refused"]
    assert Course.objects.filter(user=user, archived=False).count() == 3


# --- the assistant meets the same caps -------------------------------------------------------

COURSE_REQUEST: dict[str, Any] = {"topic": "linear algebra", "level": "beginner", "weeks": 4, "hours_per_week": 5}


def test_an_assistant_action_over_the_cap_fails_with_the_reason(user):
    for index in range(3):
        learning.course_create(user=user, title=f"C{index}")

    action = action_run(user=user, call=ToolCall("call-1", "create_course", {"title": "Fourth"}), message=None)

    assert action.status == ActionStatus.FAILED
    assert "allows 3 active courses" in action.error
    assert Course.objects.filter(user=user).count() == 3


def test_course_generation_is_refused_at_the_cap_before_it_is_counted(auth_client, user):
    for index in range(3):
        learning.course_create(user=user, title=f"C{index}")

    refused = auth_client.post("/api/v1/courses/generate", COURSE_REQUEST, format="json")

    assert_plan_limit(refused, metric="active_courses", limit=3, used=3)
    assert not Job.objects.filter(user=user).exists()
    assert auth_client.get("/api/v1/users/me/usage").json()["month"]["generations"] == 0


def test_a_generation_that_finds_the_cap_filled_meanwhile_fails_its_job(user):
    job = job_create(user=user, kind=COURSE_GENERATION)
    for index in range(3):
        learning.course_create(user=user, title=f"C{index}")

    course_generation_run(job_id=job.pk, **COURSE_REQUEST)

    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "allows 3 active courses" in job.error
    assert Course.objects.filter(user=user).count() == 3
