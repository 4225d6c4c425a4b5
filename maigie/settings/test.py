"""Test settings: embedded services in a temporary directory, never ``make run``'s data."""

import os
import tempfile

# The first process of a test run creates the directory; subprocesses it spawns
# (Celery workers, daphne) inherit the variable and share the same servers.
if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
    os.environ.setdefault("MAIGIE_VAR_DIR", tempfile.mkdtemp(prefix="maigie-test-"))
    os.environ.setdefault("MAIGIE_TEST_SERVICES_OWNER", str(os.getpid()))

from .base import *  # noqa: F403
from .base import DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 0  # connections opened in async tests' threads close
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = False
