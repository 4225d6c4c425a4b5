"""Reads for billing: a user's subscription with limits and usage, the plan catalogue, the checker's work."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.billing import entitlements, plans
from apps.billing.models import ENTITLED_STATUSES, Plan, Subscription
from maigie.encoding import utc_iso


def subscription_for(*, user: User) -> Subscription | None:
    """The user's subscription record, if they ever had one."""
    return Subscription.objects.filter(user=user).first()


def subscription_payload(subscription: Subscription | None) -> dict[str, Any]:
    """What clients are told about a subscription (REST and realtime)."""
    if subscription is None:
        return {
            "plan": Plan.FREE,
            "status": None,
            "start_date": None,
            "current_period_end": None,
            "cancel_at_period_end": False,
            "complimentary": False,
        }
    return {
        "plan": subscription.plan if subscription.is_entitled else Plan.FREE,
        "status": subscription.status,
        "start_date": utc_iso(subscription.start_date),
        "current_period_end": utc_iso(subscription.end_date) if subscription.end_date else None,
        "cancel_at_period_end": subscription.cancel_at_period_end,
        "complimentary": subscription.complimentary,
    }


def has_paid_subscription(*, user: User) -> bool:
    """Whether ``user`` pays for a plan through Stripe right now."""
    return Subscription.objects.filter(user=user, complimentary=False, status__in=ENTITLED_STATUSES).exists()


def subscription_overview(*, user: User) -> dict[str, Any]:
    """Plan, status, period end, the plan's limits beside current usage, and what is read-only."""
    overview = subscription_payload(subscription_for(user=user))
    overview["plan"] = entitlements.current_tier(user)
    overview["limits"] = entitlements.limits_for(user).as_dict()
    overview["usage"] = entitlements.usage_for(user)
    overview["over_limit"] = entitlements.over_limit_for(user)
    return overview


def plan_list() -> list[dict[str, Any]]:
    """Every plan with its limits and, for paid plans, the Stripe price (``None`` until synced)."""
    result: list[dict[str, Any]] = []
    for plan in Plan:
        price: dict[str, Any] | None = None
        if plan in plans.PAID_PLAN_PRICES:
            stripe_price = plans.stripe_price(plan)
            if stripe_price is not None:
                price = {
                    "id": stripe_price.id,
                    "unit_amount": stripe_price.stripe_data.get("unit_amount"),
                    "currency": stripe_price.currency,
                    "interval": (stripe_price.stripe_data.get("recurring") or {}).get("interval"),
                }
        result.append(
            {"plan": plan.value, "name": plan.label, "price": price, "limits": entitlements.PLAN_LIMITS[plan].as_dict()}
        )
    return result


def subscriptions_running() -> QuerySet[Subscription]:
    """Stripe-backed subscriptions that still grant their plan: the checker re-reads them."""
    return Subscription.objects.filter(status__in=ENTITLED_STATUSES, complimentary=False).exclude(
        stripe_subscription_id=""
    )


def subscriptions_to_expire(*, now: dt.datetime) -> QuerySet[Subscription]:
    """Complimentary periods that have ended but still grant their plan."""
    return Subscription.objects.filter(status__in=ENTITLED_STATUSES, complimentary=True, end_date__lte=now)
