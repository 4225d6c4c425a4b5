"""Writes for billing: checkout and portal sessions, cancel/resume, Stripe-to-record sync, staff grants.

Stripe is the truth for paid subscriptions. dj-stripe keeps its copy of Stripe's objects; the
``Subscription`` record follows it through :func:`subscription_sync_from_stripe`, and ``User.tier``
follows the record through ``user_set_tier``. Functions that call Stripe do so outside a database
transaction and write through atomic helpers afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import stripe
import structlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from djstripe import models as djstripe_models
from djstripe.settings import djstripe_settings
from djstripe.utils import get_id_from_stripe_data

from apps.accounts.models import Tier, User
from apps.accounts.services import notification_create
from apps.accounts.services.users import user_set_tier
from apps.billing import plans
from apps.billing.models import (
    ENTITLED_STATUSES,
    PAID_PLANS,
    BillingAuditEntry,
    Plan,
    Subscription,
    SubscriptionStatus,
)
from apps.billing.selectors import (
    has_paid_subscription,
    subscription_payload,
    subscriptions_running,
    subscriptions_to_expire,
)
from maigie.mail import queue_email
from maigie.realtime.publish import publish

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


def _api_key() -> str:
    key: str = djstripe_settings.STRIPE_SECRET_KEY
    return key


def _timestamp(value: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value else None


def _apply(*, user: User, subscription: Subscription, reason: str) -> None:
    """Make the user's tier follow ``subscription`` and tell their clients."""
    tier = subscription.plan if subscription.is_entitled else Tier.FREE
    user_set_tier(user=user, tier=tier, reason=reason)
    publish(user_id=user.pk, event="subscription.updated", data=subscription_payload(subscription))


# Stripe -> record ---------------------------------------------------------------------------


def _period_end(data: dict[str, Any]) -> dt.datetime | None:
    """End of the paid period: on the items since API 2025-03-31, at the top level before."""
    ends = [item.get("current_period_end") for item in (data.get("items") or {}).get("data", [])]
    ends.append(data.get("current_period_end"))
    latest = max((end for end in ends if end), default=None)
    return _timestamp(latest)


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
        "start_date": _timestamp(data.get("start_date")) or timezone.now(),
        "end_date": _timestamp(data.get("ended_at")) or _period_end(data),
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
        changed = [name for name, value in values.items() if getattr(record, name) != value]
        if not changed:
            return SyncResult(record, applied=True)
        for name in changed:
            setattr(record, name, values[name])
        record.save(update_fields=[*changed, "updated_at"])
    _apply(user=user, subscription=record, reason=f"stripe {data['id']} {data.get('status')}")
    return SyncResult(record, applied=True)


