"""WebSocket routes."""

from django.urls import re_path

from apps.voice.consumers import VoiceChatConsumer
from maigie.realtime.consumers import UnknownPathConsumer, UpdatesConsumer

websocket_urlpatterns = [
    re_path(r"^ws/updates/?$", UpdatesConsumer.as_asgi()),  # with or without the slash, as the REST paths
    re_path(r"^ws/chat/?$", VoiceChatConsumer.as_asgi()),
    re_path(r"", UnknownPathConsumer.as_asgi()),  # last: every other path closes with 4400
]
