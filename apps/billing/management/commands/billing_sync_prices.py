"""manage.py billing_sync_prices: create the paid plans' Stripe prices if missing and sync them into dj-stripe."""

from typing import Any

from django.core.management.base import BaseCommand

from apps.billing.services import stripe_prices_sync


class Command(BaseCommand):
    help = "Create (if missing) the Stripe product and prices of the paid plans, and sync them into dj-stripe."

    def handle(self, *args: Any, **options: Any) -> None:
        for plan, price in stripe_prices_sync().items():
            self.stdout.write(f"{plan}: {price.id} ({price.lookup_key})")
