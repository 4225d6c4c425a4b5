"""Notification jobs: one push delivery, releasing held ones, digests and nudges (beat)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from apps.notifications.services.delivery import ClaimBusy, deliveries_purge, held_release, push_deliver
from apps.notifications.services.digests import digests_send
from apps.notifications.services.nudges import nudges_send
from apps.notifications.services.push import PushRetry
from maigie.jobs import BaseTask, TransientError


@shared_task(name="notifications.send_push", base=BaseTask, bind=True)
def send_push(self: BaseTask, delivery_id: str) -> str:
    """Push one delivery until a push service takes it; 429, 5xx and network errors retry with backoff.

    A delivery another worker is sending is looked at again when that worker's claim lease ends.
    """
    final = self.request.retries >= self.max_retries
    try:
        return push_deliver(delivery_id=delivery_id, final_attempt=final)
    except PushRetry as exc:
        raise TransientError(str(exc)) from exc
    except ClaimBusy as exc:
        raise self.retry(countdown=exc.seconds + 1) from exc


@shared_task(name="notifications.release_held", base=BaseTask)
def release_held() -> int:
    """Every minute: send what quiet hours held, now that they ended."""
    return held_release(now=timezone.now())


@shared_task(name="notifications.send_digests", base=BaseTask)
def send_digests() -> int:
    """Hourly: the daily or weekly digest of each user whose morning has come (once per period)."""
    return digests_send(now=timezone.now())


@shared_task(name="notifications.send_nudges", base=BaseTask)
def send_nudges() -> int:
    """Hourly: nudges (streak at risk, no study for days, goal due soon), each once per period."""
    return nudges_send(now=timezone.now())


@shared_task(name="notifications.purge_deliveries", base=BaseTask)
def purge_deliveries() -> int:
    """Daily: delete finished delivery rows past ``NOTIFICATIONS_DELIVERY_RETENTION_DAYS``."""
    return deliveries_purge(now=timezone.now())
