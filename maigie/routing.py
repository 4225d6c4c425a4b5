"""WebSocket routes."""

from django.urls import path

from apps.assistant.consumers import ChatConsumer
from maigie.realtime.consumers import UpdatesConsumer

websocket_urlpatterns = [
    path("ws/updates", UpdatesConsumer.as_asgi()),
    path("ws/chat", ChatConsumer.as_asgi()),
]
