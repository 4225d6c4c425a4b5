"""What every billing write shares: the Stripe API key, and the user's tier following their record."""

from __future__ import annotations

import datetime as dt

from djstripe.settings import djstripe_settings

from apps.accounts.models import Tier, User
from apps.accounts.services.users import user_set_tier
from apps.billing import events
from apps.billing.models import Subscription
from apps.billing.selectors import subscription_payload
from maigie.realtime.publish import publish


def stripe_api_key() -> str:
    """The secret key dj-stripe is configured with (test or live mode)."""
    key: str = djstripe_settings.STRIPE_SECRET_KEY
    return key


def timestamp(value: int | None) -> dt.datetime | None:
    """A Stripe Unix timestamp as an aware UTC datetime (``None`` stays ``None``)."""
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value else None


def tier_follow(*, user: User, subscription: Subscription, reason: str) -> None:
    """Make the user's tier follow ``subscription`` and tell their clients."""
    tier = subscription.plan if subscription.is_entitled else Tier.FREE
    user_set_tier(user=user, tier=tier, reason=reason)
    publish(user_id=user.pk, event=events.SUBSCRIPTION_UPDATED, data=subscription_payload(subscription))
