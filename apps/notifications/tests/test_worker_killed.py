"""A push job whose worker dies mid-send is sent again after its claim's lease (real workers, SIGKILL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Channel, Delivery, DeliveryStatus, Kind, NotificationSettings
from apps.notifications.services.delivery import Message, notify
from apps.notifications.services.devices import device_register
from apps.notifications.services.push import topic_of
from apps.notifications.services.vapid import vapid_keys_generate
from apps.notifications.tasks import send_push
from apps.notifications.tests.pushserver import LocalPushService
from maigie import testing
from maigie.tests.workers import sigkill, start_dedicated_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.timeout(240)
def test_a_push_whose_worker_died_mid_send_is_sent_again_with_the_same_topic():
    row, _ = vapid_keys_generate()
    now = datetime.now(UTC)
    user = UserFactory.create()
    # Quiet hours around now: notify() records the delivery HELD and enqueues nothing on the shared queue.
    NotificationSettings.objects.create(
        user=user, quiet_start=(now - timedelta(hours=1)).time(), quiet_end=(now + timedelta(hours=1)).time()
    )
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**testing.subprocess_env(), "PUSH_CLAIM_LEASE": "3"}  # a lease of seconds, not minutes
    with LocalPushService(vapid_public_key=row.public_key) as service:
        subscription = service.subscribe("tab")
        device_register(user=user, endpoint=subscription["endpoint"], **subscription["keys"])
        notify(user=user, message=Message(kind=Kind.NUDGES, key="nudge:test", title="Ten minutes today?"), now=now)
        delivery = Delivery.objects.get(channel=Channel.PUSH)
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING)  # as held_release does
        service.delay = 30.0  # the push service holds the answer: the worker is killed while it waits

        first = start_dedicated_worker(env=env, name=f"first-{queue}", queue=queue)
        try:
            result = send_push.apply_async(args=(str(delivery.pk),), queue=queue)
            wait_until(lambda: len(service.received) == 1, timeout=60, what="the push to reach the service")
            sigkill(first)
        finally:
            testing.stop_process(first)
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENDING, 1)  # the dead worker's claim
        service.delay = 0.0
        second = start_dedicated_worker(env=env, name=f"second-{queue}", queue=queue)
        try:
            outcome = result.get(timeout=90)  # redelivered after the visibility timeout, claimed after the lease
        finally:
            testing.stop_process(second)

    assert service.errors == []
    assert outcome == DeliveryStatus.SENT
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)
    # At least once to the push service; both copies carry one Topic and one tag, so an offline browser
    # gets one message and a shown notification is replaced, not doubled.
    assert [r.payload["title"] for r in service.received] == ["Ten minutes today?"] * 2
    assert {r.headers["topic"] for r in service.received} == {topic_of("nudge:test")}
    assert {r.payload["tag"] for r in service.received} == {"nudge:test"}
    assert list(service.queued_for_browser().values()) == [service.received[-1].payload]
