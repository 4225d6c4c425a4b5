"""Every learning write publishes its realtime event to the user's group after commit; a refused one, none."""

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync
from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers
from django.core.exceptions import ValidationError

from apps.learning import services
from maigie.realtime.groups import user_group

pytestmark = pytest.mark.django_db


async def _drain(layer, channel):
    frames: list[dict] = []
    while True:
        try:
            message = await asyncio.wait_for(layer.receive(channel), timeout=0.5)
        except TimeoutError:
            return frames
        frames.append(json.loads(message["payload"]))


@pytest.fixture
def received(user, django_capture_on_commit_callbacks):
    """Run an action as one committed transaction; answer the (event, data) frames the user's group got."""

    def run(action):
        layer = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)  # a fresh layer: receive() binds to one loop
        channel = async_to_sync(layer.new_channel)()
        async_to_sync(layer.group_add)(user_group(user.pk), channel)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                action()
            return [(frame["event"], frame["data"]) for frame in async_to_sync(_drain)(layer, channel)]
        finally:
            async_to_sync(layer.group_discard)(user_group(user.pk), channel)

    return run


def test_course_and_topic_events(user, received):
    course = services.course_create(user=user, title="LA", modules=[{"title": "V", "topics": [{"title": "Span"}]}])
    topic = course.modules.get().topics.get()
    completed = received(lambda: services.topic_complete(topic=topic, completed=True))
    assert [data["code"] for event, data in completed if event == "achievement.earned"] == [
        "FIRST_TOPIC_COMPLETED",
        "FIRST_COURSE_FINISHED",
    ]
    assert [(event, data) for event, data in completed if event != "achievement.earned"] == [
        (
            "topic.completed",
            {
                "id": str(topic.pk),
                "completed": True,
                "module_id": str(topic.module_id),
                "module_completed": True,
                "course_id": str(course.pk),
                "course_progress": 100.0,
            },
        )
    ]
    events = received(lambda: services.course_create(user=user, title="Second"))
    assert [event for event, _ in events] == ["course.created"]
    assert [event for event, _ in received(lambda: services.course_set_archived(course=course, archived=True))] == [
        "course.updated"
    ]
    course_id = str(course.pk)
    assert received(lambda: services.course_delete(course=course)) == [("course.deleted", {"id": course_id})]


def test_note_and_resource_events(user, received):
    events = received(lambda: services.note_create(user=user, title="Span"))
    assert [(event, data["title"]) for event, data in events] == [("note.created", "Span")]
    events = received(lambda: services.resource_save(user=user, url="https://example.com/a"))
    assert [event for event, _ in events] == ["resource.saved"]


def test_refused_write_publishes_nothing(user, received):
    def refused():
        with pytest.raises(ValidationError):
            services.course_create(user=user, title="ok", modules=[{"title": ""}])

    assert received(refused) == []
