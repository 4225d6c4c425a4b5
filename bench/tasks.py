"""Tasks the jobs benchmark runs (imported only by the benchmark's own worker)."""

import time

from celery import shared_task


@shared_task(name="bench.noop")
def noop() -> float:
    """Return when the task started (epoch seconds): enqueue-to-start is measured against it."""
    return time.time()
