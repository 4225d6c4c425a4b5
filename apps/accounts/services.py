"""Writes for users: every change of a user goes through here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.tokens import RefreshToken

from apps.accounts.models import Job, JobState, Notification, User, normalize_email
from maigie.realtime.publish import publish


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    name: str = "",
    timezone: str = "UTC",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a user; ``password=None`` makes an account that cannot log in with a password."""
    return User.objects.create_user(
        email=email,
        password=password,
        name=name,
        timezone=timezone,
        is_staff=is_staff,
        is_superuser=is_superuser,
    )


@transaction.atomic
def user_ensure(*, email: str, password: str, **fields: Any) -> tuple[User, bool]:
    """Create the user unless one with that e-mail exists; reset its password either way."""
    user = User.objects.filter(email=normalize_email(email)).first()
    if user is None:
        return user_create(email=email, password=password, **fields), True
    user.set_password(password)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user, False


def token_pair_for(*, user: User) -> dict[str, str]:
    """A fresh access/refresh JWT pair for ``user``."""
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


@transaction.atomic
def notification_create(
    *, user: User, kind: str, title: str, body: str = "", data: dict[str, Any] | None = None
) -> Notification:
    """Add a notification to ``user``'s inbox and tell their open clients."""
    notification = Notification.objects.create(user=user, kind=kind, title=title, body=body, data=data or {})
    publish(
        user_id=user.pk,
        event="notification.created",
        data={"id": str(notification.pk), "kind": kind, "title": title, "body": body, "data": notification.data},
    )
    return notification


def job_payload(job: Job) -> dict[str, Any]:
    """A job as the API and ``job.progress`` events show it."""
    return {
        "id": str(job.pk),
        "kind": job.kind,
        "state": job.state,
        "progress": job.progress,
        "message": job.message,
        "result": job.result,
        "error": job.error,
        "created_at": job.created_at.isoformat(),
        "updated_at": job.updated_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }


@transaction.atomic
def job_create(*, user: User, kind: str) -> Job:
    """Record a long job ``user`` started; its task reports progress with :func:`job_update`."""
    job = Job.objects.create(user=user, kind=kind)
    publish(user_id=user.pk, event="job.progress", data=job_payload(job))
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
    if state in Job.FINAL_STATES:
        job.finished_at = timezone.now()
        job.result = result
        job.error = error
        if state == JobState.SUCCEEDED:
            job.progress = 100
    job.save()
    publish(user_id=job.user_id, event="job.progress", data=job_payload(job))
    return job
