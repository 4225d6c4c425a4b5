"""Links from goals, blocks and sessions to the learner's courses and topics."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from apps.learning.services import course_delete, topic_delete
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.models import Goal, ScheduleBlock, StudySession
from apps.planning.services.schedule import schedule_block_update
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory

pytestmark = pytest.mark.django_db

BLOCK = {"title": "Study", "start_time": "2026-03-02T19:00:00Z", "end_time": "2026-03-02T19:45:00Z"}


def topic_of(user, **kwargs):
    return TopicFactory.create(module=ModuleFactory.create(course=CourseFactory.create(user=user, **kwargs)))


def details(response):
    assert response.status_code == 400, response.content
    body = response.json()["error"]
    assert body["code"] == "validation_error"
    return body["details"]


# --- goals -------------------------------------------------------------------------------------


def test_goal_with_a_course(auth_client, user, events, django_capture_on_commit_callbacks):
    course = CourseFactory.create(user=user)

    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post("/api/v1/goals/", {"title": "Pass", "course_id": str(course.pk)}, format="json")

    assert created.status_code == 201
    assert created.json()["course_id"] == str(course.pk)
    assert Goal.objects.get().course == course
    [(event, data)] = events.drain()
    assert (event, data["course_id"]) == ("goal.created", str(course.pk))


@pytest.mark.parametrize("whose", ["other", "unknown"])
def test_goal_refuses_a_course_that_is_not_the_users(auth_client, user, other_user, whose):
    course_id = CourseFactory.create(user=other_user).pk if whose == "other" else uuid.uuid4()
    goal = GoalFactory.create(user=user, title="Keep")

    created = auth_client.post("/api/v1/goals/", {"title": "Pass", "course_id": str(course_id)}, format="json")
    patched = auth_client.patch(
        f"/api/v1/goals/{goal.pk}/", {"title": "Changed", "course_id": str(course_id)}, format="json"
    )

    assert details(created) == {"course_id": ["No such course."]}
    assert details(patched) == {"course_id": ["No such course."]}
    assert list(Goal.objects.values_list("title", "course_id")) == [("Keep", None)]


def test_goal_course_can_be_changed_and_cleared(auth_client, user):
    first, second = CourseFactory.create(user=user), CourseFactory.create(user=user)
    goal = GoalFactory.create(user=user, course=first)

    moved = auth_client.patch(f"/api/v1/goals/{goal.pk}/", {"course_id": str(second.pk)}, format="json")
    cleared = auth_client.patch(f"/api/v1/goals/{goal.pk}/", {"course_id": None}, format="json")

    assert moved.json()["course_id"] == str(second.pk)
    assert cleared.json()["course_id"] is None
    goal.refresh_from_db()
    assert goal.course is None


def test_goal_list_filters_by_course_in_constant_queries(auth_client, user, django_assert_max_num_queries):
    course = CourseFactory.create(user=user)
    linked = [GoalFactory.create(user=user, course=course) for _ in range(5)]
    GoalFactory.create(user=user)
    GoalFactory.create(user=user, course=CourseFactory.create(user=user))

    with django_assert_max_num_queries(4):  # auth user, count, page, tasks
        response = auth_client.get("/api/v1/goals/", {"course": str(course.pk)})

    assert {g["id"] for g in response.json()["results"]} == {str(g.pk) for g in linked}
    assert details(auth_client.get("/api/v1/goals/", {"course": "nope"})) == {
        "course": ["Must be a valid UUID string."]
    }


# --- schedule blocks ---------------------------------------------------------------------------


def test_block_with_a_topic_gets_its_course(auth_client, user, events, django_capture_on_commit_callbacks):
    topic = topic_of(user)
    course_id = str(topic.module.course_id)

    with django_capture_on_commit_callbacks(execute=True):
        created = auth_client.post("/api/v1/schedule/", {**BLOCK, "topic_id": str(topic.pk)}, format="json")

    assert created.status_code == 201
    assert (created.json()["course_id"], created.json()["topic_id"]) == (course_id, str(topic.pk))
    block = ScheduleBlock.objects.get()
    assert (block.course_id, block.topic_id) == (topic.module.course_id, topic.pk)
    [(event, data)] = events.drain()
    assert (event, data["course_id"], data["topic_id"]) == ("schedule.created", course_id, str(topic.pk))


def test_block_with_an_agreeing_course_and_topic(auth_client, user):
    topic = topic_of(user)

    created = auth_client.post(
        "/api/v1/schedule/",
        {**BLOCK, "course_id": str(topic.module.course_id), "topic_id": str(topic.pk)},
        format="json",
    )

    assert created.status_code == 201
    assert created.json()["topic_id"] == str(topic.pk)


def test_block_refuses_a_topic_of_another_course(auth_client, user):
    topic = topic_of(user)
    other_course = CourseFactory.create(user=user)

    refused = auth_client.post(
        "/api/v1/schedule/", {**BLOCK, "course_id": str(other_course.pk), "topic_id": str(topic.pk)}, format="json"
    )

    assert details(refused) == {"topic_id": ["The topic is not in this course."]}
    assert not ScheduleBlock.objects.exists()


def test_block_refuses_another_users_course_and_topic(auth_client, user, other_user):
    theirs = topic_of(other_user)
    block = ScheduleBlockFactory.create(user=user, title="Mine")

    created = auth_client.post(
        "/api/v1/schedule/",
        {**BLOCK, "course_id": str(theirs.module.course_id), "topic_id": str(theirs.pk)},
        format="json",
    )
    patched = auth_client.patch(
        f"/api/v1/schedule/{block.pk}/", {"title": "Changed", "topic_id": str(theirs.pk)}, format="json"
    )

    assert details(created) == {"course_id": ["No such course."], "topic_id": ["No such topic."]}
    assert details(patched) == {"topic_id": ["No such topic."]}
    assert list(ScheduleBlock.objects.values_list("title", "course_id", "topic_id")) == [("Mine", None, None)]


def test_block_link_updates(user):
    topic = topic_of(user)
    course = topic.module.course
    sibling = TopicFactory.create(module=topic.module)
    elsewhere = CourseFactory.create(user=user)
    block = ScheduleBlockFactory.create(user=user)

    def links(data):
        updated = schedule_block_update(block=block, data=data)
        return updated.course_id, updated.topic_id

    assert links({"topic_id": topic.pk}) == (course.pk, topic.pk)  # a topic brings its course
    assert links({"course_id": course.pk}) == (course.pk, topic.pk)  # same course: the topic stays
    assert links({"topic_id": sibling.pk}) == (course.pk, sibling.pk)
    assert links({"topic_id": None}) == (course.pk, None)  # clearing the topic keeps the course
    assert links({"topic_id": topic.pk, "course_id": course.pk}) == (course.pk, topic.pk)
    assert links({"course_id": elsewhere.pk}) == (elsewhere.pk, None)  # another course: the topic goes
    assert links({"topic_id": topic.pk}) == (course.pk, topic.pk)
    assert links({"course_id": None}) == (None, None)  # no course, no topic


def test_schedule_list_filters_by_course_in_constant_queries(auth_client, user, django_assert_max_num_queries):
    course = CourseFactory.create(user=user)
    linked = [ScheduleBlockFactory.create(user=user, course=course) for _ in range(5)]
    ScheduleBlockFactory.create(user=user)

    with django_assert_max_num_queries(3):  # auth user, count, page
        response = auth_client.get("/api/v1/schedule/", {"course": str(course.pk)})

    assert {b["id"] for b in response.json()["results"]} == {str(b.pk) for b in linked}
    assert all(b["course_id"] == str(course.pk) for b in response.json()["results"])


def test_calendar_feed_names_the_course_and_topic(auth_client, api_client, user):
    topic = topic_of(user, title="Linear algebra")
    topic.title = "Eigenvalues"
    topic.save()
    ScheduleBlockFactory.create(user=user, description="Chapter 3", course=topic.module.course, topic=topic)
    ScheduleBlockFactory.create(user=user, course=topic.module.course)
    ScheduleBlockFactory.create(user=user)
    token = auth_client.post("/api/v1/schedule/calendar-token").json()["token"]

    feed = api_client.get("/api/v1/schedule/calendar.ics", {"token": token})

    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(str(e.get("description", "")) for e in events) == [
        "",
        "Chapter 3\n\nCourse: Linear algebra / Topic: Eigenvalues",
        "Course: Linear algebra",
    ]


# --- study sessions ----------------------------------------------------------------------------


def test_session_from_a_block_inherits_its_course_and_topic(
    auth_client, user, events, django_capture_on_commit_callbacks
):
    topic = topic_of(user)
    block = ScheduleBlockFactory.create(user=user, course=topic.module.course, topic=topic)

    with django_capture_on_commit_callbacks(execute=True):
        started = auth_client.post("/api/v1/sessions/start", {"block_id": str(block.pk)}, format="json")

    assert started.status_code == 201
    body = started.json()
    assert (body["block_id"], body["course_id"], body["topic_id"]) == (
        str(block.pk),
        str(topic.module.course_id),
        str(topic.pk),
    )
    [(event, data)] = events.drain()
    assert (event, data["course_id"], data["topic_id"]) == ("session.started", body["course_id"], str(topic.pk))


def test_session_links_given_override_the_blocks(auth_client, user):
    topic = topic_of(user)
    other = CourseFactory.create(user=user)
    block = ScheduleBlockFactory.create(user=user, course=topic.module.course, topic=topic)

    started = auth_client.post(
        "/api/v1/sessions/start", {"block_id": str(block.pk), "course_id": str(other.pk)}, format="json"
    )

    assert (started.json()["course_id"], started.json()["topic_id"]) == (str(other.pk), None)


def test_session_with_a_topic_only(auth_client, user):
    topic = topic_of(user)

    started = auth_client.post("/api/v1/sessions/start", {"topic_id": str(topic.pk)}, format="json")

    assert (started.json()["course_id"], started.json()["topic_id"]) == (str(topic.module.course_id), str(topic.pk))


def test_session_refuses_links_that_are_not_the_users(auth_client, user, other_user):
    theirs = topic_of(other_user)
    mine = topic_of(user)

    refusals = [
        auth_client.post("/api/v1/sessions/start", {"course_id": str(theirs.module.course_id)}, format="json"),
        auth_client.post("/api/v1/sessions/start", {"topic_id": str(theirs.pk)}, format="json"),
        auth_client.post(
            "/api/v1/sessions/start",
            {"course_id": str(theirs.module.course_id), "topic_id": str(mine.pk)},
            format="json",
        ),
        auth_client.post(
            "/api/v1/sessions/start",
            {"course_id": str(CourseFactory.create(user=user).pk), "topic_id": str(mine.pk)},
            format="json",
        ),
    ]

    assert [details(r) for r in refusals] == [
        {"course_id": ["No such course."]},
        {"topic_id": ["No such topic."]},
        {"course_id": ["No such course."]},
        {"topic_id": ["The topic is not in this course."]},
    ]
    assert not StudySession.objects.exists()


# --- deletion on the learning side -------------------------------------------------------------


def test_deleting_a_course_unlinks_goals_blocks_and_sessions(user):
    topic = topic_of(user)
    course = topic.module.course
    goal = GoalFactory.create(user=user, course=course)
    block = ScheduleBlockFactory.create(user=user, course=course, topic=topic, goal=goal)
    session = StudySession.objects.create(
        user=user, block=block, course=course, topic=topic, started_at=datetime(2026, 1, 5, tzinfo=UTC)
    )

    course_delete(course=course)

    for obj in (goal, block, session):
        obj.refresh_from_db()
    assert goal.course_id is None
    assert (block.course_id, block.topic_id, block.goal_id) == (None, None, goal.pk)
    assert (session.course_id, session.topic_id, session.block_id) == (None, None, block.pk)


def test_deleting_a_topic_keeps_the_course_link(user):
    topic = topic_of(user)
    block = ScheduleBlockFactory.create(user=user, course=topic.module.course, topic=topic)
    session = StudySession.objects.create(
        user=user,
        course=topic.module.course,
        topic=topic,
        started_at=datetime(2026, 1, 5, tzinfo=UTC),
        ended_at=datetime(2026, 1, 5, tzinfo=UTC) + timedelta(minutes=5),
    )

    topic_delete(topic=topic)

    block.refresh_from_db()
    session.refresh_from_db()
    assert (block.course_id, block.topic_id) == (topic.module.course_id, None)
    assert (session.course_id, session.topic_id) == (topic.module.course_id, None)
