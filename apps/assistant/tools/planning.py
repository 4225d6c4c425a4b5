"""Tools over the planning services: goals, schedule blocks and occurrences, study sessions."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any, Literal

from django.core.exceptions import ValidationError
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.tools import changes
from apps.assistant.tools.learning import Title, course_named, find_by_title
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.learning.models import Topic
from apps.planning.models import Goal, OccurrenceException, ScheduleBlock, StudySession
from apps.planning.recurrence import weekdays_shifted
from apps.planning.selectors import goals as goal_selectors
from apps.planning.selectors import schedule as schedule_selectors
from apps.planning.selectors import sessions as session_selectors
from apps.planning.services import goals as goal_services
from apps.planning.services import schedule as schedule_services
from apps.planning.services import sessions as session_services
from maigie.encoding import utc_iso
from maigie.errors import Conflict

LOCAL_DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"
MAX_LISTED = 50


def _local(user: User, value: str) -> datetime.datetime:
    """``YYYY-MM-DDTHH:MM`` on the learner's wall clock, as an aware datetime."""
    return datetime.datetime.fromisoformat(value).replace(tzinfo=zoneinfo.ZoneInfo(user.timezone))


def _when(moment: datetime.datetime, user: User) -> str:
    return moment.astimezone(zoneinfo.ZoneInfo(user.timezone)).strftime("%a %d %b %H:%M")


def goal_named(user: User, reference: str) -> Goal:
    """One of the learner's goals, by id or title."""
    goal: Goal = find_by_title(goal_selectors.goal_list(user=user), reference, field="title", kind="goal")
    return goal


def only_change(recorded: list[Change]) -> Change:
    """The one change an action recorded; an action logged before it recorded any cannot be undone."""
    if not recorded:
        raise Conflict("This action was logged without what it changed; it cannot be undone.", code="not_undoable")
    return recorded[0]


def block_named(user: User, reference: str) -> ScheduleBlock:
    """One of the learner's schedule blocks, by id or title."""
    block: ScheduleBlock = find_by_title(
        schedule_selectors.block_list(user=user), reference, field="title", kind="block"
    )
    return block


# --- goals -----------------------------------------------------------------------------------


class CreateGoal(Arguments):
    """Set a goal, with its tasks in order."""

    title: Title
    description: str = ""
    target_date: datetime.date | None = None
    priority: Literal["LOW", "MEDIUM", "HIGH"] = "MEDIUM"
    tasks: list[str] = Field(default_factory=list, max_length=50)


def create_goal(user: User, arguments: CreateGoal) -> ToolOutcome:
    goal = goal_services.goal_create(
        user=user,
        title=arguments.title,
        description=arguments.description,
        target_date=arguments.target_date,
        priority=arguments.priority,
        tasks=[{"title": title} for title in arguments.tasks],
        is_ai_generated=True,
    )
    return ToolOutcome(
        result={"goal_id": str(goal.pk), "summary": f"Set the goal “{goal.title}” with {len(arguments.tasks)} tasks."},
        changes=changes.created(goal),
    )


def undo_create_goal(user: User, recorded: list[Change]) -> None:
    goal_services.goal_delete(goal=Goal.objects.get(pk=recorded[0].pk))


