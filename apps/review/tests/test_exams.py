"""Exams: readiness from topics, FSRS retrievability and quiz results; the prep plan through the schedule."""

from __future__ import annotations

import datetime

import fsrs
import pytest
from django.utils import timezone

from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.models import ScheduleBlock
from apps.planning.services.schedule import schedule_block_create
from apps.review import exams, services
from apps.review.models import Exam
from apps.review.scheduling import study_day, to_fsrs
from apps.review.tests.factories import CardFactory, DeckFactory, QuizFactory
from maigie.errors import Conflict

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)  # 10:00 in Berlin, a Monday


@pytest.fixture
def course(user):
    user.timezone = "Europe/Berlin"
    user.save()
    course = CourseFactory.create(user=user, title="Biology")
    module = ModuleFactory.create(course=course)
    for title in ("Cells", "Enzymes", "Genetics", "Ecology"):
        TopicFactory.create(module=module, title=title)
    return course


def topic(course, title):
    return course.modules.get().topics.get(title=title)


def complete(t):
    t.completed = True
    t.completed_at = T0 - datetime.timedelta(days=1)
    t.save()


def test_readiness_combines_coverage_card_retention_and_quiz_scores(user, course):
    complete(topic(course, "Cells"))
    complete(topic(course, "Enzymes"))
    deck = DeckFactory.create(user=user, course=course)
    cells = [CardFactory.create(deck=deck, topic=topic(course, "Cells"), due=T0) for _ in range(3)]
    unseen = CardFactory.create(deck=deck, due=T0)  # of the course's deck, never reviewed: recall 0
    for card, rating in zip(cells, (3, 4, 1), strict=True):
        services.card_review(card=card, rating=rating, now=T0 - datetime.timedelta(days=2))
    quiz = QuizFactory.create(user=user, course=course)
    services.quiz_attempt_submit(user=user, quiz=quiz, answers={})  # no questions: score 0, superseded below
    quiz.attempts.update(created_at=T0 - datetime.timedelta(days=3))
    quiz.attempts.create(user=user, score=0.75, correct=3, total=4)
    exam = services.exam_create(user=user, title="Bio final", date=datetime.date(2026, 3, 12), course_ids=[course.pk])

    report = exams.readiness(exam=exams.exam_get(user=user, exam_id=exam.pk), now=T0)

    scheduler = fsrs.Scheduler()
    exam_start = datetime.datetime(2026, 3, 12, 3, 0, tzinfo=datetime.UTC)  # 04:00 in Berlin
    for card in cells:
        card.refresh_from_db()
    expected_now = [scheduler.get_card_retrievability(to_fsrs(c), T0) for c in cells] + [0.0]
    expected_exam = [scheduler.get_card_retrievability(to_fsrs(c), exam_start) for c in cells] + [0.0]
    assert unseen.pk
    assert report["days_left"] == 10
    assert (report["topics_total"], report["topics_covered"], report["coverage"]) == (4, 2, 0.5)
    assert report["cards"] == 4
    assert report["retention_now"] == pytest.approx(sum(expected_now) / 4)
    assert report["retention_at_exam"] == pytest.approx(sum(expected_exam) / 4)
    assert report["retention_at_exam"] < report["retention_now"]
    assert (report["quizzes_taken"], report["quiz_score"]) == (1, 0.75)
    weighted = 0.3 * 0.5 + 0.5 * report["retention_at_exam"] + 0.2 * 0.75
    assert report["score"] == pytest.approx(weighted, abs=1e-4)
    rows = {row["title"]: row for row in report["topics"]}
    assert rows["Cells"]["cards"] == 3
    assert rows["Genetics"]["retention"] is None


def test_readiness_without_cards_or_quizzes_is_the_coverage(user, course):
    complete(topic(course, "Cells"))
    exam = services.exam_create(
        user=user,
        title="Quiz",
        date=datetime.date(2026, 3, 5),
        topic_ids=[topic(course, "Cells").pk, topic(course, "Enzymes").pk],
    )
    report = exams.readiness(exam=exams.exam_get(user=user, exam_id=exam.pk), now=T0)
    assert (report["topics_total"], report["score"], report["retention_now"]) == (2, 0.5, None)


def test_the_plan_covers_the_weakest_topics_first_and_ends_with_a_review(user, course):
    complete(topic(course, "Cells"))
    deck = DeckFactory.create(user=user, course=course)
    strong = CardFactory.create(deck=deck, topic=topic(course, "Enzymes"), due=T0)
    services.card_review(card=strong, rating=4, now=T0 - datetime.timedelta(hours=1))
    exam = services.exam_create(user=user, title="Final", date=datetime.date(2026, 3, 7), course_ids=[course.pk])
    # Wednesday's 18:00 is taken until 18:30: that day's block moves after it.
    schedule_block_create(
        user=user,
        title="Football",
        start_time=datetime.datetime(2026, 3, 4, 17, 0, tzinfo=datetime.UTC),
        end_time=datetime.datetime(2026, 3, 4, 17, 30, tzinfo=datetime.UTC),
    )

    plan = exams.plan_proposal(exam=exams.exam_get(user=user, exam_id=exam.pk), now=T0)

    # Tuesday 3 to Friday 6 March (the exam is Saturday): the not-done topics with the weakest recall first.
    assert [p.title for p in plan] == ["Final: Ecology", "Final: Genetics", "Final: Enzymes", "Review for Final"]
    assert [p.start.astimezone(datetime.UTC).isoformat() for p in plan] == [
        "2026-03-03T17:00:00+00:00",
        "2026-03-04T17:30:00+00:00",
        "2026-03-05T17:00:00+00:00",
        "2026-03-06T17:00:00+00:00",
    ]
    assert [p.type for p in plan] == ["STUDY", "STUDY", "STUDY", "REVIEW"]
    assert all(p.end - p.start == datetime.timedelta(hours=1) for p in plan)
    assert plan[0].topic_id == topic(course, "Ecology").pk


