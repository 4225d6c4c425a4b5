"""Background tasks of the accounts app."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="maintenance.flush_expired_tokens")
def flush_expired_tokens() -> None:
    """Delete expired refresh tokens from simplejwt's blacklist tables."""
    call_command("flushexpiredtokens", verbosity=0)
