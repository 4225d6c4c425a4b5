"""A task makes the full trip: broker, real worker process, result in the database."""

import uuid

import pytest
from django_celery_results.models import TaskResult

from maigie.celery import ping


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
