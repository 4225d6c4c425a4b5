"""Production settings pool PostgreSQL connections per process instead of health-checking them."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Six request cycles as a WSGI server runs them, then a fork: the child's first query.
_SCRIPT = """
import json, os
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection

def request():
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    request_finished.send(sender=None)
    return pid

pids = [request() for _ in range(6)]
held = connection.connection is not None
read, write = os.pipe()
child = os.fork()
if child == 0:
    os.write(write, str(request()).encode())
    os._exit(0)
os.waitpid(child, 0)
print(json.dumps({"pids": pids, "held_after_request": held, "child_pid": int(os.read(read, 64)),
                  "pool": connection.settings_dict["OPTIONS"].get("pool")}))
"""


def _run(**overrides):
    url = urlsplit(settings.DATABASE_URL)._replace(path="/" + settings.DATABASES["default"]["NAME"]).geturl()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "MAIGIE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="maigie.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="api.maigie.app",
        DATABASE_URL=url,
        REDIS_URL="redis://redis.invalid:6379/0",
        CORS_ALLOWED_ORIGINS="https://app.maigie.app",
        **overrides,
    )
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_requests_reuse_one_pooled_connection_and_a_forked_process_gets_its_own():
    run = _run()

    assert run["pool"]["max_size"] == 4
    assert len(set(run["pids"])) <= 2  # the pool's one or two server connections served all six requests
    assert run["held_after_request"] is False  # returned to the pool at the end of each request
    assert run["child_pid"] not in run["pids"]  # a forked worker never shares its parent's connection


@pytest.mark.django_db
def test_the_pool_can_be_turned_off():
    run = _run(DATABASE_POOL="false", DATABASE_CONN_MAX_AGE="0")

    assert run["pool"] is None
    assert len(set(run["pids"])) == 6  # a new connection per request, as Django does without a pool
