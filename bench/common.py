"""Shared set-up for benchmarks: Django on its own embedded services, percentiles."""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Sequence


def setup_django() -> None:
    """Configure Django for a benchmark; without DATABASE_URL/REDIS_URL use fresh embedded services."""
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        os.environ.setdefault("MAIGIE_VAR_DIR", tempfile.mkdtemp(prefix="maigie-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    from maigie import embedded

    embedded.ensure_services()
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def setup_django_without_migrations() -> None:
    """Configure Django on the embedded services for a benchmark that needs only raw SQL."""
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        os.environ.setdefault("MAIGIE_VAR_DIR", tempfile.mkdtemp(prefix="maigie-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    from maigie import embedded

    embedded.ensure_services()
    django.setup()


def stop_embedded_services() -> None:
    """Stop the embedded services a benchmark started in its temporary directory."""
    from pathlib import Path

    from maigie import embedded

    var_dir = os.environ.get("MAIGIE_VAR_DIR", "")
    if var_dir.startswith(tempfile.gettempdir()):
        embedded.stop_redis(Path(var_dir))
        embedded.stop_postgres(Path(var_dir))


def percentile(samples: Sequence[float], pct: float) -> float:
    """The ``pct``-th percentile of ``samples`` (inclusive method)."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[int(pct) - 1]


def closed_by(exc: Exception) -> str:
    """Who closed a WebSocket and with what code: the server's close frame (``rcvd``) or this client's own
    (``sent``, e.g. 1011 when the library's keepalive ping went unanswered), so a drop can be attributed."""
    received, sent = getattr(exc, "rcvd", None), getattr(exc, "sent", None)
    server = f"server {received.code} {received.reason!r}" if received else "server -"
    return f"{server}; client {sent.code if sent else '-'}"
