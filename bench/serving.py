"""Serving benchmark: the HTTP API under gunicorn (WSGI) versus one daphne (ASGI) process.

    python -m bench.serving [--path /api/v1/courses/] [--seconds 15] [--concurrency 16]

Starts each server in turn on the same database and Redis, sends authenticated GET requests
from keep-alive connections for a fixed time, and prints requests/s and latency percentiles.
"""

from __future__ import annotations

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
import uuid

from bench.common import percentile, setup_django, stop_embedded_services


def _load(port: int, path: str, token: str, seconds: float, concurrency: int) -> tuple[int, int, list[float]]:
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()

    def worker() -> None:
        nonlocal failures
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Authorization": f"Bearer {token}"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            failures += bad

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), failures, latencies


def _server(kind: str, port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    if kind == "gunicorn":
        command = [sys.executable, "-m", "gunicorn", "maigie.wsgi:application", "-b", f"127.0.0.1:{port}",
                   "-w", str(workers), "--log-level", "warning"]  # fmt: skip
    else:
        command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "maigie.asgi:application"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/health/live")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--path", default="/api/v1/courses/")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1, help="gunicorn workers")
    args = parser.parse_args()

    setup_django()
    from apps.accounts.models import User
    from apps.accounts.services import token_pair_for, user_create
    from maigie import testing

    email = f"bench-serving-{uuid.uuid4().hex[:8]}@example.com"
    user = user_create(email=email, password=None)
    token = token_pair_for(user=user)["access"]
    # The servers' rate limits would answer most of this load with 429: lift them for the measurement.
    env = dict(testing.subprocess_env(), LOG_LEVEL="WARNING", THROTTLE_USER="100000000/min")
    results = {}
    try:
        for kind in ("gunicorn", "daphne"):
            port = testing.free_port()
            process = _server(kind, port, args.workers, env)
            try:
                _wait_listening(port)
                _load(port, args.path, token, 2, args.concurrency)  # warm-up
                ok, failed, latencies = _load(port, args.path, token, args.seconds, args.concurrency)
            finally:
                testing.stop_process(process)
            results[kind] = ok / args.seconds
            label = f"gunicorn ({args.workers} workers)" if kind == "gunicorn" else "daphne (1 process)"
            print(
                f"{label:<22} GET {args.path}: {ok / args.seconds:7.1f} req/s, "
                f"p50 {percentile(latencies, 50):6.1f} ms, p99 {percentile(latencies, 99):6.1f} ms, {failed} failed"
            )
        print(f"gunicorn / daphne throughput: {results['gunicorn'] / results['daphne']:.1f}x")
    finally:
        User.objects.filter(email=email).delete()
        stop_embedded_services()


if __name__ == "__main__":
    main()
