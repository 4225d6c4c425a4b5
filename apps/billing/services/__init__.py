"""Writes for billing, one module per sub-domain; every public service is importable from here.

- :mod:`.stripe_sync`: Stripe to record (webhook reactions, refreshes), the tier following the record.
- :mod:`.checkout`: the user's actions on Stripe (checkout, portal, cancel, resume) and price set-up.
- :mod:`.staff`: complimentary periods granted by staff, the daily checker.
"""

from apps.billing.services.checkout import (
    checkout_session_create,
    portal_session_create,
    stripe_prices_sync,
    subscription_cancel,
    subscription_resume,
)
from apps.billing.services.staff import (
    complimentary_grant,
    complimentary_revoke,
    subscription_expire,
    subscriptions_reconcile,
)
from apps.billing.services.stripe_sync import (
    STRIPE_STATUSES,
    SyncResult,
    invoice_subscription_id,
    payment_failed_record,
    stripe_subscription_follow,
    stripe_subscription_refresh,
    subscription_sync_from_stripe,
)

__all__ = [
    "STRIPE_STATUSES",
    "SyncResult",
    "checkout_session_create",
    "complimentary_grant",
    "complimentary_revoke",
    "invoice_subscription_id",
    "payment_failed_record",
    "portal_session_create",
    "stripe_prices_sync",
    "stripe_subscription_follow",
    "stripe_subscription_refresh",
    "subscription_cancel",
    "subscription_expire",
    "subscription_resume",
    "subscription_sync_from_stripe",
    "subscriptions_reconcile",
]
