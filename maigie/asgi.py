"""ASGI entry point: HTTP and WebSockets under daphne."""

import os

from django.core.asgi import get_asgi_application

from maigie.embedded import ensure_services

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
ensure_services()

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from maigie.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter(websocket_urlpatterns),
    }
)
