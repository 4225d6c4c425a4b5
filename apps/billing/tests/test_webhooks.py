"""Webhook delivery through dj-stripe's endpoint: signatures, duplicates, ordering."""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from djstripe.models import Event, WebhookEventTrigger

from apps.accounts.models import Notification, Tier
from apps.billing.models import Subscription, SubscriptionStatus
from apps.billing.tests.test_flows import prices, subscribe  # noqa: F401 (fixture)


@pytest.mark.django_db
def test_bad_signature_is_refused_and_changes_nothing(auth_client, user, stripe_server, prices, post_event):  # noqa: F811
    response = auth_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_MONTHLY"}, format="json")
    session_id = response.json()["id"]
    stripe_server.fake.complete_checkout(session_id)
    event = stripe_server.fake.event("checkout.session.completed", stripe_server.fake.objects[session_id])

    answer = post_event(event, secret="whsec_not_the_endpoint_secret")

    assert answer.status_code == 400
    assert not Subscription.objects.exists()
    assert not Event.objects.filter(id=event["id"]).exists()
    assert WebhookEventTrigger.objects.get().valid is False
    unsigned = Client().post(answer.request["PATH_INFO"], data=json.dumps(event), content_type="application/json")
    assert unsigned.status_code == 400
    assert WebhookEventTrigger.objects.count() == 1  # not even stored
    user.refresh_from_db()
    assert user.tier == Tier.FREE


@pytest.mark.django_db
def test_out_of_order_events_do_not_move_a_subscription_backwards(
    auth_client,
    user,
    stripe_server,
    prices,  # noqa: F811
    post_event,
):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    now = int(time.time())
    failed = stripe_server.fake.fail_payment(subscription_id)
    failed_event = stripe_server.fake.event("invoice.payment_failed", failed, created=now + 10)
    past_due_event = stripe_server.fake.event(
        "customer.subscription.updated", stripe_server.fake.objects[subscription_id], created=now + 10
    )
    paid = stripe_server.fake.renew(subscription_id)
    paid_event = stripe_server.fake.event("invoice.paid", paid, created=now + 20)

    # Stripe delivers the newest first, the older ones late.
    for event in (paid_event, past_due_event, failed_event):
        assert post_event(event).status_code == 200

    record = Subscription.objects.get(user=user)
    assert record.status == SubscriptionStatus.ACTIVE
    assert record.stripe_event_at is not None
    assert int(record.stripe_event_at.timestamp()) == now + 20
    assert not Notification.objects.filter(user=user, kind="billing.payment_failed").exists()
    user.refresh_from_db()
    assert user.tier == Tier.PREMIUM_MONTHLY


@pytest.mark.django_db(transaction=True)
def test_the_same_event_delivered_five_times_concurrently_has_one_effect(
    auth_client,
    user,
    stripe_server,
    prices,  # noqa: F811
    post_event,
    eager_celery,
):
    subscription_id = subscribe(auth_client, stripe_server, post_event)
    event = stripe_server.fake.event("invoice.payment_failed", stripe_server.fake.fail_payment(subscription_id))
    start = threading.Barrier(5)
    statuses: list[int] = []

    def deliver() -> None:
        try:
            start.wait()
            statuses.append(post_event(event).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * 5
    assert Event.objects.filter(id=event["id"]).count() == 1
    assert Notification.objects.filter(user=user, kind="billing.payment_failed").count() == 1
    failed = [m for m in mail.outbox if m.to == [user.email] and m.subject == "Your Maigie payment failed"]
    assert len(failed) == 1
    assert Subscription.objects.get(user=user).status == SubscriptionStatus.PAST_DUE
