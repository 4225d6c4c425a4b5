"""Stripe to record: the ``Subscription`` record follows Stripe's subscription, the tier follows the record.

Stripe is the truth for paid subscriptions. dj-stripe keeps its copy of Stripe's objects; the
record follows it through :func:`subscription_sync_from_stripe` (atomic, never calls Stripe).
:func:`stripe_subscription_refresh` reads Stripe first and then syncs; called from a webhook
receiver it runs inside dj-stripe's event transaction (a failure rolls the whole event back and
Stripe retries), from the daily checker outside any transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import structlog
from django.db import transaction
from django.utils import timezone
from djstripe import models as djstripe_models
from djstripe.utils import get_id_from_stripe_data

from apps.accounts.models import User
from apps.billing import plans
from apps.billing.models import ENTITLED_STATUSES, PAID_PLANS, Subscription, SubscriptionStatus
from apps.billing.services.common import stripe_api_key, tier_follow, timestamp
from apps.notifications.models import Kind
from apps.notifications.services.delivery import Message, notify
from maigie.services import model_update

logger = structlog.get_logger(__name__)

# Stripe subscription status -> ours. ``incomplete`` (first payment still pending) changes nothing.
STRIPE_STATUSES = {
    "active": SubscriptionStatus.ACTIVE,
    "trialing": SubscriptionStatus.ACTIVE,
    "past_due": SubscriptionStatus.PAST_DUE,
    "unpaid": SubscriptionStatus.PAST_DUE,
    "canceled": SubscriptionStatus.CANCELED,
    "incomplete_expired": SubscriptionStatus.EXPIRED,
    "paused": SubscriptionStatus.EXPIRED,
}


@dataclass(frozen=True)
class SyncResult:
    """The record after a sync, and whether this sync was applied (False: stale or not ours)."""

    subscription: Subscription | None
    applied: bool


def _period_end(data: dict[str, Any]) -> dt.datetime | None:
    """End of the paid period: on the items since API 2025-03-31, at the top level before."""
    ends = [item.get("current_period_end") for item in (data.get("items") or {}).get("data", [])]
    ends.append(data.get("current_period_end"))
    latest = max((end for end in ends if end), default=None)
    return timestamp(latest)


def _plan_of(data: dict[str, Any]) -> str | None:
    for item in (data.get("items") or {}).get("data", []):
        price = item.get("price") or {}
        plan = plans.plan_for_price(price if isinstance(price, dict) else {"id": price})
        if plan:
            return plan
    plan = (data.get("metadata") or {}).get("plan")
    return plan if plan in PAID_PLANS else None


def _user_of(data: dict[str, Any]) -> User | None:
    customer_id = get_id_from_stripe_data(data.get("customer"))
    customer = djstripe_models.Customer.objects.filter(id=customer_id).select_related("subscriber").first()
    if customer is not None and customer.subscriber is not None:
        subscriber: User = customer.subscriber
        return subscriber
    user_id = (data.get("metadata") or {}).get("user_id")
    return User.objects.filter(pk=user_id).first() if user_id else None


@transaction.atomic
def subscription_sync_from_stripe(*, data: dict[str, Any], event_created: dt.datetime | None = None) -> SyncResult:
    """Bring the user's record in step with a Stripe subscription object.

    ``event_created`` is the creation time of the Stripe event that brought ``data``: an event
    older than the newest one already applied is ignored, so late deliveries never move a
    subscription backwards. API reads (``event_created=None``) are current and always apply.
    """
    user = _user_of(data)
    status = STRIPE_STATUSES.get(data.get("status", ""))
    plan = _plan_of(data)
    if user is None or status is None or plan is None:
        logger.warning("stripe_subscription_ignored", subscription=data.get("id"), status=data.get("status"))
        return SyncResult(None, applied=False)
    record = Subscription.objects.select_for_update().filter(user=user).first()
    if record is not None:
        if event_created and record.stripe_event_at and event_created < record.stripe_event_at:
            logger.info("stripe_event_stale", subscription=data["id"], user_id=str(user.pk))
            return SyncResult(record, applied=False)
        if record.stripe_subscription_id != data["id"] and record.is_entitled and status not in ENTITLED_STATUSES:
            # The end of an older subscription does not end the one the user has now.
            return SyncResult(record, applied=False)
    values: dict[str, Any] = {
        "plan": plan,
        "status": status,
        "start_date": timestamp(data.get("start_date")) or timezone.now(),
        "end_date": timestamp(data.get("ended_at")) or _period_end(data),
        "cancel_at_period_end": bool(data.get("cancel_at_period_end")),
        "complimentary": False,
        "stripe_subscription_id": data["id"],
        "stripe_customer_id": get_id_from_stripe_data(data.get("customer")) or "",
    }
    if event_created:
        values["stripe_event_at"] = event_created  # not older than the stored one (checked above)
    if record is None:
        record = Subscription.objects.create(user=user, **values)
    else:
        record, changed = model_update(instance=record, data=values, allowed=values.keys(), clean=False)
        if not changed:
            return SyncResult(record, applied=True)
    tier_follow(user=user, subscription=record, reason=f"stripe {data['id']} {data.get('status')}")
    return SyncResult(record, applied=True)


def stripe_subscription_refresh(*, stripe_id: str, event_created: dt.datetime | None = None) -> SyncResult:
    """Fetch a subscription from Stripe, store it in dj-stripe, and sync the record from it."""
    djstripe_subscription = djstripe_models.Subscription.sync_from_stripe_data(
        djstripe_models.Subscription(id=stripe_id).api_retrieve(api_key=stripe_api_key()), api_key=stripe_api_key()
    )
    return subscription_sync_from_stripe(data=djstripe_subscription.stripe_data, event_created=event_created)


def stripe_subscription_follow(*, stripe_id: str, event_created: dt.datetime) -> SyncResult:
    """Sync the record from dj-stripe's copy, which its event handler has just re-read from Stripe."""
    stored = djstripe_models.Subscription.objects.filter(id=stripe_id).first()
    if stored is None:
        return stripe_subscription_refresh(stripe_id=stripe_id, event_created=event_created)
    return subscription_sync_from_stripe(data=stored.stripe_data, event_created=event_created)


