"""Generation jobs: course outlines, schedule proposals and note summaries, through the real tasks."""

from __future__ import annotations

import datetime
import json
import time
import zoneinfo
from typing import Any

import pytest
from asgiref.sync import async_to_sync

from apps.accounts.models import Job, JobState
from apps.assistant.generation.outline import build_outline
from apps.assistant.summaries import extractive_summary
from apps.assistant.tasks import generate_course
from apps.assistant.tests.openai_server import Failure, FakeOpenAI, Reply
from apps.learning.models import Course, Topic
from apps.learning.tests.factories import CourseFactory, ModuleFactory, NoteFactory, TopicFactory
from apps.planning.models import ScheduleBlock
from apps.planning.services.schedule import schedule_block_create
from apps.planning.tests.factories import GoalFactory
from maigie.celery import app as celery_app
from maigie.realtime import events

NOTE_TEXT = (
    "Photosynthesis turns light into chemical energy. Chlorophyll absorbs light in the chloroplasts. "
    "The light reactions make ATP and NADPH. The Calvin cycle fixes carbon dioxide into sugar. "
    "Plants need water for photosynthesis. Light energy drives the whole process of photosynthesis."
)


@pytest.fixture
def eager():
    """Tasks enqueued after commit run at once in this process (Celery's documented eager mode)."""
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = False, False


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def online(settings, server):
    settings.ASSISTANT_PROVIDER = "auto"
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = server.base_url
    settings.OPENAI_MODEL = "gpt-test"
    settings.OPENAI_MAX_RETRIES = 0
    return server


def published(user) -> list[dict]:
    return [json.loads(event.payload) for event in async_to_sync(events.events_between)(user.pk, after=0) or []]


def result_of(job: Job) -> dict[str, Any]:
    assert isinstance(job.result, dict)
    return job.result


def start(client, url, payload, capture):
    """POST ``payload`` and run what it enqueued after commit (the task, eagerly)."""
    with capture(execute=True):
        response = client.post(url, payload, format="json")
    return response


COURSE = {"topic": "linear algebra", "level": "beginner", "weeks": 4, "hours_per_week": 5}


# --- courses ---------------------------------------------------------------------------------


def test_offline_outline_has_a_module_per_week_and_the_weekly_hours():
    outline = build_outline(topic="organic chemistry", level="advanced", weeks=6, hours_per_week=7)

    assert len(outline.modules) == 6
    assert [sum(t.estimated_hours or 0 for t in module.topics) for module in outline.modules] == [7.0] * 6
    assert outline.modules[0].title == "The landscape of advanced organic chemistry"
    assert outline.modules[1].title == "Advanced topics in organic chemistry, part 1"
    assert outline.modules[4].title == "Research and case studies in organic chemistry"
    assert outline.modules[-1].title == "Capstone and synthesis in organic chemistry"
    assert len({module.title for module in outline.modules}) == 6
    assert build_outline(topic="organic chemistry", level="advanced", weeks=6, hours_per_week=7) == outline


