"""``make run``: migrate, seed demo data, then run the whole stack in the foreground.

daphne (HTTP + WebSockets), a Celery worker and Celery beat run as child processes with
their output interleaved and prefixed. Ctrl-C or SIGTERM stops them all, then stops the
embedded PostgreSQL and Redis if this launcher started them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

STOP_TIMEOUT = 20.0
START_TIMEOUT = 120.0  # seconds to wait for daphne to accept connections before saying the stack is up
_print_lock = threading.Lock()


def _say(name: str, line: str) -> None:
    with _print_lock:
        sys.stdout.write(f"{name:<7}| {line}")
        if not line.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()


def _pump(name: str, process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        _say(name, line)


def _commands(port: str) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "web": [python, "-m", "maigie.wsserver", "-b", "127.0.0.1", "-p", port, "maigie.asgi:application"],
        "worker": [python, "-m", "celery", "-A", "maigie", "worker", "-l", "INFO", "--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "maigie", "beat", "-l", "INFO"],
    }


def _prepare() -> tuple[Path, bool, bool, dict[str, str]]:
    """Start or find the services, migrate and seed; return what the children need."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    import django
    from django.conf import settings
    from django.core.management import call_command

    from maigie import embedded

    var_dir: Path = settings.VAR_DIR
    start_postgres = settings.EMBEDDED_POSTGRES and not embedded.postgres_running(var_dir)
    start_redis = settings.EMBEDDED_REDIS and not embedded.redis_running(var_dir)
    embedded.ensure_services()
    django.setup()
    call_command("migrate", interactive=False, verbosity=1)
    call_command("setup_schedule")
    call_command("seed_demo")
    call_command("collectstatic", interactive=False, verbosity=0)
    child_env = dict(os.environ, DATABASE_URL=settings.DATABASE_URL, REDIS_URL=settings.REDIS_URL)
    return var_dir, start_postgres, start_redis, child_env


def _stop_children(children: dict[str, subprocess.Popen[str]]) -> None:
    for process in children.values():
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for name, process in children.items():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _say("stack", f"{name} did not stop in {STOP_TIMEOUT:.0f}s; killing it")
            process.kill()
            process.wait()


def _wait_until_listening(port: int, web: subprocess.Popen[str], stop: threading.Event, timeout: float) -> bool:
    """True once something accepts connections on ``127.0.0.1:port``; False if ``web`` exits, stop or timeout."""
    deadline = time.monotonic() + timeout
    while web.poll() is None and not stop.is_set() and time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            stop.wait(0.2)
    return False


def main() -> int:
    """Run the stack until Ctrl-C / SIGTERM or until a component dies."""
    var_dir, started_postgres, started_redis, child_env = _prepare()
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    port = os.environ.get("PORT", "8000")
    children: dict[str, subprocess.Popen[str]] = {}
    for name, command in _commands(port).items():
        children[name] = subprocess.Popen(
            command,
            env=child_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # the terminal's Ctrl-C reaches only us; we stop them in order
        )
        threading.Thread(target=_pump, args=(name, children[name]), daemon=True).start()
    if _wait_until_listening(int(port), children["web"], stop, START_TIMEOUT):
        _say("stack", f"Maigie is up: http://127.0.0.1:{port}/api/docs/  (Ctrl-C stops everything)")

    exit_code = 0
    while not stop.wait(0.5):
        dead = [name for name, process in children.items() if process.poll() is not None]
        if dead:
            _say("stack", f"{', '.join(dead)} exited unexpectedly; stopping the stack")
            exit_code = 1
            break

    _say("stack", "stopping…")
    _stop_children(children)
    from maigie import embedded

    if started_redis and embedded.stop_redis(var_dir):
        _say("stack", "embedded Redis stopped")
    if started_postgres and embedded.stop_postgres(var_dir):
        _say("stack", "embedded PostgreSQL stopped")
    _say("stack", "stopped")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
