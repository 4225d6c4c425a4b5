"""WebSocket routes."""

from django.urls import path

from apps.voice.consumers import VoiceChatConsumer
from maigie.realtime.consumers import UpdatesConsumer

websocket_urlpatterns = [
    path("ws/updates", UpdatesConsumer.as_asgi()),
    path("ws/chat", VoiceChatConsumer.as_asgi()),
]