@pytest.mark.django_db
def test_course_generation_offline_creates_the_outlined_course(
    auth_client, user, eager, django_capture_on_commit_callbacks
):
    response = start(auth_client, "/api/v1/courses/generate", COURSE, django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert (response.json()["job"]["state"], job.state, job.kind) == (
        "PENDING",
        JobState.SUCCEEDED,
        "course_generation",
    )
    course = Course.objects.get(pk=result_of(job)["course_id"])
    assert (course.user, course.title, course.difficulty, course.is_ai_generated) == (
        user,
        "Linear algebra",
        "BEGINNER",
        True,
    )
    assert course.target_date == datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(weeks=4)
    assert result_of(job)["source"] == "offline"
    modules = list(course.modules.order_by("order"))
    assert [m.title for m in modules] == [
        "Getting started with linear algebra",
        "Linear algebra fundamentals, part 1",
        "Linear algebra fundamentals, part 2",
        "Review and next steps in linear algebra",
    ]
    assert (
        sum(
            hours or 0
            for hours in Topic.objects.filter(module__course=course).values_list("estimated_hours", flat=True)
        )
        == 20.0
    )
    progress = [e["data"] for e in published(user) if e["event"] == "job.progress"]
    assert [p["state"] for p in progress] == ["PENDING", "RUNNING", "RUNNING", "SUCCEEDED"]
    assert [p["progress"] for p in progress] == [0, 10, 70, 100]
    assert any(e["event"] == "course.created" and e["data"]["id"] == str(course.pk) for e in published(user))
    polled = auth_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert polled["result"]["course_id"] == str(course.pk)


@pytest.mark.django_db
def test_course_generation_online_uses_the_models_outline(
    auth_client, user, eager, online, django_capture_on_commit_callbacks
):
    outline = {
        "description": "Vectors to eigenvalues.",
        "modules": [
            {
                "title": "Vectors",
                "topics": [{"title": "Vector spaces", "estimated_hours": 2}, {"title": "Span", "estimated_hours": 1}],
            },
            {"title": "Matrices", "topics": [{"title": "Matrix product"}, {"title": "Inverses"}, {"title": "Rank"}]},
        ],
    }
    online.script.append(Reply(tool_calls=[("call_1", "outline", json.dumps(outline))]))
    payload = {**COURSE, "weeks": 2, "hours_per_week": 3}

    response = start(auth_client, "/api/v1/courses/generate", payload, django_capture_on_commit_callbacks)

    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert result_of(job)["source"] == "model"
    course = Course.objects.get(pk=result_of(job)["course_id"])
    assert course.description == "Vectors to eigenvalues."
    topics = Topic.objects.filter(module__course=course).order_by("module__order", "order")
    assert [(t.module.title, t.title, t.estimated_hours) for t in topics] == [
        ("Vectors", "Vector spaces", 2.0),
        ("Vectors", "Span", 1.0),
        ("Matrices", "Matrix product", 1.0),
        ("Matrices", "Inverses", 1.0),
        ("Matrices", "Rank", 1.0),
    ]
    request = online.requests[0]
    assert request["model"] == "gpt-test"
    assert [tool["function"]["name"] for tool in request["tools"]] == ["outline"]
    assert "modules" in request["tools"][0]["function"]["parameters"]["properties"]


@pytest.mark.django_db
def test_model_failure_or_invalid_outline_falls_back_to_the_offline_builder(user, online):
    online.script.append(Reply(tool_calls=[("call_1", "outline", json.dumps({"modules": [{"title": "Only one"}]}))]))
    online.script.append(Failure(status=500))
    for _ in range(2):
        job = Job.objects.create(user=user, kind="course_generation")
        generate_course.apply(args=(str(job.pk),), kwargs={**COURSE, "weeks": 2})
        job.refresh_from_db()
        assert job.state == JobState.SUCCEEDED
        assert result_of(job)["source"] == "offline"
    assert Course.objects.filter(user=user, modules__title="Getting started with linear algebra").count() == 2


@pytest.mark.django_db
def test_redelivered_course_task_creates_the_course_once(user):
    job = Job.objects.create(user=user, kind="course_generation")

    generate_course(str(job.pk), **COURSE)
    generate_course(str(job.pk), **COURSE)

    assert Course.objects.filter(user=user).count() == 1
    job.refresh_from_db()
    assert result_of(job)["course_id"] == str(Course.objects.get(user=user).pk)


@pytest.mark.django_db
def test_a_task_that_fails_marks_its_job_failed(user):
    job = Job.objects.create(user=user, kind="course_generation")

    outcome = generate_course.apply(args=(str(job.pk),), kwargs={**COURSE, "level": "expert"})

    assert outcome.failed()
    job.refresh_from_db()
    assert (job.state, job.error) == (JobState.FAILED, "The generation failed; please try again.")
    assert not Course.objects.filter(user=user).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {**COURSE, "level": "expert"},
        {**COURSE, "weeks": 0},
        {**COURSE, "hours_per_week": 41},
        {"level": "beginner", "weeks": 2, "hours_per_week": 2},
    ],
)
def test_bad_course_request_is_400_and_enqueues_nothing(auth_client, payload, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = auth_client.post("/api/v1/courses/generate", payload, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert callbacks == []
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_course_generation_through_a_real_worker(auth_client, user, celery_worker_process):
    response = auth_client.post("/api/v1/courses/generate", {**COURSE, "weeks": 3}, format="json")
    assert response.status_code == 202
    job_id = response.json()["job"]["id"]

    deadline = time.monotonic() + 30
    while Job.objects.get(pk=job_id).state not in Job.FINAL_STATES and time.monotonic() < deadline:
        time.sleep(0.2)

    job = Job.objects.get(pk=job_id)
    assert job.state == JobState.SUCCEEDED, job.error
    course = Course.objects.get(pk=result_of(job)["course_id"], user=user, is_ai_generated=True)
    assert course.modules.count() == 3
    assert auth_client.get(f"/api/v1/jobs/{job_id}").json()["state"] == "SUCCEEDED"


# --- schedule --------------------------------------------------------------------------------

WINDOWS = [{"days": ["MO", "WE"], "start": "18:00", "end": "21:00"}]


@pytest.fixture
def new_york_user(user):
    user.timezone = "America/New_York"
    user.save(update_fields=["timezone"])
    return user


@pytest.fixture
def course(new_york_user):
    course = CourseFactory.create(
        user=new_york_user, target_date=datetime.date.today() + datetime.timedelta(days=22), title="Algebra"
    )
    module = ModuleFactory.create(course=course)
    TopicFactory.create(module=module, title="Groups")
    TopicFactory.create(module=module, title="Rings")
    return course


def propose(auth_client, capture, **payload):
    response = start(auth_client, "/api/v1/schedule/generate", payload, capture)
    assert response.status_code == 202, response.content
    return Job.objects.get(pk=response.json()["job"]["id"])


@pytest.mark.django_db
def test_schedule_proposal_fits_windows_avoids_occurrences_in_the_users_timezone(
    auth_client, new_york_user, course, eager, django_capture_on_commit_callbacks
):
    zone = zoneinfo.ZoneInfo("America/New_York")
    monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    schedule_block_create(
        user=new_york_user,
        title="Choir",
        start_time=datetime.datetime.combine(monday, datetime.time(18, 0), tzinfo=zone),
        end_time=datetime.datetime.combine(monday, datetime.time(19, 30), tzinfo=zone),
        recurrence_rule="FREQ=WEEKLY;BYDAY=MO",
    )

    job = propose(
        auth_client,
        django_capture_on_commit_callbacks,
        course_id=str(course.pk),
        sessions_per_week=2,
        minutes_per_session=60,
        windows=WINDOWS,
    )

    assert job.state == JobState.SUCCEEDED
    blocks = result_of(job)["blocks"]
    assert ScheduleBlock.objects.filter(user=new_york_user).count() == 1  # a proposal creates nothing
    local = [
        (
            datetime.datetime.fromisoformat(b["start_time"]).astimezone(zone),
            datetime.datetime.fromisoformat(b["end_time"]).astimezone(zone),
        )
        for b in blocks
    ]
    assert len(blocks) >= 4
    for begin, end in local:
        assert begin.strftime("%a") in {"Mon", "Wed"}
        assert datetime.time(18, 0) <= begin.time()
        assert end.time() <= datetime.time(21, 0)
        assert end - begin == datetime.timedelta(minutes=60)
        assert begin.date() <= course.target_date
        if begin.strftime("%a") == "Mon":
            assert begin.time() == datetime.time(19, 30)  # after the weekly choir
        else:
            assert begin.time() == datetime.time(18, 0)
    assert [b["title"] for b in blocks[:2]] == ["Algebra: Groups", "Algebra: Rings"]
    assert {b["course_id"] for b in blocks} == {str(course.pk)}
    weeks = [begin.isocalendar()[:2] for begin, _ in local]
    assert max(weeks.count(week) for week in weeks) <= 2


@pytest.mark.django_db
def test_confirm_creates_the_proposed_blocks_once(
    auth_client, new_york_user, eager, django_capture_on_commit_callbacks
):
    goal = GoalFactory.create(user=new_york_user, title="Pass the exam")
    job = propose(
        auth_client,
        django_capture_on_commit_callbacks,
        goal_id=str(goal.pk),
        sessions_per_week=3,
        until=(datetime.date.today() + datetime.timedelta(days=13)).isoformat(),
    )
    proposed = result_of(job)["blocks"]
    assert proposed
    assert all(b["title"] == "Work on Pass the exam" for b in proposed)

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = auth_client.post(f"/api/v1/schedule/generate/{job.pk}/confirm")
    again = auth_client.post(f"/api/v1/schedule/generate/{job.pk}/confirm")

    assert confirmed.status_code == 200, confirmed.content
    blocks = ScheduleBlock.objects.filter(user=new_york_user).order_by("start_time")
    assert [(b.start_time.isoformat(), b.goal_id, b.is_ai_generated) for b in blocks] == [
        (datetime.datetime.fromisoformat(b["start_time"]).isoformat(), goal.pk, True) for b in proposed
    ]
    assert sorted(confirmed.json()["job"]["result"]["block_ids"]) == sorted(str(b.pk) for b in blocks)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_confirmed"
    assert ScheduleBlock.objects.filter(user=new_york_user).count() == len(proposed)
    assert sum(e["event"] == "schedule.created" for e in published(new_york_user)) == len(proposed)


@pytest.mark.django_db
def test_schedule_requests_for_others_objects_are_404(auth_client, other_user, django_capture_on_commit_callbacks):
    their_course = CourseFactory.create(user=other_user)
    their_goal = GoalFactory.create(user=other_user)
    their_job = Job.objects.create(user=other_user, kind="schedule_generation", state=JobState.SUCCEEDED, result={})

    with django_capture_on_commit_callbacks() as callbacks:
        by_course = auth_client.post("/api/v1/schedule/generate", {"course_id": str(their_course.pk)}, format="json")
        by_goal = auth_client.post("/api/v1/schedule/generate", {"goal_id": str(their_goal.pk)}, format="json")
    confirm = auth_client.post(f"/api/v1/schedule/generate/{their_job.pk}/confirm")

    assert (by_course.status_code, by_goal.status_code, confirm.status_code) == (404, 404, 404)
    assert callbacks == []
    assert Job.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"windows": [{"days": ["XX"], "start": "18:00", "end": "19:00"}]},
        {"windows": [{"days": ["MO"], "start": "20:00", "end": "19:00"}]},
        {"sessions_per_week": 8},
        {"until": "2000-01-01"},
    ],
)
def test_bad_schedule_request_is_400_and_enqueues_nothing(
    auth_client, user, payload, django_capture_on_commit_callbacks
):
    course = CourseFactory.create(user=user)
    body = {"course_id": str(course.pk), **payload} if payload else {}
    with django_capture_on_commit_callbacks() as callbacks:
        response = auth_client.post("/api/v1/schedule/generate", body, format="json")

    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "validation_error"
    assert callbacks == []
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_confirming_a_course_job_is_404(auth_client, user):
    job = Job.objects.create(user=user, kind="course_generation", state=JobState.SUCCEEDED, result={})
    assert auth_client.post(f"/api/v1/schedule/generate/{job.pk}/confirm").status_code == 404


