"""Billing fixtures: the local Stripe server, a dj-stripe webhook endpoint, signed event delivery."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import stripe
from django.test import Client
from django.urls import reverse
from djstripe.models import WebhookEndpoint

from apps.billing.tests.stripe_server import StripeServer, sign
from maigie.celery import app as celery_app

WEBHOOK_SECRET = "whsec_local_test_secret"


@pytest.fixture
def stripe_server(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[StripeServer]:
    """The real `stripe` client pointed at a local Stripe server, in test mode."""
    settings.STRIPE_LIVE_MODE = False
    settings.STRIPE_TEST_SECRET_KEY = "sk_test_localStripeServerKey0000000000"
    settings.BILLING_STRIPE_PRICES = {"PREMIUM_MONTHLY": "", "PREMIUM_YEARLY": ""}
    with StripeServer() as server:
        monkeypatch.setattr(stripe, "api_base", server.url)
        monkeypatch.setattr(stripe, "max_network_retries", 0)
        yield server


@pytest.fixture
def eager_celery() -> Iterator[None]:
    """Run queued tasks (e-mail) in-process with Celery's eager mode, so ``mail.outbox`` shows them."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def webhook_endpoint(db: Any) -> WebhookEndpoint:
    """A dj-stripe webhook endpoint with a known signing secret, as the admin would create it."""
    return WebhookEndpoint.objects.create(
        id="we_local",
        livemode=False,
        enabled_events=["*"],
        secret=WEBHOOK_SECRET,
        status="enabled",
        url="https://api.maigie.test/stripe/webhook/",
        stripe_data={},
    )


PostEvent = Callable[..., Any]


@pytest.fixture
def post_event(webhook_endpoint: WebhookEndpoint) -> PostEvent:
    """POST an event to dj-stripe's endpoint, signed with the endpoint's secret as Stripe signs it."""
    url = reverse("djstripe:djstripe_webhook_by_uuid", kwargs={"uuid": webhook_endpoint.djstripe_uuid})

    def post(event: dict[str, Any], *, secret: str = WEBHOOK_SECRET, client: Client | None = None) -> Any:
        payload = json.dumps(event)
        return (client or Client()).post(
            url, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload, secret)
        )

    return post
