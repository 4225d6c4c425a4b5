"""The console: grouped index, dashboard figures on seeded data, constant queries, Stripe visibility by role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_celery_results.models import TaskResult

from apps.accounts.models import DailyActivity
from apps.accounts.tests.factories import UserFactory
from apps.assistant.models import ChatMessage, Conversation, UsageDay
from apps.billing.services import complimentary_grant

pytestmark = pytest.mark.django_db


def _login(**fields: Any) -> Client:
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, **fields))
    return client


@pytest.fixture
def superuser_client() -> Client:
    return _login(is_superuser=True)


def _seed(learners: int, *, tag: str = "") -> None:
    today = timezone.now().date()
    for index in range(learners):
        user = UserFactory.create()
        DailyActivity.objects.create(user=user, day=today)
        DailyActivity.objects.create(user=user, day=today - dt.timedelta(days=10))
        UsageDay.objects.create(
            user=user, day=today, messages=3, prompt_tokens=100, completion_tokens=50, cost=Decimal("0.25")
        )
        conversation = Conversation.objects.create(user=user)
        ChatMessage.objects.create(
            conversation=conversation,
            user=user,
            role="assistant",
            provider="offline",
            prompt_tokens=10,
            completion_tokens=5,
        )
        TaskResult.objects.create(
            task_id=f"t{tag}{index}", task_name="mail.send", status="FAILURE", date_done=timezone.now()
        )
    complimentary_grant(user=UserFactory.create(), actor=None, days=30)


def test_index_shows_dashboard_figures_of_seeded_data(superuser_client):
    _seed(3)

    response = superuser_client.get("/admin/")

    assert response.status_code == 200
    figures = response.context["dashboard"]
    staff_and_granted = 2
    assert figures["learners"]["signups_total"] == 3 + staff_and_granted
    assert (figures["learners"]["dau"], figures["learners"]["wau"], figures["learners"]["mau"]) == (3, 3, 3)
    assert figures["assistant"]["messages_total"] == 9
    assert figures["assistant"]["cost_total"] == Decimal("0.75")
    assert dict(figures["assistant"]["providers"])["offline"]["tokens"] == 45
    assert figures["billing"]["complimentary"] == 1
    assert figures["billing"]["mrr"] == Decimal("0.00")
    email_queue = next(queue for queue in figures["jobs"]["queues"] if queue["name"] == "email")
    assert email_queue["failed"] == 3
    assert email_queue["queued"] == 0
    body = response.content.decode()
    assert "<svg" in body
    assert "/admin/django_celery_results/taskresult/?status__exact=FAILURE" in body
    assert "/admin/accounts/dailyactivity/?day=" in body


def test_every_figure_link_opens_its_change_list(superuser_client):
    figures = superuser_client.get("/admin/").context["dashboard"]
    urls = [
        figures["learners"]["signups_url"],
        figures["learners"]["dau_url"],
        figures["learners"]["mau_url"],
        figures["assistant"]["url"],
        figures["billing"]["paid_url"],
        figures["billing"]["complimentary_url"],
        figures["billing"]["stripe_url"],
        figures["jobs"]["failed_url"],
    ]
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url


def test_dashboard_queries_stay_constant_as_data_grows(superuser_client):
    _seed(2, tag="a")
    superuser_client.get("/admin/?fresh=1")
    with CaptureQueriesContext(connection) as small:
        superuser_client.get("/admin/?fresh=1")
    _seed(25, tag="b")
    with CaptureQueriesContext(connection) as large:
        superuser_client.get("/admin/?fresh=1")

    assert len(large.captured_queries) == len(small.captured_queries)


def test_index_is_grouped_by_staff_work(superuser_client):
    response = superuser_client.get("/admin/")

    names = [section["name"] for section in response.context["app_list"]]
    assert names == ["Learners", "Content", "Jobs and e-mail", "Billing", "Stripe mirror (dj-stripe)", "Settings"]
    body = response.content.decode()  # "Accounts" stays only as dj-stripe's Account model
    assert "Reminder deliveries" in body
    assert "deliverys" not in body


def test_stripe_models_only_for_superusers_and_the_billing_group():
    client = _login()
    staff = client.session["_auth_user_id"]
    from apps.accounts.models import User

    member = User.objects.get(pk=staff)
    member.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))

    names = [section["name"] for section in client.get("/admin/").context["app_list"]]
    assert "Stripe mirror (dj-stripe)" not in names
    assert "Learners" in names
    assert "mrr" not in client.get("/admin/").context["dashboard"]["billing"]

    member.groups.add(Group.objects.create(name="Finance"))
    names = [section["name"] for section in client.get("/admin/").context["app_list"]]
    assert "Stripe mirror (dj-stripe)" in names


def test_admin_screens_render(superuser_client):
    _seed(1)
    for url in (
        "/admin/accounts/user/",
        "/admin/accounts/dailyactivity/",
        "/admin/billing/subscription/",
        "/admin/django_celery_results/taskresult/",
        "/admin/planning/reminderdelivery/",
        "/admin/djstripe/",
    ):
        assert superuser_client.get(url).status_code == 200, url
