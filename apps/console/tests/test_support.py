"""Support actions from the console: each has its effect and its audit entry."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone
from django_celery_results.models import TaskResult

from apps.accounts.models import SecurityEvent, User
from apps.accounts.tests.factories import UserFactory
from apps.billing.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return UserFactory.create(is_staff=True, is_superuser=True)


@pytest.fixture
def client(staff: User) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def _audited(action: str) -> SecurityEvent:
    return SecurityEvent.objects.get(kind="staff_updated", data__action=action)


def test_support_actions_have_effects_and_audit_entries(client, staff):
    learner = UserFactory.create(email_verified=False)
    page = f"/admin/console/users/{learner.pk}/"
    assert client.get(page).status_code == 200

    client.post(page, {"action": "resend_verification"})
    assert _audited("verification_resent").actor == staff

    version = learner.token_version
    client.post(page, {"action": "revoke_sessions"})
    learner.refresh_from_db()
    assert learner.token_version == version + 1
    assert _audited("sessions_revoked").user == learner

    client.post(page, {"action": "grant", "days": "14", "plan": "PREMIUM_MONTHLY"})
    assert Subscription.objects.get(user=learner).complimentary
    assert _audited("complimentary_granted").data["days"] == 14

    export = client.post(f"/admin/console/users/{learner.pk}/export/")
    assert export["Content-Disposition"].startswith("attachment")
    assert json.loads(export.content)["user"]["email"] == learner.email
    assert _audited("data_exported").user == learner


def test_view_as_learner_is_read_only(client):
    learner = UserFactory.create()
    response = client.get(f"/admin/console/users/{learner.pk}/learner/")
    assert response.status_code == 200
    assert b"read-only" in response.content
    assert client.post(f"/admin/console/users/{learner.pk}/learner/").status_code == 405


def test_failed_jobs_retry_and_discard(client):
    now = timezone.now()
    TaskResult.objects.create(task_id="gone", task_name="mail.send", status="FAILURE", date_done=now, task_args="[]")
    TaskResult.objects.create(task_id="fine", task_name="mail.send", status="SUCCESS", date_done=now)

    assert b"gone" in client.get("/admin/console/jobs/failed/").content
    client.post("/admin/console/jobs/failed/", {"action": "discard", "task_id": "gone"})
    assert not TaskResult.objects.filter(task_id="gone").exists()
    assert _audited("task_discarded").data["task_name"] == "mail.send"

    client.post("/admin/console/jobs/failed/", {"action": "discard", "task_id": "fine"})
    assert TaskResult.objects.filter(task_id="fine").exists()  # only failures are discarded


def test_support_needs_permission():
    client = Client()
    client.force_login(UserFactory.create(is_staff=True))
    learner = UserFactory.create()
    assert client.post(f"/admin/console/users/{learner.pk}/", {"action": "revoke_sessions"}).status_code == 403
    assert not SecurityEvent.objects.filter(kind="staff_updated").exists()
