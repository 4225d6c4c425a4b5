"""Staff grants (complimentary periods, audited) and the daily checker that expires ended periods."""

from __future__ import annotations

import datetime as dt
from typing import Any

import stripe
import structlog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.billing.models import PAID_PLANS, BillingAuditEntry, Plan, Subscription, SubscriptionStatus
from apps.billing.selectors import has_paid_subscription, subscriptions_running, subscriptions_to_expire
from apps.billing.services.common import tier_follow
from apps.billing.services.stripe_sync import stripe_subscription_refresh

logger = structlog.get_logger(__name__)


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
    tier_follow(user=user, subscription=record, reason="complimentary period granted")
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
    tier_follow(user=user, subscription=record, reason="complimentary period revoked")
    return record


@transaction.atomic
def subscription_expire(*, subscription_id: Any) -> Subscription | None:
    """Expire a subscription whose period has ended with nothing renewing it."""
    record = Subscription.objects.select_for_update().select_related("user").filter(pk=subscription_id).first()
    if record is None or not record.is_entitled:
        return record
    record.status = SubscriptionStatus.EXPIRED
    record.save(update_fields=["status", "updated_at"])
    tier_follow(user=record.user, subscription=record, reason="period ended")
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
