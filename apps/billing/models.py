"""A user's subscription (the product record, kept in step with dj-stripe's objects) and its audit trail."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from apps.accounts.models import Tier


class Plan(models.TextChoices):
    FREE = Tier.FREE.value, Tier.FREE.label
    PREMIUM_MONTHLY = Tier.PREMIUM_MONTHLY.value, Tier.PREMIUM_MONTHLY.label
    PREMIUM_YEARLY = Tier.PREMIUM_YEARLY.value, Tier.PREMIUM_YEARLY.label


PAID_PLANS = (Plan.PREMIUM_MONTHLY, Plan.PREMIUM_YEARLY)
PAID_PLAN_CHOICES = [(plan.value, plan.label) for plan in PAID_PLANS]


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "ACTIVE", "Active"
    PAST_DUE = "PAST_DUE", "Past due"
    CANCELED = "CANCELED", "Canceled"
    EXPIRED = "EXPIRED", "Expired"


# Statuses that keep the paid plan's entitlements (PAST_DUE: while Stripe retries the payment).
ENTITLED_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE)


class Subscription(models.Model):
    """A user's paid (or complimentary) plan. One per user; Stripe's copy lives in dj-stripe."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscription")
    plan = models.CharField(max_length=20, choices=Plan.choices)
    status = models.CharField(max_length=10, choices=SubscriptionStatus.choices)
    start_date = models.DateTimeField()
    end_date = models.DateTimeField(null=True, blank=True, help_text="End of the paid period, or when it ended.")
    cancel_at_period_end = models.BooleanField(default=False)
    complimentary = models.BooleanField(default=False, help_text="Granted by staff, not paid through Stripe.")
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_event_at = models.DateTimeField(
        null=True, blank=True, help_text="Creation time of the newest Stripe event applied; older ones are ignored."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "end_date"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.plan} {self.status}"

    @property
    def is_entitled(self) -> bool:
        """Whether the plan's entitlements apply now."""
        return self.status in ENTITLED_STATUSES


class BillingAuditEntry(models.Model):
    """Who changed a user's plan by hand (staff grants and revocations), and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="billing_actions"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="billing_audit")
    action = models.CharField(max_length=50)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "billing audit entries"

    def __str__(self) -> str:
        return f"{self.action} {self.user_id}"
