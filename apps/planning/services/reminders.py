"""Reminder delivery: each occurrence is reminded exactly once."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from apps.notifications.models import Kind
from apps.notifications.services.delivery import Message, notify
from apps.planning import events
from apps.planning.models import ReminderDelivery
from apps.planning.recurrence import Occurrence
from apps.planning.selectors.reminders import due_reminders
from maigie.encoding import utc_iso

logger = logging.getLogger(__name__)


def reminders_dispatch(*, now: datetime) -> int:
    """Send every reminder due at ``now``; answers how many this call sent.

    One reminder that fails (bad stored data, say) is logged (and so reported to Sentry) and skipped:
    the others still go out, and the next run tries it again.
    """
    sent = 0
    for occurrence in due_reminders(now=now):
        try:
            sent += reminder_send(occurrence=occurrence, now=now)
        except Exception:  # one learner's data must not stop everyone's reminders
            logger.exception("Reminder of schedule block %s could not be sent", occurrence.block.pk)
    return sent


@transaction.atomic
def reminder_send(*, occurrence: Occurrence, now: datetime | None = None) -> bool:
    """Remind the owner of ``occurrence`` unless someone already did (channels: ``apps.notifications``)."""
    block = occurrence.block
    # The unique (block, occurrence_start) key: a concurrent dispatcher's insert waits for ours and then fails.
    delivery, created = ReminderDelivery.objects.get_or_create(block=block, occurrence_start=occurrence.start)
    if not created:
        return False
    user = block.user
    local = occurrence.start.astimezone(ZoneInfo(block.timezone))
    data = {
        "block_id": str(block.pk),
        "occurrence_start": utc_iso(occurrence.original_start),
        "start": utc_iso(occurrence.start),
        "end": utc_iso(occurrence.end),
    }
    delivery.notification = notify(
        user=user,
        message=Message(
            kind=Kind.REMINDERS,
            key=f"reminder:{block.pk}:{occurrence.original_start.isoformat()}",
            title=f"{block.title} at {local:%H:%M}",
            body=f"{block.title} starts {local:%A %d %B at %H:%M} ({block.timezone}).",
            url="/schedule",
            data=data,
            expires_at=occurrence.end,  # held by quiet hours past the session's end: dropped
            inbox_kind="schedule.reminder",
            event=(events.REMINDER_DUE, {**data, "title": block.title}),
            email_template="reminder",
            email_context={
                "name": user.name,
                "title": block.title,
                "description": block.description,
                "when": f"{local:%A %d %B at %H:%M}",
                "timezone": block.timezone,
            },
        ),
        now=now,  # quiet hours are judged at the dispatcher's moment
    )
    delivery.save(update_fields=["notification"])
    return True
