"""Celery benchmark: enqueue-to-start latency (p50/p95) on an idle worker, and tasks/s.

Run with ``make bench-jobs`` or ``python -m bench.jobs``. Without DATABASE_URL / REDIS_URL it
uses the embedded services under var/ (like ``make run``), migrates, and starts its own worker
on a private queue, so a running ``make run`` worker does not take its tasks.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def start_worker(queue: str, pool: str, concurrency: int) -> tuple[subprocess.Popen[bytes], str]:
    name = f"bench-{queue}"
    command = [sys.executable, "-m", "celery", "-A", "maigie", "worker", "-Q", queue, "-n", f"{name}@%h"]
    command += ["--pool", pool, "--concurrency", str(concurrency), "--include", "bench.tasks"]
    command += ["--without-mingle", "--without-gossip", "-l", "WARNING"]
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ))
    return process, f"{name}@{socket.gethostname()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-tasks", type=int, default=200, help="tasks sent one at a time to an idle worker")
    parser.add_argument("--burst-tasks", type=int, default=1000, help="tasks enqueued at once for tasks/s")
    parser.add_argument("--pool", default="prefork", choices=["prefork", "solo", "threads"])
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    import django

    django.setup()
    from celery.result import ResultSet
    from django.conf import settings
    from django.core.management import call_command

    from bench.tasks import noop
    from maigie.celery import app

    call_command("migrate", verbosity=0)
    os.environ.update(DATABASE_URL=settings.DATABASE_URL, REDIS_URL=settings.REDIS_URL)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    worker, node = start_worker(queue, args.pool, args.concurrency)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[node], timeout=0.5):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit("the benchmark worker did not start")
        noop.apply_async(queue=queue).get(timeout=30)  # warm up: connections, imports

        latencies = []
        for _ in range(args.latency_tasks):
            sent = time.time()
            started = noop.apply_async(queue=queue).get(timeout=30, interval=0.05)
            latencies.append((started - sent) * 1000)

        began = time.perf_counter()
        burst = ResultSet([noop.apply_async(queue=queue) for _ in range(args.burst_tasks)])
        enqueued = time.perf_counter() - began
        burst.join(timeout=600, interval=0.05)
        elapsed = time.perf_counter() - began
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"Maigie jobs benchmark ({python}, {os.cpu_count()} CPUs)")
    print(f"worker: pool={args.pool} concurrency={args.concurrency}; broker Redis; results in PostgreSQL")
    print(
        f"enqueue-to-start latency, idle worker, {args.latency_tasks} tasks one at a time: "
        f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
        f"mean {statistics.fmean(latencies):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(
        f"throughput, {args.burst_tasks} tasks enqueued at once: {args.burst_tasks / elapsed:.0f} tasks/s "
        f"(enqueue alone: {args.burst_tasks / enqueued:.0f} tasks/s)"
    )


if __name__ == "__main__":
    main()
