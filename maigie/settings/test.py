"""Test settings: embedded services in a temporary directory, never ``make run``'s data."""

import os
import tempfile
import time

# The first process of a test run names the directory (created when the services start);
# subprocesses it spawns (Celery workers, daphne) inherit the variable and share the same servers.
if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
    if not os.environ.get("MAIGIE_VAR_DIR"):  # unset or empty: a fresh directory of its own
        unique = f"maigie-test-{os.getpid()}-{time.time_ns()}"
        os.environ["MAIGIE_VAR_DIR"] = os.path.join(tempfile.gettempdir(), unique)
    os.environ.setdefault("MAIGIE_TEST_SERVICES_OWNER", str(os.getpid()))
# Short Celery timings so tests see redelivery and retries in seconds (inherited by workers).
os.environ.setdefault("CELERY_VISIBILITY_TIMEOUT", "8")
os.environ.setdefault("CELERY_LONGEST_TASK", "6")
os.environ.setdefault("MATERIAL_TASK_TIME_LIMIT", "6")
os.environ.setdefault("CELERY_TASK_TIME_LIMIT", "6")
os.environ.setdefault("CELERY_TASK_SOFT_TIME_LIMIT", "5")
os.environ.setdefault("JOBS_RETRY_BACKOFF_BASE", "0.5")
os.environ.setdefault("JOBS_RETRY_BACKOFF_MAX", "4")
# A socket's first heartbeat ping comes at a random moment of the interval; a test socket gets none unless the test
# asks for one (the heartbeat tests set short intervals), so no frame sequence a test expects is ever interleaved.
os.environ.setdefault("REALTIME_HEARTBEAT_INTERVAL", "3600")

from .base import *  # noqa: F403
from .base import CELERY_BROKER_TRANSPORT_OPTIONS, CELERY_IMPORTS, DATABASES, env

DATABASES["default"]["CONN_MAX_AGE"] = 0  # connections opened in async tests' threads close
REALTIME_VALIDATE_EVENTS = True  # every event a test makes a service publish fits its declaration
# Tests on the `db` fixture never commit, so no write of theirs would invalidate a cached read: the read
# cache is off here and on in the tests that prove it (maigie/tests/test_cache.py, the console's pages).
READ_CACHE_ENABLED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = False
CELERY_IMPORTS = [*CELERY_IMPORTS, "maigie.tests.tasks"]  # test-only tasks
# Look for messages of killed workers every second instead of every ~100 s.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
PUSH_ALLOW_LOOPBACK_HTTP = True  # a local push service on 127.0.0.1 (docs/notifications.md)
