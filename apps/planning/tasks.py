"""Periodic planning jobs: reminders, the nightly analytics roll-up, the weekly report e-mail."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from apps.planning.services.analytics import daily_metrics_aggregate
from apps.planning.services.reminders import reminders_dispatch
from apps.planning.services.reports import weekly_reports_send


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


@shared_task(name="planning.send_weekly_reports", acks_late=True)
def send_weekly_reports() -> int:
    """Hourly: queue the weekly report of users whose Monday morning has come (once each week)."""
    return weekly_reports_send(now=timezone.now())
