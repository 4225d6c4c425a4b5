"""One way to notify a learner: channels by kind and preference, quiet hours, at most once per channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
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
STALE_CLAIM = timedelta(minutes=10)  # a SENDING claim this old belongs to a dead worker


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
    """Mark a pending push delivery SENDING and commit, or answer None when it is not ours to send."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",)).select_related("device").filter(pk=delivery_id).first()
        )
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
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
    fields: dict[str, Any] = {"status": status, "last_error": error[:2000]}
    if status == DeliveryStatus.SENT:
        fields["sent_at"] = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(**fields)


def push_deliver(*, delivery_id: str, final_attempt: bool = False) -> str:
    """Send one push delivery at most once; answers its status.

    The claim (PENDING -> SENDING) commits before the push service is called, so a redelivered task
    whose worker died mid-send finds SENDING and sends nothing: a reminder may be lost then, never
    doubled. A transient failure puts it back to PENDING and raises :class:`PushRetry` for a retry.
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
    """Send the deliveries whose quiet hours ended (dropping expired ones); fail claims of dead workers."""
    Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=DeliveryStatus.FAILED, last_error="worker lost mid-send: not sent again (at most once)"
    )
    released = 0
    due = Delivery.objects.filter(status=DeliveryStatus.HELD, not_before__lte=now).values_list("pk", flat=True)
    for delivery_id in list(due[:1000]):
        try:
            released += _release(delivery_id, now=now)
        except Exception:  # one learner's bad row must not hold everyone's
            logger.exception("Held delivery %s could not be released", delivery_id)
    return released


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
