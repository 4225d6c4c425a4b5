"""What the ``ai.*`` generation tasks do: each claims its job, works, and finishes it once."""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import Job, JobState, User
from apps.accounts.services import job_update
from apps.assistant import quotas
from apps.assistant.generation.outline import Outline, build_outline, outline_from_model
from apps.assistant.generation.schedule import Busy, Window, propose_slots
from apps.assistant.providers.base import Message, ProviderError, TextDelta
from apps.assistant.providers.selection import providers_for
from apps.assistant.summaries import extractive_summary
from apps.learning import selectors as learning_selectors
from apps.learning import services as learning_services
from apps.learning.models import Course
from apps.learning.text import plain_text
from apps.planning.models import Goal
from apps.planning.selectors.goals import goal_get
from apps.planning.selectors.schedule import occurrences_in_window
from maigie.encoding import utc_iso
from maigie.errors import PlanLimitReached

logger = logging.getLogger(__name__)

COURSE_GENERATION = "course_generation"
SCHEDULE_GENERATION = "schedule_generation"
NOTE_SUMMARY = "note_summary"
DEFAULT_HORIZON = datetime.timedelta(weeks=4)
SUMMARY_MAX_CHARS = 2000


def _claim(job_id: Any, *, message: str) -> Job | None:
    """The job, marked running, or ``None`` when it already finished (a redelivered task)."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.state in Job.FINAL_STATES:
        return None
    job_update(job_id=job_id, progress=10, message=message)
    return job


def job_retrying(job_id: Any, *, delay: float) -> None:
    """Show the job as waiting ``delay`` seconds for its next attempt (a finished job stays as it is)."""
    next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
    job_update(job_id=job_id, state=JobState.RETRYING, message="Waiting to retry", next_attempt_at=next_attempt_at)


@transaction.atomic
def job_fail(job_id: Any, message: str) -> None:
    """Finish the job as failed with ``message`` (a finished job stays as it is).

    A failed course generation is given back to the learner's monthly quota: only results count.
    """
    job = Job.objects.select_for_update().select_related("user").get(pk=job_id)
    if job.state in Job.FINAL_STATES:
        return
    job_update(job_id=job_id, state=JobState.FAILED, message="Failed.", error=message)
    if job.kind == COURSE_GENERATION:
        quotas.generation_refund(job.user, counted_at=job.created_at)


# --- courses ---------------------------------------------------------------------------------


def course_outline(*, user: User, topic: str, level: str, weeks: int, hours_per_week: int) -> tuple[Outline, str]:
    """The outline from the configured model, or the rule-based one offline or when the model fails."""
    provider, _ = providers_for(user)
    if provider.name != "offline":
        try:
            outline = outline_from_model(
                provider=provider, topic=topic, level=level, weeks=weeks, hours_per_week=hours_per_week
            )
            return outline, "model"
        except ProviderError as exc:
            logger.warning("course outline from the model failed, using the offline builder: %s", exc)
    return build_outline(topic=topic, level=level, weeks=weeks, hours_per_week=hours_per_week), "offline"


def course_generation_run(*, job_id: Any, topic: str, level: str, weeks: int, hours_per_week: int) -> None:
    """Build the outline and create the course once; the job's result names the course."""
    job = _claim(job_id, message="Drafting the outline")
    if job is None:
        return
    outline, source = course_outline(
        user=job.user, topic=topic, level=level, weeks=weeks, hours_per_week=hours_per_week
    )
    job_update(job_id=job_id, progress=70, message="Creating the course")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job_id)
        if locked.state in Job.FINAL_STATES:
            return
        today = timezone.now().astimezone(zoneinfo.ZoneInfo(job.user.timezone)).date()
        try:
            course = learning_services.course_create(
                user=job.user,
                title=topic[:1].upper() + topic[1:],
                description=outline.description,
                difficulty=level.upper(),  # the API gives it upper case; stored jobs may hold lower
                target_date=today + datetime.timedelta(weeks=weeks),
                is_ai_generated=True,
                modules=[module.model_dump() for module in outline.modules],
            )
        except PlanLimitReached as exc:  # courses were added while the outline was drafted
            job_fail(job_id, exc.message)
            return
        job_update(
            job_id=job_id,
            state=JobState.SUCCEEDED,
            message="Course created",
            result={"course_id": str(course.pk), "title": course.title, "modules": weeks, "source": source},
        )


# --- schedule --------------------------------------------------------------------------------


def schedule_subject(*, user: User, course_id: Any = None, goal_id: Any = None) -> Course | Goal:
    """The course or goal to schedule, the user's own (404 otherwise)."""
    if course_id is not None:
        return learning_selectors.course_get(user=user, pk=course_id)
    return goal_get(user=user, goal_id=goal_id)


