"""Writes for schedule blocks and single occurrences of them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from apps.accounts.models import User
from apps.accounts.selectors import notification_list
from apps.accounts.timezones import validate_timezone
from apps.planning import events
from apps.planning.models import BlockType, Goal, OccurrenceException, ReminderDelivery, ScheduleBlock, StudySession
from apps.planning.recurrence import is_occurrence, normalize_rule, series_end
from apps.planning.services.links import learning_links, link_ids, links_apply, surviving_links
from maigie.bounds import validate_moment
from maigie.encoding import jsonable, utc_iso
from maigie.errors import Conflict
from maigie.realtime.publish import publish
from maigie.services import fields_check

MAX_REMINDER_MINUTES = 7 * 24 * 60
BLOCK_FIELDS = {
    "title",
    "description",
    "type",
    "start_time",
    "end_time",
    "timezone",
    "recurrence_rule",
    "reminder_minutes",
    "completed",
    "goal_id",
    "course_id",
    "topic_id",
}
SERIES_FIELDS = {"start_time", "timezone", "recurrence_rule"}  # changing one redefines every occurrence
EXCEPTION_FIELDS = ("completed", "cancelled", "new_start", "new_end")
RESTORED_FIELDS = (  # copied as they are from a snapshot onto the re-created block
    "title",
    "description",
    "type",
    "timezone",
    "recurrence_rule",
    "reminder_minutes",
    "completed",
    "is_ai_generated",
)
SNAPSHOT_FIELDS = ("id", *RESTORED_FIELDS, "start_time", "end_time", "goal_id", "course_id", "topic_id", "created_at")


def block_payload(block: ScheduleBlock) -> dict[str, Any]:
    """The realtime payload describing ``block``."""
    return {
        "id": str(block.pk),
        "title": block.title,
        "start_time": utc_iso(block.start_time),
        "end_time": utc_iso(block.end_time),
        "recurrence_rule": block.recurrence_rule,
        "goal_id": str(block.goal_id) if block.goal_id else None,
        **link_ids(block),
    }


@transaction.atomic
def schedule_block_create(
    *,
    user: User,
    title: str,
    start_time: datetime,
    end_time: datetime,
    description: str = "",
    type: str = BlockType.STUDY,
    timezone: str | None = None,
    recurrence_rule: str = "",
    reminder_minutes: int | None = None,
    goal_id: Any = None,
    course_id: Any = None,
    topic_id: Any = None,
    is_ai_generated: bool = False,
) -> ScheduleBlock:
    """Create a block; a recurring one repeats by ``recurrence_rule`` in ``timezone`` (the user's by default)."""
    course, topic = learning_links(user=user, course_id=course_id, topic_id=topic_id)
    block = ScheduleBlock(
        user=user,
        title=title,
        description=description,
        type=type,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone or user.timezone,
        recurrence_rule=normalize_rule(recurrence_rule),
        reminder_minutes=reminder_minutes,
        goal=_owned_goal(user=user, goal_id=goal_id),
        course=course,
        topic=topic,
        is_ai_generated=is_ai_generated,
    )
    _validate(block)
    block.save()
    publish(user_id=user.pk, event=events.SCHEDULE_CREATED, data=block_payload(block))
    return block


@transaction.atomic
def schedule_block_update(*, block: ScheduleBlock, data: dict[str, Any]) -> ScheduleBlock:
    """Change a block; redefining the series (start, zone, rule) drops its per-occurrence changes."""
    fields_check(data=data, allowed=BLOCK_FIELDS)
    block = ScheduleBlock.objects.select_for_update().get(pk=block.pk)
    changes = dict(data)
    if "goal_id" in changes:
        block.goal = _owned_goal(user=block.user, goal_id=changes.pop("goal_id"))
    links_apply(block, user=block.user, changes=changes)
    if "recurrence_rule" in changes:
        changes["recurrence_rule"] = normalize_rule(changes["recurrence_rule"] or "")
    redefined = any(name in changes and changes[name] != getattr(block, name) for name in SERIES_FIELDS)
    for name, value in changes.items():
        setattr(block, name, value)
    _validate(block)
    block.save()
    if redefined:
        block.exceptions.all().delete()
    publish(user_id=block.user_id, event=events.SCHEDULE_UPDATED, data=block_payload(block))
    return block


@transaction.atomic
def schedule_block_delete(*, block: ScheduleBlock) -> None:
    """Delete a block with all its occurrences."""
    user_id, block_id = block.user_id, str(block.pk)
    block.delete()
    publish(user_id=user_id, event=events.SCHEDULE_DELETED, data={"id": block_id})


def block_snapshot(block: ScheduleBlock) -> dict[str, Any]:
    """A JSON-able record of ``block`` and what its deletion removes or unlinks, for :func:`schedule_block_restore`."""
    snapshot = {
        **{name: getattr(block, name) for name in SNAPSHOT_FIELDS},
        "exceptions": [
            {"id": e.pk, "original_start": e.original_start, **{name: getattr(e, name) for name in EXCEPTION_FIELDS}}
            for e in block.exceptions.all()
        ],
        "reminder_deliveries": [
            {"id": d.pk, "occurrence_start": d.occurrence_start, "notification_id": d.notification_id}
            for d in block.reminder_deliveries.all()
        ],
        "study_session_ids": list(block.study_sessions.values_list("pk", flat=True)),
    }
    recorded: dict[str, Any] = jsonable(snapshot)
    return recorded


@transaction.atomic
def schedule_block_restore(*, user: User, snapshot: Mapping[str, Any]) -> ScheduleBlock:
    """Re-create a deleted block of ``user`` from its :func:`block_snapshot`, with the same id.

    Its exceptions, reminder deliveries and session links come back too; links to goals, courses,
    topics or notifications that no longer exist (or are not ``user``'s) stay empty. Refused (409)
    while a block with that id exists.
    """
    if ScheduleBlock.objects.filter(pk=snapshot["id"]).exists():
        raise Conflict("This schedule block exists again.", code="undo_conflict")
    goal = Goal.objects.filter(user=user, pk=snapshot["goal_id"]).first() if snapshot["goal_id"] else None
    course, topic = surviving_links(user=user, course_id=snapshot["course_id"], topic_id=snapshot["topic_id"])
    block = ScheduleBlock(
        id=UUID(str(snapshot["id"])),
        user=user,
        goal=goal,
        course=course,
        topic=topic,
        start_time=_moment(snapshot["start_time"]),
        end_time=_moment(snapshot["end_time"]),
        **{name: snapshot[name] for name in RESTORED_FIELDS},
    )
    _validate(block)
    block.save(force_insert=True)
    block.created_at = _moment(snapshot["created_at"])
    ScheduleBlock.objects.filter(pk=block.pk).update(created_at=block.created_at)
    OccurrenceException.objects.bulk_create(
        OccurrenceException(
            id=e["id"],
            block=block,
            original_start=_moment(e["original_start"]),
            completed=e["completed"],
            cancelled=e["cancelled"],
            new_start=_moment(e["new_start"]) if e["new_start"] else None,
            new_end=_moment(e["new_end"]) if e["new_end"] else None,
        )
        for e in snapshot["exceptions"]
    )
    deliveries = snapshot["reminder_deliveries"]
    named = [d["notification_id"] for d in deliveries if d["notification_id"]]
    notifications = {str(pk) for pk in notification_list(user=user).filter(pk__in=named).values_list("pk", flat=True)}
    ReminderDelivery.objects.bulk_create(
        ReminderDelivery(
            id=d["id"],
            block=block,
            occurrence_start=_moment(d["occurrence_start"]),
            notification_id=d["notification_id"] if d["notification_id"] in notifications else None,
        )
        for d in deliveries
    )
    StudySession.objects.filter(user=user, pk__in=snapshot["study_session_ids"], block__isnull=True).update(block=block)
    publish(user_id=user.pk, event=events.SCHEDULE_CREATED, data=block_payload(block))
    return block


@transaction.atomic
def occurrence_complete(*, block: ScheduleBlock, occurrence_start: datetime, completed: bool = True) -> None:
    """Mark one occurrence done (or not done) without touching the rest of the series."""
    _check_occurrence(block, occurrence_start)
    if not block.recurrence_rule:
        schedule_block_update(block=block, data={"completed": completed})
        return
    exception, _ = OccurrenceException.objects.select_for_update().get_or_create(
        block=block, original_start=occurrence_start
    )
    exception.completed = completed
    exception.save()
    _publish_occurrence(block, occurrence_start, "completed" if completed else "reopened")


@transaction.atomic
def occurrence_move(
    *, block: ScheduleBlock, occurrence_start: datetime, start_time: datetime, end_time: datetime
) -> OccurrenceException | None:
    """Move one occurrence to ``start_time``-``end_time``; the series keeps its times.

    Answers the occurrence's exception; a one-off block is moved itself, and answers None.
    """
    _check_occurrence(block, occurrence_start)
    errors = _window_errors(start_time=start_time, end_time=end_time)
    if errors:
        raise ValidationError(errors)
    if end_time <= start_time:
        raise ValidationError({"end_time": ["end_time must be after start_time."]})
    if not block.recurrence_rule:
        schedule_block_update(block=block, data={"start_time": start_time, "end_time": end_time})
        return None
    exception, _ = OccurrenceException.objects.select_for_update().get_or_create(
        block=block, original_start=occurrence_start
    )
    if exception.cancelled:
        raise ValidationError({"occurrence_start": ["This occurrence is cancelled."]})
    exception.new_start, exception.new_end = start_time, end_time
    exception.save()
    _publish_occurrence(block, occurrence_start, "moved")
    return exception


@transaction.atomic
def occurrence_cancel(*, block: ScheduleBlock, occurrence_start: datetime) -> OccurrenceException:
    """Cancel one occurrence of a block; the others stay. Answers the occurrence's exception."""
    _check_occurrence(block, occurrence_start)
    exception, _ = OccurrenceException.objects.select_for_update().get_or_create(
        block=block, original_start=occurrence_start
    )
    exception.cancelled = True
    exception.new_start = exception.new_end = None
    exception.save()
    _publish_occurrence(block, occurrence_start, "cancelled")
    return exception


@transaction.atomic
def occurrence_restore(
    *, block: ScheduleBlock, occurrence_start: datetime, previous: Mapping[str, Any] | None = None
) -> None:
    """Put one occurrence back as it was: its exception's ``previous`` values, or none (as the series has it)."""
    _check_occurrence(block, occurrence_start)
    exception = (
        OccurrenceException.objects.select_for_update().filter(block=block, original_start=occurrence_start).first()
    )
    if previous is None:
        if exception is not None:
            exception.delete()
    else:
        unknown = set(previous) - set(EXCEPTION_FIELDS)
        if unknown:
            raise ValidationError({name: ["This field cannot be restored."] for name in sorted(unknown)})
        exception = exception or OccurrenceException(block=block, original_start=occurrence_start)
        exception.completed = bool(previous.get("completed", False))
        exception.cancelled = bool(previous.get("cancelled", False))
        new_start, new_end = previous.get("new_start"), previous.get("new_end")
        if (new_start is None) != (new_end is None) or (new_start is not None and new_end <= new_start):
            raise ValidationError({"new_end": ["A moved occurrence needs a start before its end."]})
        exception.new_start, exception.new_end = new_start, new_end
        exception.save()
    _publish_occurrence(block, occurrence_start, "restored")


def _check_occurrence(block: ScheduleBlock, occurrence_start: datetime) -> None:
    if not is_occurrence(block, occurrence_start):
        raise ValidationError({"occurrence_start": ["The block has no occurrence starting then."]})


def _publish_occurrence(block: ScheduleBlock, occurrence_start: datetime, change: str) -> None:
    publish(
        user_id=block.user_id,
        event=events.SCHEDULE_OCCURRENCE_UPDATED,
        data={"block_id": str(block.pk), "occurrence_start": utc_iso(occurrence_start), "change": change},
    )


def _moment(value: str) -> datetime:
    moment = parse_datetime(value)
    if moment is None:
        raise ValidationError(f"{value!r} is not a date and time.")
    return moment


def _owned_goal(*, user: User, goal_id: Any) -> Goal | None:
    if goal_id is None:
        return None
    goal = Goal.objects.filter(user=user, pk=goal_id).first()
    if goal is None:
        raise ValidationError({"goal_id": ["No such goal."]})
    return goal


def _window_errors(**moments: datetime) -> dict[str, list[str]]:
    """The messages of the ``moments`` outside the accepted window, by name."""
    errors = {}
    for name, moment in moments.items():
        try:
            validate_moment(moment)
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


def _validate(block: ScheduleBlock) -> None:
    """Refuse a block whose times, zone, reminder or rule are unusable; note when its series ends."""
    errors = _window_errors(start_time=block.start_time, end_time=block.end_time)
    if not errors and block.end_time <= block.start_time:
        errors["end_time"] = ["end_time must be after start_time."]
    try:
        validate_timezone(block.timezone)
    except ValidationError as exc:
        errors["timezone"] = exc.messages
    if block.reminder_minutes is not None and not 0 <= block.reminder_minutes <= MAX_REMINDER_MINUTES:
        errors["reminder_minutes"] = [f"Between 0 and {MAX_REMINDER_MINUTES} minutes."]
    if errors:
        raise ValidationError(errors)
    block.series_end = series_end(block)  # refuses an unusable rule