class UpdateGoal(Arguments):
    """Change a goal's title, target date, priority or status."""

    goal: str = Field(description="The goal's title or id")
    title: Title | None = None
    target_date: datetime.date | None = None
    priority: Literal["LOW", "MEDIUM", "HIGH"] | None = None
    status: Literal["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "ABANDONED"] | None = None


def update_goal(user: User, arguments: UpdateGoal) -> ToolOutcome:
    goal = goal_named(user, arguments.goal)
    data = arguments.model_dump(exclude_none=True, exclude={"goal"})
    before = changes.values(goal, data)
    goal = goal_services.goal_update(goal=goal, data=data)
    return ToolOutcome(
        result={"goal_id": str(goal.pk), "summary": f"Updated the goal “{goal.title}”."},
        changes=(changes.change(goal, "updated", before=before),),
    )


def undo_update_goal(user: User, recorded: list[Change]) -> None:
    goal_services.goal_update(goal=Goal.objects.get(pk=recorded[0].pk), data=changes.before_values(recorded[0]))


# --- schedule --------------------------------------------------------------------------------


class ListGoals(Arguments):
    """List the learner's goals (open ones unless a status is given) with target date, progress and tasks done."""

    status: Literal["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "ABANDONED"] | None = None


def list_goals(user: User, arguments: ListGoals) -> ToolOutcome:
    goals = goal_selectors.goal_list(user=user, status=arguments.status, ordering="target_date")
    if arguments.status is None:
        goals = goals.filter(status__in=goal_selectors.ACTIVE_GOAL_STATUSES)
    rows = [
        {
            "goal": goal.title,
            "status": goal.status,
            "target_date": goal.target_date.isoformat() if goal.target_date else None,
            "progress": goal.progress,
            "tasks_done": sum(task.completed for task in goal.tasks.all()),
            "tasks": len(goal.tasks.all()),
        }
        for goal in goals[:MAX_LISTED]
    ]
    listed = "; ".join(
        f"{row['goal']} ({row['tasks_done']}/{row['tasks']} tasks"
        + (f", due {row['target_date']})" if row["target_date"] else ")")
        for row in rows
    )
    summary = f"{len(rows)} goal(s): {listed}." if rows else "You have no goals there yet."
    return ToolOutcome(result={"goals": rows, "summary": summary})


class CreateScheduleBlock(Arguments):
    """Schedule a study block, once or recurring (RFC 5545 RRULE), with an optional reminder."""

    title: Title
    start: str = Field(pattern=LOCAL_DATETIME, description="Local start, YYYY-MM-DDTHH:MM")
    duration_minutes: int = Field(default=60, ge=5, le=24 * 60)
    recurrence_rule: str = Field(default="", description='e.g. "FREQ=WEEKLY;BYDAY=TU,TH"')
    reminder_minutes: int | None = Field(default=None, ge=0, le=7 * 24 * 60)
    course: str | None = Field(default=None, description="The course's title or id")
    goal: str | None = Field(default=None, description="The goal's title or id")


def create_schedule_block(user: User, arguments: CreateScheduleBlock) -> ToolOutcome:
    start = _local(user, arguments.start)
    course = course_named(user, arguments.course) if arguments.course else None
    goal = goal_named(user, arguments.goal) if arguments.goal else None
    block = schedule_services.schedule_block_create(
        user=user,
        title=arguments.title,
        start_time=start,
        end_time=start + datetime.timedelta(minutes=arguments.duration_minutes),
        recurrence_rule=arguments.recurrence_rule,
        reminder_minutes=arguments.reminder_minutes,
        course_id=course.pk if course else None,
        goal_id=goal.pk if goal else None,
        is_ai_generated=True,
    )
    conflicts = schedule_selectors.block_conflicts(block=block)
    repeat = " (recurring)" if block.recurrence_rule else ""
    warning = f" It overlaps {len(conflicts)} other occurrence(s)." if conflicts else ""
    return ToolOutcome(
        result={
            "block_id": str(block.pk),
            "conflicts": [
                {"title": c.other.block.title, "start": utc_iso(c.other.start)} for c in conflicts[:MAX_LISTED]
            ],
            "summary": f"Scheduled “{block.title}” from {_when(block.start_time, user)}{repeat}.{warning}",
        },
        changes=changes.created(block),
    )


def undo_create_schedule_block(user: User, recorded: list[Change]) -> None:
    schedule_services.schedule_block_delete(block=ScheduleBlock.objects.get(pk=recorded[0].pk))


def _occurrence_on(user: User, block: ScheduleBlock, day: datetime.date) -> Any:
    zone = zoneinfo.ZoneInfo(user.timezone)
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    found = [
        occurrence
        for occurrence in schedule_selectors.occurrences_in_window(
            user=user, start=start, end=start + datetime.timedelta(1)
        )
        if occurrence.block.pk == block.pk
    ]
    if not found:
        raise ValidationError({"occurrence_date": [f"“{block.title}” has no occurrence on {day.isoformat()}."]})
    return found[0]


def _exception_before(block: ScheduleBlock, occurrence_start: datetime.datetime) -> dict[str, Any] | None:
    """The values of an occurrence's exception before an action changes it; None when it has none."""
    exception = block.exceptions.filter(original_start=occurrence_start).first()
    return None if exception is None else changes.values(exception, schedule_services.EXCEPTION_FIELDS)


def _exception_change(exception: OccurrenceException, before: dict[str, Any] | None) -> Change:
    return (
        changes.change(exception, "created") if before is None else changes.change(exception, "updated", before=before)
    )


def _restore_occurrence(recorded: Change) -> None:
    """Put the occurrence an action moved or cancelled back as it was."""
    exception = OccurrenceException.objects.select_related("block").get(pk=recorded.pk)
    previous = changes.before_values(recorded) if recorded.op == "updated" else None
    schedule_services.occurrence_restore(
        block=exception.block, occurrence_start=exception.original_start, previous=previous
    )


class MoveScheduleBlock(Arguments):
    """Move a block (the whole series), or only its occurrence on ``occurrence_date``."""

    block: str = Field(description="The block's title or id")
    start: str | None = Field(default=None, pattern=LOCAL_DATETIME, description="New local start, YYYY-MM-DDTHH:MM")
    duration_minutes: int | None = Field(default=None, ge=5, le=24 * 60)
    occurrence_date: datetime.date | None = None


def move_schedule_block(user: User, arguments: MoveScheduleBlock) -> ToolOutcome:
    block = block_named(user, arguments.block)
    length = datetime.timedelta(minutes=arguments.duration_minutes) if arguments.duration_minutes else None
    if arguments.occurrence_date is not None and block.recurrence_rule:
        occurrence = _occurrence_on(user, block, arguments.occurrence_date)
        start = _local(user, arguments.start) if arguments.start else occurrence.start
        end = start + (length or occurrence.end - occurrence.start)
        before = _exception_before(block, occurrence.original_start)
        exception = schedule_services.occurrence_move(
            block=block, occurrence_start=occurrence.original_start, start_time=start, end_time=end
        )
        assert exception is not None  # a recurring block's occurrence moves by its exception
        return ToolOutcome(
            result={"block_id": str(block.pk), "summary": f"Moved “{block.title}” to {_when(start, user)}."},
            changes=(_exception_change(exception, before),),
        )
    if arguments.occurrence_date is not None:
        _occurrence_on(user, block, arguments.occurrence_date)  # a one-off block: moving it moves its occurrence
    before = changes.values(block, ["start_time", "end_time", "recurrence_rule"])
    start = _local(user, arguments.start) if arguments.start else block.start_time
    end = start + (length or block.end_time - block.start_time)
    block = schedule_services.schedule_block_update(
        block=block, data={"start_time": start, "end_time": end, "recurrence_rule": _rule_moved(block, start)}
    )
    return ToolOutcome(
        result={"block_id": str(block.pk), "summary": f"Moved “{block.title}” to {_when(start, user)}."},
        changes=(changes.change(block, "updated", before=before),),
    )


def _rule_moved(block: ScheduleBlock, start: datetime.datetime) -> str:
    """The series' rule for its new first start: weekly weekdays move by as many days as the start's weekday does
    ("move orgo review to fridays": BYDAY=TH becomes FR), so the series meets on the day it was moved to."""
    zone = zoneinfo.ZoneInfo(block.timezone)
    days = start.astimezone(zone).weekday() - block.start_time.astimezone(zone).weekday()
    return weekdays_shifted(block.recurrence_rule, days=days) if block.recurrence_rule else ""


def undo_move_schedule_block(user: User, recorded: list[Change]) -> None:
    moved = only_change(recorded)
    if moved.model == OccurrenceException._meta.label_lower:
        _restore_occurrence(moved)
        return
    schedule_services.schedule_block_update(
        block=ScheduleBlock.objects.get(pk=moved.pk), data=changes.before_values(moved)
    )


class CancelScheduleBlock(Arguments):
    """Cancel one occurrence (``occurrence_date``) or delete the whole block."""

    block: str = Field(description="The block's title or id")
    occurrence_date: datetime.date | None = None


def cancel_schedule_block(user: User, arguments: CancelScheduleBlock) -> ToolOutcome:
    block = block_named(user, arguments.block)
    if arguments.occurrence_date is not None:
        occurrence = _occurrence_on(user, block, arguments.occurrence_date)
        before = _exception_before(block, occurrence.original_start)
        exception = schedule_services.occurrence_cancel(block=block, occurrence_start=occurrence.original_start)
        recorded = _exception_change(exception, before)
        summary = f"Cancelled “{block.title}” on {_when(occurrence.start, user)}."
    else:
        recorded = changes.change(block, "deleted", before=schedule_services.block_snapshot(block))
        schedule_services.schedule_block_delete(block=block)
        summary = f"Deleted “{block.title}” from your schedule."
    return ToolOutcome(result={"block_id": recorded.pk, "summary": summary}, changes=(recorded,))


def undo_cancel_schedule_block(user: User, recorded: list[Change]) -> None:
    cancelled = only_change(recorded)
    if cancelled.op == "deleted":
        schedule_services.schedule_block_restore(user=user, snapshot=cancelled.before)
    else:
        _restore_occurrence(cancelled)


class ListSchedule(Arguments):
    """List what is scheduled between two dates (inclusive, local)."""

    start: datetime.date
    end: datetime.date


def list_schedule(user: User, arguments: ListSchedule) -> ToolOutcome:
    zone = zoneinfo.ZoneInfo(user.timezone)
    start = datetime.datetime.combine(arguments.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(arguments.end + datetime.timedelta(1), datetime.time.min, tzinfo=zone)
    if end <= start:
        raise ValidationError({"end": ["The end date must not be before the start date."]})
    occurrences = schedule_selectors.occurrences_in_window(user=user, start=start, end=end)[:MAX_LISTED]
    rows = [
        {"title": o.block.title, "start": utc_iso(o.start), "end": utc_iso(o.end), "completed": o.completed}
        for o in occurrences
    ]
    listed = "; ".join(f"{_when(o.start, user)} {o.block.title}" for o in occurrences)
    summary = f"{len(rows)} block(s): {listed}." if rows else "Nothing is scheduled then."
    return ToolOutcome(result={"occurrences": rows, "summary": summary})


# --- study sessions --------------------------------------------------------------------------


class StartStudySession(Arguments):
    """Start timing a study session now."""

    course: str | None = Field(default=None, description="The course's title or id")
    topic: str | None = Field(default=None, description="The topic's title or id")


def start_study_session(user: User, arguments: StartStudySession) -> ToolOutcome:
    course = course_named(user, arguments.course) if arguments.course else None
    topic = None
    if arguments.topic:
        topics = Topic.objects.filter(module__course__user=user).select_related("module__course")
        topic = find_by_title(
            topics.filter(module__course=course) if course else topics, arguments.topic, field="title", kind="topic"
        )
        course = topic.module.course
    session = session_services.study_session_start(
        user=user, course_id=course.pk if course else None, topic_id=topic.pk if topic else None
    )
    studied = [f"“{item.title}”" for item in (topic, course) if item is not None]
    subject = f" on {' in '.join(studied)}" if studied else ""
    return ToolOutcome(
        result={"session_id": str(session.pk), "summary": f"Started a study session{subject}."},
        changes=changes.created(session),
    )


def undo_start_study_session(user: User, recorded: list[Change]) -> None:
    session_services.study_session_delete(session=StudySession.objects.get(pk=only_change(recorded).pk))


class StopStudySession(Arguments):
    """Stop the running study session."""


def stop_study_session(user: User, arguments: StopStudySession) -> ToolOutcome:
    running = session_selectors.session_list(user=user, running=True).first()
    if running is None:
        raise ValidationError({"session": ["No study session is running."]})
    before = changes.values(running, ["ended_at"])
    session: StudySession = session_services.study_session_stop(session=running)
    assert session.ended_at is not None
    minutes = round((session.ended_at - session.started_at).total_seconds() / 60)
    return ToolOutcome(
        result={"session_id": str(session.pk), "summary": f"Stopped your session after {minutes} min."},
        changes=(changes.change(session, "updated", before=before),),
    )


def undo_stop_study_session(user: User, recorded: list[Change]) -> None:
    session_services.study_session_reopen(session=StudySession.objects.get(pk=only_change(recorded).pk))


for tool in (
    Tool("create_goal", CreateGoal.__doc__ or "", CreateGoal, create_goal, undo_create_goal,
         object_count=lambda arguments: 1 + len(arguments.tasks)),
    Tool("update_goal", UpdateGoal.__doc__ or "", UpdateGoal, update_goal, undo_update_goal),
    Tool("list_goals", ListGoals.__doc__ or "", ListGoals, list_goals),
    Tool("create_schedule_block", CreateScheduleBlock.__doc__ or "", CreateScheduleBlock, create_schedule_block,
         undo_create_schedule_block),
    Tool("move_schedule_block", MoveScheduleBlock.__doc__ or "", MoveScheduleBlock, move_schedule_block,
         undo_move_schedule_block),
    Tool("cancel_schedule_block", CancelScheduleBlock.__doc__ or "", CancelScheduleBlock, cancel_schedule_block,
         undo_cancel_schedule_block, destructive=True),
    Tool("list_schedule", ListSchedule.__doc__ or "", ListSchedule, list_schedule),
    Tool("start_study_session", StartStudySession.__doc__ or "", StartStudySession, start_study_session,
         undo_start_study_session),
    Tool("stop_study_session", StopStudySession.__doc__ or "", StopStudySession, stop_study_session,
         undo_stop_study_session),
):  # fmt: skip
    register(tool)
