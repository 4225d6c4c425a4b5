"""Analytics over learning activity: topics completed, notes created, per-course progress."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import Tier
from apps.accounts.tests.factories import UserFactory
from apps.learning.models import Note
from apps.learning.services import course_set_archived, note_create, topic_complete
from apps.learning.tests.factories import CourseFactory, ModuleFactory, NoteFactory, TopicFactory
from apps.planning.models import DailyMetric
from apps.planning.selectors.analytics import day_figures, streaks
from apps.planning.services.analytics import daily_metrics_aggregate
from apps.planning.tests.test_sessions_analytics import comfortable_zone

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def completed_topic(user, at):
    module = ModuleFactory.create(course=CourseFactory.create(user=user))
    return TopicFactory.create(module=module, completed=True, completed_at=at)


def note_at(user, at):
    note = NoteFactory.create(user=user)
    Note.objects.filter(pk=note.pk).update(created_at=at)
    return note


def test_day_figures_count_topics_and_notes_in_the_local_day():
    user = UserFactory.create(timezone="America/New_York")
    stranger = UserFactory.create(timezone="America/New_York")
    completed_topic(user, datetime(2026, 1, 6, 1, 0, tzinfo=UTC))  # 20:00 on the 5th in New York
    completed_topic(user, datetime(2026, 1, 6, 6, 0, tzinfo=UTC))  # 01:00 on the 6th
    completed_topic(stranger, datetime(2026, 1, 5, 20, 0, tzinfo=UTC))
    TopicFactory.create(module=ModuleFactory.create(course=CourseFactory.create(user=user)))  # not completed
    note_at(user, datetime(2026, 1, 5, 23, 30, tzinfo=NEW_YORK))
    note_at(user, datetime(2026, 1, 5, 8, 0, tzinfo=NEW_YORK))
    note_at(user, datetime(2026, 1, 4, 23, 59, tzinfo=NEW_YORK))
    note_at(stranger, datetime(2026, 1, 5, 12, 0, tzinfo=NEW_YORK))
    now = datetime(2026, 1, 7, tzinfo=UTC)

    assert day_figures(user=user, day=date(2026, 1, 5), now=now) == {
        "study_minutes": 0,
        "sessions": 0,
        "tasks_completed": 0,
        "topics_completed": 1,
        "notes_created": 2,
    }
    figures = day_figures(user=user, day=date(2026, 1, 6), now=now)
    assert (figures["topics_completed"], figures["notes_created"]) == (1, 0)


def test_nightly_rollup_stores_a_day_of_only_learning_activity():
    noter = UserFactory.create(timezone="UTC")
    learner = UserFactory.create(timezone="UTC")
    idle = UserFactory.create(timezone="UTC")
    note_at(noter, datetime(2026, 1, 5, 10, 0, tzinfo=UTC))
    completed_topic(learner, datetime(2026, 1, 5, 11, 0, tzinfo=UTC))
    now = datetime(2026, 1, 6, 0, 5, tzinfo=UTC)

    assert daily_metrics_aggregate(now=now) == 2

    stored = {m.user_id: (m.date, m.topics_completed, m.notes_created) for m in DailyMetric.objects.all()}
    assert stored == {
        noter.pk: (date(2026, 1, 5), 0, 1),
        learner.pk: (date(2026, 1, 5), 1, 0),
    }
    assert idle.pk not in stored


def test_a_day_with_a_completed_topic_is_a_streak_day_and_a_note_alone_is_not(user):
    now = datetime(2026, 1, 20, 12, 0, tzinfo=UTC)
    note_at(user, now - timedelta(days=6))
    completed_topic(user, now - timedelta(days=5))
    completed_topic(user, now - timedelta(days=4))  # then three days missed: the run ends

    assert streaks(user=user, now=now) == {"current": 0, "longest": 2}

    completed_topic(user, now - timedelta(hours=1))
    assert streaks(user=user, now=now) == {"current": 1, "longest": 2}


def test_summary_has_learning_figures_and_active_courses(auth_client, user, other_user):
    user.timezone = comfortable_zone()
    user.save()
    algebra = CourseFactory.create(user=user, title="Algebra", target_date=date(2026, 6, 1))
    module = ModuleFactory.create(course=algebra)
    first, _ = TopicFactory.create(module=module), TopicFactory.create(module=module)
    topic_complete(topic=first)
    note_create(user=user, title="Vectors", course_id=algebra.pk)
    archived = CourseFactory.create(user=user, title="Old")
    course_set_archived(course=archived, archived=True)
    CourseFactory.create(user=other_user, title="Theirs")

    body = auth_client.get("/api/v1/analytics/summary").json()

    assert (body["today"]["topics_completed"], body["today"]["notes_created"]) == (1, 1)
    assert body["this_week"]["topics_completed"] == 1
    assert body["this_week"]["notes_created"] == 1
    assert body["courses"] == [
        {
            "id": str(algebra.pk),
            "title": "Algebra",
            "progress": 50.0,
            "topic_count": 2,
            "completed_topic_count": 1,
            "target_date": "2026-06-01",
        }
    ]


def test_summary_query_count_does_not_grow_with_courses(auth_client, user):
    user.timezone = comfortable_zone()
    user.tier = Tier.PREMIUM_MONTHLY  # nine active courses: more than the free plan keeps editable
    user.save()
    topic = TopicFactory.create(module=ModuleFactory.create(course=CourseFactory.create(user=user)))
    topic_complete(topic=topic)
    auth_client.get("/api/v1/analytics/summary")  # the caller is now known to this process (auth cache)

    with CaptureQueriesContext(connection) as one:
        assert len(auth_client.get("/api/v1/analytics/summary").json()["courses"]) == 1
    for _ in range(8):
        module = ModuleFactory.create(course=CourseFactory.create(user=user))
        topic_complete(topic=TopicFactory.create(module=module))
        NoteFactory.create(user=user)
    with CaptureQueriesContext(connection) as nine:
        body = auth_client.get("/api/v1/analytics/summary").json()

    assert len(body["courses"]) == 9
    assert body["today"]["topics_completed"] == 9
    assert len(nine) == len(one)


def test_timeseries_of_learning_metrics(auth_client, user):
    DailyMetric.objects.create(user=user, date=date(2026, 1, 2), topics_completed=3, notes_created=1)
    DailyMetric.objects.create(user=user, date=date(2026, 1, 3), notes_created=2)
    query = {"start": "2026-01-01", "end": "2026-01-03"}

    topics = auth_client.get("/api/v1/analytics/timeseries", {**query, "metric": "topics_completed"}).json()
    notes = auth_client.get("/api/v1/analytics/timeseries", {**query, "metric": "notes_created"}).json()

    assert [p["value"] for p in topics["points"]] == [0, 3, 0]
    assert [p["value"] for p in notes["points"]] == [0, 1, 2]


def test_today_is_live_for_learning_metrics(auth_client, user):
    user.timezone = comfortable_zone()
    user.save()
    today = timezone.now().astimezone(ZoneInfo(user.timezone)).date()
    NoteFactory.create(user=user)

    body = auth_client.get(
        "/api/v1/analytics/timeseries",
        {"metric": "notes_created", "start": today.isoformat(), "end": today.isoformat()},
    ).json()

    assert body["points"] == [{"date": today.isoformat(), "value": 1}]
