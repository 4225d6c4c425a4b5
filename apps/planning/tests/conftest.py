"""Planning test fixtures: a recorder of the realtime events a user receives."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from channels.layers import get_channel_layer

from maigie.realtime.groups import user_group


class EventRecorder:
    """Listens on a user's realtime group through the real channel layer."""

    def __init__(self, user_id: Any) -> None:
        self.layer = get_channel_layer()
        self.loop = asyncio.new_event_loop()  # the layer binds a channel's buffer to one loop
        self.channel = self.loop.run_until_complete(self.layer.new_channel())
        self.loop.run_until_complete(self.layer.group_add(user_group(user_id), self.channel))

    def drain(self) -> list[tuple[str, dict[str, Any]]]:
        """Every event received so far, as ``(event, data)``."""
        return self.loop.run_until_complete(self._drain())

    async def _drain(self) -> list[tuple[str, dict[str, Any]]]:
        events: list[tuple[str, dict[str, Any]]] = []
        while True:
            try:
                message = await asyncio.wait_for(self.layer.receive(self.channel), timeout=0.3)
            except TimeoutError:
                return events
            frame = json.loads(message["payload"])  # what maigie.realtime.publish sends to the group
            events.append((frame["event"], frame["data"]))


@pytest.fixture
def events(user):
    recorder = EventRecorder(user.pk)
    yield recorder
    recorder.loop.close()