def _block_specs(subject: Course | Goal, slots: Sequence[Busy]) -> list[dict[str, Any]]:
    """Proposed blocks for ``slots``: a course's open topics in order, or the goal."""
    open_topics = []
    if isinstance(subject, Course):
        modules = learning_selectors.course_detail(user=subject.user, pk=subject.pk).modules.all()
        open_topics = [topic for module in modules for topic in module.topics.all() if not topic.completed]
    specs = []
    for index, slot in enumerate(slots):
        spec: dict[str, Any] = {
            "start_time": utc_iso(slot.start),
            "end_time": utc_iso(slot.end),
            "course_id": None,
            "topic_id": None,
            "goal_id": None,
        }
        if isinstance(subject, Course):
            topic = open_topics[index % len(open_topics)] if open_topics else None
            spec["title"] = f"{subject.title}: {topic.title}"[:200] if topic else f"Study {subject.title}"[:200]
            spec["course_id"] = str(subject.pk)
            spec["topic_id"] = str(topic.pk) if topic else None
        else:
            spec["title"] = f"Work on {subject.title}"[:200]
            spec["goal_id"] = str(subject.pk)
        specs.append(spec)
    return specs


def schedule_generation_run(
    *,
    job_id: Any,
    course_id: str | None,
    goal_id: str | None,
    sessions_per_week: int,
    minutes_per_session: int,
    windows: Sequence[Mapping[str, Any]],
    until: str | None,
) -> None:
    """Propose study blocks in free time within the windows, before the target date; stored as the job's result."""
    job = _claim(job_id, message="Reading your schedule")
    if job is None:
        return
    user = job.user
    try:
        subject = schedule_subject(user=user, course_id=course_id, goal_id=goal_id)
    except Http404:  # deleted since the job started
        job_fail(job_id, "The course or goal no longer exists.")
        return
    zone = zoneinfo.ZoneInfo(user.timezone)
    start = timezone.now()
    today = start.astimezone(zone).date()
    limits = [day for day in (subject.target_date, datetime.date.fromisoformat(until) if until else None) if day]
    last_day = min(limits) if limits else today + DEFAULT_HORIZON
    if last_day < today:
        job_fail(job_id, "The target date has passed.")
        return
    window_end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
    busy = [Busy(start=o.start, end=o.end) for o in occurrences_in_window(user=user, start=start, end=window_end)]
    job_update(job_id=job_id, progress=50, message="Fitting study blocks")
    slots = propose_slots(
        windows=[
            Window(
                days=tuple(window["days"]),
                start=datetime.time.fromisoformat(window["start"]),
                end=datetime.time.fromisoformat(window["end"]),
            )
            for window in windows
        ],
        timezone=user.timezone,
        sessions_per_week=sessions_per_week,
        minutes_per_session=minutes_per_session,
        start=start,
        until=last_day,
        busy=busy,
    )
    job_update(
        job_id=job_id,
        state=JobState.SUCCEEDED,
        message=f"{len(slots)} study blocks proposed",
        result={
            "timezone": user.timezone,
            "until": last_day.isoformat(),
            "blocks": _block_specs(subject, slots),
            "confirmed": False,
            "block_ids": [],
        },
    )


# --- note summaries --------------------------------------------------------------------------


def note_summary_text(*, user: User, content: str) -> tuple[str, str]:
    """A summary of ``content`` from the configured model, or an extractive one offline or on failure."""
    provider, _ = providers_for(user)
    if provider.name != "offline" and content.strip():
        messages = [
            Message(role="system", content="Summarise the learner's note in at most three sentences. Plain text."),
            Message(role="user", content=content),
        ]
        try:
            text = "".join(
                event.text
                for event in provider.stream_turn(messages=messages, tools=[])
                if isinstance(event, TextDelta)
            ).strip()
            if text:
                return text[:SUMMARY_MAX_CHARS], "model"
        except ProviderError as exc:
            logger.warning("note summary from the model failed, using the extractive one: %s", exc)
    return extractive_summary(content)[:SUMMARY_MAX_CHARS], "extractive"


def note_summary_run(*, job_id: Any, note_id: str) -> None:
    """Summarise the note and store it as ``note.summary``; the job's result carries the summary."""
    job = _claim(job_id, message="Summarising the note")
    if job is None:
        return
    try:
        note = learning_selectors.note_get(user=job.user, pk=note_id)
    except Http404:  # deleted since the job started
        job_fail(job_id, "The note no longer exists.")
        return
    summary, source = note_summary_text(user=job.user, content=plain_text(note.content))
    with transaction.atomic():
        if Job.objects.select_for_update().get(pk=job_id).state in Job.FINAL_STATES:
            return
        learning_services.note_update(note=note, data={"summary": summary})
        job_update(
            job_id=job_id,
            state=JobState.SUCCEEDED,
            message="Summary written",
            result={"note_id": str(note.pk), "summary": summary, "source": source},
        )