@transaction.atomic
def payment_failed_record(*, invoice: dict[str, Any], event_created: dt.datetime) -> SyncResult:
    """A renewal payment failed: sync the subscription (now PAST_DUE) and tell the user once.

    One transaction holds the Stripe read, the sync, the notification and the queued e-mail: if
    any step fails none is stored (and, from a webhook, Stripe delivers the event again).
    """
    stripe_id = invoice_subscription_id(invoice)
    if not stripe_id:
        return SyncResult(None, applied=False)
    result = stripe_subscription_refresh(stripe_id=stripe_id, event_created=event_created)
    record = result.subscription
    if result.applied and record is not None and record.status == SubscriptionStatus.PAST_DUE:
        user = record.user
        amount = f"{(invoice.get('amount_due') or 0) / 100:.2f} {str(invoice.get('currency') or '').upper()}"
        notify(
            user=user,
            message=Message(
                kind=Kind.BILLING,
                key=f"billing:payment-failed:{invoice.get('id')}",
                title="Your payment failed",
                body="We could not charge your card for Maigie Premium. Update your payment method to keep Premium.",
                url="/settings/billing",
                data={"invoice": invoice.get("id"), "subscription": stripe_id},
                email_template="payment_failed",
                email_context={"name": user.name or user.email, "amount": amount, "plan": record.get_plan_display()},
                inbox_kind="billing.payment_failed",
            ),
        )
    return result


def invoice_subscription_id(invoice: dict[str, Any]) -> str | None:
    """The subscription an invoice bills (``parent.subscription_details`` since API 2025-03-31)."""
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    found = get_id_from_stripe_data(details.get("subscription") or invoice.get("subscription"))
    return str(found) if found else None
