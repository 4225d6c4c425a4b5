"""The weekly progress report: last week's figures, Monday morning local, once per week, opted-in only."""

from datetime import UTC, date, datetime

import pytest

from apps.accounts.models import EmailDelivery
from apps.accounts.tests.factories import UserFactory
from apps.learning.services import course_create
from apps.planning.models import DailyMetric
from apps.planning.services.reports import weekly_reports_send
from maigie.mail import render_email

pytestmark = pytest.mark.django_db

MONDAY_9_TOKYO = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # Monday 09:00 in Asia/Tokyo, Sunday in New York


@pytest.fixture
def tokyo():
    user = UserFactory.create(timezone="Asia/Tokyo", name="Aiko", preferences={"email_weekly_report": True})
    for day, minutes in ((date(2026, 11, 16), 30), (date(2026, 11, 22), 45), (date(2026, 11, 9), 99)):
        DailyMetric.objects.create(user=user, date=day, study_minutes=minutes, tasks_completed=1)
    course_create(user=user, title="Japanese", modules=[{"title": "Kana", "topics": [{"title": "Hiragana"}]}])
    return user


def test_the_report_goes_to_opted_in_users_on_their_monday_morning_once(tokyo, django_capture_on_commit_callbacks):
    UserFactory.create(timezone="Asia/Tokyo")  # not opted in
    UserFactory.create(timezone="America/New_York", preferences={"email_weekly_report": True})  # still Sunday

    assert weekly_reports_send(now=MONDAY_9_TOKYO) == 1
    weekly_reports_send(now=MONDAY_9_TOKYO.replace(hour=3))  # the hourly job runs again

    delivery = EmailDelivery.objects.get()
    assert delivery.to == tokyo.email
    assert delivery.idempotency_key == f"weekly-report:{tokyo.pk}:2026-W48"
    context = delivery.context
    assert (context["week_start"], context["week_end"]) == ("2026-11-16", "2026-11-22")
    assert (context["minutes_studied"], context["tasks_completed"]) == (75, 2)
    assert context["courses"] == [{"title": "Japanese", "progress": 0}]
    subject, text, html = render_email(template="weekly_report", context=context)
    assert subject
    assert "75" in text
    assert "Japanese" in html


def test_nothing_is_sent_before_monday_8am_local(tokyo):
    assert weekly_reports_send(now=datetime(2026, 11, 22, 22, 0, tzinfo=UTC)) == 0  # Monday 07:00 in Tokyo
    assert not EmailDelivery.objects.exists()
