"""Periodic planning jobs: the reminder dispatcher and the nightly analytics roll-up."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from apps.planning.services.analytics import daily_metrics_aggregate
from apps.planning.services.reminders import reminders_dispatch


@shared_task(
    name="planning.dispatch_reminders",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def dispatch_reminders() -> int:
    """Send the reminders due now (each occurrence once, however often this runs); answers how many."""
    return reminders_dispatch(now=timezone.now())


@shared_task(
    name="planning.aggregate_daily_metrics",
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def aggregate_daily_metrics() -> int:
    """Roll up yesterday for every user whose local midnight has passed (idempotent); answers how many."""
    return daily_metrics_aggregate(now=timezone.now())
