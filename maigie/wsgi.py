"""WSGI entry point: the HTTP API under gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

from maigie.embedded import ensure_services

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
ensure_services()

application = get_wsgi_application()
