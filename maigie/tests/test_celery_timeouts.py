"""Visibility timeout versus time limits: a killed task is redelivered within minutes, never twice at once."""

import os
import subprocess
import sys

import pytest

from maigie import testing
from maigie.celery import app

PRINT = (
    "from django.conf import settings as s; "
    "print(s.CELERY_TASK_TIME_LIMIT, s.CELERY_LONGEST_TASK, s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'])"
)


def settings_in_subprocess(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "JOBS_"))}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT}"],
        cwd=testing.PROJECT_ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "maigie.settings.base",
            "DATABASE_URL": "postgres://maigie@localhost/maigie",  # parsed only, never connected to
            "REDIS_URL": "redis://localhost:6379/0",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_by_default_a_killed_task_is_redelivered_a_minute_after_the_hard_time_limit():
    """It was 3600 s: a generation whose worker was SIGKILLed sat RUNNING for an hour."""
    done = settings_in_subprocess()
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["300", "300", "360"]


@pytest.mark.parametrize(
    "env",
    [
        {"CELERY_VISIBILITY_TIMEOUT": "300"},  # not above the longest task
        {"CELERY_LONGEST_TASK": "200"},  # below the default hard limit
        {"JOBS_RETRY_BACKOFF_MAX": "400"},  # a retry's countdown outlives the visibility timeout
    ],
)
def test_incoherent_timeouts_refuse_to_load(env):
    done = settings_in_subprocess(**env)
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr


@pytest.mark.django_db
def test_no_task_sets_a_hard_limit_above_the_longest_task(settings):
    app.loader.import_default_modules()
    assert "ai.generate_course" in app.tasks
    limits = {name: task.time_limit or settings.CELERY_TASK_TIME_LIMIT for name, task in app.tasks.items()}
    assert max(limits.values()) <= settings.CELERY_LONGEST_TASK
