"""User actions on Stripe: checkout and portal sessions, cancel and resume, the plans' prices.

These call Stripe outside any database transaction and store what Stripe answered through
the atomic :func:`~apps.billing.services.stripe_sync.subscription_sync_from_stripe`.
"""

from __future__ import annotations

from typing import Any

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from djstripe import models as djstripe_models
from djstripe.settings import djstripe_settings
from djstripe.utils import get_id_from_stripe_data

from apps.accounts.models import User
from apps.billing import plans
from apps.billing.models import PAID_PLANS, Subscription
from apps.billing.selectors import has_paid_subscription
from apps.billing.services.common import stripe_api_key
from apps.billing.services.stripe_sync import subscription_sync_from_stripe


def _customer_for(user: User) -> djstripe_models.Customer:
    customer, _ = djstripe_models.Customer.get_or_create(
        subscriber=user, livemode=djstripe_settings.STRIPE_LIVE_MODE, api_key=stripe_api_key()
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
        api_key=stripe_api_key(),
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
        api_key=stripe_api_key(), customer=customer.id, return_url=settings.BILLING_PORTAL_RETURN_URL
    )
    return {"url": str(session.url)}


def _paid_subscription(user: User) -> Subscription:
    record = Subscription.objects.filter(user=user).first()
    if record is None or record.complimentary or not record.stripe_subscription_id or not record.is_entitled:
        raise ValidationError({"subscription": ["You have no paid subscription."]})
    return record


def _modify(record: Subscription, **changes: Any) -> Subscription:
    data = stripe.Subscription.modify(record.stripe_subscription_id, api_key=stripe_api_key(), **changes)
    synced = djstripe_models.Subscription.sync_from_stripe_data(data, api_key=stripe_api_key())
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
    api_key = stripe_api_key()
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
