"""Development settings: ``make run`` and ``manage.py`` by default."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS", default=["http://localhost:3000", "http://127.0.0.1:3000", "http://localhost:5173"]
)
PUSH_ALLOW_LOOPBACK_HTTP = True  # a local push service on 127.0.0.1 (docs/notifications.md)
