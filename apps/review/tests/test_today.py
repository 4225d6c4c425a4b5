"""The ranked "today" agenda and the streak with its weekly freeze, at fixed moments."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.models import Goal, ScheduleBlock, StudySession, Task
from apps.review import selectors, services
from apps.review.models import CardState, ReviewLog
from apps.review.selectors import streak_runs
from apps.review.tests.factories import CardFactory, DeckFactory

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC)  # Wednesday 10:00 in Berlin
D = datetime.date(2026, 3, 4)


def days(*offsets: int) -> set[datetime.date]:
    return {D - datetime.timedelta(days=n) for n in offsets}


def test_a_freeze_bridges_one_missed_day_a_week():
    # Active Mon 23 Feb .. Tue 3 Mar except Thu 26 Feb: the week's freeze covers it.
    result = streak_runs(days(1, 2, 3, 4, 5, 7, 8, 9), today=D)
    assert result == {
        "current": 8,
        "longest": 8,
        "active_today": False,
        "freezes_used": 1,
        "freeze_available": True,  # this week (from Mon 2 Mar) has not used its freeze
    }


def test_a_second_missed_day_in_the_same_week_breaks_the_streak():
    # Week of 23 Feb: Tue 24 and Thu 26 missed: the first is bridged, the second breaks the run.
    result = streak_runs(days(0, 1, 2, 3, 4, 5, 7, 9), today=D)
    assert result["current"] == 6  # Fri 27 Feb .. Wed 4 Mar, Thu 26 not bridged
    assert result["longest"] == 6
    assert result["active_today"] is True


def test_two_missed_days_in_a_row_break_it_and_freezes_renew_each_week():
    assert streak_runs(days(0, 3, 4), today=D)["current"] == 1  # Mon and Tue missed
    # Missed Sun 1 Mar (week of 23 Feb) and Tue 3 Mar (week of 2 Mar): both bridged.
    result = streak_runs(days(0, 2, 4, 5), today=D)
    assert (result["current"], result["freezes_used"], result["freeze_available"]) == (4, 2, False)


def test_yesterday_missed_is_bridged_while_today_is_still_open():
    result = streak_runs(days(2, 3), today=D)
    assert (result["current"], result["active_today"], result["freezes_used"]) == (2, False, 1)
    assert streak_runs(set(), today=D)["current"] == 0


def test_streak_days_follow_the_learners_zone_and_count_completed_topics(user):
    user.timezone = "America/Los_Angeles"
    user.save()
    card = CardFactory.create(deck=DeckFactory.create(user=user))
    # 06:00 UTC on 4 Mar is 22:00 on 3 Mar in Los Angeles: the study day of 3 Mar.
    ReviewLog.objects.create(
        user=user,
        card=card,
        rating=3,
        reviewed_at=datetime.datetime(2026, 3, 4, 6, 0, tzinfo=datetime.UTC),
        state_before=CardState.NEW,
        due_before=T0,
        state_after=CardState.LEARNING,
        due_after=T0,
    )
    topic = TopicFactory.create(module=ModuleFactory.create(course=CourseFactory.create(user=user)))
    topic.completed, topic.completed_at = True, datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)
    topic.save()
    now = datetime.datetime(2026, 3, 4, 20, 0, tzinfo=datetime.UTC)  # noon on 4 Mar there
    result = selectors.streak(user=user, now=now)
    assert (result["current"], result["active_today"]) == (2, False)  # 2 and 3 Mar


def _setup_day(user):
    user.timezone = "Europe/Berlin"
    user.save()
    biology = CourseFactory.create(user=user, title="Biology")
    chemistry = CourseFactory.create(user=user, title="Chemistry")
    for course, titles in ((biology, ("Cells", "Enzymes")), (chemistry, ("Atoms",))):
        module = ModuleFactory.create(course=course)
        for title in titles:
            TopicFactory.create(module=module, title=title)
    services.exam_create(user=user, title="Bio exam", date=D + datetime.timedelta(days=3), course_ids=[biology.pk])
    deck = DeckFactory.create(user=user)
    CardFactory.create_batch(2, deck=deck, due=T0 - datetime.timedelta(hours=1))  # new
    CardFactory.create_batch(25, deck=deck, state=CardState.REVIEW, due=T0 - datetime.timedelta(days=1))
    CardFactory.create(deck=deck, state=CardState.RELEARNING, due=T0 - datetime.timedelta(minutes=5))
    goal = Goal.objects.create(user=user, title="G")
    Task.objects.create(goal=goal, title="Essay", deadline=T0 - datetime.timedelta(days=1))
    Task.objects.create(goal=goal, title="Reading", deadline=T0 + datetime.timedelta(hours=5))
    ScheduleBlock.objects.create(
        user=user,
        title="Lab",
        start_time=T0 + datetime.timedelta(minutes=30),
        end_time=T0 + datetime.timedelta(hours=2),
    )
    ScheduleBlock.objects.create(
        user=user, title="Gym", start_time=T0 + datetime.timedelta(hours=6), end_time=T0 + datetime.timedelta(hours=7)
    )
    ScheduleBlock.objects.create(
        user=user, title="Past", start_time=T0 - datetime.timedelta(hours=3), end_time=T0 - datetime.timedelta(hours=2)
    )
    StudySession.objects.create(
        user=user, started_at=T0 - datetime.timedelta(days=1), ended_at=T0 - datetime.timedelta(days=1, minutes=-30)
    )
    return biology


def test_today_ranks_the_agenda_by_its_documented_score(user):
    _setup_day(user)

    day = selectors.today(user=user, now=T0)

    ranked = [(item["kind"], item["title"], item["score"]) for item in day["agenda"]]
    assert ranked == [
        ("task", "Essay", 100),
        ("block", "Lab", 90),
        ("cards", "Cards in learning", 85),
        ("task", "Reading", 65),  # same score as the exam: the earlier due first
        ("exam", "Bio exam", 65),  # 80 - 5 x 3 days
        ("cards", "Review cards", 62),  # 60 + 25 // 10
        ("block", "Gym", 55),
        ("topic", "Cells", 50),  # Biology has an exam within 14 days
        ("cards", "New cards", 40),
        ("topic", "Atoms", 30),
    ]
    assert day["agenda"][0]["reason"] == "Overdue task"
    assert day["agenda"][4]["reason"] == "Exam in 3 days"
    assert day["cards"]["learning_now"] == 1
    assert [t["title"] for t in day["next_topics"]] == ["Cells", "Atoms"]
    assert [e["days_left"] for e in day["exams"]] == [3]
    assert day["streak"]["current"] == 1


def test_today_api_has_the_agenda_and_a_fixed_number_of_queries(auth_client, user, django_assert_max_num_queries):
    biology = _setup_day(user)
    soon = selectors.study_day(user=user, now=timezone.now())[0] + datetime.timedelta(days=2)
    services.exam_create(user=user, title="Soon", date=soon, course_ids=[biology.pk])
    with django_assert_max_num_queries(14) as first:  # 12, and 2 for achievements (earned, metrics)
        body = auth_client.get("/api/v1/today").json()
    assert {"agenda", "exams", "next_topics", "streak", "achievements"} <= set(body)
    assert all({"kind", "id", "title", "due", "reason", "score"} == set(item) for item in body["agenda"])
    scores = [item["score"] for item in body["agenda"]]
    assert scores == sorted(scores, reverse=True)

    # More of everything: the same number of queries.
    for n in range(5):
        course = CourseFactory.create(user=user)
        TopicFactory.create(module=ModuleFactory.create(course=course))
        services.exam_create(user=user, title=f"Exam {n}", date=soon, course_ids=[biology.pk, course.pk])
    CardFactory.create_batch(20, deck=DeckFactory.create(user=user))
    with django_assert_max_num_queries(len(first.captured_queries)):
        auth_client.get("/api/v1/today")
