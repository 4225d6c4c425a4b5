"""Admin: planning screens render, and staff see platform figures."""

from datetime import date

import pytest
from django.test import Client

from apps.accounts.tests.factories import UserFactory
from apps.planning.models import DailyMetric, Goal
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, StudySessionFactory, TaskFactory
from maigie.testing import realtime_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


def test_daily_metrics_show_platform_totals(staff_client):
    for minutes in (30, 45):
        DailyMetric.objects.create(user=UserFactory.create(), date=date(2026, 1, 5), study_minutes=minutes, sessions=1)
    StudySessionFactory.create()

    response = staff_client.get("/admin/planning/dailymetric/")

    assert response.status_code == 200
    platform = response.context["platform"]
    assert (platform["study_minutes"], platform["sessions"], platform["learners"]) == (75, 2, 2)
    assert platform["running_sessions"] == 1
    assert b"Platform figures" in response.content


def test_planning_screens_render_read_only(staff_client):
    goal = GoalFactory.create()
    TaskFactory.create(goal=goal)
    block = ScheduleBlockFactory.create(recurrence_rule="FREQ=DAILY")

    for url in (
        "/admin/planning/goal/",
        f"/admin/planning/goal/{goal.pk}/change/",
        "/admin/planning/scheduleblock/",
        f"/admin/planning/scheduleblock/{block.pk}/change/",
        "/admin/planning/studysession/",
        "/admin/planning/reminderdelivery/",
        "/admin/planning/calendarfeed/",
    ):
        assert staff_client.get(url).status_code == 200, url
    assert staff_client.get("/admin/planning/goal/add/").status_code == 403


def test_goals_deleted_in_the_admin_are_deleted_by_the_service(staff_client, django_capture_on_commit_callbacks):
    goal = GoalFactory.create()
    TaskFactory.create(goal=goal)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/planning/goal/", {"action": "delete_selected", "post": "yes", "_selected_action": [str(goal.pk)]}
        )

    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert realtime_log(goal.user_id)[-1] == ("goal.deleted", {"id": str(goal.pk)})
    assert staff_client.post(f"/admin/planning/dailymetric/{_metric().pk}/delete/", {"post": "yes"}).status_code == 403


def _metric():
    return DailyMetric.objects.create(user=UserFactory.create(), date=date(2026, 1, 6))
