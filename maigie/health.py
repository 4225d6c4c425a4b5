"""Liveness and readiness probes: ``/health/live`` and ``/health/ready``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from maigie.celery import app as celery_app
from maigie.jobs.metrics import queue_depths

WORKER_PING_TIMEOUT = 1.0


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _redis() -> None:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def _worker() -> None:
    replies = celery_app.control.ping(timeout=WORKER_PING_TIMEOUT, limit=1)
    if not replies:
        raise RuntimeError("no Celery worker answered")


CHECKS: dict[str, Callable[[], None]] = {"database": _database, "redis": _redis, "worker": _worker}


def _run(check: Callable[[], None]) -> str:
    try:
        check()
    except Exception as exc:  # noqa: BLE001  (any failure makes the probe report it)
        return f"error: {exc.__class__.__name__}: {exc}"[:300]
    return "ok"


@csrf_exempt  # probes take no input: an unsafe method answers 405, not a CSRF 403
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    """The process is up and serving."""
    return JsonResponse({"status": "ok"})


@csrf_exempt
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """200 when the database, Redis and a Celery worker all answer, else 503; with queue depths."""
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    body: dict[str, object] = {"status": "ok" if healthy else "unavailable", **results}
    with contextlib.suppress(redis.RedisError):  # an unreachable Redis is reported above
        body["queues"] = queue_depths()
    return JsonResponse(body, status=200 if healthy else 503)
