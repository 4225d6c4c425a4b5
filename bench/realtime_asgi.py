"""The project's ASGI application plus ``/ws/bare?group=NAME``: a bare Channels consumer for comparison.

The bare consumer joins the group it is given and relays each ``bench.event`` message's text as is:
no authentication, sequence numbers, event log or heartbeat. ``bench.realtime`` times a plain
``group_send`` to it against Maigie's publish path, in the same daphne process and channel layer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path

from maigie.asgi import django_asgi_app
from maigie.routing import websocket_urlpatterns


class BareConsumer(AsyncWebsocketConsumer):
    """Joins ``group`` from the query string and forwards every ``bench.event`` to the socket."""

    group = ""

    async def connect(self) -> None:
        self.group = parse_qs(self.scope["query_string"].decode())["group"][0]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send(text_data='{"type": "hello"}')

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def bench_event(self, message: dict[str, Any]) -> None:
        await self.send(text_data=message["text"])


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter([path("ws/bare", BareConsumer.as_asgi()), *websocket_urlpatterns]),
    }
)
