"""One way to notify a learner: channels by kind and preference, quiet hours, once per reason and channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Notification, User
from apps.accounts.services import notification_create
from apps.notifications.models import Channel, Delivery, DeliveryStatus, Device, Kind
from apps.notifications.preferences import channels_for, quiet_hours_end, settings_of
from apps.notifications.services.push import PushGone, PushNotConfigured, PushRetry, push_send, topic_of
from apps.notifications.unsubscribe import unsubscribe_url
from maigie.mail import queue_email
from maigie.realtime.publish import publish

logger = logging.getLogger(__name__)

URGENCY = {Kind.REMINDERS: "high", Kind.NUDGES: "normal", Kind.SPACES: "normal", Kind.BILLING: "normal"}
DEFAULT_TTL = timedelta(hours=24)
MIN_RETENTION = timedelta(days=62)  # nudge keys look back 60 days (``nudges.LOOKBACK_DAYS``)
MAX_PUSH_ATTEMPTS = 5  # claims of one push delivery (a worker lost mid-send each time: give up)


class ClaimBusy(Exception):
    """Another worker holds the delivery's claim and its lease has not run out: look again later."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"claimed by another worker for {seconds:.0f} s more")
        self.seconds = seconds


def claim_lease() -> timedelta:
    """How long a SENDING claim is trusted: after it, its worker is taken for dead and the push is resent."""
    return timedelta(seconds=settings.PUSH_CLAIM_LEASE)


@dataclass(frozen=True)
class Message:
    """What to tell the learner, however it travels."""

    kind: Kind
    key: str  # the reason, unique per notification (``reminder:<block>:<start>``): one delivery per channel
    title: str
    body: str = ""
    url: str = ""  # where the client opens on a click (a path of the web app)
    data: dict[str, Any] = field(default_factory=dict)
    expires_at: datetime | None = None  # not worth sending after this (a reminder's occurrence start)
    email_template: str = ""  # templates/email/<name>.*; default: the generic ``notification`` e-mail
    email_context: dict[str, Any] = field(default_factory=dict)
    event: tuple[str, dict[str, Any]] | None = None  # a realtime event that goes with the in-app one
    inbox_kind: str = ""  # the inbox notification's ``kind`` (default: the kind in lower case)


def push_payload(message: Message, *, notification_id: str | None) -> dict[str, Any]:
    """The JSON a service worker receives (docs/notifications.md)."""
    return {
        "kind": message.kind.value,
        "title": message.title,
        "body": message.body,
        "url": message.url,
        "tag": message.key,
        "notification_id": notification_id,
        "data": message.data,
    }


@transaction.atomic
def notify(*, user: User, message: Message, now: datetime | None = None) -> Notification | None:
    """Send ``message`` on each channel ``user`` wants for its kind; answers the inbox notification, if any.

    The in-app inbox row and its WebSocket event are written here; push and e-mail leave through jobs
    after commit, or wait in HELD until the learner's quiet hours end. Calling this again with the same
    ``message.key`` sends nothing twice.
    """
    now = now or timezone.now()
    preferences = settings_of(user)
    channels = channels_for(user, preferences, message.kind)
    notification = None
    if Channel.IN_APP in channels:
        notification = _in_app(user=user, message=message, now=now)
    hold_until = quiet_hours_end(settings=preferences, tz=user.timezone, now=now)
    status = DeliveryStatus.HELD if hold_until else DeliveryStatus.PENDING
    common = {"user": user, "kind": message.kind, "status": status, "not_before": hold_until}
    if Channel.PUSH in channels:
        payload = push_payload(message, notification_id=str(notification.pk) if notification else None)
        for device in Device.objects.filter(user=user):
            delivery, created = Delivery.objects.get_or_create(
                key=message.key,
                channel=Channel.PUSH,
                target=str(device.pk),
                defaults={**common, "device": device, "payload": payload, "expires_at": message.expires_at},
            )
            if created and status == DeliveryStatus.PENDING:
                _enqueue_push(delivery)
    if Channel.EMAIL in channels and user.email:
        template, context = _email_of(user=user, message=message)
        delivery, created = Delivery.objects.get_or_create(
            key=message.key,
            channel=Channel.EMAIL,
            target="",
            defaults={**common, "payload": {"template": template, "context": context}},
        )
        if created and status == DeliveryStatus.PENDING:
            _send_email(delivery, now=now)
    return notification


