"""Goals and tasks: API, progress and status rules, ownership, events, query counts."""

import pytest

from apps.planning.models import Goal, GoalStatus, Task
from apps.planning.tests.factories import GoalFactory, TaskFactory

pytestmark = pytest.mark.django_db


def create_goal(auth_client, **body):
    response = auth_client.post("/api/v1/goals/", {"title": "Linear algebra", **body}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_goal_with_tasks(auth_client, user, events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        goal = create_goal(
            auth_client,
            priority="HIGH",
            target_date="2026-12-31",
            tasks=[{"title": "Vectors"}, {"title": "Matrices", "deadline": "2026-12-01T18:00:00Z"}],
        )

    assert goal["priority"] == "HIGH"
    assert goal["status"] == "NOT_STARTED"
    assert goal["progress"] == 0.0
    assert [(t["title"], t["order"]) for t in goal["tasks"]] == [("Vectors", 0), ("Matrices", 1)]
    assert goal["tasks"][1]["deadline"] == "2026-12-01T18:00:00Z"
    assert Goal.objects.get(pk=goal["id"]).user == user
    assert [e for e, _ in events.drain()] == ["goal.created"]


def test_completing_tasks_moves_progress_and_status(auth_client, events, django_capture_on_commit_callbacks):
    goal = create_goal(auth_client, tasks=[{"title": "A"}, {"title": "B"}])
    first, second = (t["id"] for t in goal["tasks"])
    events.drain()

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.patch(f"/api/v1/tasks/{first}/", {"completed": True}, format="json")
    assert response.status_code == 200
    assert response.json()["completed_at"] is not None
    detail = auth_client.get(f"/api/v1/goals/{goal['id']}/").json()
    assert (detail["status"], detail["progress"], detail["completed_at"]) == ("IN_PROGRESS", 50.0, None)
    assert [e for e, _ in events.drain()] == ["task.completed", "goal.updated"]

    auth_client.patch(f"/api/v1/tasks/{second}/", {"completed": True}, format="json")
    detail = auth_client.get(f"/api/v1/goals/{goal['id']}/").json()
    assert (detail["status"], detail["progress"]) == ("COMPLETED", 100.0)
    assert detail["completed_at"] is not None

    auth_client.patch(f"/api/v1/tasks/{second}/", {"completed": False}, format="json")
    detail = auth_client.get(f"/api/v1/goals/{goal['id']}/").json()
    assert (detail["status"], detail["progress"], detail["completed_at"]) == ("IN_PROGRESS", 50.0, None)


def test_adding_a_task_to_a_completed_goal_reopens_it(auth_client):
    goal = create_goal(auth_client, tasks=[{"title": "A", "completed": True}])
    assert goal["status"] == "COMPLETED"

    response = auth_client.post(f"/api/v1/goals/{goal['id']}/tasks/", {"title": "B"}, format="json")

    assert response.status_code == 201
    assert response.json()["order"] == 1
    detail = auth_client.get(f"/api/v1/goals/{goal['id']}/").json()
    assert (detail["status"], detail["progress"]) == ("IN_PROGRESS", 50.0)


def test_deleting_the_last_open_task_completes_the_goal(auth_client):
    goal = create_goal(auth_client, tasks=[{"title": "A", "completed": True}, {"title": "B"}])

    response = auth_client.delete(f"/api/v1/tasks/{goal['tasks'][1]['id']}/")

    assert response.status_code == 204
    detail = auth_client.get(f"/api/v1/goals/{goal['id']}/").json()
    assert (detail["status"], detail["progress"], len(detail["tasks"])) == ("COMPLETED", 100.0, 1)


@pytest.mark.parametrize(
    ("tasks", "start", "target", "message"),
    [
        ([{"title": "A"}], "NOT_STARTED", "COMPLETED", "Complete every task"),
        ([{"title": "A", "completed": True}, {"title": "B"}], "IN_PROGRESS", "NOT_STARTED", "cannot move"),
        ([{"title": "A", "completed": True}], "COMPLETED", "ABANDONED", "cannot move"),
        ([{"title": "A", "completed": True}], "COMPLETED", "IN_PROGRESS", "reopen a task"),
    ],
)
def test_invalid_status_transitions_are_refused(auth_client, tasks, start, target, message):
    goal = create_goal(auth_client, tasks=tasks)
    assert goal["status"] == start

    response = auth_client.patch(f"/api/v1/goals/{goal['id']}/", {"status": target, "title": "X"}, format="json")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert message in error["details"]["status"][0]
    stored = Goal.objects.get(pk=goal["id"])
    assert (stored.status, stored.title) == (start, "Linear algebra")


def test_abandon_and_resume(auth_client):
    goal = create_goal(auth_client, tasks=[{"title": "A"}, {"title": "B"}])
    url = f"/api/v1/goals/{goal['id']}/"

    assert auth_client.patch(url, {"status": "ABANDONED"}, format="json").json()["status"] == "ABANDONED"
    auth_client.patch(f"/api/v1/tasks/{goal['tasks'][0]['id']}/", {"completed": True}, format="json")
    assert auth_client.get(url).json()["status"] == "ABANDONED"  # abandoned goals keep their status

    resumed = auth_client.patch(url, {"status": "IN_PROGRESS"}, format="json").json()
    assert (resumed["status"], resumed["progress"]) == ("IN_PROGRESS", 50.0)


def test_goal_without_tasks_can_be_completed_by_hand(auth_client):
    goal = create_goal(auth_client)

    done = auth_client.patch(f"/api/v1/goals/{goal['id']}/", {"status": "COMPLETED"}, format="json").json()

    assert (done["status"], done["progress"]) == ("COMPLETED", 100.0)
    assert done["completed_at"] is not None


def test_reorder_tasks(auth_client):
    goal = create_goal(auth_client, tasks=[{"title": "A"}, {"title": "B"}, {"title": "C"}])
    a, b, c = (t["id"] for t in goal["tasks"])

    response = auth_client.post(f"/api/v1/goals/{goal['id']}/tasks/reorder", {"task_ids": [c, a, b]}, format="json")

    assert response.status_code == 200
    assert [t["title"] for t in response.json()] == ["C", "A", "B"]
    assert [t["title"] for t in auth_client.get(f"/api/v1/goals/{goal['id']}/").json()["tasks"]] == ["C", "A", "B"]


def test_reorder_must_name_every_task_once(auth_client):
    goal = create_goal(auth_client, tasks=[{"title": "A"}, {"title": "B"}])
    a, _ = (t["id"] for t in goal["tasks"])

    response = auth_client.post(f"/api/v1/goals/{goal['id']}/tasks/reorder", {"task_ids": [a, a]}, format="json")

    assert response.status_code == 400
    assert list(Task.objects.filter(goal_id=goal["id"]).values_list("title", flat=True)) == ["A", "B"]


def test_invalid_goal_input_is_a_400_and_creates_nothing(auth_client):
    response = auth_client.post("/api/v1/goals/", {"title": "", "priority": "URGENT"}, format="json")

    assert response.status_code == 400
    assert set(response.json()["error"]["details"]) == {"title", "priority"}
    assert not Goal.objects.exists()


def test_another_users_goals_and_tasks_answer_404(auth_client, other_user):
    goal = GoalFactory.create(user=other_user)
    task = TaskFactory.create(goal=goal)

    assert auth_client.get(f"/api/v1/goals/{goal.pk}/").status_code == 404
    assert auth_client.patch(f"/api/v1/goals/{goal.pk}/", {"title": "x"}, format="json").status_code == 404
    assert auth_client.delete(f"/api/v1/goals/{goal.pk}/").status_code == 404
    assert auth_client.post(f"/api/v1/goals/{goal.pk}/tasks/", {"title": "x"}, format="json").status_code == 404
    assert auth_client.patch(f"/api/v1/tasks/{task.pk}/", {"completed": True}, format="json").status_code == 404
    assert auth_client.delete(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert auth_client.get("/api/v1/goals/").json()["count"] == 0
    task.refresh_from_db()
    assert not task.completed


def test_list_filters_and_orders(auth_client, user):
    GoalFactory.create(user=user, title="B", priority="LOW")
    GoalFactory.create(user=user, title="A", priority="HIGH", status=GoalStatus.ABANDONED)
    GoalFactory.create(user=user, title="C", priority="MEDIUM")

    assert [g["title"] for g in auth_client.get("/api/v1/goals/?ordering=title").json()["results"]] == ["A", "B", "C"]
    by_rank = auth_client.get("/api/v1/goals/?ordering=-priority").json()["results"]
    assert [g["priority"] for g in by_rank] == ["HIGH", "MEDIUM", "LOW"]
    assert [g["title"] for g in auth_client.get("/api/v1/goals/?status=ABANDONED").json()["results"]] == ["A"]
    assert [g["title"] for g in auth_client.get("/api/v1/goals/?priority=LOW").json()["results"]] == ["B"]
    assert auth_client.get("/api/v1/goals/?status=NOPE").status_code == 400


@pytest.mark.parametrize("url", ["/api/v1/goals/?status=", "/api/v1/schedule/?course=", "/api/v1/goals/?ordering="])
def test_an_empty_filter_value_is_a_400_not_ignored(auth_client, url):
    response = auth_client.get(url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


def test_goal_list_query_count_is_constant(auth_client, user, django_assert_max_num_queries):
    for _ in range(15):
        TaskFactory.create_batch(3, goal=GoalFactory.create(user=user))

    with django_assert_max_num_queries(4):  # auth user, count, page, tasks
        response = auth_client.get("/api/v1/goals/?page_size=15")

    assert len(response.json()["results"]) == 15
    assert all(len(g["tasks"]) == 3 for g in response.json()["results"])


def test_a_deadline_without_an_offset_is_read_in_the_users_zone_and_answered_in_utc(auth_client, user):
    user.timezone = "Asia/Tokyo"
    user.save(update_fields=["timezone"])

    goal = create_goal(auth_client, title="Exams", tasks=[{"title": "Revise", "deadline": "2026-12-01T18:00:00"}])

    assert goal["tasks"][0]["deadline"] == "2026-12-01T09:00:00Z"
    assert goal["created_at"].endswith("Z")


def test_enum_filters_take_any_letter_case_and_a_wrong_value_names_the_choices(auth_client, user):
    GoalFactory.create(user=user, priority="HIGH", status="IN_PROGRESS")
    GoalFactory.create(user=user, priority="LOW", status="NOT_STARTED")

    for query in ("priority=High", "priority=high", "status=in_progress", "status=In_Progress&priority=HIGH"):
        response = auth_client.get(f"/api/v1/goals/?{query}")
        assert response.status_code == 200, query
        assert response.json()["count"] == 1, query

    response = auth_client.get("/api/v1/goals/?status=ACTIVE")
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "status": ["“ACTIVE” is not a valid choice: one of NOT_STARTED, IN_PROGRESS, COMPLETED, ABANDONED."]
    }


def test_goal_bodies_take_the_same_enums_in_any_letter_case(auth_client):
    goal = create_goal(auth_client, priority="high")

    response = auth_client.patch(f"/api/v1/goals/{goal['id']}/", {"status": "Abandoned"}, format="json")

    assert (goal["priority"], response.json()["status"]) == ("HIGH", "ABANDONED")
    refused = auth_client.patch(f"/api/v1/goals/{goal['id']}/", {"priority": "urgent"}, format="json")
    message = "“urgent” is not a valid choice: one of LOW, MEDIUM, HIGH."
    assert refused.json()["error"]["details"] == {"priority": [message]}


def test_a_task_deadline_given_as_a_date_is_the_end_of_that_local_day(auth_client, user):
    user.timezone = "Europe/Paris"
    user.save(update_fields=["timezone"])
    response = auth_client.post(
        "/api/v1/goals/", {"title": "Exams", "tasks": [{"title": "x", "deadline": "2026-12-20"}]}, format="json"
    )
    assert response.status_code == 201, response.content
    task_id = response.json()["tasks"][0]["id"]
    assert response.json()["tasks"][0]["deadline"] == "2026-12-20T22:59:00Z"
    response = auth_client.patch(f"/api/v1/tasks/{task_id}/", {"deadline": "2026-07-01"}, format="json")
    assert response.json()["deadline"] == "2026-07-01T21:59:00Z"
    response = auth_client.patch(f"/api/v1/tasks/{task_id}/", {"deadline": "2026-07-01T08:00:00"}, format="json")
    assert response.json()["deadline"] == "2026-07-01T06:00:00Z"
    response = auth_client.patch(f"/api/v1/tasks/{task_id}/", {"deadline": "2026-02-30"}, format="json")
    assert response.status_code == 400
