"""Background jobs of the accounts app."""

from __future__ import annotations

from celery import shared_task

from apps.accounts.services.housekeeping import credentials_purge_expired


@shared_task(name="maintenance.purge_expired_credentials")
def purge_expired_credentials() -> dict[str, int]:
    """Daily: drop expired codes, refresh tokens and sessions (idempotent)."""
    return credentials_purge_expired()
