"""Achievements: awarded once by the services whose writes reach them, with an event; listed with progress."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.learning.services import topic_complete
from apps.learning.tests.factories import CourseFactory, ModuleFactory, TopicFactory
from apps.planning.services.sessions import study_session_start
from apps.planning.tests.factories import StudySessionFactory
from apps.review import services
from apps.review.achievements import RULES, award_achievements
from apps.review.models import Achievement, AchievementCode, CardState, QuestionKind, ReviewLog
from apps.review.tests.factories import CardFactory, DeckFactory

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC)  # Wednesday 10:00 in Berlin
DAY = datetime.timedelta(days=1)


def logs(card, *moments):
    """Review log rows for ``card`` at ``moments`` (history written directly, as an import would)."""
    ReviewLog.objects.bulk_create(
        ReviewLog(
            user_id=card.user_id,
            card=card,
            rating=3,
            reviewed_at=at,
            state_before=CardState.REVIEW,
            due_before=at,
            state_after=CardState.REVIEW,
            due_after=at + DAY,
        )
        for at in moments
    )


def codes(user):
    return set(Achievement.objects.filter(user=user).values_list("code", flat=True))


def test_the_first_review_earns_its_achievement_once_with_an_event(user, events, django_capture_on_commit_callbacks):
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    with django_capture_on_commit_callbacks(execute=True):
        services.card_review(card=card, rating=3, now=T0)
    assert codes(user) == {AchievementCode.FIRST_REVIEW}
    assert Achievement.objects.get(user=user).earned_at == T0
    earned = [data for name, data in events.drain() if name == "achievement.earned"]
    assert earned == [
        {
            "code": "FIRST_REVIEW",
            "title": "First review",
            "description": "Review your first card.",
            "earned_at": "2026-03-04T09:00:00Z",
        }
    ]

    with django_capture_on_commit_callbacks(execute=True):
        services.card_review(card=card, rating=3, now=T0 + datetime.timedelta(minutes=10))
    assert Achievement.objects.filter(user=user).count() == 1
    assert [name for name, _ in events.drain() if name == "achievement.earned"] == []


def test_100_reviews_and_a_7_day_streak_in_the_learners_zone(user):
    user.timezone = "Europe/Berlin"
    user.save()
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    # 98 reviews on the 6 study days before today (Berlin, day starting 04:00), none today yet.
    earlier = [T0 - n * DAY for n in range(1, 7)]
    logs(card, *[at + datetime.timedelta(seconds=s) for at in earlier for s in range(17)][:98])
    awarded = award_achievements(user=user, now=T0)  # 98 reviews over 6 study days
    assert awarded == [AchievementCode.FIRST_REVIEW]

    services.card_review(card=card, rating=3, now=T0)  # the 99th review, the 7th day
    assert codes(user) == {AchievementCode.FIRST_REVIEW, AchievementCode.STREAK_7}
    services.card_review(card=card, rating=3, now=T0 + datetime.timedelta(minutes=20))  # the 100th
    assert AchievementCode.REVIEWS_100 in codes(user)
    assert AchievementCode.STREAK_30 not in codes(user)


def test_streak_achievements_count_local_study_days_across_dst(user):
    # Los Angeles moves to daylight time on Sunday 8 March 2026; the study day starts at 04:00 local.
    user.timezone = "America/Los_Angeles"
    user.save()
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    night = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)  # 02:30 PDT: still the study day of 9 March
    # The same UTC time on the days before is 02:30 PDT or 01:30 PST: study days 4 to 9 March, six of them.
    logs(card, *[night - n * DAY for n in range(6)])
    award_achievements(user=user, now=night, metrics=("streak",))
    assert AchievementCode.STREAK_7 not in codes(user)
    morning = night + datetime.timedelta(hours=2)  # 04:30 PDT: the study day of 10 March, the seventh
    logs(card, morning)
    award_achievements(user=user, now=morning, metrics=("streak",))
    assert AchievementCode.STREAK_7 in codes(user)


def test_quiz_passed_and_perfect(user):
    questions = [
        {
            "kind": QuestionKind.MULTIPLE_CHOICE,
            "prompt": f"{n}+{n}?",
            "answer": str(2 * n),
            "choices": [str(2 * n), "x"],
        }
        for n in range(5)
    ]
    quiz = services.quiz_create(user=user, title="Sums", questions=questions)
    ids = [q.pk for q in quiz.questions.all()]
    services.quiz_attempt_submit(user=user, quiz=quiz, answers=dict.fromkeys(ids, "x"))
    assert codes(user) == set()
    services.quiz_attempt_submit(user=user, quiz=quiz, answers={pk: str(2 * n) for n, pk in enumerate(ids[:4])})
    assert codes(user) == {AchievementCode.FIRST_QUIZ_PASSED}  # 4 of 5: passed, not perfect
    services.quiz_attempt_submit(user=user, quiz=quiz, answers={pk: str(2 * n) for n, pk in enumerate(ids)})
    assert codes(user) == {AchievementCode.FIRST_QUIZ_PASSED, AchievementCode.PERFECT_QUIZ}


def test_completing_topics_and_a_course_and_ten_sessions(user):
    course = CourseFactory.create(user=user)
    module = ModuleFactory.create(course=course)
    first, second = TopicFactory.create(module=module), TopicFactory.create(module=module)
    topic_complete(topic=first)
    assert {AchievementCode.FIRST_TOPIC_COMPLETED} <= codes(user)
    assert AchievementCode.FIRST_COURSE_FINISHED not in codes(user)
    topic_complete(topic=second)
    assert AchievementCode.FIRST_COURSE_FINISHED in codes(user)

    StudySessionFactory.create_batch(9, user=user, ended_at=T0)
    assert AchievementCode.STUDY_SESSIONS_10 not in codes(user)
    study_session_start(user=user)
    assert AchievementCode.STUDY_SESSIONS_10 in codes(user)


def test_one_row_per_user_and_code():
    user = UserFactory.create()
    Achievement.objects.create(user=user, code=AchievementCode.FIRST_REVIEW, earned_at=T0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Achievement.objects.create(user=user, code=AchievementCode.FIRST_REVIEW, earned_at=T0 + DAY)


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_earn_it_once():
    user = UserFactory.create()
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    logs(card, T0)
    barrier = threading.Barrier(4)
    awarded: list[int] = []
    errors: list[BaseException] = []

    def award() -> None:
        try:
            barrier.wait(timeout=10)
            awarded.append(len(award_achievements(user=user, now=T0, metrics=("reviews",))))
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=award) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(awarded) == [0, 0, 0, 1]
    assert list(Achievement.objects.filter(user=user).values_list("code", flat=True)) == ["FIRST_REVIEW"]


def test_award_runs_one_query_once_all_are_earned(user):
    Achievement.objects.bulk_create(Achievement(user=user, code=rule.code, earned_at=T0) for rule in RULES)
    with CaptureQueriesContext(connection) as queries:
        assert award_achievements(user=user, now=T0) == []
    assert len(queries) == 1


def test_the_api_lists_earned_and_progress_in_fixed_queries(
    auth_client, user, other_user, django_assert_max_num_queries
):
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    logs(card, *[T0 - datetime.timedelta(minutes=n) for n in range(40)])
    award_achievements(user=user, now=T0)
    theirs = CardFactory.create(deck=DeckFactory.create(user=other_user), due=T0)
    logs(theirs, *[T0 - n * DAY for n in range(7)])
    award_achievements(user=other_user, now=T0)
    assert codes(other_user) == {AchievementCode.FIRST_REVIEW, AchievementCode.STREAK_7}

    auth_client.get("/api/v1/achievements/")  # the caller is now known to this process (auth cache)
    with django_assert_max_num_queries(6):  # user, earned, metrics, streak (3)
        body = auth_client.get("/api/v1/achievements/").json()
    rows = {row["code"]: row for row in body}
    assert [row["code"] for row in body] == [rule.code for rule in RULES]
    assert rows["FIRST_REVIEW"]["earned"] is True
    assert rows["FIRST_REVIEW"]["earned_at"] == "2026-03-04T09:00:00Z"
    assert (rows["REVIEWS_100"]["value"], rows["REVIEWS_100"]["progress"], rows["REVIEWS_100"]["earned"]) == (
        40,
        0.4,
        False,
    )
    assert rows["STREAK_7"]["earned"] is False  # the other learner's streak is theirs

    today = auth_client.get("/api/v1/today").json()["achievements"]
    assert (today["earned"], today["total"]) == (1, len(RULES))
    assert today["next"][0]["code"] == "REVIEWS_100"
    summary = auth_client.get("/api/v1/analytics/summary").json()["achievements"]
    assert summary["earned"] == 1
    assert [item["code"] for item in summary["items"]] == ["FIRST_REVIEW"]


def test_staff_browse_achievements(user):

    Achievement.objects.create(user=user, code=AchievementCode.FIRST_REVIEW, earned_at=T0)
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    response = client.get("/admin/review/achievement/")
    assert response.status_code == 200
    assert user.email in response.content.decode()


def test_staff_see_each_learners_review_counts_and_retention(user, other_user):
    card = CardFactory.create(deck=DeckFactory.create(user=user), due=T0)
    now = timezone.now()
    logs(card, *[now - datetime.timedelta(hours=n) for n in range(1, 5)])  # logged as reviews rated Good
    ReviewLog.objects.filter(pk=ReviewLog.objects.filter(user=user).earliest("reviewed_at").pk).update(rating=1)
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    response = client.get("/admin/review/learnerreviewstats/")
    assert response.status_code == 200
    page = response.content.decode()
    assert user.email in page
    assert other_user.email in page
    assert "75% of 4" in page  # three of the four reviews recalled
    assert "90%" in page  # the default desired retention


@pytest.mark.django_db
def test_a_week_of_goal_tasks_done_earns_the_streak_achievement(user):
    from apps.planning.services.goals import task_update
    from apps.planning.tests.factories import GoalFactory, TaskFactory

    goal = GoalFactory.create(user=user)
    now = timezone.now()
    for back in range(1, 7):
        TaskFactory.create(goal=goal, completed=True, completed_at=now - datetime.timedelta(days=back))
    last = TaskFactory.create(goal=goal)
    assert not Achievement.objects.filter(user=user, code=AchievementCode.STREAK_7).exists()

    task_update(task=last, data={"completed": True})

    assert Achievement.objects.filter(user=user, code=AchievementCode.STREAK_7).exists()
