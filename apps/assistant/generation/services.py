"""Generation jobs started by the learner: recorded, enqueued after commit, confirmed."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Job, JobState, User
from apps.accounts.services import job_create, job_result_amend
from apps.assistant import quotas
from apps.assistant.generation.runs import COURSE_GENERATION, NOTE_SUMMARY, SCHEDULE_GENERATION, schedule_subject
from apps.assistant.generation.schedule import WEEKDAYS
from apps.assistant.tasks import generate_course, generate_schedule, summarize_note
from apps.learning import selectors as learning_selectors
from apps.learning.services import course_room_check
from apps.planning.models import BlockType
from apps.planning.services.schedule import schedule_block_create
from maigie.errors import Conflict
from maigie.ownership import get_owned_or_404

DEFAULT_WINDOWS = ({"days": list(WEEKDAYS), "start": "09:00", "end": "21:00"},)


@transaction.atomic
def generation_start(*, user: User, kind: str, enqueue: Callable[[str], Any], counted: bool = False) -> Job:
    """Record a generation job and enqueue its task after commit (``enqueue`` gets the job id).

    ``counted`` generations (AI courses) are checked against, and counted in, the plan's monthly quota.
    """
    if counted:
        quotas.generation_quota_check(user)
    job = job_create(user=user, kind=kind)
    if counted:  # counted on the job's own day, the day a failure gives it back to
        quotas.generation_record(user, counted_at=job.created_at)
    job_id = str(job.pk)
    transaction.on_commit(lambda: enqueue(job_id))
    return job


@transaction.atomic
def course_generation_start(*, user: User, topic: str, level: str, weeks: int, hours_per_week: int) -> Job:
    """Start generating a course on ``topic`` (task ``ai.generate_course``), if the plan has room for it."""
    course_room_check(user=user)
    arguments: dict[str, Any] = {
        "topic": topic.strip(),
        "level": level,
        "weeks": weeks,
        "hours_per_week": hours_per_week,
    }
    return generation_start(
        user=user,
        kind=COURSE_GENERATION,
        enqueue=lambda job_id: generate_course.delay(job_id, **arguments),
        counted=True,
    )


def schedule_generation_start(
    *,
    user: User,
    course_id: Any = None,
    goal_id: Any = None,
    sessions_per_week: int = 3,
    minutes_per_session: int = 60,
    windows: Sequence[Mapping[str, Any]] = (),
    until: datetime.date | None = None,
) -> Job:
    """Start proposing study blocks for one of ``user``'s courses or goals (task ``ai.generate_schedule``)."""
    if (course_id is None) == (goal_id is None):
        raise ValidationError({"course_id": ["Give either course_id or goal_id."]})
    subject = schedule_subject(user=user, course_id=course_id, goal_id=goal_id)
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(user.timezone)).date()
    if until is not None and until < today:
        raise ValidationError({"until": ["until must not be in the past."]})
    if subject.target_date is not None and subject.target_date < today:
        raise ValidationError({"target_date": ["The target date has passed; change it first."]})
    arguments: dict[str, Any] = {
        "course_id": str(course_id) if course_id else None,
        "goal_id": str(goal_id) if goal_id else None,
        "sessions_per_week": sessions_per_week,
        "minutes_per_session": minutes_per_session,
        "windows": [
            {"days": list(window["days"]), "start": str(window["start"]), "end": str(window["end"])}
            for window in windows or DEFAULT_WINDOWS
        ],
        "until": until.isoformat() if until else None,
    }
    return generation_start(
        user=user, kind=SCHEDULE_GENERATION, enqueue=lambda job_id: generate_schedule.delay(job_id, **arguments)
    )


def note_summary_start(*, user: User, note_id: Any) -> Job:
    """Start summarising one of ``user``'s notes (task ``ai.summarize_note``)."""
    note = learning_selectors.note_get(user=user, pk=note_id)
    return generation_start(
        user=user, kind=NOTE_SUMMARY, enqueue=lambda job_id: summarize_note.delay(job_id, note_id=str(note.pk))
    )


@transaction.atomic
def schedule_proposal_confirm(*, user: User, job_id: Any) -> Job:
    """Create the proposed blocks of ``user``'s finished schedule job, once (a second confirm is a conflict)."""
    job = get_owned_or_404(Job.objects.select_for_update(), user=user, kind=SCHEDULE_GENERATION, pk=job_id)
    if job.state != JobState.SUCCEEDED:
        raise Conflict("The proposal is not ready yet.", code="proposal_not_ready")
    result = dict(job.result or {})
    if result.get("confirmed"):
        raise Conflict("This proposal was already confirmed.", code="already_confirmed")
    blocks = [
        schedule_block_create(
            user=user,
            title=spec["title"],
            start_time=datetime.datetime.fromisoformat(spec["start_time"]),
            end_time=datetime.datetime.fromisoformat(spec["end_time"]),
            type=BlockType.STUDY,
            timezone=result["timezone"],
            course_id=spec["course_id"],
            topic_id=spec["topic_id"],
            goal_id=spec["goal_id"],
            is_ai_generated=True,
        )
        for spec in result["blocks"]
    ]
    return job_result_amend(job=job, result={**result, "confirmed": True, "block_ids": [str(b.pk) for b in blocks]})
