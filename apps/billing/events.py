"""The realtime events billing publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

from pydantic import AwareDatetime

from apps.billing.models import Plan, SubscriptionStatus
from maigie.realtime.registry import Payload, declare


class SubscriptionData(Payload):
    """The subscription as ``GET /api/v1/subscription`` starts it (``apps.billing.selectors``)."""

    plan: Plan
    status: SubscriptionStatus | None
    start_date: AwareDatetime | None  # ISO-8601 with "+00:00", as the REST answer writes it
    current_period_end: AwareDatetime | None
    cancel_at_period_end: bool
    complimentary: bool


SUBSCRIPTION_UPDATED = declare("subscription.updated", SubscriptionData)
