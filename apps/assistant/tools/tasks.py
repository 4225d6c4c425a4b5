"""Tools over goal tasks (add, complete, reopen, date), notes (tags, deletion), and schedule conflicts."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Annotated, Any, Self

from django.core.exceptions import ValidationError
from django.utils import timezone
from pydantic import Field, StringConstraints, model_validator

from apps.accounts.models import User
from apps.assistant.tools import changes
from apps.assistant.tools.learning import Title, find_by_title
from apps.assistant.tools.planning import MAX_LISTED, goal_named, only_change
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.learning import selectors as learning_selectors
from apps.learning import services as learning_services
from apps.learning.models import Note
from apps.planning.models import Task
from apps.planning.selectors import schedule as schedule_selectors
from apps.planning.services import goals as goal_services
from maigie.encoding import utc_iso
from maigie.fields import END_OF_DAY

CONFLICT_WINDOW_DAYS = 7
MAX_CONFLICT_WINDOW_DAYS = 92
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


def due_moment(user: User, day: datetime.date) -> datetime.datetime:
    """A task due on ``day``: the end of that day (23:59) on the learner's wall clock."""
    return datetime.datetime.combine(day, END_OF_DAY, tzinfo=zoneinfo.ZoneInfo(user.timezone))


def task_named(user: User, reference: str, goal: str | None = None) -> Task:
    """One task of the learner's goals, by id or title, of ``goal`` when given."""
    tasks = Task.objects.filter(goal__user=user).select_related("goal")
    if goal:
        tasks = tasks.filter(goal=goal_named(user, goal))
    task: Task = find_by_title(tasks, reference, field="title", kind="task")
    return task


def _task_updated(task: Task, data: dict[str, Any], summary: str) -> ToolOutcome:
    before = changes.values(task, data)
    task = goal_services.task_update(task=task, data=data)
    return ToolOutcome(
        result={"task_id": str(task.pk), "goal_id": str(task.goal_id), "summary": summary.format(task=task.title)},
        changes=(changes.change(task, "updated", before=before),),
    )


def undo_task_update(user: User, recorded: list[Change]) -> None:
    updated = only_change(recorded)
    goal_services.task_update(task=Task.objects.get(pk=updated.pk), data=changes.before_values(updated))


# --- goal tasks ------------------------------------------------------------------------------


class AddGoalTask(Arguments):
    """Add a task at the end of a goal, optionally due on a date."""

    goal: str = Field(description="The goal's title or id")
    title: Title
    due_date: datetime.date | None = None


def add_goal_task(user: User, arguments: AddGoalTask) -> ToolOutcome:
    goal = goal_named(user, arguments.goal)
    deadline = due_moment(user, arguments.due_date) if arguments.due_date else None
    task = goal_services.task_create(goal=goal, title=arguments.title.strip(), deadline=deadline)
    due = f", due {arguments.due_date.isoformat()}" if arguments.due_date else ""
    return ToolOutcome(
        result={
            "task_id": str(task.pk),
            "goal_id": str(goal.pk),
            "summary": f"Added “{task.title}” to “{goal.title}”{due}.",
        },
        changes=changes.created(task),
    )


def undo_add_goal_task(user: User, recorded: list[Change]) -> None:
    goal_services.task_delete(task=Task.objects.get(pk=only_change(recorded).pk))


class CompleteGoalTask(Arguments):
    """Mark a goal's task done."""

    task: str = Field(description="The task's title or id")
    goal: str | None = Field(default=None, description="The goal it belongs to, when the title is ambiguous")


def complete_goal_task(user: User, arguments: CompleteGoalTask) -> ToolOutcome:
    task = task_named(user, arguments.task, arguments.goal)
    return _task_updated(task, {"completed": True}, "Marked “{task}” done.")


class ReopenGoalTask(Arguments):
    """Mark a done task of a goal as not done."""

    task: str = Field(description="The task's title or id")
    goal: str | None = Field(default=None, description="The goal it belongs to, when the title is ambiguous")


def reopen_goal_task(user: User, arguments: ReopenGoalTask) -> ToolOutcome:
    task = task_named(user, arguments.task, arguments.goal)
    return _task_updated(task, {"completed": False}, "Reopened “{task}”.")


class DateGoalTask(Arguments):
    """Set the date a goal's task is due."""

    task: str = Field(description="The task's title or id")
    due_date: datetime.date
    goal: str | None = Field(default=None, description="The goal it belongs to, when the title is ambiguous")


def date_goal_task(user: User, arguments: DateGoalTask) -> ToolOutcome:
    task = task_named(user, arguments.task, arguments.goal)
    deadline = due_moment(user, arguments.due_date)
    return _task_updated(task, {"deadline": deadline}, f"“{{task}}” is now due {arguments.due_date.isoformat()}.")


# --- note tags -------------------------------------------------------------------------------