# --- note summaries --------------------------------------------------------------------------


@pytest.mark.django_db
def test_offline_summary_is_extractive_and_written_to_the_note(
    auth_client, user, eager, django_capture_on_commit_callbacks
):
    note = NoteFactory.create(user=user, content=NOTE_TEXT)

    response = start(auth_client, f"/api/v1/notes/{note.pk}/summary", {}, django_capture_on_commit_callbacks)

    assert response.status_code == 202
    note.refresh_from_db()
    assert note.summary == extractive_summary(NOTE_TEXT)
    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert job.result == {"note_id": str(note.pk), "summary": note.summary, "source": "extractive"}
    updates = [e["data"] for e in published(user) if e["event"] == "note.updated"]
    assert updates
    assert updates[-1]["id"] == str(note.pk)


@pytest.mark.django_db
def test_a_summary_of_markdown_is_plain_text(auth_client, user, eager, django_capture_on_commit_callbacks):
    content = (
        "## Photosynthesis\n\nPlants turn **light** into sugar, see [the notes](https://example.com/p).\n\n"
        "<script>alert(1)</script>\n\n- Chlorophyll absorbs light in the leaves."
    )
    note = NoteFactory.create(user=user, content=content)

    start(auth_client, f"/api/v1/notes/{note.pk}/summary", {}, django_capture_on_commit_callbacks)

    note.refresh_from_db()
    assert "Plants turn light into sugar, see the notes." in note.summary
    for markup in ("**", "](", "https://", "<script", "alert", "##"):
        assert markup not in note.summary


