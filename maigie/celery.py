"""The Celery application, configured from Django settings (``CELERY_*``)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")

app = Celery("maigie", task_cls="maigie.jobs:BaseTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="maigie.ping")
def ping(token: str) -> dict[str, str]:
    """Answer ``token`` with the worker's hostname: proves the broker/worker/result path."""
    return {"token": token, "worker": str(ping.request.hostname)}
