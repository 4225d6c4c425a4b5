"""Study sessions (one running per user) and analytics in the user's time zone."""

import threading
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from apps.accounts.tests.factories import UserFactory
from apps.planning.models import DailyMetric, StudySession
from apps.planning.selectors.analytics import day_figures, days_figures, streaks
from apps.planning.services.analytics import daily_metrics_aggregate
from apps.planning.services.sessions import study_session_start
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, StudySessionFactory, TaskFactory

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.django_db
def test_start_and_stop_a_session(auth_client, user, events, django_capture_on_commit_callbacks):
    block = ScheduleBlockFactory.create(user=user)

    with django_capture_on_commit_callbacks(execute=True):
        started = auth_client.post("/api/v1/sessions/start", {"block_id": str(block.pk)}, format="json")
    again = auth_client.post("/api/v1/sessions/start", {}, format="json")
    running = auth_client.get("/api/v1/sessions/?running=true").json()
    with django_capture_on_commit_callbacks(execute=True):
        stopped = auth_client.post(f"/api/v1/sessions/{started.json()['id']}/stop")
    stopped_twice = auth_client.post(f"/api/v1/sessions/{started.json()['id']}/stop")

    assert started.status_code == 201
    assert started.json()["block_id"] == str(block.pk)
    assert again.status_code == 400
    assert "session" in again.json()["error"]["details"]
    assert [s["id"] for s in running["results"]] == [started.json()["id"]]
    assert stopped.status_code == 200
    assert stopped.json()["ended_at"] is not None
    assert stopped_twice.status_code == 400
    assert StudySession.objects.filter(user=user).count() == 1
    assert [e for e, _ in events.drain()] == ["session.started", "session.stopped"]
    assert auth_client.post("/api/v1/sessions/start", {}, format="json").status_code == 201


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_starts_give_one_running_session():
    user = UserFactory.create()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def start():
        barrier.wait()
        try:
            study_session_start(user=user)
            outcomes.append("started")
        except Exception as exc:  # noqa: BLE001 - the refusal is what we count
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ValidationError", "started"]
    assert StudySession.objects.filter(user=user, ended_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_another_users_sessions_and_blocks(auth_client, other_user):
    theirs = StudySessionFactory.create(user=other_user)
    their_block = ScheduleBlockFactory.create(user=other_user)

    assert auth_client.post(f"/api/v1/sessions/{theirs.pk}/stop").status_code == 404
    assert auth_client.get("/api/v1/sessions/").json()["count"] == 0
    refused = auth_client.post("/api/v1/sessions/start", {"block_id": str(their_block.pk)}, format="json")
    assert refused.status_code == 400
    assert "block_id" in refused.json()["error"]["details"]
    theirs.refresh_from_db()
    assert theirs.ended_at is None


@pytest.mark.django_db
def test_session_list_query_count_is_constant(auth_client, user, django_assert_max_num_queries):
    for day in range(20):
        start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day)
        StudySessionFactory.create(user=user, started_at=start, ended_at=start + timedelta(minutes=30))

    with django_assert_max_num_queries(3):
        response = auth_client.get("/api/v1/sessions/?page_size=20")

    assert [s["duration_minutes"] for s in response.json()["results"]] == [30] * 20


@pytest.mark.django_db
def test_day_figures_split_at_local_midnight():
    user = UserFactory.create(timezone="America/New_York")
    StudySessionFactory.create(
        user=user,
        started_at=datetime(2026, 1, 5, 23, 30, tzinfo=NEW_YORK),
        ended_at=datetime(2026, 1, 6, 0, 45, tzinfo=NEW_YORK),
    )
    goal = GoalFactory.create(user=user)
    TaskFactory.create(
        goal=goal, completed=True, completed_at=datetime(2026, 1, 6, 1, 0, tzinfo=UTC)
    )  # 20:00 on the 5th
    now = datetime(2026, 1, 7, tzinfo=UTC)

    assert day_figures(user=user, day=date(2026, 1, 5), now=now) == {
        "study_minutes": 30,
        "sessions": 1,
        "tasks_completed": 1,
        "topics_completed": 0,
        "notes_created": 0,
    }
    assert day_figures(user=user, day=date(2026, 1, 6), now=now) == {
        "study_minutes": 45,
        "sessions": 0,
        "tasks_completed": 0,
        "topics_completed": 0,
        "notes_created": 0,
    }


@pytest.mark.django_db
def test_days_figures_read_several_days_in_two_queries_as_day_figures_does_one(django_assert_num_queries):
    user = UserFactory.create(timezone="America/New_York")
    StudySessionFactory.create(
        user=user,
        started_at=datetime(2026, 1, 5, 23, 30, tzinfo=NEW_YORK),
        ended_at=datetime(2026, 1, 6, 0, 45, tzinfo=NEW_YORK),
    )
    StudySessionFactory.create(  # no time at all, still a session started that day
        user=user,
        started_at=datetime(2026, 1, 6, 9, tzinfo=NEW_YORK),
        ended_at=datetime(2026, 1, 6, 9, tzinfo=NEW_YORK),
    )
    StudySessionFactory.create(user=user, started_at=datetime(2026, 1, 6, 23, tzinfo=NEW_YORK), ended_at=None)
    goal = GoalFactory.create(user=user)
    TaskFactory.create(goal=goal, completed=True, completed_at=datetime(2026, 1, 6, 1, 0, tzinfo=UTC))
    now = datetime(2026, 1, 6, 23, 20, tzinfo=NEW_YORK)
    days = [date(2026, 1, 4), date(2026, 1, 5), date(2026, 1, 6)]

    with django_assert_num_queries(2):
        figures = days_figures(user=user, days=days, now=now)

    assert figures == {day: day_figures(user=user, day=day, now=now) for day in days}
    assert [(f["study_minutes"], f["sessions"], f["tasks_completed"]) for f in figures.values()] == [
        (0, 0, 0),
        (30, 1, 1),
        (65, 2, 0),
    ]