def stripe_subscription_refresh(*, stripe_id: str, event_created: dt.datetime | None = None) -> SyncResult:
    """Fetch a subscription from Stripe, store it in dj-stripe, and sync the record from it."""
    djstripe_subscription = djstripe_models.Subscription.sync_from_stripe_data(
        djstripe_models.Subscription(id=stripe_id).api_retrieve(api_key=_api_key()), api_key=_api_key()
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
    """A renewal payment failed: sync the subscription (now PAST_DUE) and tell the user once."""
    stripe_id = invoice_subscription_id(invoice)
    if not stripe_id:
        return SyncResult(None, applied=False)
    result = stripe_subscription_refresh(stripe_id=stripe_id, event_created=event_created)
    record = result.subscription
    if result.applied and record is not None and record.status == SubscriptionStatus.PAST_DUE:
        user = record.user
        amount = f"{(invoice.get('amount_due') or 0) / 100:.2f} {str(invoice.get('currency') or '').upper()}"
        notification_create(
            user=user,
            kind="billing.payment_failed",
            title="Your payment failed",
            body="We could not charge your card for Maigie Premium. Update your payment method to keep Premium.",
            data={"invoice": invoice.get("id"), "subscription": stripe_id},
        )
        queue_email(
            to=user.email,
            template="payment_failed",
            context={"name": user.name or user.email, "amount": amount, "plan": record.get_plan_display()},
            idempotency_key=f"payment-failed:{invoice.get('id')}",
        )
    return result


def invoice_subscription_id(invoice: dict[str, Any]) -> str | None:
    """The subscription an invoice bills (``parent.subscription_details`` since API 2025-03-31)."""
    parent = invoice.get("parent") or {}
    details = parent.get("subscription_details") or {}
    found = get_id_from_stripe_data(details.get("subscription") or invoice.get("subscription"))
    return str(found) if found else None


# User actions ------------------------------------------------------------------------------


def _customer_for(user: User) -> djstripe_models.Customer:
    customer, _ = djstripe_models.Customer.get_or_create(
        subscriber=user, livemode=djstripe_settings.STRIPE_LIVE_MODE, api_key=_api_key()
    )
    return customer


def checkout_session_create(*, user: User, plan: str) -> dict[str, str]:
    """A Stripe Checkout session for ``plan`` (the Stripe customer is created once, then reused)."""
    if plan not in PAID_PLANS:
        raise ValidationError({"plan": ["Choose PREMIUM_MONTHLY or PREMIUM_YEARLY."]})
    if has_paid_subscription(user=user):
        raise ValidationError({"plan": ["You already have a subscription; change it in the billing portal."]})
    price_id = plans.stripe_price_id(plan)
    if price_id is None:
        raise ValidationError({"plan": ["This plan is not on sale yet."]})
    customer = _customer_for(user)
    metadata = {"user_id": str(user.pk), "plan": plan}
    session = stripe.checkout.Session.create(
        api_key=_api_key(),
        mode="subscription",
        customer=customer.id,
        client_reference_id=str(user.pk),
        line_items=[{"price": price_id, "quantity": 1}],
        success_url=settings.BILLING_CHECKOUT_SUCCESS_URL,
        cancel_url=settings.BILLING_CHECKOUT_CANCEL_URL,
        metadata=metadata,
        subscription_data={"metadata": metadata},
    )
    return {"id": str(session.id), "url": str(session.url)}


def portal_session_create(*, user: User) -> dict[str, str]:
    """A Stripe billing portal session where the user manages payment methods and invoices."""
    customer = djstripe_models.Customer.objects.filter(
        subscriber=user, livemode=djstripe_settings.STRIPE_LIVE_MODE
    ).first()
    if customer is None:
        raise ValidationError({"subscription": ["You have no billing account yet; subscribe first."]})
    session = stripe.billing_portal.Session.create(
        api_key=_api_key(), customer=customer.id, return_url=settings.BILLING_PORTAL_RETURN_URL
    )
    return {"url": str(session.url)}


def _paid_subscription(user: User) -> Subscription:
    record = Subscription.objects.filter(user=user).first()
    if record is None or record.complimentary or not record.stripe_subscription_id or not record.is_entitled:
        raise ValidationError({"subscription": ["You have no paid subscription."]})
    return record


def _modify(record: Subscription, **changes: Any) -> Subscription:
    data = stripe.Subscription.modify(record.stripe_subscription_id, api_key=_api_key(), **changes)
    synced = djstripe_models.Subscription.sync_from_stripe_data(data, api_key=_api_key())
    result = subscription_sync_from_stripe(data=synced.stripe_data)
    assert result.subscription is not None
    return result.subscription


def subscription_cancel(*, user: User) -> Subscription:
    """Cancel at the end of the paid period; Premium stays until then."""
    record = _paid_subscription(user)
    if record.cancel_at_period_end:
        return record
    return _modify(record, cancel_at_period_end=True)


def subscription_resume(*, user: User) -> Subscription:
    """Undo a cancellation that has not taken effect yet."""
    record = _paid_subscription(user)
    if not record.cancel_at_period_end:
        raise ValidationError({"subscription": ["Your subscription is not set to cancel."]})
    return _modify(record, cancel_at_period_end=False)


def stripe_prices_sync() -> dict[str, djstripe_models.Price]:
    """Create the paid plans' product and prices on Stripe unless their lookup keys exist; sync them locally."""
    api_key = _api_key()
    lookup_keys = [paid.lookup_key for paid in plans.PAID_PLAN_PRICES.values()]
    existing = {price.lookup_key: price for price in stripe.Price.list(lookup_keys=lookup_keys, api_key=api_key).data}
    products = {get_id_from_stripe_data(price.product) for price in existing.values()}
    product_id = next(iter(products), None)
    synced: dict[str, djstripe_models.Price] = {}
    for plan, paid in plans.PAID_PLAN_PRICES.items():
        price = existing.get(paid.lookup_key)
        if price is None:
            if product_id is None:
                product_id = stripe.Product.create(name=plans.PRODUCT_NAME, api_key=api_key).id
            price = stripe.Price.create(
                api_key=api_key,
                product=product_id,
                unit_amount=paid.unit_amount,
                currency=paid.currency,
                recurring={"interval": paid.interval},
                lookup_key=paid.lookup_key,
            )
        synced[plan] = djstripe_models.Price.sync_from_stripe_data(price, api_key=api_key)
    return synced


# Staff and the daily checker ------------------------------------------------------------


@transaction.atomic
def complimentary_grant(*, user: User, actor: User | None, days: int, plan: str = Plan.PREMIUM_MONTHLY) -> Subscription:
    """Give ``user`` Premium for ``days`` days without payment; audited."""
    if plan not in PAID_PLANS:
        raise ValidationError({"plan": ["Choose PREMIUM_MONTHLY or PREMIUM_YEARLY."]})
    if days < 1:
        raise ValidationError({"days": ["Grant at least one day."]})
    User.objects.select_for_update().get(pk=user.pk)  # one grant at a time per user
    if has_paid_subscription(user=user):
        raise ValidationError({"user": ["This user already pays for a subscription."]})
    now = timezone.now()
    end_date = now + dt.timedelta(days=days)
    values: dict[str, Any] = {
        "plan": plan,
        "status": SubscriptionStatus.ACTIVE,
        "start_date": now,
        "end_date": end_date,
        "cancel_at_period_end": False,
        "complimentary": True,
        "stripe_subscription_id": "",
    }
    record, _ = Subscription.objects.update_or_create(user=user, defaults=values)
    BillingAuditEntry.objects.create(
        actor=actor,
        user=user,
        action="complimentary_granted",
        data={"plan": plan, "days": days, "end_date": end_date.isoformat()},
    )
    _apply(user=user, subscription=record, reason="complimentary period granted")
    return record


@transaction.atomic
def complimentary_revoke(*, user: User, actor: User | None) -> Subscription:
    """End a complimentary period now; audited."""
    record = Subscription.objects.select_for_update().filter(user=user).first()
    if record is None or not record.complimentary or not record.is_entitled:
        raise ValidationError({"user": ["This user has no complimentary period."]})
    record.status = SubscriptionStatus.EXPIRED
    record.end_date = timezone.now()
    record.save(update_fields=["status", "end_date", "updated_at"])
    BillingAuditEntry.objects.create(actor=actor, user=user, action="complimentary_revoked", data={})
    _apply(user=user, subscription=record, reason="complimentary period revoked")
    return record


@transaction.atomic
def subscription_expire(*, subscription_id: Any) -> Subscription | None:
    """Expire a subscription whose period has ended with nothing renewing it."""
    record = Subscription.objects.select_for_update().select_related("user").filter(pk=subscription_id).first()
    if record is None or not record.is_entitled:
        return record
    record.status = SubscriptionStatus.EXPIRED
    record.save(update_fields=["status", "updated_at"])
    _apply(user=record.user, subscription=record, reason="period ended")
    return record


def subscriptions_reconcile(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Re-read every running Stripe subscription (missed webhooks) and expire what has ended."""
    now = now or timezone.now()
    counts = {"refreshed": 0, "failed": 0, "expired": 0}
    for record in subscriptions_running():
        try:
            stripe_subscription_refresh(stripe_id=record.stripe_subscription_id)
        except stripe.InvalidRequestError as error:
            if error.code != "resource_missing":
                raise
            subscription_expire(subscription_id=record.pk)
            counts["expired"] += 1
        except stripe.StripeError:
            logger.exception("stripe_refresh_failed", subscription=record.stripe_subscription_id)
            counts["failed"] += 1
        else:
            counts["refreshed"] += 1
    for record in subscriptions_to_expire(now=now):
        subscription_expire(subscription_id=record.pk)
        counts["expired"] += 1
    return counts
