"""The realtime events accounts publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from apps.accounts.models import JobState, Tier
from maigie.realtime.registry import Payload, UtcTime, declare


class UserUpdatedData(Payload):
    """The user's profile as they see it, or only ``id`` and ``tier`` after a change of plan."""

    id: UUID
    tier: Tier
    email: str | None = None
    name: str | None = None
    timezone: str | None = None
    preferences: dict[str, Any] | None = None
    email_verified: bool | None = None
    created_at: UtcTime | None = None


class JobData(Payload):
    """A long job the user started, as ``GET /api/v1/jobs/{id}`` shows it."""

    id: UUID
    kind: str
    state: JobState
    progress: int
    message: str
    result: Any
    error: str
    next_attempt_at: UtcTime | None
    created_at: UtcTime
    updated_at: UtcTime
    finished_at: UtcTime | None


class NotificationCreatedData(Payload):
    id: UUID
    kind: str
    title: str
    body: str
    data: dict[str, Any]


class NotificationReadData(Payload):
    """``ids`` of the notifications read, or ``all`` when every unread one was."""

    read_at: UtcTime
    ids: list[UUID] | None = None
    all: bool | None = None


USER_UPDATED = declare("user.updated", UserUpdatedData)
JOB_PROGRESS = declare("job.progress", JobData)
NOTIFICATION_CREATED = declare("notification.created", NotificationCreatedData)
NOTIFICATION_READ = declare("notification.read", NotificationReadData)
