"""Writes for study sessions: at most one runs per user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.signals import progress_made
from apps.planning import events
from apps.planning.models import ScheduleBlock, StudySession
from apps.planning.services.links import learning_links, link_ids
from maigie.encoding import utc_iso
from maigie.errors import Conflict
from maigie.realtime.publish import publish


def session_payload(session: StudySession) -> dict[str, Any]:
    """The realtime payload describing ``session``."""
    return {
        "id": str(session.pk),
        "block_id": str(session.block_id) if session.block_id else None,
        **link_ids(session),
        "started_at": utc_iso(session.started_at),
        "ended_at": utc_iso(session.ended_at) if session.ended_at else None,
    }


@transaction.atomic
def study_session_start(
    *, user: User, block_id: Any = None, course_id: Any = None, topic_id: Any = None
) -> StudySession:
    """Start a session now, optionally for one of the user's blocks, courses or topics; refused while another runs.

    A session started from a block studies the block's course and topic unless a course or topic is given.
    """
    block = None
    if block_id is not None:
        block = ScheduleBlock.objects.select_related("course", "topic").filter(user=user, pk=block_id).first()
        if block is None:
            raise ValidationError({"block_id": ["No such schedule block."]})
    if block is not None and course_id is None and topic_id is None:
        course, topic = block.course, block.topic
    else:
        course, topic = learning_links(user=user, course_id=course_id, topic_id=topic_id)
    try:
        with transaction.atomic():  # the partial unique index settles a race between two starts
            session = StudySession.objects.create(
                user=user, block=block, course=course, topic=topic, started_at=timezone.now()
            )
    except IntegrityError as exc:
        raise ValidationError({"session": ["A study session is already running: stop it first."]}) from exc
    publish(user_id=user.pk, event=events.SESSION_STARTED, data=session_payload(session))
    progress_made.send(sender=StudySession, user=user, now=session.started_at, metrics=("sessions", "streak"))
    return session


@transaction.atomic
def study_session_stop(*, session: StudySession) -> StudySession:
    """Stop a running session now."""
    session = StudySession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        raise ValidationError({"session": ["This session has already stopped."]})
    session.ended_at = timezone.now()
    session.save(update_fields=["ended_at"])
    publish(user_id=session.user_id, event=events.SESSION_STOPPED, data=session_payload(session))
    return session


@transaction.atomic
def study_session_reopen(*, session: StudySession) -> StudySession:
    """Let a stopped session run again, as if never stopped; refused (409) while another session runs."""
    session = StudySession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is None:
        raise ValidationError({"session": ["This session is running."]})
    session.ended_at = None
    try:
        with transaction.atomic():  # the partial unique index: at most one running session
            session.save(update_fields=["ended_at"])
    except IntegrityError as exc:
        raise Conflict("Another study session is running: stop it first.", code="session_running") from exc
    publish(user_id=session.user_id, event=events.SESSION_REOPENED, data=session_payload(session))
    return session


@transaction.atomic
def study_session_delete(*, session: StudySession) -> None:
    """Delete a session, running or not."""
    user_id, session_id = session.user_id, str(session.pk)
    session.delete()
    publish(user_id=user_id, event=events.SESSION_DELETED, data={"id": session_id})
