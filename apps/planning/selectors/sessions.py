"""Reads of study sessions, scoped to their owner."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from apps.planning.models import StudySession
from maigie.ownership import get_owned_or_404, owned_by


def session_list(*, user: Any, running: bool | None = None) -> QuerySet[StudySession]:
    """``user``'s sessions, newest first; ``running`` keeps only running (or only stopped) ones."""
    sessions = owned_by(StudySession.objects.all(), user=user)
    if running is not None:
        sessions = sessions.filter(ended_at__isnull=running)
    return sessions.order_by("-started_at")


def session_get(*, user: Any, session_id: Any) -> StudySession:
    """One of ``user``'s sessions, or 404."""
    return get_owned_or_404(StudySession.objects.all(), user=user, pk=session_id)
