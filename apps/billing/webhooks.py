"""Our reactions to Stripe events, run by dj-stripe's webhook view after its own handlers synced the objects.

dj-stripe verifies the signature, stores each event once (a duplicate delivery, even a concurrent
one, finds the stored event and runs nothing), and calls these receivers inside the transaction
that stores the event, so a failure rolls everything back and Stripe retries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import receiver
from djstripe.models import Event
from djstripe.signals import WEBHOOK_SIGNALS

from apps.billing import services


def _created(event: Event) -> dt.datetime:
    created: dt.datetime = event.created
    return created


def _object(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = event.data["object"]
    return data


@receiver(WEBHOOK_SIGNALS["checkout.session.completed"], sender=Event)
def on_checkout_completed(sender: type[Event], event: Event, **kwargs: Any) -> None:
    """Checkout finished: the new subscription becomes the user's plan."""
    session = _object(event)
    if session.get("mode") == "subscription" and session.get("subscription"):
        services.stripe_subscription_refresh(stripe_id=str(session["subscription"]), event_created=_created(event))


@receiver(WEBHOOK_SIGNALS["customer.subscription.created"], sender=Event)
@receiver(WEBHOOK_SIGNALS["customer.subscription.updated"], sender=Event)
@receiver(WEBHOOK_SIGNALS["customer.subscription.deleted"], sender=Event)
def on_subscription_changed(sender: type[Event], event: Event, **kwargs: Any) -> None:
    """A subscription changed on Stripe (dj-stripe has just re-read it): follow it."""
    services.stripe_subscription_follow(stripe_id=str(_object(event)["id"]), event_created=_created(event))


@receiver(WEBHOOK_SIGNALS["invoice.paid"], sender=Event)
def on_invoice_paid(sender: type[Event], event: Event, **kwargs: Any) -> None:
    """A period was paid (renewal, or recovery after a failure): the subscription runs on."""
    stripe_id = services.invoice_subscription_id(_object(event))
    if stripe_id:
        services.stripe_subscription_refresh(stripe_id=stripe_id, event_created=_created(event))


@receiver(WEBHOOK_SIGNALS["invoice.payment_failed"], sender=Event)
def on_payment_failed(sender: type[Event], event: Event, **kwargs: Any) -> None:
    """A payment failed: PAST_DUE, with a notification and an e-mail."""
    services.payment_failed_record(invoice=_object(event), event_created=_created(event))
