"""The paid plans' Stripe prices: configured ids, or prices found by lookup key in dj-stripe's table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from djstripe import models as djstripe_models
from djstripe.settings import djstripe_settings

from apps.billing.models import PAID_PLANS, Plan

PRODUCT_NAME = "Maigie Premium"


@dataclass(frozen=True)
class PaidPlan:
    """How a paid plan is sold: its price's lookup key, interval and default amount (cents)."""

    plan: str
    lookup_key: str
    interval: str
    unit_amount: int
    currency: str = "usd"


PAID_PLAN_PRICES: dict[str, PaidPlan] = {
    Plan.PREMIUM_MONTHLY: PaidPlan(Plan.PREMIUM_MONTHLY, "maigie_premium_monthly", "month", 999),
    Plan.PREMIUM_YEARLY: PaidPlan(Plan.PREMIUM_YEARLY, "maigie_premium_yearly", "year", 9999),
}


def stripe_price(plan: str) -> djstripe_models.Price | None:
    """The active dj-stripe price that sells ``plan`` in the current mode, if synced."""
    configured = settings.BILLING_STRIPE_PRICES.get(plan, "")
    prices = djstripe_models.Price.objects.filter(active=True, livemode=djstripe_settings.STRIPE_LIVE_MODE)
    if configured:
        return prices.filter(id=configured).first()
    return prices.filter(lookup_key=PAID_PLAN_PRICES[plan].lookup_key).order_by("-created").first()


def stripe_price_id(plan: str) -> str | None:
    """The Stripe price id that sells ``plan``: the configured id, else the synced one by lookup key."""
    configured: str = settings.BILLING_STRIPE_PRICES.get(plan, "")
    if configured:
        return configured
    price = stripe_price(plan)
    return price.id if price else None


def plan_for_price(price: dict[str, Any]) -> str | None:
    """Which paid plan a Stripe price object sells (by configured id, then by lookup key)."""
    for paid_plan in PAID_PLANS:
        if settings.BILLING_STRIPE_PRICES.get(paid_plan) == price.get("id"):
            return paid_plan.value
    for plan, paid in PAID_PLAN_PRICES.items():
        if price.get("lookup_key") == paid.lookup_key:
            return plan
    return None
