"""End-to-end billing flows: the real `stripe` client against the local server, signed webhooks."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from django.core import mail
from django.core.management import call_command
from djstripe.models import Customer

from apps.accounts.models import Notification, Tier
from apps.billing import entitlements
from apps.billing.models import Subscription, SubscriptionStatus
from apps.billing.tests.stripe_server import StripeServer
from maigie.realtime import events

pytestmark = pytest.mark.django_db


@pytest.fixture
def prices(stripe_server: StripeServer) -> None:
    call_command("billing_sync_prices")


def subscribe(auth_client: Any, server: StripeServer, post_event: Any, plan: str = "PREMIUM_MONTHLY") -> str:
    """Checkout through the API, pay on the (local) Stripe page, deliver checkout.session.completed."""
    response = auth_client.post("/api/v1/subscription/checkout", {"plan": plan}, format="json")
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]
    subscription = server.fake.complete_checkout(session_id)
    answer = post_event(server.fake.event("checkout.session.completed", server.fake.objects[session_id]))
    assert answer.status_code == 200, (answer.content, server.fake.unhandled)
    return str(subscription["id"])


def test_upgrade_through_checkout(auth_client, user, stripe_server, prices, post_event):
    response = auth_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_YEARLY"}, format="json")
    assert response.status_code == 201
    assert response.json()["url"].startswith("https://checkout.stripe.test/c/pay/cs_")
    session_id = response.json()["id"]
    assert Customer.objects.get(subscriber=user).id == stripe_server.fake.objects[session_id]["customer"]
    stripe_server.fake.complete_checkout(session_id)

    answer = post_event(stripe_server.fake.event("checkout.session.completed", stripe_server.fake.objects[session_id]))

    assert answer.status_code == 200, (answer.content, stripe_server.fake.unhandled)
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_YEARLY
    record = Subscription.objects.get(user=user)
    assert record.status == SubscriptionStatus.ACTIVE
    assert record.plan == "PREMIUM_YEARLY"
    assert record.stripe_subscription_id == stripe_server.fake.objects[session_id]["subscription"]
    body = auth_client.get("/api/v1/subscription/").json()
    assert body["plan"] == "PREMIUM_YEARLY"
    assert body["status"] == "ACTIVE"
    assert body["limits"]["assistant_messages_per_day"] == 2000
    assert body["limits"]["ai_course_generations_per_month"] == 30
    assert body["limits"]["voice"] is True


def test_limits_change_the_moment_the_plan_changes(auth_client, user, stripe_server, prices, post_event):
    stale = type(user).objects.get(pk=user.pk)  # a copy loaded before the upgrade, never refreshed
    assert entitlements.limits_for(stale).assistant_messages_per_day == 50
    assert not entitlements.has_feature(stale, "voice")

    subscription_id = subscribe(auth_client, stripe_server, post_event)

    assert entitlements.limits_for(stale).assistant_messages_per_day == 2000
    assert entitlements.has_feature(stale, "voice")
    stripe_server.fake.end(subscription_id)
    post_event(stripe_server.fake.event("customer.subscription.deleted", stripe_server.fake.objects[subscription_id]))
    assert entitlements.limits_for(stale).assistant_messages_per_day == 50
    assert not entitlements.has_feature(stale, "voice")


def test_plan_change_in_the_portal_follows_subscription_updated(auth_client, user, stripe_server, prices, post_event):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    yearly = next(
        obj for obj in stripe_server.fake.objects.values() if obj.get("lookup_key") == "maigie_premium_yearly"
    )
    stripe_server.fake.objects[subscription_id]["items"]["data"][0]["price"] = dict(yearly)

    answer = post_event(
        stripe_server.fake.event("customer.subscription.updated", stripe_server.fake.objects[subscription_id])
    )

    assert answer.status_code == 200
    assert Subscription.objects.get(user=user).plan == "PREMIUM_YEARLY"
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_YEARLY


def test_renewal_moves_the_period_on(auth_client, user, stripe_server, prices, post_event):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    first_end = Subscription.objects.get(user=user).end_date
    invoice = stripe_server.fake.renew(subscription_id)

    answer = post_event(stripe_server.fake.event("invoice.paid", invoice))

    assert answer.status_code == 200
    record = Subscription.objects.get(user=user)
    assert record.status == SubscriptionStatus.ACTIVE
    assert first_end is not None
    assert record.end_date == first_end + dt.timedelta(days=30)
    answer = auth_client.get("/api/v1/subscription/").json()
    assert answer["current_period_end"] == record.end_date.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    assert answer["start_date"].endswith("Z")


def test_failed_payment_is_past_due_with_notification_and_email(
    auth_client, user, stripe_server, prices, post_event, eager_celery, django_capture_on_commit_callbacks
):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    invoice = stripe_server.fake.fail_payment(subscription_id)

    with django_capture_on_commit_callbacks(execute=True):
        answer = post_event(stripe_server.fake.event("invoice.payment_failed", invoice))

    assert answer.status_code == 200
    record = Subscription.objects.get(user=user)
    assert record.status == SubscriptionStatus.PAST_DUE
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_MONTHLY  # kept while Stripe retries
    notification = Notification.objects.get(user=user, kind="billing.payment_failed")
    assert notification.data["invoice"] == invoice["id"]
    assert Notification.objects.get(user=user, kind="billing.plan_changed").title.startswith("Your plan is now ")
    [email] = [m for m in mail.outbox if m.subject == "Your Maigie payment failed"]
    assert email.to == [user.email]
    assert "9.99 USD" in email.body
    assert "/api/v1/notifications/unsubscribe?token=" in email.body  # the billing kind's own link

    recovered = stripe_server.fake.renew(subscription_id)
    post_event(stripe_server.fake.event("invoice.paid", recovered))
    assert Subscription.objects.get(user=user).status == SubscriptionStatus.ACTIVE


def test_cancel_at_period_end_then_resume(
    auth_client, user, stripe_server, prices, post_event, django_capture_on_commit_callbacks
):
    subscription_id = subscribe(auth_client, stripe_server, post_event)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = auth_client.post("/api/v1/subscription/cancel")

    assert cancelled.status_code == 200, cancelled.content
    assert cancelled.json()["cancel_at_period_end"] is True
    assert cancelled.json()["status"] == "ACTIVE"
    assert cancelled.json()["plan"] == "PREMIUM_MONTHLY"
    assert stripe_server.fake.objects[subscription_id]["cancel_at_period_end"] is True
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_MONTHLY  # Premium until the period ends
    published = [json.loads(event.payload) for event in async_to_sync(events.events_between)(user.pk, after=0) or []]
    updates = [event["data"] for event in published if event["event"] == "subscription.updated"]
    assert updates[-1]["cancel_at_period_end"] is True
    assert updates[-1]["status"] == "ACTIVE"

    resumed = auth_client.post("/api/v1/subscription/resume")

    assert resumed.status_code == 200
    assert resumed.json()["cancel_at_period_end"] is False
    assert stripe_server.fake.objects[subscription_id]["cancel_at_period_end"] is False
    again = auth_client.post("/api/v1/subscription/resume")
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "validation_error"


def test_expiry_downgrades_to_free_and_keeps_data(auth_client, user, stripe_server, prices, post_event):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    auth_client.post("/api/v1/subscription/cancel")
    assert entitlements.is_within_limit(user, "active_courses", used=5)

    stripe_server.fake.end(subscription_id)
    answer = post_event(
        stripe_server.fake.event("customer.subscription.deleted", stripe_server.fake.objects[subscription_id])
    )

    assert answer.status_code == 200
    record = Subscription.objects.get(user=user)
    assert record.status == SubscriptionStatus.CANCELED
    user.refresh_from_db()
    assert user.tier == Tier.FREE
    body = auth_client.get("/api/v1/subscription/").json()
    assert body["plan"] == "FREE"
    assert body["limits"]["assistant_messages_per_day"] == 50
    # Five courses stay (nothing is deleted) but a sixth is refused: over-limit data is read-only.
    assert not entitlements.is_within_limit(user, "active_courses", used=5)
    assert auth_client.post("/api/v1/subscription/cancel").status_code == 400


def test_checkout_reuses_the_customer_and_refuses_a_second_subscription(
    auth_client, user, stripe_server, prices, post_event
):
    auth_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_MONTHLY"}, format="json")
    subscribe(auth_client, stripe_server, post_event)
    customers = [obj for obj in stripe_server.fake.objects.values() if obj["object"] == "customer"]
    assert len(customers) == 1
    assert Customer.objects.filter(subscriber=user).count() == 1

    again = auth_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_YEARLY"}, format="json")

    assert again.status_code == 400
    assert "plan" in again.json()["error"]["details"]


def test_portal_needs_a_billing_account(auth_client, user, stripe_server, prices, post_event):
    assert auth_client.post("/api/v1/subscription/portal").status_code == 400
    subscribe(auth_client, stripe_server, post_event)

    response = auth_client.post("/api/v1/subscription/portal")

    assert response.status_code == 201
    assert response.json()["url"].startswith("https://billing.stripe.test/session/bps_")
