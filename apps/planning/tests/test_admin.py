"""Admin: planning screens render, and staff see platform figures."""

from datetime import date

import pytest
from django.test import Client

from apps.accounts.tests.factories import UserFactory
from apps.planning.models import DailyMetric
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, StudySessionFactory, TaskFactory

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