class TagNote(Arguments):
    """Add tags to a note and/or remove tags from it."""

    note: str = Field(description="The note's title or id")
    add: list[Tag] = Field(default_factory=list, max_length=20)
    remove: list[Tag] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _some_tag(self) -> Self:
        if not self.add and not self.remove:
            raise ValueError("Name a tag to add or to remove.")
        return self


def note_named(user: User, reference: str) -> Note:
    """One of the learner's notes (archived ones too), by id or title."""
    note: Note = find_by_title(
        learning_selectors.note_list(user=user, archived=None), reference, field="title", kind="note"
    )
    return note


def tag_note(user: User, arguments: TagNote) -> ToolOutcome:
    note = note_named(user, arguments.note)
    removed = {tag.strip().lower() for tag in arguments.remove}
    kept = [tag for tag in note.tags if tag not in removed]
    before = changes.values(note, ["tags"])
    note = learning_services.note_update(note=note, data={"tags": [*kept, *arguments.add]})
    listed = ", ".join(f"#{tag}" for tag in note.tags) or "no tags"
    return ToolOutcome(
        result={"note_id": str(note.pk), "tags": note.tags, "summary": f"“{note.title}” now has {listed}."},
        changes=(changes.change(note, "updated", before=before),),
    )


def undo_tag_note(user: User, recorded: list[Change]) -> None:
    tagged = only_change(recorded)
    learning_services.note_update(note=Note.objects.get(pk=tagged.pk), data=changes.before_values(tagged))


class DeleteNote(Arguments):
    """Delete a note (flashcards and quizzes made from it stay, unlinked until an undo)."""

    note: str = Field(description="The note's title or id")


def delete_note(user: User, arguments: DeleteNote) -> ToolOutcome:
    note = note_named(user, arguments.note)
    recorded = changes.change(note, "deleted", before=learning_services.note_snapshot(note))
    learning_services.note_delete(note=note)
    return ToolOutcome(
        result={"note_id": recorded.pk, "summary": f"Deleted the note “{note.title}”."}, changes=(recorded,)
    )


def undo_delete_note(user: User, recorded: list[Change]) -> None:
    learning_services.note_restore(user=user, snapshot=only_change(recorded).before)


# --- schedule conflicts ----------------------------------------------------------------------


class FindScheduleConflicts(Arguments):
    """List the scheduled occurrences that overlap, between two dates (inclusive, local; default the next 7 days)."""

    start: datetime.date | None = None
    end: datetime.date | None = None


def find_schedule_conflicts(user: User, arguments: FindScheduleConflicts) -> ToolOutcome:
    zone = zoneinfo.ZoneInfo(user.timezone)
    first = arguments.start or timezone.now().astimezone(zone).date()
    last = arguments.end or first + datetime.timedelta(CONFLICT_WINDOW_DAYS - 1)
    if last < first:
        raise ValidationError({"end": ["The end date must not be before the start date."]})
    if (last - first).days >= MAX_CONFLICT_WINDOW_DAYS:
        raise ValidationError({"end": [f"At most {MAX_CONFLICT_WINDOW_DAYS} days at a time."]})
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(1), datetime.time.min, tzinfo=zone)
    occurrences = sorted(
        schedule_selectors.occurrences_in_window(user=user, start=start, end=end), key=lambda o: (o.start, o.end)
    )
    pairs = [
        (one, other)
        for index, one in enumerate(occurrences)
        for other in occurrences[index + 1 :]
        if other.start < one.end
    ][:MAX_LISTED]
    rows = [
        {
            "first": {"title": one.block.title, "start": utc_iso(one.start), "end": utc_iso(one.end)},
            "second": {"title": other.block.title, "start": utc_iso(other.start), "end": utc_iso(other.end)},
        }
        for one, other in pairs
    ]
    listed = "; ".join(
        f"“{one.block.title}” and “{other.block.title}” on {one.start.astimezone(zone):%a %d %b %H:%M}"
        for one, other in pairs
    )
    summary = f"{len(rows)} overlap(s): {listed}." if rows else "Nothing overlaps in your schedule then."
    return ToolOutcome(result={"conflicts": rows, "summary": summary})


for tool in (
    Tool("add_goal_task", AddGoalTask.__doc__ or "", AddGoalTask, add_goal_task, undo_add_goal_task),
    Tool("complete_goal_task", CompleteGoalTask.__doc__ or "", CompleteGoalTask, complete_goal_task,
         undo_task_update),
    Tool("reopen_goal_task", ReopenGoalTask.__doc__ or "", ReopenGoalTask, reopen_goal_task, undo_task_update),
    Tool("date_goal_task", DateGoalTask.__doc__ or "", DateGoalTask, date_goal_task, undo_task_update),
    Tool("tag_note", TagNote.__doc__ or "", TagNote, tag_note, undo_tag_note),
    Tool("delete_note", DeleteNote.__doc__ or "", DeleteNote, delete_note, undo_delete_note, destructive=True),
    Tool("find_schedule_conflicts", FindScheduleConflicts.__doc__ or "", FindScheduleConflicts,
         find_schedule_conflicts),
):  # fmt: skip
    register(tool)
