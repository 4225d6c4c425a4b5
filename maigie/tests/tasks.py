"""Test-only tasks (imported by test workers through CELERY_IMPORTS in settings/test.py).

Their effects are rows in plain tables, so a test can count how often an effect happened
and how often a task started.
"""

from __future__ import annotations

import os
import time
from typing import Any

from celery import shared_task
from django.db import connection, transaction

from apps.accounts.models import JobState
from apps.accounts.services import job_update
from maigie.jobs import TransientError

TABLES = (
    "CREATE TABLE IF NOT EXISTS test_task_attempt (key text NOT NULL, pid int NOT NULL, at timestamptz DEFAULT now())",
    "CREATE TABLE IF NOT EXISTS test_task_claim (key text PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS test_task_effect (key text NOT NULL, pid int NOT NULL)",
)


def create_tables() -> None:
    """The tables test tasks write to (outside Django's models, never flushed between tests)."""
    with connection.cursor() as cursor:
        for statement in TABLES:
            cursor.execute(statement)


def _record_attempt(key: str) -> int:
    """Log that the task started for ``key``; the number of attempts so far."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO test_task_attempt (key, pid) VALUES (%s, %s)", [key, os.getpid()])
        cursor.execute("SELECT count(*) FROM test_task_attempt WHERE key = %s", [key])
        return int(cursor.fetchone()[0])


@shared_task(name="tests.apply_effect_once")
def apply_effect_once(key: str, sleep_in_transaction: float = 0.0, sleep_after_commit: float = 0.0) -> str:
    """Apply the effect for ``key`` once: a unique claim and the effect commit together."""
    _record_attempt(key)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO test_task_claim (key) VALUES (%s) ON CONFLICT DO NOTHING", [key])
        if cursor.rowcount == 0:
            return "already applied"
        cursor.execute("INSERT INTO test_task_effect (key, pid) VALUES (%s, %s)", [key, os.getpid()])
        time.sleep(sleep_in_transaction)
    time.sleep(sleep_after_commit)
    return "applied"


@shared_task(name="tests.flaky")
def flaky(key: str, failures: int) -> int:
    """Fail with a transient error ``failures`` times, then succeed; the attempt count."""
    attempt = _record_attempt(key)
    if attempt <= failures:
        raise TransientError(f"attempt {attempt} of {key} failed")
    return attempt


@shared_task(name="tests.broken_once")
def broken_once(key: str) -> int:
    """Fail with a permanent error on the first attempt only (a bug fixed before the retry)."""
    attempt = _record_attempt(key)
    if attempt == 1:
        raise ValueError(f"{key} is broken")
    return attempt


@shared_task(name="tests.report_progress")
def report_progress(job_id: str, steps: int) -> dict[str, Any]:
    """Advance a job in ``steps`` steps, then finish it with a result."""
    for step in range(1, steps):
        job_update(job_id=job_id, progress=step * 100 // steps, message=f"step {step} of {steps}")
    result = {"steps": steps}
    job_update(job_id=job_id, state=JobState.SUCCEEDED, result=result)
    return result


@shared_task(name="tests.fail_with_personal_data")
def fail_with_personal_data(job_id: str, *, email: str, content: str) -> None:
    """Fail with a permanent error whose message and local variables carry an e-mail and a note's text."""
    raise ValueError(f"cannot summarise the note of {email} ({len(content)} characters)")
