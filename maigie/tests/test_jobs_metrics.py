"""Job metrics: queue depth from Redis and last hour's task outcomes, in Prometheus' format."""

from __future__ import annotations

import uuid

import pytest
from prometheus_client import generate_latest

from maigie.celery import ping
from maigie.jobs.metrics import queue_depths
from maigie.tests.workers import wait_until


def test_queue_depth_counts_messages_nobody_consumed_yet():
    queue = f"idle-{uuid.uuid4().hex[:8]}"
    for n in range(3):
        ping.apply_async(args=(str(n),), queue=queue)
    assert queue_depths([queue])[queue] == 3
    assert queue_depths([queue])["unacked"] >= 0


@pytest.mark.django_db(transaction=True)
def test_metrics_show_queue_depths_task_outcomes_and_durations(celery_worker_process):
    result = ping.delay("metrics")
    result.get(timeout=30)

    wait_until(lambda: b'task="maigie.ping"' in generate_latest(), timeout=10, what="the task in the metrics")
    text = generate_latest().decode()

    for queue in ("default", "ai", "email", "low"):
        assert f'maigie_celery_queue_depth{{queue="{queue}"}}' in text
    assert "maigie_celery_unacked_messages " in text
    assert 'maigie_celery_tasks_last_hour{status="SUCCESS",task="maigie.ping"} 1.0' in text
    assert 'maigie_celery_task_duration_seconds{stat="max",task="maigie.ping"}' in text