def _email_of(*, user: User, message: Message) -> tuple[str, dict[str, Any]]:
    """The template and context of the message's e-mail: its own, or the generic ``notification`` one."""
    unsubscribe = unsubscribe_url(user=user, kind=message.kind)
    if message.email_template:
        return message.email_template, {**message.email_context, "unsubscribe_url": unsubscribe}
    link = f"{settings.FRONTEND_URL.rstrip('/')}{message.url}" if message.url else ""
    return "notification", {
        "name": user.name,
        "title": message.title,
        "body": message.body,
        "link": link,
        "kind_label": message.kind.label.lower(),
        "unsubscribe_url": unsubscribe,
    }


def _in_app(*, user: User, message: Message, now: datetime) -> Notification | None:
    delivery, created = Delivery.objects.get_or_create(
        key=message.key,
        channel=Channel.IN_APP,
        target="",
        defaults={"user": user, "kind": message.kind, "status": DeliveryStatus.SENT, "sent_at": now},
    )
    if not created:
        return None
    notification = notification_create(
        user=user,
        kind=message.inbox_kind or message.kind.value.lower(),
        title=message.title,
        body=message.body,
        data={**message.data, "url": message.url} if message.url else message.data,
    )
    if message.event is not None:
        publish(user_id=user.pk, event=message.event[0], data=message.event[1])
    delivery.payload = {"notification_id": str(notification.pk)}
    delivery.save(update_fields=["payload"])
    return notification


def _enqueue_push(delivery: Delivery) -> None:
    from apps.notifications.tasks import send_push  # noqa: PLC0415 (tasks import this module)

    delivery_id = str(delivery.pk)
    transaction.on_commit(lambda: send_push.delay(delivery_id))


def _send_email(delivery: Delivery, *, now: datetime) -> None:
    """Hand the e-mail to ``maigie.mail`` (its own job, retries and once-per-key)."""
    queue_email(
        to=delivery.user.email,
        template=delivery.payload["template"],
        context=delivery.payload["context"],
        idempotency_key=f"notify:{delivery.pk}",
    )
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = now
    delivery.save(update_fields=["status", "sent_at"])


def _claim(delivery_id: str, *, now: datetime) -> Delivery | None:
    """Mark a push delivery SENDING and commit, or answer None when it is not ours to send.

    A PENDING delivery is claimed; so is a SENDING one whose lease ran out (its worker died mid-send).
    A SENDING one within its lease raises :class:`ClaimBusy`.
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",)).select_related("device").filter(pk=delivery_id).first()
        )
        if delivery is None:
            return None
        if delivery.status == DeliveryStatus.SENDING:
            assert delivery.claimed_at is not None  # set with SENDING
            left = delivery.claimed_at + claim_lease() - now
            if left > timedelta(0):
                raise ClaimBusy(left.total_seconds())
            if delivery.attempts >= MAX_PUSH_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
                delivery.last_error = f"worker lost mid-send {delivery.attempts} times"
                delivery.save(update_fields=["status", "last_error"])
                return None
        elif delivery.status != DeliveryStatus.PENDING:
            return None
        if delivery.device is None or (delivery.expires_at is not None and delivery.expires_at <= now):
            delivery.status = DeliveryStatus.SKIPPED
            delivery.last_error = "device removed" if delivery.device is None else "expired"
            delivery.save(update_fields=["status", "last_error"])
            return None
        delivery.status = DeliveryStatus.SENDING
        delivery.claimed_at = now
        delivery.attempts += 1
        delivery.save(update_fields=["status", "claimed_at", "attempts"])
    return delivery


def _finish(delivery: Delivery, status: DeliveryStatus, error: str = "") -> None:
    """Close this worker's claim (not one a later worker took over after the lease)."""
    fields: dict[str, Any] = {"status": status, "last_error": error[:2000]}
    if status == DeliveryStatus.SENT:
        fields["sent_at"] = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_at=delivery.claimed_at).update(
        **fields
    )