def test_accepting_the_plan_creates_blocks_through_the_schedule_and_replaces_an_earlier_plan(
    user, course, django_capture_on_commit_callbacks
):
    exam = services.exam_create(user=user, title="Final", date=datetime.date(2026, 3, 5), course_ids=[course.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = services.exam_plan_accept(exam=exam, now=T0, hour=8, minutes=45)
    assert len(first) == 2  # Tuesday and Wednesday
    assert all(b.is_ai_generated and b.course_id == course.pk and b.user_id == user.pk for b in first)
    assert first[0].topic_id is not None
    assert first[1].topic_id is None
    assert first[0].start_time == datetime.datetime(2026, 3, 3, 7, 0, tzinfo=datetime.UTC)

    second = services.exam_plan_accept(exam=exam, now=T0)
    exam.refresh_from_db()
    assert set(exam.plan_block_ids) == {b.pk for b in second}
    assert set(ScheduleBlock.objects.filter(user=user).values_list("pk", flat=True)) == {b.pk for b in second}

    late = services.exam_create(user=user, title="Tomorrow", date=datetime.date(2026, 3, 3), course_ids=[course.pk])
    with pytest.raises(Conflict):
        services.exam_plan_accept(exam=late, now=T0)


def test_exam_api_crud_readiness_plan_and_isolation(
    auth_client, user, other_user, course, django_assert_max_num_queries
):
    foreign = CourseFactory.create(user=other_user)
    today = study_day(user=user, now=timezone.now())[0]
    date = (today + datetime.timedelta(days=4)).isoformat()

    response = auth_client.post("/api/v1/exams/", {"title": "Final", "date": date}, format="json")
    assert response.status_code == 400  # no course or topic
    response = auth_client.post(
        "/api/v1/exams/", {"title": "Final", "date": date, "course_ids": [str(foreign.pk)]}, format="json"
    )
    assert response.status_code == 404
    response = auth_client.post(
        "/api/v1/exams/", {"title": "Final", "date": date, "course_ids": [str(course.pk)]}, format="json"
    )
    assert response.status_code == 201, response.json()
    exam_id = response.json()["id"]
    assert response.json()["course_ids"] == [str(course.pk)]

    deck = DeckFactory.create(user=user, course=course)
    CardFactory.create_batch(3, deck=deck, topic=topic(course, "Cells"))
    with django_assert_max_num_queries(9) as few:
        body = auth_client.get(f"/api/v1/exams/{exam_id}/readiness").json()
    assert body["cards"] == 3
    assert body["topics_total"] == 4
    CardFactory.create_batch(30, deck=deck, topic=topic(course, "Enzymes"))
    TopicFactory.create(module=course.modules.get(), title="Evolution")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = auth_client.get(f"/api/v1/exams/{exam_id}/readiness").json()
    assert body["cards"] == 33
    assert body["topics_total"] == 5

    proposal = auth_client.get(f"/api/v1/exams/{exam_id}/plan?hour=7&minutes=30").json()
    assert len(proposal) == 3
    response = auth_client.post(f"/api/v1/exams/{exam_id}/plan", {"hour": 7, "minutes": 30}, format="json")
    assert response.status_code == 201, response.json()
    assert [b["title"] for b in response.json()] == [p["title"] for p in proposal]
    assert auth_client.get(f"/api/v1/exams/{exam_id}/").json()["plan_block_ids"] == [b["id"] for b in response.json()]

    response = auth_client.patch(f"/api/v1/exams/{exam_id}/", {"title": "Finals"}, format="json")
    assert response.json()["title"] == "Finals"
    assert auth_client.get("/api/v1/exams/").json()["count"] == 1

    theirs = Exam.objects.create(user=other_user, title="Theirs", date=datetime.date(2026, 6, 1))
    for url in (
        f"/api/v1/exams/{theirs.pk}/",
        f"/api/v1/exams/{theirs.pk}/readiness",
        f"/api/v1/exams/{theirs.pk}/plan",
    ):
        assert auth_client.get(url).status_code == 404
    assert auth_client.delete(f"/api/v1/exams/{theirs.pk}/").status_code == 404
    assert auth_client.delete(f"/api/v1/exams/{exam_id}/").status_code == 204
    assert ScheduleBlock.objects.filter(user=user).count() == 3  # the accepted plan stays


def test_an_exam_whose_scope_was_deleted_stays_editable_and_plans_nothing(auth_client, user, course):
    date = (study_day(user=user, now=timezone.now())[0] + datetime.timedelta(days=4)).isoformat()
    response = auth_client.post(
        "/api/v1/exams/", {"title": "Final", "date": date, "course_ids": [str(course.pk)]}, format="json"
    )
    exam_id = response.json()["id"]
    assert auth_client.delete(f"/api/v1/courses/{course.pk}/").status_code == 204

    response = auth_client.patch(f"/api/v1/exams/{exam_id}/", {"title": "Renamed", "date": date}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["course_ids"]) == ("Renamed", [])
    assert auth_client.get(f"/api/v1/exams/{exam_id}/plan").json() == []
    response = auth_client.post(f"/api/v1/exams/{exam_id}/plan", {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "no_scope"
    response = auth_client.patch(f"/api/v1/exams/{exam_id}/", {"course_ids": []}, format="json")
    assert response.json()["error"]["details"] == {"course_ids": ["An exam needs at least one course or topic."]}
    assert not ScheduleBlock.objects.filter(user=user).exists()
