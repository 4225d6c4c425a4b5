"""What every billing write shares: the Stripe API key, and the user's tier following their record."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from djstripe.settings import djstripe_settings

from apps.accounts.models import Tier, User
from apps.accounts.services.users import user_set_tier
from apps.billing import events
from apps.billing.models import Subscription
from apps.billing.selectors import subscription_payload
from apps.notifications.models import Kind
from apps.notifications.services.delivery import Message, notify
from maigie.realtime.publish import publish


def stripe_api_key() -> str:
    """The secret key dj-stripe is configured with (test or live mode)."""
    key: str = djstripe_settings.STRIPE_SECRET_KEY
    return key


def timestamp(value: int | None) -> dt.datetime | None:
    """A Stripe Unix timestamp as an aware UTC datetime (``None`` stays ``None``)."""
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value else None


def tier_follow(*, user: User, subscription: Subscription, reason: str) -> None:
    """Make the user's tier follow ``subscription`` and tell their clients; a plan change is a billing message."""
    tier = subscription.plan if subscription.is_entitled else Tier.FREE
    previous = User.objects.filter(pk=user.pk).values_list("tier", flat=True).first()
    user_set_tier(user=user, tier=tier, reason=reason)
    publish(user_id=user.pk, event=events.SUBSCRIPTION_UPDATED, data=subscription_payload(subscription))
    if previous is not None and previous != tier:
        label = Tier(tier).label
        notify(
            user=user,
            message=Message(
                kind=Kind.BILLING,
                key=f"billing:plan:{user.pk}:{subscription.pk}:{tier}:{timezone.now().isoformat()}",
                title=f"Your plan is now {label}",
                body=f"Your Maigie plan changed to {label}.",
                url="/settings/billing",
                data={"tier": tier, "previous_tier": previous, "status": subscription.status},
                inbox_kind="billing.plan_changed",
            ),
        )
