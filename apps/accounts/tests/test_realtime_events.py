"""Account changes reach the user's open clients through the channel layer, after commit."""

import asyncio
import json
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from apps.accounts.services import notification_create
from maigie.realtime.groups import user_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(user):
    """A channel in ``user``'s group, like an open /ws/updates connection; returns a drain function.

    All frames are read in one event loop: channels-redis finishes each receive in the loop
    that started it.
    """
    layer = get_channel_layer()
    channel = f"test.inbox.{uuid.uuid4().hex}"
    async_to_sync(layer.group_add)(user_group(user.pk), channel)

    async def drain():
        frames: list[dict] = []
        while True:
            try:
                message = await asyncio.wait_for(layer.receive(channel), timeout=1)
            except TimeoutError:
                return frames
            frames.append(json.loads(message["payload"]))

    yield async_to_sync(drain)
    async_to_sync(layer.group_discard)(user_group(user.pk), channel)


def test_profile_and_inbox_changes_are_published(auth_client, user, inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        auth_client.patch("/api/v1/users/me", {"timezone": "Asia/Tokyo"})
        notification = notification_create(user=user, kind="reminder", title="Study")
        auth_client.post(f"/api/v1/notifications/{notification.pk}/read")

    frames = inbox()

    assert [frame["event"] for frame in frames] == ["user.updated", "notification.created", "notification.read"]
    assert frames[0]["data"]["timezone"] == "Asia/Tokyo"
    assert frames[1]["data"]["id"] == str(notification.pk)
    assert frames[2]["data"]["ids"] == [str(notification.pk)]


def test_nothing_is_published_when_a_change_is_refused(auth_client, inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = auth_client.patch("/api/v1/users/me", {"timezone": "Mars/Olympus"})
    assert response.status_code == 400
    assert callbacks == []
    assert inbox() == []
