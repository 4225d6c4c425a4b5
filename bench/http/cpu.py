"""CPU time per request in one process: the figure a loaded machine distorts least.

    python -m bench.http.cpu [--requests 400]

Seeds the learner of ``python -m bench.http`` and sends GETs through Django's WSGI handler in
this process as a WSGI server calls it (the full middleware and DRF path, ``X-Forwarded-Proto:
https``, the request_started/finished signals that check out and return database connections), measuring the
process's CPU time (``time.process_time``: PostgreSQL and Redis work in their own processes is not
counted) and the wall time, per endpoint, plus the SQL queries each request ran. Run it from two
checkouts (``PYTHONPATH=<checkout>``) to compare a change with its baseline.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from typing import Any

from bench.common import setup_django


def _environ(path: str, token: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _committed() -> int:
    """Transactions PostgreSQL has counted for this database (every autocommit statement is one)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
        return int(cursor.fetchone()[0])


def _redis_calls() -> int:
    from django_redis import get_redis_connection

    stats = get_redis_connection("default").info("commandstats")
    return sum(int(entry["calls"]) for entry in stats.values()) + 1  # this INFO itself


def _server_work(path: str, get: Any, requests: int = 50) -> tuple[float, float]:
    """Statements PostgreSQL ran and Redis commands per request, health checks included."""
    before, redis_before = _committed(), _redis_calls()
    for _ in range(requests):
        get(path)
    redis_calls = _redis_calls() - redis_before
    time.sleep(1.5)  # other backends flush their statistics at least once a second
    return (_committed() - before - 3) / requests, redis_calls / requests  # minus our own statements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("THROTTLE_USER", "100000000/min")  # the rate limit would answer these requests 429
    setup_django()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    from apps.accounts.models import User
    from bench.http.__main__ import scenarios, seed

    user, token = seed(courses=20, modules=4, topics=5, goals=10)
    handler = WSGIHandler()
    statuses: list[str] = []

    def get(path: str) -> str:
        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            statuses.append(status)
            return None

        answer = handler(_environ(path, token), start_response)
        b"".join(answer)
        answer.close()  # as a WSGI server does: request_finished returns the database connection
        return statuses[-1]

    try:
        for name, calls in scenarios(user).items():
            if not calls[0][1].startswith("/api/") or calls[0][0] != "GET":
                continue
            path = calls[0][1]
            for _ in range(20):
                assert get(path).startswith("200"), (path, statuses[-1])
            cpu, wall = [], []
            for _ in range(args.requests):
                c0, w0 = time.process_time(), time.perf_counter()
                get(path)
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            queries: list[str] = []

            def count(execute: Any, sql: str, *rest: Any, log: list[str] = queries) -> Any:
                log.append(sql)
                return execute(sql, *rest)

            with connection.execute_wrapper(count):
                get(path)
            statements, redis_calls = _server_work(path, get)
            print(
                f"{name:<20} CPU median {statistics.median(cpu):5.2f} ms  wall median {statistics.median(wall):5.2f} ms"
                f"  queries {len(queries)}  server statements {statements:.1f}  Redis commands {redis_calls:.1f}"
                f"  (load {os.getloadavg()[0]:.1f})"
            )
    finally:
        User.objects.filter(pk=user.pk).delete()


if __name__ == "__main__":
    main()
