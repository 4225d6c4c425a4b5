"""The container's health check for its role (``MAIGIE_ROLE``, set by deploy/entrypoint.sh).

api and ws: ``GET /health/live`` on the local port answers 200. worker: the worker answers a
Celery control ping. beat and migrate: the process is running (the container exits otherwise).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request


def main() -> int:
    role = os.environ.get("MAIGIE_ROLE", "api")
    if role in ("api", "ws"):
        port = os.environ.get("PORT", "8000") if role == "api" else os.environ.get("WS_PORT", "8001")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=5) as answer:
            return 0 if answer.status == 200 else 1
    if role == "worker":
        ping = ["celery", "-A", "maigie", "inspect", "ping", "--timeout", "5", "-d", f"worker@{socket.gethostname()}"]
        return subprocess.run(ping, capture_output=True, timeout=30, check=False).returncode  # noqa: S603
    return 0


if __name__ == "__main__":
    sys.exit(main())
