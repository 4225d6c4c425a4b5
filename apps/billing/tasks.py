"""Background jobs of billing."""

from __future__ import annotations

import stripe
from celery import shared_task

from apps.billing.services import subscriptions_reconcile


@shared_task(
    name="billing.check_subscriptions",
    acks_late=True,
    autoretry_for=(stripe.APIConnectionError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def check_subscriptions() -> dict[str, int]:
    """Daily: re-read running subscriptions from Stripe (missed webhooks) and expire what has ended."""
    return subscriptions_reconcile()
