"""The Celery application, configured from Django settings (``CELERY_*``)."""

import os
from typing import Any

from celery import Celery, signals

from maigie.embedded import ensure_services

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")

app = Celery("maigie", task_cls="maigie.jobs:BaseTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.import_modules.connect
def _start_embedded_services(**kwargs: Any) -> None:
    """A worker or beat starts the embedded services it uses (when the settings use them) before connecting."""
    ensure_services()


@app.task(name="maigie.ping")
def ping(token: str) -> dict[str, str]:
    """Answer ``token`` with the worker's hostname: proves the broker/worker/result path."""
    return {"token": token, "worker": str(ping.request.hostname)}
