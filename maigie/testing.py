"""Helpers for tests: real processes (Celery workers, daphne) on the test services, the realtime log."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.db import connection
from kombu.exceptions import OperationalError

from maigie.realtime import events

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def subprocess_env() -> dict[str, str]:
    """Environment for a child process that must use this process's database and Redis."""
    test_database = connection.settings_dict["NAME"]
    database_url = urlsplit(settings.DATABASE_URL)._replace(path=f"/{test_database}").geturl()
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "maigie.settings.test"),
        DATABASE_URL=database_url,
        REDIS_URL=settings.REDIS_URL,
        PYTHONUNBUFFERED="1",
    )


def log_path(name: str) -> Path:
    """Where a child process of the test run writes its output."""
    return Path(os.environ.get("MAIGIE_VAR_DIR", tempfile.gettempdir())) / f"{name}.log"


def start_worker(*, env: dict[str, str], name: str = "test", extra: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
    """Start ``celery worker`` (solo pool) as a child process."""
    with log_path(f"worker-{name}").open("ab") as log:
        return subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "maigie",
                "worker",
                "--pool",
                "solo",
                "-l",
                "INFO",
                "-n",
                f"{name}@%h",
                *extra,
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


# What a connection pooled before a Redis restart (tests restart it) raises on its first use.
STALE_CONNECTION = (redis.ConnectionError, OperationalError)


def wait_for_worker(*, timeout: float = 60.0) -> None:
    """Block until some Celery worker answers a control ping."""
    from maigie.celery import app  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if app.control.ping(timeout=0.5):
                return
        except STALE_CONNECTION:  # a pooled connection from before a Redis restart; it reconnects
            continue
    raise RuntimeError("no Celery worker came up")


def stop_process(process: subprocess.Popen[bytes], *, timeout: float = 20.0) -> None:
    """Terminate a child process, killing it if it does not exit in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running_worker(*, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """A ``celery worker`` on empty queues (``env`` added to its environment), stopped with a warm shutdown on exit.

    The warm shutdown lets a running job finish, so none still holds row locks when a test
    flushes the database (a TRUNCATE waiting on such a job can deadlock); the queues are
    purged on both sides, so no job of another test runs in this one or later.
    """
    purge_queues()
    process = start_worker(env={**subprocess_env(), **(env or {})})
    try:
        wait_for_worker()
        yield process
    finally:
        stop_process(process)
        purge_queues()


def purge_queues() -> None:
    """Drop every message waiting in the job queues."""
    from maigie.celery import app  # noqa: PLC0415

    try:
        app.control.purge()
    except STALE_CONNECTION:  # a pooled connection from before a Redis restart: once more, reconnected
        app.control.purge()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def start_daphne(
    *, env: dict[str, str], port: int, app: str = "maigie.asgi:application", wait: float = 30
) -> subprocess.Popen[bytes]:
    """Start daphne serving ``app`` on ``127.0.0.1:port`` and wait (at most ``wait`` seconds) until it answers."""
    with log_path(f"daphne-{port}").open("ab") as log:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "maigie.wsserver", "-b", "127.0.0.1", "-p", str(port), app],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited with {process.returncode}; see {log_path(f'daphne-{port}')}")
        time.sleep(0.1)
    stop_process(process)
    raise RuntimeError("daphne did not start listening")


def realtime_log(user_id: Any) -> list[tuple[str, dict[str, Any]]]:
    """The events kept in ``user_id``'s realtime log (Redis), oldest first, as ``(event, data)``."""
    raw = cast(list[bytes], events._sync_client().zrange(events._keys(user_id)[1], 0, -1))
    frames = [json.loads(payload) for payload in raw]
    return [(frame["event"], frame["data"]) for frame in frames]


def is_test_var_dir(path: Path) -> bool:
    """Whether ``path`` is a services directory a test run made (``<tmp>/maigie-test-*``), safe to remove."""
    resolved = path.resolve()
    return resolved.parent == Path(tempfile.gettempdir()).resolve() and resolved.name.startswith("maigie-test-")
