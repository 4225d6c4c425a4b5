"""Retries: transient errors come back with growing delays; permanent ones fail and can be retried."""

from __future__ import annotations

import itertools
import uuid

import pytest
from celery import states
from django.db import connection
from django_celery_results.models import TaskResult

from apps.accounts.tests.factories import UserFactory
from maigie.jobs import backoff_delay
from maigie.tests.tasks import broken_once, create_tables, flaky
from maigie.tests.workers import wait_until


def attempt_times(key: str) -> list[float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT extract(epoch FROM at) FROM test_task_attempt WHERE key = %s ORDER BY at", [key])
        return [float(row[0]) for row in cursor.fetchall()]


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    for _ in range(200):
        delays = [backoff_delay(retries, base=2, cap=600) for retries in range(12)]
        for retries, delay in enumerate(delays):
            ceiling = min(600, 2 * 2**retries)
            assert ceiling / 2 <= delay <= ceiling
        uncapped = delays[:9]  # 2 * 2**8 = 512 s is the last ceiling below the cap
        assert uncapped == sorted(uncapped)  # each wait at least as long as the one before
    assert len({backoff_delay(3, base=2, cap=600) for _ in range(50)}) > 1  # jittered


@pytest.mark.django_db(transaction=True)
def test_transient_errors_retry_with_growing_delays_until_success(celery_worker_process):
    create_tables()
    key = f"flaky-{uuid.uuid4().hex}"

    result = flaky.delay(key, 3)

    assert result.get(timeout=60) == 4
    times = attempt_times(key)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) == 3
    assert [gap >= low for gap, low in zip(gaps, (0.25, 0.5, 1.0), strict=True)] == [True] * 3  # base 0.5 s
    assert gaps == sorted(gaps)
    assert TaskResult.objects.get(task_id=result.id).status == states.SUCCESS


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


@pytest.mark.django_db(transaction=True)
def test_a_permanent_error_fails_at_once_shows_in_the_admin_and_its_retry_action_runs_it_again(
    celery_worker_process, staff_client
):
    create_tables()
    key = f"broken-{uuid.uuid4().hex}"
    result = broken_once.delay(key)
    with pytest.raises(ValueError, match="is broken"):
        result.get(timeout=30)
    failed = TaskResult.objects.get(task_id=result.id)
    assert failed.status == states.FAILURE
    assert len(attempt_times(key)) == 1  # not retried: the error is not transient

    failures = staff_client.get("/admin/django_celery_results/taskresult/", {"status__exact": states.FAILURE})
    assert result.id in failures.content.decode()

    response = staff_client.post(
        "/admin/django_celery_results/taskresult/",
        {"action": "retry_failed_tasks", "_selected_action": [failed.pk]},
        follow=True,
    )

    assert "Sent 1 task(s) again." in response.content.decode()
    retried = f"{result.id}-retry-{failed.pk}"
    wait_until(
        lambda: TaskResult.objects.filter(task_id=retried, status=states.SUCCESS).exists(),
        timeout=30,
        what="the retried task to succeed",
    )
    assert TaskResult.objects.get(task_id=retried).result == "2"
    assert TaskResult.objects.get(task_id=retried).task_args == failed.task_args


@pytest.mark.django_db(transaction=True)
def test_the_retry_action_refuses_a_task_that_did_not_fail(celery_worker_process, staff_client):
    create_tables()
    result = flaky.delay(f"fine-{uuid.uuid4().hex}", 0)
    assert result.get(timeout=30) == 1
    succeeded = TaskResult.objects.get(task_id=result.id)

    response = staff_client.post(
        "/admin/django_celery_results/taskresult/",
        {"action": "retry_failed_tasks", "_selected_action": [succeeded.pk]},
        follow=True,
    )

    assert f"Not retried: task {result.id} did not fail." in response.content.decode()
    assert TaskResult.objects.count() == 1
