"""End-to-end billing flows: the real `stripe` client against the local server, signed webhooks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from apps.accounts.models import Tier
from apps.billing.models import Subscription, SubscriptionStatus
from apps.billing.tests.stripe_server import StripeServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def prices(stripe_server: StripeServer) -> None:
    call_command("billing_sync_prices")


def subscribe(auth_client: Any, stripe_server: StripeServer, post_event: Any, plan: str = "PREMIUM_MONTHLY") -> dict:
    """Checkout through the API, pay on the (fake) Stripe page, deliver checkout.session.completed."""
    response = auth_client.post("/api/v1/subscription/checkout", {"plan": plan}, format="json")
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]
    subscription = stripe_server.fake.complete_checkout(session_id)
    answer = post_event(stripe_server.fake.event("checkout.session.completed", stripe_server.fake.objects[session_id]))
    assert answer.status_code == 200, (answer.content, stripe_server.fake.unhandled)
    return subscription


def test_upgrade_through_checkout(auth_client, user, stripe_server, prices, post_event):
    response = auth_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_YEARLY"}, format="json")
    assert response.status_code == 201
    assert response.json()["url"].startswith("https://checkout.stripe.test/c/pay/cs_")
    session_id = response.json()["id"]
    stripe_server.fake.complete_checkout(session_id)

    answer = post_event(stripe_server.fake.event("checkout.session.completed", stripe_server.fake.objects[session_id]))

    assert answer.status_code == 200, (answer.content, stripe_server.fake.unhandled)
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_YEARLY
    record = Subscription.objects.get(user=user)
    assert record.status == SubscriptionStatus.ACTIVE
    assert record.plan == "PREMIUM_YEARLY"
    body = auth_client.get("/api/v1/subscription/").json()
    assert body["plan"] == "PREMIUM_YEARLY"
    assert body["status"] == "ACTIVE"
    assert body["limits"]["assistant_messages_per_month"] == 2000
    assert body["limits"]["voice"] is True