def push_deliver(*, delivery_id: str, final_attempt: bool = False) -> str:
    """Send one push delivery until a push service took it; answers its status.

    The claim (-> SENDING, with a lease) commits before the push service is called. A redelivered
    task finds the claim: within the lease it raises :class:`ClaimBusy` (the task looks again when
    the lease ends); after it, the worker is taken for dead and the push is sent again with the
    same ``Topic`` (the push service replaces an undelivered copy) and ``tag`` (the service worker
    replaces a shown one). A transient failure puts it back to PENDING and raises :class:`PushRetry`.
    """
    now = timezone.now()
    delivery = _claim(delivery_id, now=now)
    if delivery is None:
        status = Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first()
        return str(status or "MISSING")
    device = delivery.device
    assert device is not None  # checked by the claim
    ttl = DEFAULT_TTL if delivery.expires_at is None else delivery.expires_at - now
    try:
        push_send(
            device=device,
            payload=delivery.payload,
            ttl=max(60, int(ttl.total_seconds())),
            urgency=URGENCY.get(Kind(delivery.kind), "low"),
            topic=topic_of(delivery.key),
        )
    except ValidationError as exc:
        _finish(delivery, DeliveryStatus.FAILED, f"endpoint refused: {'; '.join(exc.messages)}")
        return DeliveryStatus.FAILED
    except PushGone as exc:
        _finish(delivery, DeliveryStatus.SKIPPED, f"device gone: {exc}")
        Device.objects.filter(pk=device.pk).delete()
        return DeliveryStatus.SKIPPED
    except PushNotConfigured as exc:
        _finish(delivery, DeliveryStatus.SKIPPED, f"not configured: {exc}")
        return DeliveryStatus.SKIPPED
    except PushRetry as exc:
        _finish(delivery, DeliveryStatus.FAILED if final_attempt else DeliveryStatus.PENDING, str(exc))
        raise
    except Exception as exc:
        _finish(delivery, DeliveryStatus.FAILED, f"{exc.__class__.__name__}: {exc}")
        raise
    _finish(delivery, DeliveryStatus.SENT)
    Device.objects.filter(pk=device.pk).update(last_success_at=timezone.now())
    return DeliveryStatus.SENT


def held_release(*, now: datetime) -> int:
    """Send the deliveries whose quiet hours ended (dropping expired ones); resend claims of dead workers."""
    stale = Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - claim_lease())
    for delivery_id in stale.values_list("pk", flat=True)[:1000]:
        _enqueue_push_now(str(delivery_id))  # its claim is taken over (or given up) by the job
    released = 0
    due = Delivery.objects.filter(status=DeliveryStatus.HELD, not_before__lte=now).values_list("pk", flat=True)
    for delivery_id in list(due[:1000]):
        try:
            released += _release(delivery_id, now=now)
        except Exception:  # one learner's bad row must not hold everyone's
            logger.exception("Held delivery %s could not be released", delivery_id)
    return released


def _enqueue_push_now(delivery_id: str) -> None:
    from apps.notifications.tasks import send_push  # noqa: PLC0415 (tasks import this module)

    send_push.delay(delivery_id)


def deliveries_purge(*, now: datetime) -> int:
    """Delete finished delivery rows older than ``NOTIFICATIONS_DELIVERY_RETENTION_DAYS``; answers how many.

    A row is what makes its key send once, so the retention never goes below the longest time a key
    can come back (:data:`MIN_RETENTION`); rows still waiting or sending are kept.
    """
    days = max(timedelta(days=settings.NOTIFICATIONS_DELIVERY_RETENTION_DAYS), MIN_RETENTION)
    finished = [DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED]
    deleted = 0
    while True:
        batch = list(
            Delivery.objects.filter(status__in=finished, created_at__lt=now - days).values_list("pk", flat=True)[:5000]
        )
        if not batch:
            return deleted
        deleted += Delivery.objects.filter(pk__in=batch).delete()[0]


@transaction.atomic
def _release(delivery_id: Any, *, now: datetime) -> int:
    delivery = Delivery.objects.select_for_update(of=("self",)).select_related("user").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.HELD:
        return 0
    if delivery.expires_at is not None and delivery.expires_at <= now:
        delivery.status = DeliveryStatus.SKIPPED
        delivery.last_error = "expired during quiet hours"
        delivery.save(update_fields=["status", "last_error"])
        return 0
    delivery.status = DeliveryStatus.PENDING
    delivery.save(update_fields=["status"])
    if delivery.channel == Channel.EMAIL:
        _send_email(delivery, now=now)
    else:
        _enqueue_push(delivery)
    return 1