@pytest.mark.django_db
def test_online_summary_comes_from_the_model(auth_client, user, eager, online, django_capture_on_commit_callbacks):
    note = NoteFactory.create(user=user, content=NOTE_TEXT)
    online.script.append(Reply(text_chunks=["Plants turn ", "light into sugar."]))

    start(auth_client, f"/api/v1/notes/{note.pk}/summary", {}, django_capture_on_commit_callbacks)

    note.refresh_from_db()
    assert note.summary == "Plants turn light into sugar."
    assert online.requests[0]["messages"][-1]["content"] == NOTE_TEXT


@pytest.mark.django_db
def test_another_users_note_is_404_and_starts_nothing(auth_client, other_user):
    note = NoteFactory.create(user=other_user)
    response = auth_client.post(f"/api/v1/notes/{note.pk}/summary")
    assert response.status_code == 404
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_course_generation_counts_against_the_monthly_quota(auth_client, user):
    from apps.accounts.models import Job

    payload = {"topic": "Statistics", "level": "beginner", "weeks": 2, "hours_per_week": 3}
    statuses = [auth_client.post("/api/v1/courses/generate", payload, format="json").status_code for _ in range(3)]

    assert statuses == [202, 202, 402]  # FREE: 2 AI course generations a month
    refused = auth_client.post("/api/v1/courses/generate", payload, format="json").json()["error"]
    assert refused["code"] == "quota_exceeded"
    assert (refused["details"]["limit"], refused["details"]["used"]) == (2, 2)
    assert Job.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_a_failed_course_generation_is_given_back_to_the_quota(auth_client, user):
    payload = {"topic": "Statistics", "level": "beginner", "weeks": 2, "hours_per_week": 3}
    first, second = (auth_client.post("/api/v1/courses/generate", payload, format="json") for _ in range(2))
    failed_id = first.json()["job"]["id"]

    outcome = generate_course.apply(args=(failed_id,), kwargs={**COURSE, "level": "expert"})
    generate_course.apply(args=(failed_id,), kwargs={**COURSE, "level": "expert"})  # a redelivery

    assert outcome.failed()
    assert second.status_code == 202
    usage = auth_client.get("/api/v1/users/me/usage").json()
    assert usage["quotas"]["ai_course_generations_per_month"]["used"] == 1
    again = auth_client.post("/api/v1/courses/generate", payload, format="json")
    assert again.status_code == 202
    assert auth_client.post("/api/v1/courses/generate", payload, format="json").status_code == 402
