"""Long jobs: ``GET /api/v1/jobs/{id}`` for the owner only, progress from a real worker, events."""

from __future__ import annotations

import asyncio
import datetime
import json

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.models import Job, JobState
from apps.accounts.services import job_create, job_update
from apps.accounts.tests.factories import UserFactory
from apps.assistant.generation.runs import job_retrying
from maigie.realtime.groups import user_group
from maigie.tests.tasks import report_progress


@pytest.mark.django_db
def test_owner_reads_their_job(auth_client, user):
    job = job_create(user=user, kind="course_generation")

    response = auth_client.get(f"/api/v1/jobs/{job.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(job.pk)
    assert (body["kind"], body["state"], body["progress"], body["result"]) == ("course_generation", "PENDING", 0, None)
    assert body["finished_at"] is None


@pytest.mark.django_db
def test_a_job_waiting_for_a_retry_says_so_and_when(auth_client, user):
    job = job_create(user=user, kind="course_generation")
    job_update(job_id=job.pk, progress=10, message="Drafting the outline")

    job_retrying(job.pk, delay=30)

    body = auth_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert (body["state"], body["message"]) == ("RETRYING", "Waiting to retry")
    waited = datetime.datetime.fromisoformat(body["next_attempt_at"]) - datetime.datetime.fromisoformat(
        body["updated_at"]
    )
    assert 29 < waited.total_seconds() <= 30
    job_update(job_id=job.pk, progress=20, message="Drafting the outline")  # the next attempt started
    body = auth_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert (body["state"], body["next_attempt_at"]) == ("RUNNING", None)


@pytest.mark.django_db
def test_a_running_job_that_lost_its_worker_shows_when_the_broker_hands_it_out_again(auth_client, user, settings):
    job = job_create(user=user, kind="course_generation")
    job_update(job_id=job.pk, progress=10, message="Drafting the outline")
    silent_since = timezone.now() - datetime.timedelta(seconds=settings.CELERY_LONGEST_TASK + 1)
    Job.objects.filter(pk=job.pk).update(updated_at=silent_since)

    body = auth_client.get(f"/api/v1/jobs/{job.pk}").json()

    assert (body["state"], body["message"]) == ("RETRYING", "Waiting to retry")
    expected = silent_since + datetime.timedelta(seconds=settings.CELERY_VISIBILITY_TIMEOUT)
    assert datetime.datetime.fromisoformat(body["next_attempt_at"]) == expected
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now())
    assert auth_client.get(f"/api/v1/jobs/{job.pk}").json()["state"] == "RUNNING"


@pytest.mark.django_db
def test_another_users_job_is_404(auth_client, other_user):
    job = job_create(user=other_user, kind="course_generation")

    response = auth_client.get(f"/api/v1/jobs/{job.pk}")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_jobs_need_authentication(api_client, user):
    job = job_create(user=user, kind="course_generation")
    assert api_client.get(f"/api/v1/jobs/{job.pk}").status_code == 401


@pytest.mark.django_db
def test_progress_outside_0_to_100_is_refused_and_changes_nothing(user):
    job = job_create(user=user, kind="course_generation")

    with pytest.raises(ValidationError):
        job_update(job_id=job.pk, progress=101)

    job.refresh_from_db()
    assert (job.state, job.progress) == (JobState.PENDING, 0)


@pytest.mark.django_db
def test_a_finished_job_stays_finished(user):
    job = job_create(user=user, kind="course_generation")
    job_update(job_id=job.pk, state=JobState.FAILED, error="provider down")

    job_update(job_id=job.pk, progress=50, message="redelivered")

    job.refresh_from_db()
    assert (job.state, job.progress, job.error) == (JobState.FAILED, 0, "provider down")
    assert job.finished_at is not None


@pytest.mark.django_db(transaction=True)
async def test_a_worker_reports_progress_as_job_progress_events_and_the_api_shows_the_result(celery_worker_process):
    user = await database_sync_to_async(UserFactory.create)()
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(user_group(user.pk), channel)
    job = await database_sync_to_async(job_create)(user=user, kind="course_generation")

    result = report_progress.delay(str(job.pk), 4)
    await sync_to_async(result.get)(timeout=30)

    frames = [json.loads((await asyncio.wait_for(layer.receive(channel), timeout=10))["payload"]) for _ in range(5)]
    assert {frame["event"] for frame in frames} == {"job.progress"}
    assert [(frame["data"]["state"], frame["data"]["progress"]) for frame in frames] == [
        ("PENDING", 0),
        ("RUNNING", 25),
        ("RUNNING", 50),
        ("RUNNING", 75),
        ("SUCCEEDED", 100),
    ]
    assert frames[-1]["data"]["result"] == {"steps": 4}
    stored = await database_sync_to_async(Job.objects.get)(pk=job.pk)
    assert (stored.state, stored.progress, stored.result) == (JobState.SUCCEEDED, 100, {"steps": 4})
