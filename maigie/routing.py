"""WebSocket routes."""

from django.urls import path

from maigie.realtime.consumers import UpdatesConsumer

websocket_urlpatterns = [
    path("ws/updates", UpdatesConsumer.as_asgi()),
]
