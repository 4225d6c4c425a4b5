"""Prometheus metrics of background jobs, read when scraped: queue depth, in-flight, outcomes, durations.

Importing this module registers :class:`JobsCollector` in prometheus_client's default registry,
which django-prometheus' ``/metrics`` view serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import redis
from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_celery_results.models import TaskResult
from prometheus_client.core import REGISTRY, GaugeMetricFamily, Metric

# kombu's Redis transport keeps a queue's prioritised messages in extra lists "<queue>\x06\x16<n>".
PRIORITY_SUFFIXES = ("", "\x06\x163", "\x06\x166", "\x06\x169")
UNACKED_KEY = "unacked"
WINDOW = timedelta(hours=1)
TASK_STATUS = ["task", "status"]
TASK_STAT = ["task", "stat"]


def _client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def queue_depths(queues: list[str] | None = None) -> dict[str, int]:
    """Messages waiting in each queue (the configured ones by default)."""
    names = list(settings.JOBS_QUEUES) if queues is None else queues
    client = _client()
    try:
        pipe = client.pipeline(transaction=False)
        for name in names:
            for suffix in PRIORITY_SUFFIXES:
                pipe.llen(f"{name}{suffix}")
        lengths = pipe.execute()
        in_flight = int(client.hlen(UNACKED_KEY))
    finally:
        client.close()
    per_queue = len(PRIORITY_SUFFIXES)
    depths = {name: sum(lengths[i * per_queue : (i + 1) * per_queue]) for i, name in enumerate(names)}
    return {**depths, UNACKED_KEY: in_flight}


def _families() -> tuple[GaugeMetricFamily, ...]:
    return (
        GaugeMetricFamily("maigie_celery_queue_depth", "Messages waiting in a Celery queue.", labels=["queue"]),
        GaugeMetricFamily("maigie_celery_unacked_messages", "Messages delivered to workers, not yet acknowledged."),
        GaugeMetricFamily("maigie_celery_tasks_last_hour", "Tasks finished in the last hour.", labels=TASK_STATUS),
        GaugeMetricFamily("maigie_celery_task_duration_seconds", "Run time, last hour's tasks.", labels=TASK_STAT),
    )


class JobsCollector:
    """Collects job metrics from Redis (queues) and django-celery-results (last hour's tasks)."""

    def describe(self) -> Iterator[Metric]:
        """The metric names, without touching Redis or the database (used at registration)."""
        yield from _families()

    def collect(self) -> Iterator[Metric]:
        depth, unacked, outcomes, durations = _families()
        depths = queue_depths()
        unacked.add_metric([], depths.pop(UNACKED_KEY))
        for name, count in depths.items():
            depth.add_metric([name], count)
        yield depth
        yield unacked

        recent = TaskResult.objects.filter(date_done__gte=timezone.now() - WINDOW)
        for outcome in recent.values("task_name", "status").annotate(count=Count("id")).order_by():
            outcomes.add_metric([outcome["task_name"] or "", outcome["status"]], outcome["count"])
        yield outcomes

        started = Coalesce("date_started", "date_created")
        runtime = ExpressionWrapper(F("date_done") - started, output_field=DurationField())
        rows = recent.annotate(runtime=runtime).values("task_name").annotate(avg=Avg("runtime"), max=Max("runtime"))
        for row in rows.order_by():
            for stat in ("avg", "max"):
                if row[stat] is not None:
                    durations.add_metric([row["task_name"] or "", stat], row[stat].total_seconds())
        yield durations


REGISTRY.register(JobsCollector())
