"""CPU time per request in one process: the figure a loaded machine distorts least.

    python -m bench.http.cpu [--requests 400]

Seeds the learner of ``python -m bench.http`` and sends GETs through Django's WSGI handler in
this process (the full middleware and DRF path, ``X-Forwarded-Proto: https``), measuring the
process's CPU time (``time.process_time``: PostgreSQL and Redis work in their own processes is not
counted) and the wall time, per endpoint, plus the SQL queries each request ran. Run it from two
checkouts (``PYTHONPATH=<checkout>``) to compare a change with its baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.common import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from bench.http.__main__ import scenarios, seed

    user, token = seed(courses=20, modules=4, topics=5, goals=10)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_X_FORWARDED_PROTO="https")
    try:
        for name, calls in scenarios(user).items():
            if not calls[0][1].startswith("/api/") or calls[0][0] != "GET":
                continue
            path = calls[0][1]
            for _ in range(20):
                assert client.get(path).status_code == 200, path
            cpu, wall = [], []
            for _ in range(args.requests):
                c0, w0 = time.process_time(), time.perf_counter()
                client.get(path)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            print(
                f"{name:<20} CPU median {statistics.median(cpu):5.2f} ms  wall median {statistics.median(wall):5.2f} ms"
                f"  queries {len(queries)}  (load {os.getloadavg()[0]:.1f})"
            )
    finally:
        User.objects.filter(pk=user.pk).delete()


if __name__ == "__main__":
    main()
