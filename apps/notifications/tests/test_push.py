"""Web Push end to end on a real worker against a local push service: payload, VAPID, 410, retries, quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Channel, Delivery, DeliveryStatus, Device, NotificationSettings
from apps.notifications.services.delivery import held_release, push_deliver
from apps.notifications.services.devices import device_register
from apps.notifications.services.push import topic_of
from apps.planning.services.reminders import reminders_dispatch
from apps.planning.tests.factories import ScheduleBlockFactory
from maigie.encoding import utc_iso
from maigie.tests.workers import wait_until

PARIS = ZoneInfo("Europe/Paris")
FINISHED = [DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED]


def _settled(count: int = 1) -> None:
    """Wait until ``count`` push deliveries are finished by the worker."""
    wait_until(
        lambda: Delivery.objects.filter(channel=Channel.PUSH, status__in=FINISHED).count() >= count,
        timeout=60,
        what=f"{count} push deliveries to finish",
    )


def _soon() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)


def _subscribe(user, push_service, name="tab"):
    subscription = push_service.subscribe(name)
    return device_register(user=user, endpoint=subscription["endpoint"], **subscription["keys"])


@pytest.mark.django_db(transaction=True)
def test_a_reminder_arrives_once_encrypted_with_the_right_payload(
    user, push_service, celery_worker_process, django_capture_on_commit_callbacks
):
    device = _subscribe(user, push_service)
    start = _soon()
    block = ScheduleBlockFactory.create(user=user, title="Linear algebra", start_time=start, reminder_minutes=10)
    now = start - timedelta(minutes=10)

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_dispatch(now=now) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_dispatch(now=now) == 0
    _settled()

    assert push_service.errors == []
    assert len(push_service.received) == 1
    received = push_service.received[0]
    key = f"reminder:{block.pk}:{start.isoformat()}"
    assert received.payload == {
        "kind": "REMINDERS",
        "title": f"Linear algebra at {start:%H:%M}",
        "body": f"Linear algebra starts {start:%A %d %B at %H:%M} (UTC).",
        "url": "/schedule",
        "tag": key,
        "notification_id": received.payload["notification_id"],
        "data": {
            "block_id": str(block.pk),
            "occurrence_start": utc_iso(start),
            "start": utc_iso(start),
            "end": utc_iso(start + timedelta(minutes=45)),
        },
    }
    assert received.headers["urgency"] == "high"
    assert received.headers["topic"] == topic_of(key)
    assert 60 <= int(received.headers["ttl"]) <= 55 * 60 + 5  # until the session ends
    assert received.claims["sub"] == "mailto:support@maigie.app"
    delivery = Delivery.objects.get(channel=Channel.PUSH)
    assert (delivery.status, delivery.attempts, delivery.target) == (DeliveryStatus.SENT, 1, str(device.pk))
    device.refresh_from_db()
    assert device.last_success_at is not None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_subscription_removes_the_device(
    user, push_service, celery_worker_process, status, django_capture_on_commit_callbacks
):
    devices = {_subscribe(user, push_service, "old").pk, _subscribe(user, push_service, "new").pk}
    push_service.statuses = [status]  # the first one sent to is gone

    block = ScheduleBlockFactory.create(user=user, start_time=_soon(), reminder_minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_dispatch(now=block.start_time - timedelta(minutes=10))
    _settled(2)

    gone = Delivery.objects.get(channel=Channel.PUSH, status=DeliveryStatus.SKIPPED)
    sent = Delivery.objects.get(channel=Channel.PUSH, status=DeliveryStatus.SENT)
    assert gone.last_error.startswith(f"device gone: {status}")
    assert gone.device_id is None  # the device is deleted, the record of the attempt kept
    assert list(Device.objects.values_list("pk", flat=True)) == [sent.device_id]
    assert {gone.target, sent.target} == {str(pk) for pk in devices}


@pytest.mark.django_db(transaction=True)
def test_a_busy_push_service_is_retried_until_it_takes_the_message(
    user, push_service, celery_worker_process, django_capture_on_commit_callbacks
):
    _subscribe(user, push_service)
    push_service.statuses = [503, 429]

    block = ScheduleBlockFactory.create(user=user, start_time=_soon(), reminder_minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_dispatch(now=block.start_time - timedelta(minutes=10))
    _settled()

    delivery = Delivery.objects.get(channel=Channel.PUSH)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    assert len(push_service.received) == 3  # the same message each time
    assert len({r.payload["tag"] for r in push_service.received}) == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_message_fails_without_retry(
    user, push_service, celery_worker_process, django_capture_on_commit_callbacks
):
    _subscribe(user, push_service)
    push_service.statuses = [413]

    block = ScheduleBlockFactory.create(user=user, start_time=_soon(), reminder_minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_dispatch(now=block.start_time - timedelta(minutes=10))
    _settled()

    delivery = Delivery.objects.get(channel=Channel.PUSH)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
    assert "413" in delivery.last_error
    assert len(push_service.received) == 1
    assert Device.objects.count() == 1
    assert push_deliver(delivery_id=str(delivery.pk)) == DeliveryStatus.FAILED  # a redelivery sends nothing
    assert len(push_service.received) == 1


def _paris(hour: int, minute: int) -> datetime:
    """Hour:minute in Paris two days from now (the push job judges expiry by the real clock)."""
    day = datetime.now(PARIS).date() + timedelta(days=2)
    return datetime.combine(day, time(hour, minute), PARIS).astimezone(UTC)


@pytest.mark.django_db(transaction=True)
def test_quiet_hours_hold_a_reminder_until_they_end_and_drop_it_once_the_session_is_over(
    push_service, celery_worker_process, django_capture_on_commit_callbacks
):
    user = UserFactory.create(timezone="Europe/Paris")
    NotificationSettings.objects.create(user=user, quiet_start=time(22, 0), quiet_end=time(7, 0))
    _subscribe(user, push_service)
    # At 06:30 two reminders fall due: a session 06:50-06:55 and another 08:00-08:30.
    early = ScheduleBlockFactory.create(
        user=user, title="Early", start_time=_paris(6, 50), end_time=_paris(6, 55), reminder_minutes=20
    )
    later = ScheduleBlockFactory.create(
        user=user, title="Later", start_time=_paris(8, 0), end_time=_paris(8, 30), reminder_minutes=90
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_dispatch(now=_paris(6, 30)) == 2

    held = Delivery.objects.filter(channel=Channel.PUSH)
    assert {d.status for d in held} == {DeliveryStatus.HELD}
    assert {d.not_before for d in held} == {_paris(7, 0)}
    assert Delivery.objects.get(channel=Channel.IN_APP, key__contains=str(early.pk)).status == DeliveryStatus.SENT
    assert push_service.received == []

    with django_capture_on_commit_callbacks(execute=True):
        assert held_release(now=_paris(6, 59)) == 0  # still quiet
    with django_capture_on_commit_callbacks(execute=True):
        assert held_release(now=_paris(7, 0)) == 1
    _settled(2)

    assert [r.payload["title"] for r in push_service.received] == ["Later at 08:00"]
    early_push = Delivery.objects.get(channel=Channel.PUSH, key__contains=str(early.pk))
    assert (early_push.status, early_push.last_error) == (DeliveryStatus.SKIPPED, "expired during quiet hours")
    assert Delivery.objects.get(channel=Channel.PUSH, key__contains=str(later.pk)).status == DeliveryStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_without_vapid_keys_web_push_is_skipped(user, celery_worker_process, django_capture_on_commit_callbacks):
    device_register(
        user=user,
        endpoint="https://push.example.com/abc",
        p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
        auth="tBHItJI5svbpez7KI4CCXg",
    )
    block = ScheduleBlockFactory.create(user=user, start_time=_soon(), reminder_minutes=10)

    with django_capture_on_commit_callbacks(execute=True):
        reminders_dispatch(now=block.start_time - timedelta(minutes=10))
    _settled()

    delivery = Delivery.objects.get(channel=Channel.PUSH)
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.last_error.startswith("not configured")
