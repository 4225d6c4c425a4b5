"""``/ws/updates``: live updates for one authenticated user."""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from maigie.realtime.groups import user_group

CLOSE_UNAUTHENTICATED = 4401


class UpdatesConsumer(AsyncJsonWebsocketConsumer):
    """Joins the user's group, relays published events, answers pings."""

    group: str | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.accept()
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "hello", "user_id": str(user.pk)})

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        await self.send_json({"type": "error", "code": "unknown_type", "message": "Unsupported frame type."})

    async def realtime_event(self, message: dict[str, Any]) -> None:
        """Relay an event published to the user's group."""
        await self.send_json(message["frame"])
