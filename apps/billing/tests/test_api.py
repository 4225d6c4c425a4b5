"""Billing endpoints that need no Stripe traffic: auth, validation, plans, the free overview."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from apps.billing.models import Subscription

pytestmark = pytest.mark.django_db


def test_endpoints_need_authentication(api_client):
    assert api_client.get("/api/v1/subscription/").status_code == 401
    assert api_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_MONTHLY"}).status_code == 401


def test_free_user_overview(auth_client):
    body = auth_client.get("/api/v1/subscription/").json()
    assert body["plan"] == "FREE"
    assert body["status"] is None
    assert body["limits"]["assistant_messages_per_day"] == 50
    assert body["limits"]["ai_course_generations_per_month"] == 2
    assert body["limits"]["voice"] is False


def test_checkout_refuses_a_free_or_unknown_plan_and_changes_nothing(auth_client, stripe_server):
    for plan in ("FREE", "GOLD"):
        response = auth_client.post("/api/v1/subscription/checkout", {"plan": plan}, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "validation_error"
        assert "plan" in response.json()["error"]["details"]
    assert stripe_server.fake.requests == []
    assert not Subscription.objects.exists()


def test_checkout_before_prices_are_synced_is_refused(auth_client, stripe_server):
    response = auth_client.post("/api/v1/subscription/checkout", {"plan": "PREMIUM_MONTHLY"}, format="json")
    assert response.status_code == 400
    assert stripe_server.fake.requests == []


def test_plans_list_prices_after_sync(auth_client, stripe_server):
    call_command("billing_sync_prices")
    call_command("billing_sync_prices")  # idempotent: finds the prices by lookup key

    plans = auth_client.get("/api/v1/subscription/plans/").json()

    assert [plan["plan"] for plan in plans] == ["FREE", "PREMIUM_MONTHLY", "PREMIUM_YEARLY"]
    assert plans[0]["price"] is None
    assert plans[1]["price"]["unit_amount"] == 999
    assert plans[1]["price"]["interval"] == "month"
    assert plans[2]["price"]["interval"] == "year"
    assert plans[2]["limits"]["voice"] is True
    prices = [obj for obj in stripe_server.fake.objects.values() if obj["object"] == "price"]
    assert len(prices) == 2
