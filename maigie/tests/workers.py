"""Start, wait for and kill dedicated Celery worker processes in tests."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Callable

import redis

from maigie import testing
from maigie.celery import app


def start_dedicated_worker(*, env: dict[str, str], name: str, queue: str) -> subprocess.Popen[bytes]:
    """A solo worker that consumes only ``queue``, answering pings as ``name@host``."""
    process = testing.start_worker(
        env=env, name=name, extra=("-Q", queue, "--without-mingle", "--without-gossip", "--without-heartbeat")
    )
    node = f"{name}@{socket.gethostname()}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if app.control.ping(destination=[node], timeout=0.5):
                return process
        except redis.ConnectionError:  # a pooled connection from before a Redis restart; retry
            continue
    testing.stop_process(process)
    raise RuntimeError(f"worker {name} did not come up (exit code {process.returncode})")


def sigkill(process: subprocess.Popen[bytes]) -> None:
    """Kill a worker the hard way: no warm shutdown, nothing acknowledged or requeued."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds, or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