@pytest.mark.django_db
def test_nightly_rollup_follows_each_users_midnight():
    new_yorker = UserFactory.create(timezone="America/New_York")
    honolulu = UserFactory.create(timezone="Pacific/Honolulu")
    idle = UserFactory.create()
    for user in (new_yorker, honolulu):
        StudySessionFactory.create(
            user=user,
            started_at=datetime(2026, 1, 5, 3, 0, tzinfo=UTC),
            ended_at=datetime(2026, 1, 5, 4, 0, tzinfo=UTC),
        )
    now = datetime(2026, 1, 6, 5, 5, tzinfo=UTC)  # 00:05 on the 6th in New York, 19:05 on the 5th in Honolulu

    assert daily_metrics_aggregate(now=now) == 2
    assert daily_metrics_aggregate(now=now) == 0

    stored = {(m.user_id, m.date): m.study_minutes for m in DailyMetric.objects.all()}
    assert stored == {(new_yorker.pk, date(2026, 1, 5)): 0, (honolulu.pk, date(2026, 1, 4)): 60}
    assert not DailyMetric.objects.filter(user=idle).exists()


@pytest.mark.django_db
def test_streaks_are_the_one_streak_over_sessions_and_completed_tasks(user):
    """Study days come from the records (a session, a goal's task done), not the daily aggregates; one missed
    day a week is bridged by the freeze, two end the run."""
    now = datetime(2026, 1, 20, 12, 0, tzinfo=UTC)  # a Tuesday
    goal = GoalFactory.create(user=user)
    for back in [1, 2, 5, 6, 7, 8]:  # 3 and 4 days back missed: the run of 4 ends there
        StudySessionFactory.create(
            user=user, started_at=now - timedelta(days=back), ended_at=now - timedelta(days=back)
        )
    TaskFactory.create(goal=goal, completed=True, completed_at=now - timedelta(days=9))
    DailyMetric.objects.create(user=user, date=date(2026, 1, 17), study_minutes=25)  # aggregates do not count

    assert streaks(user=user, now=now) == {"current": 2, "longest": 5}

    StudySessionFactory.create(user=user, started_at=now - timedelta(hours=1), ended_at=now)
    assert streaks(user=user, now=now) == {"current": 3, "longest": 5}


def comfortable_zone() -> str:
    """A zone where it is not near midnight now, so 'today' is stable during the test."""
    return "UTC" if 3 <= timezone.now().hour <= 21 else "Asia/Tokyo"


@pytest.mark.django_db
def test_summary(auth_client, user):
    user.timezone = comfortable_zone()
    user.save()
    now = timezone.now()
    StudySessionFactory.create(user=user, started_at=now - timedelta(minutes=40), ended_at=now - timedelta(minutes=10))
    goal = GoalFactory.create(user=user, title="Exam", progress=50.0, status="IN_PROGRESS")
    TaskFactory.create(goal=goal, completed=True, completed_at=now)
    today = now.astimezone(ZoneInfo(user.timezone)).date()
    DailyMetric.objects.create(user=user, date=today - timedelta(days=1), study_minutes=20, sessions=1)
    StudySessionFactory.create(user=user, started_at=now - timedelta(days=1), ended_at=now - timedelta(days=1))

    response = auth_client.get("/api/v1/analytics/summary")

    assert response.status_code == 200
    body = response.json()
    assert body["date"] == today.isoformat()
    assert body["today"] == {
        "study_minutes": 30,
        "sessions": 1,
        "tasks_completed": 1,
        "topics_completed": 0,
        "notes_created": 0,
    }
    expected_week = 50 if today.weekday() > 0 else 30
    assert body["this_week"]["study_minutes"] == expected_week
    assert body["streaks"] == {"current": 2, "longest": 2}
    assert [(g["title"], g["progress"]) for g in body["goals"]] == [("Exam", 50.0)]


@pytest.mark.django_db
def test_timeseries(auth_client, user):
    DailyMetric.objects.create(user=user, date=date(2026, 1, 2), study_minutes=45, tasks_completed=2)
    DailyMetric.objects.create(user=user, date=date(2026, 1, 4), study_minutes=15)

    response = auth_client.get(
        "/api/v1/analytics/timeseries", {"metric": "study_minutes", "start": "2026-01-01", "end": "2026-01-04"}
    )

    assert response.status_code == 200
    assert response.json() == {
        "metric": "study_minutes",
        "start": "2026-01-01",
        "end": "2026-01-04",
        "points": [
            {"date": "2026-01-01", "value": 0},
            {"date": "2026-01-02", "value": 45},
            {"date": "2026-01-03", "value": 0},
            {"date": "2026-01-04", "value": 15},
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"metric": "notes", "start": "2026-01-01", "end": "2026-01-04"},
        {"metric": "sessions", "start": "2026-01-04", "end": "2026-01-01"},
        {"metric": "sessions", "start": "2025-01-01", "end": "2026-06-01"},
    ],
)
def test_timeseries_refuses_bad_queries(auth_client, query):
    response = auth_client.get("/api/v1/analytics/timeseries", query)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"


@pytest.mark.django_db
def test_rollup_is_in_the_beat_schedule():
    call_command("setup_schedule")
    task = PeriodicTask.objects.get(name="planning.aggregate_daily_metrics")

    assert task.enabled
    assert task.crontab.minute == "*/15"
