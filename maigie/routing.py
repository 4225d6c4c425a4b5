"""WebSocket routes."""

from django.urls import path, re_path

from apps.voice.consumers import VoiceChatConsumer
from maigie.realtime.consumers import UnknownPathConsumer, UpdatesConsumer

websocket_urlpatterns = [
    path("ws/updates", UpdatesConsumer.as_asgi()),
    path("ws/chat", VoiceChatConsumer.as_asgi()),
    re_path(r"", UnknownPathConsumer.as_asgi()),  # last: every other path closes with 4404
]
