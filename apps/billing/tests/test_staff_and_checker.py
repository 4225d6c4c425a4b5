"""Complimentary periods (service and admin), the audit trail, and the daily subscription checker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.models import Tier
from apps.accounts.tests.factories import UserFactory
from apps.billing import services
from apps.billing.models import BillingAuditEntry, Subscription, SubscriptionStatus
from apps.billing.tasks import check_subscriptions
from apps.billing.tests.test_flows import prices, subscribe  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory.create(is_staff=True, is_superuser=True)


def test_grant_and_revoke_complimentary_premium_are_audited(user, staff):
    record = services.complimentary_grant(user=user, actor=staff, days=14)

    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_MONTHLY
    assert record.complimentary
    assert record.status == SubscriptionStatus.ACTIVE
    assert record.end_date is not None
    assert abs((record.end_date - timezone.now()) - dt.timedelta(days=14)) < dt.timedelta(minutes=1)

    services.complimentary_revoke(user=user, actor=staff)

    user.refresh_from_db()
    assert user.tier == Tier.FREE
    assert Subscription.objects.get(user=user).status == SubscriptionStatus.EXPIRED
    entries = list(BillingAuditEntry.objects.filter(user=user).order_by("created_at").values_list("action", "actor"))
    assert entries == [("complimentary_granted", staff.pk), ("complimentary_revoked", staff.pk)]
    with pytest.raises(ValidationError):
        services.complimentary_revoke(user=user, actor=staff)


def test_admin_grants_through_the_add_form_and_revokes_with_an_action(client, user, staff):
    client.force_login(staff)

    response = client.post(
        "/admin/billing/subscription/add/", {"user": str(user.pk), "plan": "PREMIUM_YEARLY", "days": "30"}
    )

    assert response.status_code == 302, response.content
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_YEARLY
    record = Subscription.objects.get(user=user)
    assert client.get(f"/admin/billing/subscription/{record.pk}/change/").status_code == 200

    response = client.post(
        "/admin/billing/subscription/",
        {"action": "revoke_complimentary", "_selected_action": [str(record.pk)]},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.tier == Tier.FREE
    assert BillingAuditEntry.objects.filter(user=user, actor=staff).count() == 2
    assert client.get("/admin/billing/billingauditentry/").status_code == 200
    assert client.get("/admin/djstripe/subscription/").status_code == 200
    assert client.get("/admin/djstripe/event/").status_code == 200


def test_admin_does_not_grant_over_a_paid_subscription(
    client,
    auth_client,
    user,
    staff,
    stripe_server,
    prices,  # noqa: F811
    post_event,
):
    subscribe(auth_client, stripe_server, post_event)
    client.force_login(staff)

    response = client.post(
        "/admin/billing/subscription/add/", {"user": str(user.pk), "plan": "PREMIUM_YEARLY", "days": "30"}
    )

    assert response.status_code == 200  # the form again, with the error
    assert "already pays" in response.content.decode()
    assert not BillingAuditEntry.objects.exists()
    assert Subscription.objects.get(user=user).complimentary is False


def test_checker_catches_a_missed_cancellation_and_expires_ended_grants(
    auth_client,
    user,
    staff,
    stripe_server,
    prices,  # noqa: F811
    post_event,
):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    stripe_server.fake.end(subscription_id)  # ... and the webhook never arrives
    granted = UserFactory.create()
    services.complimentary_grant(user=granted, actor=staff, days=1)
    Subscription.objects.filter(user=granted).update(end_date=timezone.now() - dt.timedelta(minutes=1))
    vanished = UserFactory.create()
    Subscription.objects.create(
        user=vanished,
        plan="PREMIUM_MONTHLY",
        status=SubscriptionStatus.ACTIVE,
        start_date=timezone.now(),
        stripe_subscription_id="sub_deleted_on_stripe",
    )

    counts = check_subscriptions.apply().get()

    assert counts == {"refreshed": 1, "failed": 0, "expired": 2}
    assert Subscription.objects.get(user=user).status == SubscriptionStatus.CANCELED
    assert Subscription.objects.get(user=granted).status == SubscriptionStatus.EXPIRED
    assert Subscription.objects.get(user=vanished).status == SubscriptionStatus.EXPIRED
    for person in (user, granted, vanished):
        person.refresh_from_db()
        assert person.tier == Tier.FREE
