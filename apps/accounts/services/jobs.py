"""Long background jobs a user started: created, moved on, and reported live."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts import events
from apps.accounts.models import Job, JobState, User
from maigie.encoding import utc_iso
from maigie.realtime.publish import publish


def job_payload(job: Job) -> dict[str, Any]:
    """A job as the API and ``job.progress`` events show it.

    A job still RUNNING longer after its last word than any task may run lost its worker: the
    broker hands it out again once its visibility timeout passes, so it is shown as RETRYING then.
    """
    state, next_attempt_at = job.state, job.next_attempt_at
    silent_since = timezone.now() - job.updated_at
    if state == JobState.RUNNING and silent_since > datetime.timedelta(seconds=settings.CELERY_LONGEST_TASK):
        state = JobState.RETRYING
        next_attempt_at = job.updated_at + datetime.timedelta(seconds=settings.CELERY_VISIBILITY_TIMEOUT)
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "state": state,
        "progress": job.progress,
        "message": "Waiting to retry" if state != job.state else job.message,
        "result": job.result,
        "error": job.error,
        "next_attempt_at": utc_iso(next_attempt_at) if next_attempt_at else None,
        "created_at": utc_iso(job.created_at),
        "updated_at": utc_iso(job.updated_at),
        "finished_at": utc_iso(job.finished_at) if job.finished_at else None,
    }


@transaction.atomic
def job_create(*, user: User, kind: str) -> Job:
    """Record a long job ``user`` started; its task reports progress with :func:`job_update`."""
    job = Job.objects.create(user=user, kind=kind)
    publish(user_id=user.pk, event=events.JOB_PROGRESS, data=job_payload(job))
    return job


@transaction.atomic
def job_update(
    *,
    job_id: Any,
    progress: int | None = None,
    message: str | None = None,
    state: JobState = JobState.RUNNING,
    result: Any = None,
    error: str = "",
    next_attempt_at: datetime.datetime | None = None,
) -> Job:
    """Move a job on (progress, final state, result) and tell its owner's clients.

    A finished job stays finished: a redelivered task cannot reopen it.
    """
    job = Job.objects.select_for_update().get(pk=job_id)
    if job.state in Job.FINAL_STATES:
        return job
    if progress is not None:
        if not 0 <= progress <= 100:
            raise ValidationError({"progress": ["Progress is a percentage from 0 to 100."]})
        job.progress = progress
    if message is not None:
        job.message = message[:200]
    job.state = state
    job.next_attempt_at = next_attempt_at if state == JobState.RETRYING else None
    if state in Job.FINAL_STATES:
        job.finished_at = timezone.now()
        job.result = result
        job.error = error
        if state == JobState.SUCCEEDED:
            job.progress = 100
    job.save()
    publish(user_id=job.user_id, event=events.JOB_PROGRESS, data=job_payload(job))
    return job


@transaction.atomic
def job_result_amend(*, job: Job, result: dict[str, Any]) -> Job:
    """Record what happened after a job finished (e.g. its proposal was confirmed) and tell the owner."""
    job.result = result
    job.save(update_fields=["result", "updated_at"])
    publish(user_id=job.user_id, event=events.JOB_PROGRESS, data=job_payload(job))
    return job
