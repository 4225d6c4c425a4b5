"""A task makes the full trip: broker, real worker process, result in the database."""

import uuid

import pytest
from django_celery_results.models import TaskResult

from maigie import testing
from maigie.celery import app, ping
from maigie.jobs.metrics import queue_depths
from maigie.tests.tasks import apply_effect_once, create_tables
from maigie.tests.test_jobs_delivery import count
from maigie.tests.workers import wait_until


@pytest.mark.django_db(transaction=True)
def test_task_round_trip_through_the_real_worker(celery_worker_process):
    token = uuid.uuid4().hex
    result = ping.delay(token)

    answer = result.get(timeout=30)

    assert answer["token"] == token
    assert answer["worker"].startswith("test@")
    stored = TaskResult.objects.get(task_id=result.id)
    assert stored.status == "SUCCESS"
    assert stored.task_name == "maigie.ping"


@pytest.mark.django_db(transaction=True)
def test_a_test_worker_finishes_its_job_and_is_gone_before_the_database_is_flushed():
    create_tables()
    key = uuid.uuid4().hex
    with testing.running_worker():
        apply_effect_once.delay(key, sleep_in_transaction=2)
        wait_until(lambda: count("test_task_attempt", key) == 1, timeout=30, what="the job to start")

    assert count("test_task_effect", key) == 1  # the warm shutdown waited for the job's commit
    assert not app.control.ping(timeout=1)
    assert sum(queue_depths().values()) == 0
